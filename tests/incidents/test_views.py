"""The logbook as its users meet it: staff log, the owner completes and shares, another store
sees the redacted shared view, police state a purpose, the owner reads the access log."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.models import AccessLogEntry, Incident, IncidentRevision
from networks.models import Membership
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db


def _quick(people: People, **overrides: object) -> dict[str, object]:
    return {
        "kind": "casing",
        "when": "now",
        "summary": "Man photographed the showcases and left",
        "client_token": str(uuid.uuid4()),
        **overrides,
    }


def _full_form(**overrides: object) -> dict[str, object]:
    moment = timezone.localtime() - dt.timedelta(hours=2)
    data: dict[str, object] = {
        "kind": "distraction",
        "summary": "Two men, one distracted staff while the other reached into the case",
        "started_at": moment.strftime("%Y-%m-%dT%H:%M"),
        "ended_at": "",
        "location": "inside",
        "location_detail": "Front showcase",
        "narrative": "They asked to see engagement rings.",
        "suspect_count": "2",
        "method": "One asked questions while the other leaned over the counter.",
        "anything_taken": "on",
        "police_called": "on",
        "police_agency": "Metro PD",
        "police_report_number": "24-001234",
        "police_officer": "Officer Reyes",
        "injuries": "",
        "internal_notes": "Staff member Ana was on the floor alone.",
        "client_token": str(uuid.uuid4()),
    }
    for prefix in ("suspects", "vehicles", "items"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "1",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(
        {
            "suspects-0-age_range": "26-35",
            "suspects-0-build": "slim",
            "suspects-0-clothing_top": "Grey hooded jacket",
            "suspects-0-headwear": "Black cap",
            "vehicles-0-colour": "Silver",
            "vehicles-0-make": "Toyota",
            "vehicles-0-plate": "7kx-2",
            "vehicles-0-plate_is_partial": "on",
            "items-0-description": "Solitaire ring, 1.2 ct",
            "items-0-category": "ring",
            "items-0-quantity": "2",
            "items-0-unit_value": "4500.00",
            "items-0-certificate_number": "GIA 2141438171",
        }
    )
    data.update(overrides)
    return data


def test_staff_quick_log_then_owner_completes_and_shares(north_people: People) -> None:
    people = north_people
    staff = client_for(people.network, people.staff)
    token = str(uuid.uuid4())
    response = staff.post("/incidents/quick/", _quick(people, client_token=token))
    assert response.status_code == 302
    # Pressed twice, or sent again after a dropped connection: still one incident.
    again = staff.post("/incidents/quick/", _quick(people, client_token=token))
    assert again["Location"] == response["Location"]
    with schema_context("north"):
        incident = Incident.objects.get()
        assert not incident.is_complete
        assert incident.logged_by_id == people.staff.pk
    page = staff.get("/incidents/to-finish/")
    assert "Man photographed the showcases" in page.content.decode()

    owner = client_for(people.network, people.owner)
    response = owner.post(f"/incidents/{incident.pk}/edit/", _full_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    with schema_context("north"):
        incident.refresh_from_db()
        assert incident.is_complete
        assert incident.loss_total == 9000
        assert incident.has_suspects and incident.has_vehicles
        assert "7KX2" in incident.identifiers
        kinds = list(incident.revisions.values_list("kind", flat=True))
        assert kinds == [IncidentRevision.Kind.CREATED, IncidentRevision.Kind.COMPLETED]
        completed = incident.revisions.last()
        assert completed is not None
        assert completed.previous["summary"] == "Man photographed the showcases and left"
    assert owner.get("/incidents/to-finish/").content.decode().count("Finish</a>") == 0


def test_a_refused_form_keeps_what_was_typed(north_people: People) -> None:
    owner = client_for(north_people.network, north_people.owner)
    future = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = owner.post("/incidents/new/", _full_form(started_at=future))
    body = response.content.decode()
    assert response.status_code == 200
    assert "This is in the future." in body
    assert "Grey hooded jacket" in body and "GIA 2141438171" in body
    with schema_context("north"):
        assert not Incident.objects.exists()


def test_end_before_start_and_absurd_values_get_messages(north_people: People) -> None:
    owner = client_for(north_people.network, north_people.owner)
    start = timezone.localtime() - dt.timedelta(hours=2)
    response = owner.post(
        "/incidents/new/",
        _full_form(
            ended_at=(start - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            **{"items-0-unit_value": "-5", "items-0-quantity": "0", "suspect_count": "400"},
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The end is before the start." in body
    assert body.count("errorlist") >= 4


def test_too_many_suspects_and_a_huge_narrative_are_refused_kindly(north_people: People) -> None:
    owner = client_for(north_people.network, north_people.owner)
    data = _full_form(narrative="x" * 1_000_000, **{"suspects-TOTAL_FORMS": "50"})
    for number in range(50):
        data[f"suspects-{number}-clothing_top"] = f"Jacket {number}"
    response = owner.post("/incidents/new/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please keep this under 20,000 characters" in body
    assert "Please submit at most 12 forms." in body or "12" in body
    with schema_context("north"):
        assert not Incident.objects.exists()


def _shared_incident(people: People) -> Incident:
    owner = client_for(people.network, people.owner)
    response = owner.post("/incidents/new/", _full_form())
    assert response.status_code == 302
    with schema_context(people.network.schema_name):
        incident = Incident.objects.get()
        assert incident.is_shared  # the store's default
        return incident


def test_another_store_sees_the_redacted_shared_view(north_people: People) -> None:
    incident = _shared_incident(north_people)
    other = client_for(north_people.network, north_people.other_store_owner)
    body = other.get(f"/incidents/{incident.pk}/").content.decode()
    assert "Grey hooded jacket" in body and "7KX2" in body and "GIA 2141438171" in body
    assert "Staff member Ana" not in body  # internal notes
    assert not any(value in body for value in ("4500", "4,500", "9000", "9,000"))  # losses
    assert "Officer Reyes" not in body
    assert north_people.owner.email not in body  # staff names
    assert incident.summary in other.get("/incidents/network/").content.decode()


def test_the_owner_keeps_an_incident_to_the_store(north_people: People, mfa_exempt: None) -> None:
    incident = _shared_incident(north_people)
    owner = client_for(north_people.network, north_people.owner)
    owner.post(f"/incidents/{incident.pk}/share/", {"shared": "no"})
    other = client_for(north_people.network, north_people.other_store_owner)
    assert other.get(f"/incidents/{incident.pk}/").status_code == 404
    police = client_for(north_people.network, north_people.police)
    assert police.get(f"/incidents/{incident.pk}/").status_code == 404


def test_police_state_a_purpose_and_the_owner_reads_the_access_log(
    north_people: People, mfa_exempt: None
) -> None:
    incident = _shared_incident(north_people)
    police = client_for(north_people.network, north_people.police)
    response = police.get(f"/incidents/{incident.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/incidents/purpose/?next=")
    response = police.post(
        "/incidents/purpose/", {"purpose": "Case 24-5531", "next": f"/incidents/{incident.pk}/"}
    )
    assert response["Location"] == f"/incidents/{incident.pk}/"
    body = police.get(f"/incidents/{incident.pk}/").content.decode()
    assert "Staff member Ana" in body and "9,000.00" in body  # the full view
    with schema_context("north"):
        entry = AccessLogEntry.objects.get()
        assert (entry.email, entry.action, entry.purpose) == (
            north_people.police.email,
            AccessLogEntry.Action.VIEWED,
            "Case 24-5531",
        )
    owner = client_for(north_people.network, north_people.owner)
    log = owner.get("/incidents/access-log/").content.decode()
    assert "Case 24-5531" in log and north_people.police.email in log
    other = client_for(north_people.network, north_people.other_store_owner)
    assert "Case 24-5531" not in other.get("/incidents/access-log/").content.decode()


def test_an_open_redirect_is_not_followed_after_the_purpose(
    north_people: People, mfa_exempt: None
) -> None:
    police = client_for(north_people.network, north_people.police)
    response = police.post(
        "/incidents/purpose/", {"purpose": "Patrol review", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/incidents/network/"


def test_void_keeps_the_incident_with_its_reason(north_people: People) -> None:
    incident = _shared_incident(north_people)
    owner = client_for(north_people.network, north_people.owner)
    refused = owner.post(f"/incidents/{incident.pk}/void/", {"reason": "  "})
    assert refused.status_code == 200
    owner.post(f"/incidents/{incident.pk}/void/", {"reason": "Logged twice"})
    body = owner.get(f"/incidents/{incident.pk}/").content.decode()
    assert "Voided" in body and "Logged twice" in body
    coordinator = client_for(north_people.network, north_people.coordinator)
    assert coordinator.get(f"/incidents/{incident.pk}/").status_code in (200, 302)
    other = client_for(north_people.network, north_people.other_store_owner)
    assert other.get(f"/incidents/{incident.pk}/").status_code == 404
    assert owner.get(f"/incidents/{incident.pk}/edit/").status_code == 404


def test_staff_cannot_edit_what_others_logged_nor_share(north_people: People) -> None:
    incident = _shared_incident(north_people)
    staff = client_for(north_people.network, north_people.staff)
    assert staff.get(f"/incidents/{incident.pk}/").status_code == 200
    assert staff.get(f"/incidents/{incident.pk}/edit/").status_code == 404
    assert staff.post(f"/incidents/{incident.pk}/share/", {"shared": "no"}).status_code == 404
    assert staff.get(f"/incidents/{incident.pk}/void/").status_code == 404


def test_another_network_sees_nothing(north_people: People, lakeshore_people: People) -> None:
    incident = _shared_incident(north_people)
    stranger = client_for(north_people.network, lakeshore_people.owner)
    assert stranger.get(f"/incidents/{incident.pk}/").status_code == 404
    assert stranger.get("/incidents/network/").status_code == 404


def test_search_finds_partial_plates_serials_and_words(north_people: People) -> None:
    _shared_incident(north_people)
    owner = client_for(north_people.network, north_people.owner)
    for query in ("7KX", "7kx-2", "2141438", "engagement rings", "hooded jacket"):
        body = owner.get("/incidents/", {"q": query}).content.decode()
        assert "Two men, one distracted staff" in body, query
    body = owner.get("/incidents/", {"q": "motorcycle"}).content.decode()
    assert "No incident matches these filters." in body


def test_the_logbook_pages_with_a_keyset_cursor(north_people: People) -> None:
    from incidents.services import incident_create

    with schema_context("north"):
        membership = Membership.objects.select_related("store").get(user_id=north_people.owner.pk)
        start = timezone.now() - dt.timedelta(hours=60)
        for number in range(55):
            incident_create(
                membership=membership,
                by=north_people.owner,
                fields={
                    "kind": "casing",
                    "started_at": start + dt.timedelta(minutes=number),
                    "summary": f"Incident number {number:02d}",
                },
            )
    owner = client_for(north_people.network, north_people.owner)
    first = owner.get("/incidents/").content.decode()
    assert "Incident number 54" in first and "Incident number 04" not in first
    assert "Older incidents" in first
    cursor = first.split("after=")[1].split('"')[0].replace("&amp;", "&")
    second = owner.get(f"/incidents/?after={cursor}").content.decode()
    assert "Incident number 04" in second and "Incident number 54" not in second
    assert owner.get("/incidents/?after=garbage").status_code == 200
