"""The security profile: the owner writes it and shares or unshares it with one button; a
law-enforcement member reads a shared one only after stating why, each reading in the owner's
access log; staff, other stores and the coordinator never see it."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from incidents.models import AccessLogEntry
from police.models import SecurityProfile
from police.profile_services import profile_save, profile_share
from tests.conftest import People, client_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

EDIT = "/police/profile/"
SHARE = "/police/profile/share/"
SHARED = "/police/profile/shared/"


def _view(people: People) -> str:
    return f"/police/profile/store/{people.store.pk}/"


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "alarm_company": "Guardian Alarm",
        "alarm_monitoring": "central",
        "holdup_alarm": "Under the main counter and in the office",
        "camera_count": "12",
        "camera_coverage": "Entrance, every showcase, back door, parking lot",
        "camera_retention_days": "30",
        "remote_viewing": "on",
        "safes": "Two, time-locked, in the back office",
        "vault": "",
        "opening_procedure": "Two people; one waits outside for the all-clear",
        "closing_procedure": "Stock in the safe by 17:30, alarm set by the manager",
        "staff_at_opening": "2",
        "staff_at_closing": "3",
        "home_security": "Patrol the house when I am at the JCK show in June",
    }
    data.update(overrides)
    return data


def _profile(people: People, *, shared: bool) -> SecurityProfile:
    with schema_context(people.network.schema_name):
        profile = profile_save(
            store=people.store, by=people.owner, fields={"safes": "Two safes in the office"}
        )
        return profile_share(profile=profile, by=people.owner, shared=shared)


def test_the_owner_writes_the_profile(north_people: People) -> None:
    owner = client_for(north_people.network, north_people.owner)
    page = owner.get(EDIT)
    assert page.status_code == 200
    assert "trade show" in page.content.decode()  # the advice on home security
    response = owner.post(EDIT, _form())
    assert response.status_code == 302
    with schema_context("north"):
        profile = SecurityProfile.objects.get(store=north_people.store)
    assert profile.camera_count == 12 and profile.remote_viewing is True
    assert profile.alarm_monitoring == "central"
    assert profile.home_security.startswith("Patrol the house")
    assert profile.shared_with_police is False
    assert profile.updated_by_id == north_people.owner.pk
    assert "Guardian Alarm" in owner.get(EDIT).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("camera_count", "-1", "greater than or equal to 0"),
        ("camera_count", "many", "Enter a whole number."),
        ("camera_retention_days", "99999999999999999999", "less than or equal to"),
        ("alarm_monitoring", "carrier pigeon", "Select a valid choice."),
        ("alarm_company", "a" * 121, "at most 120 characters"),
        ("home_security", "h" * 501, "at most 500 characters"),
        ("staff_at_closing", "1.5", "Enter a whole number."),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_kept(
    north_people: People, field: str, value: str, message: str
) -> None:
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post(EDIT, _form(**{field: value}))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Two, time-locked, in the back office" in page
    assert value in page  # the refused value too, to correct
    with schema_context("north"):
        assert not SecurityProfile.objects.exists()


def test_script_in_every_field_is_shown_as_text_to_owner_and_police(north_people: People) -> None:
    script = "<script>alert(3)</script>"
    texts = (
        "alarm_company",
        "holdup_alarm",
        "camera_coverage",
        "safes",
        "vault",
        "opening_procedure",
        "closing_procedure",
        "home_security",
    )
    owner = client_for(north_people.network, north_people.owner)
    assert owner.post(EDIT, _form(**dict.fromkeys(texts, script))).status_code == 302
    assert owner.post(SHARE, {"shared": "1"}).status_code == 302
    page = owner.get(EDIT).content.decode()
    assert script not in page and page.count("&lt;script&gt;alert(3)") >= len(texts)
    police = client_for(north_people.network, north_people.police)
    police.post("/incidents/purpose/", {"purpose": "Patrol planning"})
    page = police.get(_view(north_people)).content.decode()
    assert script not in page and page.count("&lt;script&gt;alert(3)") >= len(texts)


def test_sharing_and_unsharing_with_one_button(north_people: People) -> None:
    owner = client_for(north_people.network, north_people.owner)
    owner.post(EDIT, _form())
    page = owner.get(EDIT).content.decode()
    assert "Private: only you see it" in page
    assert "Each one states why before reading it" in page  # what sharing means
    response = owner.post(SHARE, {"shared": "1"}, follow=True)
    assert "shared with the network" in response.content.decode()
    with schema_context("north"):
        profile = SecurityProfile.objects.get()
    assert profile.shared_with_police and profile.shared_at is not None
    police = client_for(north_people.network, north_people.police)
    police.post("/incidents/purpose/", {"purpose": "Patrol planning"})
    assert police.get(_view(north_people)).status_code == 200

    owner.post(SHARE, {"shared": "0"})
    with schema_context("north"):
        profile.refresh_from_db()
    assert not profile.shared_with_police and profile.shared_at is None
    assert police.get(_view(north_people)).status_code == 404
    assert "Guardian" not in police.get(SHARED).content.decode()


def test_police_state_a_purpose_and_each_reading_is_in_the_owners_access_log(
    north_people: People,
) -> None:
    _profile(north_people, shared=True)
    police = client_for(north_people.network, north_people.police)
    listing = police.get(SHARED).content.decode()
    assert _view(north_people) in listing
    response = police.get(_view(north_people))
    assert response.status_code == 302
    assert response["Location"].startswith("/incidents/purpose/?next=")
    with schema_context("north"):
        assert not AccessLogEntry.objects.exists()
    response = police.post(
        "/incidents/purpose/", {"purpose": "Case 26-0412 follow-up", "next": _view(north_people)}
    )
    assert response["Location"] == _view(north_people)
    page = police.get(_view(north_people))
    assert page.status_code == 200
    assert "Two safes in the office" in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    police.get(_view(north_people))
    with schema_context("north"):
        entries = list(AccessLogEntry.objects.all())
    assert len(entries) == 2
    assert {(e.action, e.store_id, e.email, e.purpose) for e in entries} == {
        (
            AccessLogEntry.Action.PROFILE,
            north_people.store.pk,
            north_people.police.email,
            "Case 26-0412 follow-up",
        )
    }
    log = client_for(north_people.network, north_people.owner).get("/incidents/access-log/")
    text = log.content.decode()
    assert "Read the security profile" in text and "Case 26-0412 follow-up" in text
    # Another store's owner does not see this store's readings.
    other_log = client_for(north_people.network, north_people.other_store_owner).get(
        "/incidents/access-log/"
    )
    assert "Case 26-0412 follow-up" not in other_log.content.decode()


def test_an_unshared_profile_is_a_404_to_police(north_people: People) -> None:
    _profile(north_people, shared=False)
    police = client_for(north_people.network, north_people.police)
    police.post("/incidents/purpose/", {"purpose": "Patrol planning"})
    assert police.get(_view(north_people)).status_code == 404
    assert "Two safes" not in police.get(SHARED).content.decode()


@pytest.mark.parametrize("role", ["staff", "other_store_owner", "coordinator"])
def test_nobody_else_reads_even_a_shared_profile(north_people: People, role: str) -> None:
    _profile(north_people, shared=True)
    client = client_for(north_people.network, getattr(north_people, role))
    assert client.get(_view(north_people)).status_code == 404
    assert client.get(SHARED).status_code == 404
    if role != "other_store_owner":
        assert client.get(EDIT).status_code == 404
        assert client.post(EDIT, _form()).status_code == 404
        assert client.post(SHARE, {"shared": "0"}).status_code == 404
    else:
        # Their own (empty) profile, never this one.
        assert "Two safes" not in client.get(EDIT).content.decode()
    with schema_context("north"):
        assert SecurityProfile.objects.get(store=north_people.store).shared_with_police


def test_police_of_another_network_cannot_read_it(
    north_people: People, lakeshore_people: People
) -> None:
    _profile(north_people, shared=True)
    for host in (north_people.network, lakeshore_people.network):
        client = client_for(host, lakeshore_people.police)
        client.post("/incidents/purpose/", {"purpose": "Curious"})
        assert client.get(_view(north_people)).status_code == 404


def test_the_police_view_asks_for_a_purpose_only_of_police(north_people: People) -> None:
    # The owner is not sent to the purpose form: the page is not theirs to read this way.
    _profile(north_people, shared=True)
    owner = client_for(north_people.network, north_people.owner)
    assert owner.get(_view(north_people)).status_code == 404
