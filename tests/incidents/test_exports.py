"""Exports of the logbook: the filtered list as a spreadsheet-safe CSV or a logbook PDF, at
once when small and by a task with a progress page when large; one incident's packet; an
access-log line for every export; and only the person who asked gets a prepared file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from typing import Any

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents import exports
from incidents.access import POLICE_PURPOSE_KEY
from incidents.models import AccessLogEntry, Incident, IncidentExport
from incidents.services import incident_create, incident_share
from tests.conftest import People, client_for
from tests.incidents.export_data import hostile_incident, membership_of
from tests.pledges.conftest import _media_root  # noqa: F401
from tests.security.test_pdf_injection import pdf_text

pytestmark = pytest.mark.usefixtures("mfa_exempt")

FORMULA = '=HYPERLINK("http://attacker.example","open")'


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _rows(response: Any) -> list[list[str]]:
    text = _body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _incident(people: People, summary: str = "Man photographed the showcases", **extra: Any):
    with schema_context(people.network.schema_name):
        return incident_create(
            membership=membership_of(people.owner),
            by=people.owner,
            fields={
                "kind": "casing",
                "started_at": timezone.now() - dt.timedelta(hours=3),
                "summary": summary,
                **extra,
            },
            items=[{"category": "ring", "description": "Ring", "unit_value": "950.00"}],
        )


def _log(people: People) -> list[AccessLogEntry]:
    with schema_context(people.network.schema_name):
        return list(AccessLogEntry.objects.order_by("id"))


# --- CSV ------------------------------------------------------------------------------------


def test_the_csv_neutralises_cells_that_start_like_a_formula(north_people: People) -> None:
    _incident(north_people, summary=FORMULA, narrative="+1 562-555-0142", method="@SUM(A1)")
    client = client_for(north_people.network, north_people.owner)
    response = client.get("/incidents/export/?scope=store&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="incidents-north-')
    header, row = _rows(response)
    assert header[0] == "Incident" and "Total retail value taken (USD)" in header
    cells = dict(zip(header, row, strict=True))
    assert cells["Summary"] == "'" + FORMULA
    assert cells["What happened"] == "'+1 562-555-0142"
    assert cells["Method"] == "'@SUM(A1)"
    assert cells["Total retail value taken (USD)"] == "950.00"
    assert not [cell for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_another_store_exports_shared_incidents_without_notes_values_or_names(
    north_people: People,
) -> None:
    incident = _incident(north_people, internal_notes="Ana was alone on the floor")
    with schema_context("north"):
        incident_share(incident=incident, by=north_people.owner, shared=True)
    client = client_for(north_people.network, north_people.other_store_owner)
    header, row = _rows(client.get("/incidents/export/?scope=network&format=csv"))
    cells = dict(zip(header, row, strict=True))
    assert cells["Summary"] == "Man photographed the showcases"
    assert cells["Internal notes"] == ""
    assert cells["Total retail value taken (USD)"] == ""
    assert cells["Logged by"] == ""
    own = client_for(north_people.network, north_people.owner)
    header, row = _rows(own.get("/incidents/export/?scope=store&format=csv"))
    cells = dict(zip(header, row, strict=True))
    assert cells["Internal notes"] == "Ana was alone on the floor"
    assert cells["Logged by"] == north_people.owner.get_full_name()


def test_the_export_follows_the_lists_filters(north_people: People) -> None:
    _incident(north_people, summary="A casing")
    _incident(north_people, summary="A distraction", kind="distraction")
    client = client_for(north_people.network, north_people.owner)
    rows = _rows(client.get("/incidents/export/?scope=store&kind=distraction&format=csv"))
    assert [row[7] for row in rows[1:]] == ["A distraction"]
    entry = _log(north_people)[-1]
    assert entry.action == AccessLogEntry.Action.CSV
    assert entry.store_id == north_people.store.pk
    assert "kind=distraction" in entry.detail and "1 incidents" in entry.detail


# --- Small exports: answered at once, and logged --------------------------------------------


def test_a_small_logbook_pdf_is_answered_at_once_and_logged(north_people: People) -> None:
    _incident(north_people, summary="Man photographed the showcases")
    client = client_for(north_people.network, north_people.owner)
    response = client.get("/incidents/export/?scope=store&format=logbook_pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Incident logbook" in text and "Man photographed the showcases" in text
    [entry] = _log(north_people)
    assert (entry.action, entry.email, entry.role) == (
        AccessLogEntry.Action.LOGBOOK_PDF,
        north_people.owner.email,
        "store_owner",
    )


def test_an_unknown_format_is_not_found(north_people: People) -> None:
    client = client_for(north_people.network, north_people.owner)
    assert client.get("/incidents/export/?format=xlsx").status_code == 404
    assert _log(north_people) == []


def test_the_police_state_a_purpose_before_exporting_and_it_is_logged(
    north_people: People,
) -> None:
    incident = _incident(north_people)
    with schema_context("north"):
        incident_share(incident=incident, by=north_people.owner, shared=True)
    client = client_for(north_people.network, north_people.police)
    response = client.get("/incidents/export/?format=csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/incidents/purpose/?next=")
    assert "%2Fincidents%2Fexport%2F%3Fformat%3Dcsv" in response["Location"]
    packet = client.get(f"/incidents/{incident.pk}/packet.pdf")
    assert packet.status_code == 302 and "/incidents/purpose/" in packet["Location"]
    assert _log(north_people) == []
    session = client.session
    session[POLICE_PURPOSE_KEY] = "Case 24-001234, detective review"
    session.save()
    assert client.get("/incidents/export/?format=csv").status_code == 200
    assert client.get(f"/incidents/{incident.pk}/packet.pdf").status_code == 200
    log = _log(north_people)
    assert [(e.action, e.purpose) for e in log] == [
        (AccessLogEntry.Action.CSV, "Case 24-001234, detective review"),
        (AccessLogEntry.Action.PACKET_PDF, "Case 24-001234, detective review"),
    ]


# --- The packet --------------------------------------------------------------------------


def test_the_owner_downloads_the_full_packet_and_it_is_logged(north_people: People) -> None:
    with schema_context("north"):
        incident = hostile_incident(north_people.owner)
    client = client_for(north_people.network, north_people.owner)
    response = client.get(f"/incidents/{incident.pk}/packet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="incident-{incident.pk}-packet.pdf"'
    )
    text = "".join(pdf_text(response.content).split())
    assert "QI8<script>" in text and "24,691.00USD" in text
    [entry] = _log(north_people)
    assert (entry.action, entry.incident_id, entry.detail) == (
        AccessLogEntry.Action.PACKET_PDF,
        incident.pk,
        "full",
    )


def test_another_store_gets_the_redacted_packet_of_a_shared_incident(
    north_people: People,
) -> None:
    with schema_context("north"):
        incident = hostile_incident(north_people.owner)
        incident_share(incident=incident, by=north_people.owner, shared=True)
    client = client_for(north_people.network, north_people.other_store_owner)
    response = client.get(f"/incidents/{incident.pk}/packet.pdf")
    assert response.status_code == 200
    text = "".join(pdf_text(response.content).split())
    assert "QI1<script>" in text
    assert "QI8" not in text and "USD" not in text
    assert _log(north_people)[0].detail == "redacted"


def test_nobody_else_gets_a_packet_of_an_incident_kept_to_the_store(
    north_people: People, lakeshore_people: People
) -> None:
    with schema_context("north"):
        incident = hostile_incident(north_people.owner)
        incident_share(incident=incident, by=north_people.owner, shared=False)
    url = f"/incidents/{incident.pk}/packet.pdf"
    for user in (north_people.other_store_owner, north_people.coordinator):
        assert client_for(north_people.network, user).get(url).status_code == 404
    assert client_for(lakeshore_people.network, lakeshore_people.owner).get(url).status_code == 404
    assert client_for(north_people.network).get(url).status_code == 302  # to log in
    assert _log(north_people) == []


# --- Large exports: a job, a progress page, a download for the one who asked -------------------


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "DIRECT_LIMIT", 2)


def _three(people: People) -> list[Incident]:
    return [_incident(people, summary=f"Incident number {n}") for n in range(3)]


@pytest.mark.usefixtures("small_limit")
def test_a_large_export_becomes_a_job_logged_once_and_built_to_100_percent(
    north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    _three(north_people)
    client = client_for(north_people.network, north_people.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/incidents/export/?scope=store&format=csv")
    assert response.status_code == 302
    with schema_context("north"):
        export = IncidentExport.objects.get()
    assert response["Location"] == f"/incidents/exports/{export.pk}/"
    assert (export.status, export.done, export.total, export.percent) == ("ready", 3, 3, 100)
    assert export.params == {"scope": ["store"]}
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert f"/incidents/exports/{export.pk}/download/" in page
    download = client.get(f"/incidents/exports/{export.pk}/download/")
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert [row[7] for row in _rows(download)[1:]] == [f"Incident number {n}" for n in (2, 1, 0)]
    [entry] = _log(north_people)
    assert entry.action == AccessLogEntry.Action.CSV and "3 incidents" in entry.detail


@pytest.mark.usefixtures("small_limit")
def test_asking_again_while_it_is_prepared_shows_the_same_job(north_people: People) -> None:
    _three(north_people)
    client = client_for(north_people.network, north_people.owner)
    # No worker runs here: the first job is still waiting when the second request comes.
    first = client.get("/incidents/export/?scope=store&format=csv")
    again = client.get("/incidents/export/?scope=store&format=csv")
    assert again["Location"] == first["Location"]
    other_format = client.get("/incidents/export/?scope=store&format=logbook_pdf")
    assert other_format["Location"] != first["Location"]
    with schema_context("north"):
        assert IncidentExport.objects.count() == 2
    assert len(_log(north_people)) == 2  # one line per job, not per request


@pytest.mark.usefixtures("small_limit")
def test_the_progress_page_refreshes_itself_and_offers_no_file_yet(north_people: People) -> None:
    _three(north_people)
    client = client_for(north_people.network, north_people.owner)
    response = client.get("/incidents/export/?scope=store&format=logbook_pdf")  # no commit here
    with schema_context("north"):
        export = IncidentExport.objects.get()
        IncidentExport.objects.filter(pk=export.pk).update(status="running", done=1)
    page = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert 'value="33"' in page and "1 of 3 incidents" in page
    assert f'href="/incidents/exports/{export.pk}/"' in page  # a Refresh link without JS
    assert client.get(f"/incidents/exports/{export.pk}/download/").status_code == 404
    # Asking again while it is prepared shows the same job.
    again = client.get("/incidents/export/?scope=store&format=logbook_pdf")
    assert again["Location"] == response["Location"]
    with schema_context("north"):
        assert IncidentExport.objects.count() == 1


@pytest.mark.usefixtures("small_limit")
def test_only_the_person_who_asked_sees_or_downloads_the_export(
    north_people: People, lakeshore_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    _three(north_people)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(north_people.network, north_people.owner).get(
            "/incidents/export/?scope=store&format=csv"
        )
    status = response["Location"]
    download = f"{status}download/"
    for user in (north_people.staff, north_people.other_store_owner, north_people.coordinator):
        client = client_for(north_people.network, user)
        assert client.get(status).status_code == 404
        assert client.get(download).status_code == 404
    other = client_for(lakeshore_people.network, lakeshore_people.owner)
    assert other.get(download).status_code == 404


@pytest.mark.worker
def test_a_real_worker_builds_a_large_logbook_pdf_with_its_progress(
    north_people: People, celery_worker: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from incidents.render import logbook as logbook_render

    monkeypatch.setattr(exports, "DIRECT_LIMIT", 2)
    monkeypatch.setattr(logbook_render, "PART_SIZE", 1)
    _three(north_people)
    client = client_for(north_people.network, north_people.owner)
    response = client.get("/incidents/export/?scope=store&format=logbook_pdf")
    assert response.status_code == 302
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while True:
        with schema_context("north"):
            export = IncidentExport.objects.get()
        seen.add(export.done)
        if export.status in ("ready", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert (export.status, export.done, export.total, export.percent) == ("ready", 3, 3, 100)
    assert export.file_name.startswith("incidents-north-") and export.file_name.endswith(".pdf")
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    download = client.get(f"/incidents/exports/{export.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    pdf = _body(download)
    text = pdf_text(pdf)
    assert all(f"Incident number {n}" in text for n in range(3))
    assert len(_log(north_people)) == 1
