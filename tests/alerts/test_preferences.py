"""A member's alert preferences: channels, a mobile number checked and kept as E.164, quiet
hours (both or neither), the digest; a refused form keeps what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django_tenants.utils import schema_context

from alerts.models import AlertPreference
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "email_on": "on",
        "sms_on": "on",
        "phone": "",
        "quiet_start": "",
        "quiet_end": "",
        "digest": "weekly",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _preference(people: People) -> AlertPreference | None:
    with schema_context(people.network.schema_name):
        return AlertPreference.objects.filter(user_id=people.staff.pk).first()


def test_a_member_without_preferences_sees_the_defaults(north_people: People) -> None:
    page = client_for(north_people.network, north_people.staff).get("/alerts/preferences/")
    assert page.status_code == 200
    form = page.context["form"]
    assert form["email_on"].value() is True
    assert form["digest"].value() == "weekly"
    text = page.content.decode()
    assert "Urgent alerts still come at once" in text
    assert '<label for="id_phone">' in text


def test_a_local_number_is_read_as_the_networks_country_and_kept_as_e164(
    north_people: People, lakeshore_people: People
) -> None:
    response = client_for(north_people.network, north_people.staff).post(
        "/alerts/preferences/",
        _form(phone="(201) 555-0123", quiet_start="22:00", quiet_end="07:00", digest="daily"),
    )
    assert response.status_code == 302
    preference = _preference(north_people)
    assert preference is not None
    assert preference.phone == "+12015550123"
    assert (preference.quiet_start, preference.quiet_end) == (dt.time(22), dt.time(7))
    assert preference.digest == "daily"
    page = client_for(north_people.network, north_people.staff).get("/alerts/preferences/")
    assert 'value="+1 201-555-0123"' in page.content.decode()
    # Lakeshore is in Canada: a number without a country code is Canadian there.
    client_for(lakeshore_people.network, lakeshore_people.staff).post(
        "/alerts/preferences/", _form(phone="416 555 0188")
    )
    with schema_context(lakeshore_people.network.schema_name):
        assert (
            AlertPreference.objects.get(user_id=lakeshore_people.staff.pk).phone == "+14165550188"
        )


@pytest.mark.parametrize("typed", ["12345", "not a phone", "+1 555 0000 00000 99", "☎️☎️☎️"])
def test_a_rejected_number_is_explained_and_kept_as_typed(north_people: People, typed: str) -> None:
    response = client_for(north_people.network, north_people.staff).post(
        "/alerts/preferences/", _form(phone=typed)
    )
    assert response.status_code == 200
    assert "Enter a mobile number that can receive text messages" in response.content.decode()
    assert response.context["form"]["phone"].value() == typed
    assert _preference(north_people) is None


@pytest.mark.parametrize(("start", "end"), [("22:00", ""), ("", "07:00")])
def test_quiet_hours_need_both_ends(north_people: People, start: str, end: str) -> None:
    response = client_for(north_people.network, north_people.staff).post(
        "/alerts/preferences/", _form(quiet_start=start, quiet_end=end)
    )
    assert response.status_code == 200
    assert (
        "Give both the start and the end of your quiet hours, or neither."
        in response.content.decode()
    )
    assert _preference(north_people) is None


@pytest.mark.parametrize(
    "overrides",
    [
        {"quiet_start": "25:99", "quiet_end": "07:00"},
        {"digest": "hourly"},
        {"quiet_start": "08:00", "quiet_end": "08:00"},
    ],
)
def test_nonsense_is_refused_without_an_error_page(
    north_people: People, overrides: dict[str, str]
) -> None:
    response = client_for(north_people.network, north_people.staff).post(
        "/alerts/preferences/", _form(**overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert _preference(north_people) is None


def test_turning_channels_off_and_back_on(north_people: People) -> None:
    client = client_for(north_people.network, north_people.staff)
    client.post(
        "/alerts/preferences/", {"digest": "none", "phone": "", "quiet_start": "", "quiet_end": ""}
    )
    preference = _preference(north_people)
    assert preference is not None
    assert (preference.email_on, preference.sms_on, preference.digest) == (False, False, "none")
    client.post("/alerts/preferences/", _form())
    preference = _preference(north_people)
    assert preference is not None and preference.email_on and preference.sms_on


def test_preferences_are_per_network(north_people: People, lakeshore_people: People) -> None:
    client_for(north_people.network, north_people.staff).post(
        "/alerts/preferences/", _form(digest="none")
    )
    with schema_context(lakeshore_people.network.schema_name):
        assert not AlertPreference.objects.exists()
    assert (
        client_for(lakeshore_people.network, north_people.staff)
        .get("/alerts/preferences/")
        .status_code
        == 404
    )
