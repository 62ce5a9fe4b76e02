"""The retention period: past it, suspects' descriptions, plates and evidence go from every
store's incidents, nightly, in every network; the rest of each incident stays."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.models import Evidence, Incident, IncidentRevision, RetentionRun
from incidents.retention import months_before, retention_apply
from incidents.services import incident_create, incident_update
from networks.models import Membership, Network
from tests.conftest import People, client_for

NOW = dt.datetime(2026, 3, 31, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Iterator[Path]:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    holders = (default_storage, getattr(default_storage, "_wrapped", None))
    for holder in holders:
        if holder is not None and hasattr(holder, "__dict__"):
            holder.__dict__.pop("relative_media_root", None)
    yield tmp_path / "media"
    for holder in holders:
        if holder is not None and hasattr(holder, "__dict__"):
            holder.__dict__.pop("relative_media_root", None)


def _log(people: People, *, started_at: dt.datetime, plate: str, summary: str) -> Incident:
    membership = Membership.objects.select_related("store").get(user_id=people.owner.pk)
    return incident_create(
        membership=membership,
        by=people.owner,
        fields={
            "kind": "distraction",
            "started_at": started_at,
            "summary": summary,
            "narrative": "They asked to see engagement rings.",
        },
        suspects=[
            {
                "age_range": "26-35",
                "build": "slim",
                "clothing_top": "Grey hooded jacket",
                "distinguishing_marks": "Rose tattoo on the left hand",
            }
        ],
        vehicles=[
            {
                "make": "Toyota",
                "model": "Corolla",
                "colour": "Silver",
                "plate": plate,
                "plate_region": "CA",
                "marks": "Dent on the rear bumper",
            }
        ],
        items=[
            {
                "description": "Solitaire ring",
                "category": "ring",
                "quantity": 1,
                "unit_value": "4500.00",
                "serial_number": "GIA2141438171",
            }
        ],
    )


def _evidence(incident: Incident, people: People) -> Evidence:
    evidence = Evidence(
        incident=incident,
        kind=Evidence.Kind.PHOTO,
        status=Evidence.Status.READY,
        caption="Still of the man at the counter",
        content_type="image/jpeg",
        original_name="counter.jpg",
        uploaded_by_id=people.owner.pk,
    )
    evidence.original.save("original", ContentFile(b"\xff\xd8 not really a jpeg"), save=False)
    evidence.thumbnail.save("thumbnail", ContentFile(b"\xff\xd8 thumb"), save=False)
    evidence.save()
    return evidence


def test_past_the_period_descriptions_plates_and_evidence_go_and_the_rest_stays(
    north_people: People, media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with schema_context("north"):
        old = _log(
            north_people,
            started_at=NOW - dt.timedelta(days=760),
            plate="7KX-221",
            summary="Old distraction theft",
        )
        # An edit keeps the earlier suspects and vehicles in the revision: they go too.
        incident_update(
            incident=old,
            by=north_people.owner,
            fields={"summary": "Old distraction theft, two men"},
            suspects=[{"clothing_top": "Red scarf", "hair": "Short grey hair", "build": "heavy"}],
            vehicles=[{"make": "Honda", "plate": "9ZZ-404"}],
        )
        young = _log(
            north_people,
            started_at=NOW - dt.timedelta(days=700),
            plate="5AB-778",
            summary="Recent casing",
        )
        photo = _evidence(old, north_people)
        files = [str(photo.original.name), str(photo.thumbnail.name)]
        assert all(default_storage.exists(name) for name in files)

        with django_capture_on_commit_callbacks(execute=True):
            run = retention_apply(now=NOW)

        assert run.cutoff == dt.datetime(2024, 3, 31, 12, 0, tzinfo=dt.UTC)
        assert (run.incidents, run.suspects, run.vehicles, run.evidence) == (1, 1, 1, 1)
        old.refresh_from_db()
        assert old.redacted_at == NOW
        assert old.summary == "Old distraction theft, two men"  # the event stays
        assert old.items.get().serial_number == "GIA2141438171"
        suspect = old.suspects.get()
        assert suspect.redacted_at == NOW and suspect.detail_count == 0
        assert not suspect.is_thin  # redacted, not a thin description
        vehicle = old.vehicles.get()
        assert (vehicle.plate, vehicle.plate_region, vehicle.marks) == ("", "", "")
        assert vehicle.make == "Honda"  # make, model and colour describe no one
        assert "9ZZ404" not in old.identifiers
        photo.refresh_from_db()
        assert photo.status == Evidence.Status.REDACTED
        assert (photo.original.name, photo.thumbnail.name, photo.caption) == ("", "", "")
        assert not any(default_storage.exists(name) for name in files)
        revisions = list(old.revisions.order_by("at", "id"))
        assert revisions[-1].kind == IncidentRevision.Kind.REDACTED
        edited = revisions[1]
        assert edited.previous["suspects"][0]["distinguishing_marks"] == ""
        assert edited.previous["suspects"][0]["clothing_top"] == ""
        assert edited.previous["vehicles"][0]["plate"] == ""
        assert edited.previous["vehicles"][0]["make"] == "Toyota"

        young.refresh_from_db()
        assert young.redacted_at is None
        assert young.vehicles.get().plate == "5AB-778"
        assert young.suspects.get().clothing_top == "Grey hooded jacket"


def test_a_second_pass_finds_nothing_and_records_it(north_people: People) -> None:
    with schema_context("north"):
        old = _log(
            north_people,
            started_at=NOW - dt.timedelta(days=800),
            plate="7KX-221",
            summary="Old one",
        )
        first = retention_apply(now=NOW)
        second = retention_apply(now=NOW + dt.timedelta(days=1))
        assert first.incidents == 1
        assert (second.incidents, second.suspects, second.vehicles, second.evidence) == (0,) * 4
        assert RetentionRun.objects.count() == 2
        assert old.revisions.filter(kind=IncidentRevision.Kind.REDACTED).count() == 1


def test_search_no_longer_finds_a_redacted_plate_or_description(north_people: People) -> None:
    with schema_context("north"):
        _log(
            north_people,
            started_at=timezone.now() - dt.timedelta(days=800),
            plate="7KX-221",
            summary="Old distraction theft",
        )
    owner = client_for(north_people.network, north_people.owner)
    for query in ("7KX221", "rose tattoo"):
        assert "Old distraction theft" in owner.get("/incidents/", {"q": query}).content.decode()
    with schema_context("north"):
        retention_apply()
    for query in ("7KX221", "rose tattoo"):
        body = owner.get("/incidents/", {"q": query}).content.decode()
        assert "Old distraction theft" not in body, query
    # What stays is still found.
    assert "Old distraction theft" in owner.get("/incidents/", {"q": "GIA2141438"}).content.decode()
    with schema_context("north"):
        incident = Incident.objects.get()
    page = owner.get(f"/incidents/{incident.pk}/").content.decode()
    assert "7KX-221" not in page and "Rose tattoo" not in page
    assert "Plate removed after the retention period" in page
    assert "Removed after the retention period" in page  # the suspect's card
    history = owner.get(f"/incidents/{incident.pk}/history/").content.decode()
    assert "Redacted after the retention period" in history


def test_each_network_keeps_for_its_own_period(
    north_people: People, lakeshore_people: People
) -> None:
    Network.objects.filter(pk=north_people.network.pk).update(retention_months=6)
    eight_months = NOW - dt.timedelta(days=245)
    with schema_context("north"):
        north_old = _log(north_people, started_at=eight_months, plate="N-1", summary="North")
        north_new = _log(
            north_people, started_at=NOW - dt.timedelta(days=150), plate="N-2", summary="New"
        )
        assert retention_apply(now=NOW).incidents == 1
        north_old.refresh_from_db()
        north_new.refresh_from_db()
        assert north_old.redacted_at is not None and north_new.redacted_at is None
    with schema_context("lakeshore"):
        lakeshore_old = _log(lakeshore_people, started_at=eight_months, plate="L-1", summary="L")
        assert retention_apply(now=NOW).incidents == 0
        lakeshore_old.refresh_from_db()
        assert lakeshore_old.vehicles.get().plate == "L-1"


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (dt.datetime(2026, 3, 31, tzinfo=dt.UTC), 1, dt.datetime(2026, 2, 28, tzinfo=dt.UTC)),
        (dt.datetime(2026, 1, 15, tzinfo=dt.UTC), 24, dt.datetime(2024, 1, 15, tzinfo=dt.UTC)),
        (dt.datetime(2026, 1, 15, tzinfo=dt.UTC), 13, dt.datetime(2024, 12, 15, tzinfo=dt.UTC)),
        (dt.datetime(2028, 2, 29, tzinfo=dt.UTC), 12, dt.datetime(2027, 2, 28, tzinfo=dt.UTC)),
    ],
)
def test_months_before_keeps_the_day_or_the_months_last(
    moment: dt.datetime, months: int, expected: dt.datetime
) -> None:
    assert months_before(moment, months) == expected


def test_the_coordinator_sets_the_period_and_sees_the_last_passes(
    north_people: People, mfa_exempt: None
) -> None:
    with schema_context("north"):
        retention_apply()
    coordinator = client_for(north_people.network, north_people.coordinator)
    page = coordinator.get("/incidents/retention/")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'value="24"' in body and "Last nightly passes" in body
    refused = coordinator.post("/incidents/retention/", {"retention_months": "121"})
    assert refused.status_code == 200
    assert 'value="121"' in refused.content.decode()  # what was typed stays
    response = coordinator.post("/incidents/retention/", {"retention_months": "12"})
    assert response.status_code == 302
    north_people.network.refresh_from_db()
    assert north_people.network.retention_months == 12
    for person in (north_people.owner, north_people.staff):
        refused_page = client_for(north_people.network, person).get("/incidents/retention/")
        assert refused_page.status_code == 404
    police = client_for(north_people.network, north_people.police)
    assert police.get("/incidents/retention/").status_code == 404


def test_the_nightly_pass_is_on_the_beat_schedule() -> None:
    from config.celery import app

    entries = [
        entry
        for entry in django_settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "incidents.retention_apply"
    ]
    assert len(entries) == 1
    assert "incidents.retention_apply" in app.tasks


@pytest.mark.worker
def test_beat_runs_the_pass_in_every_open_network_on_a_real_worker(
    north_people: People, lakeshore_people: People, celery_worker: None, tmp_path: Path
) -> None:
    from config.beat import NetworkScheduler
    from config.celery import app

    with schema_context("north"):
        old = _log(
            north_people,
            started_at=timezone.now() - dt.timedelta(days=800),
            plate="7KX-221",
            summary="Old",
        )
    saved = app.conf.beat_schedule
    app.conf.beat_schedule = dict(django_settings.CELERY_BEAT_SCHEDULE)
    try:
        scheduler = NetworkScheduler(app=app, schedule_filename=str(tmp_path / "beat"))
        for entry in list(scheduler.schedule.values()):
            if entry.task == "incidents.retention_apply":
                scheduler.apply_entry(entry)
    finally:
        app.conf.beat_schedule = saved
    deadline = time.monotonic() + 30
    counts = {}
    while time.monotonic() < deadline:
        for slug in ("north", "lakeshore"):
            with schema_context(slug):
                counts[slug] = list(RetentionRun.objects.values_list("incidents", flat=True))
        if all(counts.values()):
            break
        time.sleep(0.2)
    assert counts == {"north": [1], "lakeshore": [0]}
    with schema_context("north"):
        old.refresh_from_db()
        assert old.redacted_at is not None
        assert old.vehicles.get().plate == ""


@pytest.mark.django_db
def test_an_edit_after_redaction_keeps_the_descriptions_gone(north_people: People) -> None:
    with schema_context("north"):
        old = _log(
            north_people, started_at=NOW - dt.timedelta(days=800), plate="7KX2", summary="Old"
        )
        retention_apply(now=NOW)
        incident_update(
            incident=Incident.objects.get(pk=old.pk),
            by=north_people.owner,
            fields={"summary": "Old, report number added"},
            suspects=[{"clothing_top": "Grey hooded jacket", "build": "slim", "hair": "short"}],
            vehicles=[{"plate": "7KX2"}],
        )
        old.refresh_from_db()
        assert old.summary == "Old, report number added"
        suspect = old.suspects.get()
        assert suspect.redacted_at is not None and suspect.clothing_top == ""
        assert old.vehicles.get().plate == ""


@pytest.mark.django_db
def test_prepared_exports_go_after_a_week(north_people: People, media_root: Path) -> None:
    from incidents.models import IncidentExport

    with schema_context("north"):
        stale = IncidentExport.objects.create(format="csv", requested_by_id=north_people.owner.pk)
        stale.file.save("old.csv", ContentFile(b"a,b\n"), save=True)
        IncidentExport.objects.filter(pk=stale.pk).update(created_at=NOW - dt.timedelta(days=8))
        fresh = IncidentExport.objects.create(format="csv", requested_by_id=north_people.owner.pk)
        IncidentExport.objects.filter(pk=fresh.pk).update(created_at=NOW - dt.timedelta(days=1))
        path = stale.file.path
        retention_apply(now=NOW)
        assert list(IncidentExport.objects.values_list("pk", flat=True)) == [fresh.pk]
        assert not Path(path).exists()
