"""The owner's police contacts: phones in E.164 read as the store's country's, network members
recognised by their email, bad input refused beside its field with nothing typed lost, and
nobody but the owner of the store reaching them."""

from __future__ import annotations

import datetime as dt

import pytest
from django_tenants.utils import schema_context

from networks.models import Membership
from police.contact_services import contact_create, contact_delete, contact_update
from police.models import FollowUp, Meeting, PoliceContact, Reach
from tests.conftest import People, client_for
from tests.factories import MembershipFactory, StoreFactory, UserFactory

pytestmark = pytest.mark.usefixtures("mfa_exempt")

LIST = "/police/contacts/"
NEW = "/police/contacts/new/"


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Dana Reyes",
        "agency": "Springfield Police Department",
        "unit": "Robbery Unit",
        "rank": "Sergeant",
        "phone": "(415) 555-2671",
        "email": "d.reyes@police.example",
        "preferred": "phone",
        "notes": "Works nights; ask for her at the front desk.",
    }
    data.update(overrides)
    return data


def _contact(people: People, **fields: object) -> PoliceContact:
    values: dict[str, object] = {"name": "Sam Ortiz", "agency": "County Sheriff"}
    values.update(fields)
    with schema_context(people.network.schema_name):
        return contact_create(store=people.store, by=people.owner, fields=values)


def test_the_owner_adds_a_contact_with_the_phone_in_e164(north_people: People) -> None:
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post(NEW, _form())
    assert response.status_code == 302
    assert response["Location"] == LIST
    with schema_context("north"):
        contact = PoliceContact.objects.get()
    assert contact.store_id == north_people.store.pk
    assert contact.phone == "+14155552671"
    assert (contact.name, contact.rank, contact.unit) == ("Dana Reyes", "Sergeant", "Robbery Unit")
    assert contact.created_by_id == north_people.owner.pk
    assert contact.member_user_id is None
    page = owner.get(LIST).content.decode()
    assert "Dana Reyes" in page and "+14155552671" in page
    assert "Network member" not in page


def test_a_phone_without_country_code_is_read_as_the_stores_country(
    db: None, north: object
) -> None:
    with schema_context("north"):
        store = StoreFactory.create(country="GB", display_name="Hatton Garden Gems")
        owner = UserFactory.create(email="owner-gb@north.test")
        MembershipFactory.create(user=owner, role=Membership.Role.STORE_OWNER, store=store)
    client = client_for(north, owner)  # type: ignore[arg-type]
    response = client.post(NEW, _form(phone="020 7946 0958"))
    assert response.status_code == 302
    with schema_context("north"):
        assert PoliceContact.objects.get(store=store).phone == "+442079460958"


def test_a_contact_whose_email_is_a_police_members_is_marked_a_network_member(
    north_people: People,
) -> None:
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post(NEW, _form(email=north_people.police.email.upper()))
    assert response.status_code == 302
    with schema_context("north"):
        contact = PoliceContact.objects.get()
    assert contact.member_user_id == north_people.police.pk
    assert "Network member" in owner.get(LIST).content.decode()

    # The coordinator's address is no law-enforcement membership.
    with schema_context("north"):
        contact = contact_update(
            contact=contact, by=north_people.owner, fields={"email": north_people.coordinator.email}
        )
    assert contact.member_user_id is None


