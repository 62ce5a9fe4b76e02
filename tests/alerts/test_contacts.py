"""Law-enforcement contacts: police who get alerts without an account, kept by the senders
with a record of their consent; phones in E.164, deactivated rather than deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.models import Deputy, LawEnforcementContact
from tests.conftest import People, client_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

NEW = "/alerts/contacts/new/"


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "action": "save",
        "name": "Dana Reyes",
        "agency": "Springfield Police Department",
        "email": "d.reyes@police.example",
        "email_on": "on",
        "phone": "(415) 555-2671",
        "sms_on": "on",
        "consent_note": "Agreed in person at the March meeting",
    }
    data.update(overrides)
    return data


def _contact(schema: str, **fields: object) -> LawEnforcementContact:
    values: dict[str, object] = {
        "name": "Sam Ortiz",
        "agency": "County Sheriff",
        "email": "s.ortiz@sheriff.example",
        "consent_at": timezone.now(),
        "consent_note": "By email, 2 March",
        "created_by_id": 1,
    }
    values.update(fields)
    with schema_context(schema):
        return LawEnforcementContact.objects.create(**values)


def _fresh(contact: LawEnforcementContact, schema: str = "north") -> LawEnforcementContact:
    with schema_context(schema):
        return LawEnforcementContact.objects.get(pk=contact.pk)


def test_the_coordinator_adds_a_contact_with_the_phone_in_e164_and_consent_recorded(
    north_people: People,
) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    before = timezone.now()
    response = coordinator.post(NEW, _form())
    assert response.status_code == 302
    with schema_context("north"):
        contact = LawEnforcementContact.objects.get()
    assert contact.phone == "+14155552671"
    assert contact.consent_note == "Agreed in person at the March meeting"
    assert contact.consent_at >= before
    assert contact.created_by_id == north_people.coordinator.pk
    page = coordinator.get("/alerts/contacts/").content.decode()
    assert "Dana Reyes" in page and "+14155552671" in page


def test_a_number_without_country_code_is_read_as_the_networks_country(
    lakeshore_people: People,
) -> None:
    coordinator = client_for(lakeshore_people.network, lakeshore_people.coordinator)
    response = coordinator.post(NEW, _form(phone="416 555 0199"))
    assert response.status_code == 302
    with schema_context("lakeshore"):
        assert LawEnforcementContact.objects.get().phone == "+14165550199"


@pytest.mark.parametrize("typed", ["555-1234", "not a phone", "+33 1 23 45 67 89", "9" * 39])
def test_a_refused_number_says_why_and_keeps_what_was_typed(
    north_people: People, typed: str
) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    response = coordinator.post(NEW, _form(phone=typed))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a mobile number that can receive text messages" in body or (
        "This is a landline" in body
    )
    assert f'value="{typed}"' in body
    assert 'value="Dana Reyes"' in body
    with schema_context("north"):
        assert not LawEnforcementContact.objects.exists()


def test_consent_must_be_noted(north_people: People) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    response = coordinator.post(NEW, _form(consent_note="   "))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    with schema_context("north"):
        assert not LawEnforcementContact.objects.exists()


def test_a_contact_needs_a_way_to_be_reached(north_people: People) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    no_email = coordinator.post(NEW, _form(email=""))
    assert "Give an email address, or untick email." in no_email.content.decode()
    nothing = coordinator.post(NEW, _form(email="", phone="", email_on="", sms_on=""))
    assert "Choose at least one way to reach them" in nothing.content.decode()
    with schema_context("north"):
        assert not LawEnforcementContact.objects.exists()


def test_editing_keeps_the_consent_time_unless_the_note_changes(north_people: People) -> None:
    contact = _contact("north", consent_at=timezone.now() - dt.timedelta(days=30))
    first_consent = contact.consent_at
    coordinator = client_for(north_people.network, north_people.coordinator)
    url = f"/alerts/contacts/{contact.pk}/"
    page = coordinator.get(url).content.decode()
    assert 'value="Sam Ortiz"' in page
    edited = _form(name="Sam Ortiz Jr", consent_note="By email, 2 March", phone="", sms_on="")
    assert coordinator.post(url, edited).status_code == 302
    contact = _fresh(contact)
    assert contact.name == "Sam Ortiz Jr"
    assert contact.consent_at == first_consent
    renewed = {**edited, "consent_note": "Renewed by phone, 1 April"}
    assert coordinator.post(url, renewed).status_code == 302
    contact = _fresh(contact)
    assert contact.consent_at > first_consent


def test_a_contact_is_deactivated_not_deleted_and_can_come_back(north_people: People) -> None:
    contact = _contact("north")
    coordinator = client_for(north_people.network, north_people.coordinator)
    url = f"/alerts/contacts/{contact.pk}/"
    assert coordinator.post(url, {"action": "deactivate"}).status_code == 302
    contact = _fresh(contact)
    assert contact.is_active is False
    assert "No longer sent to" in coordinator.get("/alerts/contacts/").content.decode()
    assert coordinator.post(url, {"action": "activate"}).status_code == 302
    contact = _fresh(contact)
    assert contact.is_active is True


def test_a_deputy_manages_contacts_too(north_people: People) -> None:
    with schema_context("north"):
        Deputy.objects.create(
            user_id=north_people.staff.pk, appointed_by_id=north_people.coordinator.pk
        )
    deputy = client_for(north_people.network, north_people.staff)
    assert deputy.get("/alerts/contacts/").status_code == 200
    assert deputy.post(NEW, _form()).status_code == 302


def test_only_senders_reach_the_contacts(north_people: People, outsider: object) -> None:
    contact = _contact("north")
    urls = ["/alerts/contacts/", NEW, f"/alerts/contacts/{contact.pk}/"]
    for person in (north_people.owner, north_people.staff, north_people.police, outsider):
        client = client_for(north_people.network, person)  # type: ignore[arg-type]
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
        assert client.post(NEW, _form()).status_code == 404
        refused = client.post(f"/alerts/contacts/{contact.pk}/", {"action": "deactivate"})
        assert refused.status_code == 404
    contact = _fresh(contact)
    assert contact.is_active is True
    with schema_context("north"):
        assert LawEnforcementContact.objects.count() == 1


def test_another_networks_contact_is_not_found(
    north_people: People, lakeshore_people: People
) -> None:
    theirs = _contact("lakeshore")
    coordinator = client_for(north_people.network, north_people.coordinator)
    assert coordinator.get(f"/alerts/contacts/{theirs.pk}/").status_code == 404
    assert (
        coordinator.post(f"/alerts/contacts/{theirs.pk}/", {"action": "deactivate"}).status_code
        == 404
    )
    assert _fresh(theirs, "lakeshore").is_active is True