def test_a_police_member_whose_membership_ended_is_no_longer_matched(north_people: People) -> None:
    with schema_context("north"):
        Membership.objects.filter(user_id=north_people.police.pk).update(is_active=False)
    contact = _contact(north_people, email=north_people.police.email)
    assert contact.member_user_id is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12", "Enter a phone number that can be dialled"),
        ("phone", "call me maybe", "Enter a phone number that can be dialled"),
        ("phone", "+1 555 555 55555 5555 555", "Enter a phone number that can be dialled"),
        ("email", "not-an-email", "Enter a valid email address."),
        ("name", "x" * 121, "Ensure this value has at most 120 characters"),
        ("notes", "y" * 501, "Ensure this value has at most 500 characters"),
        ("name", "", "This field is required."),
        ("agency", "!!!", "Use at least one letter or digit."),
        ("preferred", "pigeon", "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_typed_is_lost(
    north_people: People, field: str, value: str, message: str
) -> None:
    owner = client_for(north_people.network, north_people.owner)
    data = _form(**{field: value}, unit="Unit kept as typed")
    response = owner.post(NEW, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Unit kept as typed" in page
    if field != "name":
        assert "Dana Reyes" in page
    with schema_context("north"):
        assert not PoliceContact.objects.exists()


def test_the_preferred_way_needs_its_phone_or_email(north_people: People) -> None:
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post(NEW, _form(preferred="email", email=""))
    assert response.status_code == 200
    assert "Give their email address, or choose another way to reach them." in (
        response.content.decode()
    )
    response = owner.post(NEW, _form(preferred="text", phone=""))
    assert "Give their phone number, or choose another way to reach them." in (
        response.content.decode()
    )
    with schema_context("north"):
        assert not PoliceContact.objects.exists()


def test_script_typed_into_every_field_is_shown_as_text(north_people: People) -> None:
    script = "<script>alert(1)</script>"
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post(
        NEW,
        _form(
            name=f"Dana {script}", agency=f"PD {script}", unit=script, rank="Sgt <b>", notes=script
        ),
    )
    assert response.status_code == 302
    with schema_context("north"):
        contact = PoliceContact.objects.get()
    for path in (LIST, f"/police/contacts/{contact.pk}/"):
        page = owner.get(path).content.decode()
        assert script not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_owner_edits_a_contact_and_a_refused_edit_keeps_what_was_typed(
    north_people: People,
) -> None:
    contact = _contact(north_people, phone="+14155552671", email="s.ortiz@sheriff.example")
    owner = client_for(north_people.network, north_people.owner)
    edit = f"/police/contacts/{contact.pk}/"
    assert "Sam Ortiz" in owner.get(edit).content.decode()
    response = owner.post(edit, _form(name="Sam Ortiz-Lee", phone="nope"))
    assert response.status_code == 200
    assert "Sam Ortiz-Lee" in response.content.decode()
    response = owner.post(edit, _form(name="Sam Ortiz-Lee", phone="415 555 0199"))
    assert response.status_code == 302
    with schema_context("north"):
        contact.refresh_from_db()
    assert (contact.name, contact.phone) == ("Sam Ortiz-Lee", "+14155550199")


def test_removing_a_contact_keeps_their_meetings_and_gives_their_follow_ups_to_the_store(
    north_people: People,
) -> None:
    contact = _contact(north_people)
    with schema_context("north"):
        meeting = Meeting.objects.create(
            store=north_people.store, held_on=dt.date(2026, 1, 5), discussed="Walk-through"
        )
        meeting.contacts.set([contact])
        follow_up = FollowUp.objects.create(
            meeting=meeting,
            store=north_people.store,
            text="Send the camera plan",
            due_on=dt.date(2026, 1, 20),
            contact=contact,
        )
    owner = client_for(north_people.network, north_people.owner)
    delete = f"/police/contacts/{contact.pk}/delete/"
    assert "Sam Ortiz" in owner.get(delete).content.decode()
    response = owner.post(delete)
    assert response.status_code == 302
    with schema_context("north"):
        assert not PoliceContact.objects.filter(pk=contact.pk).exists()
        assert Meeting.objects.filter(pk=meeting.pk).exists()
        follow_up.refresh_from_db()
    assert follow_up.contact is None


def test_contact_delete_service_removes_the_contact(north_people: People) -> None:
    contact = _contact(north_people, preferred=Reach.IN_PERSON)
    with schema_context("north"):
        contact_delete(contact=contact)
        assert not PoliceContact.objects.exists()


@pytest.mark.parametrize("role", ["staff", "coordinator", "police"])
def test_nobody_but_the_owner_reaches_the_contacts(north_people: People, role: str) -> None:
    contact = _contact(north_people)
    client = client_for(north_people.network, getattr(north_people, role))
    for path in (
        LIST,
        NEW,
        f"/police/contacts/{contact.pk}/",
        f"/police/contacts/{contact.pk}/delete/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(NEW, _form()).status_code == 404
    assert client.post(f"/police/contacts/{contact.pk}/", _form(name="Changed")).status_code == 404
    assert client.post(f"/police/contacts/{contact.pk}/delete/").status_code == 404
    with schema_context("north"):
        assert PoliceContact.objects.get().name == "Sam Ortiz"


def test_the_owner_of_another_store_sees_only_their_own_contacts(north_people: People) -> None:
    contact = _contact(north_people)
    other = client_for(north_people.network, north_people.other_store_owner)
    assert "Sam Ortiz" not in other.get(LIST).content.decode()
    assert other.get(f"/police/contacts/{contact.pk}/").status_code == 404
    assert other.post(f"/police/contacts/{contact.pk}/", _form(name="Changed")).status_code == 404
    assert other.post(f"/police/contacts/{contact.pk}/delete/").status_code == 404
    with schema_context("north"):
        assert PoliceContact.objects.get().name == "Sam Ortiz"


def test_another_networks_owner_cannot_open_a_contact(
    north_people: People, lakeshore_people: People
) -> None:
    contact = _contact(north_people)
    for host_network in (north_people.network, lakeshore_people.network):
        client = client_for(host_network, lakeshore_people.owner)
        assert client.get(f"/police/contacts/{contact.pk}/").status_code == 404
