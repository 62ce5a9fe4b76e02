"""The platform rollup: each network's figures in the public schema's tables match a direct
count of its incidents, alerts and partners; a run covers every open network on a real worker,
shows its progress, never runs twice at once, and says which network it could not read."""

from __future__ import annotations

import datetime as dt
import re
import time
import zoneinfo
from collections import Counter
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.models import Alert, Recipient
from incidents.models import Incident
from networks.schemas import use_public_schema
from stats.models import NetworkMonth, NetworkRollup, NetworkYearType, RollupRun
from stats.rollup import network_rollup, rollup_start
from tests.conftest import People

from .test_network_figures import _generate

ZONE = zoneinfo.ZoneInfo("America/Los_Angeles")


@pytest.fixture
def la_north(north_people: People) -> People:
    north_people.network.timezone = "America/Los_Angeles"
    north_people.network.save(update_fields=["timezone"])
    return north_people


def _rollup(people: People) -> None:
    with schema_context(people.network.schema_name):
        network_rollup(network=people.network)
    use_public_schema()


@pytest.mark.django_db
def test_each_month_and_year_matches_a_direct_count(la_north: People) -> None:
    people = la_north
    incidents = [i for i in _generate(people) if i.voided_at is None]
    _rollup(people)
    local = {i.pk: i.started_at.astimezone(ZONE) for i in incidents}
    months = Counter(local[i.pk].date().replace(day=1) for i in incidents)
    rows = {row.month: row for row in NetworkMonth.objects.filter(network=people.network)}
    assert {month: row.incidents for month, row in rows.items() if row.incidents} == dict(months)
    for month, row in rows.items():
        mine = [i for i in incidents if local[i.pk].date().replace(day=1) == month]
        assert row.daytime == sum(1 for i in mine if 7 <= local[i.pk].hour < 19)
        assert row.organised == sum(1 for i in mine if (i.suspect_count or 0) >= 3)
        assert row.loss_total == sum((i.loss_total for i in mine), Decimal(0))
    years = Counter((local[i.pk].year, i.kind) for i in incidents)
    assert {
        (row.year, row.kind): row.incidents
        for row in NetworkYearType.objects.filter(network=people.network)
    } == dict(years)
    # Rolled up again, the rows are replaced, not added to.
    _rollup(people)
    assert NetworkMonth.objects.filter(network=people.network).count() == len(rows)


@pytest.mark.django_db
def test_alerts_and_their_reach_are_counted_in_the_month_they_were_sent(la_north: People) -> None:
    people = la_north
    sent_at = dt.datetime(2026, 4, 30, 23, 0, tzinfo=ZONE)  # 1 May in UTC
    with schema_context(people.network.schema_name):
        alert = Alert.objects.create(
            severity="urgent",
            status="sent",
            headline="Smash",
            sent_at=sent_at,
            created_by_id=people.coordinator.pk,
        )
        for number in range(4):
            Recipient.objects.create(
                alert=alert,
                kind=Recipient.Kind.MEMBER,
                user_id=9000 + number,
                name="M",
                email=f"m{number}@example.com",
                read_at=sent_at if number < 3 else None,
                acknowledged_at=sent_at if number < 2 else None,
            )
    _rollup(people)
    row = NetworkMonth.objects.get(network=people.network, month=dt.date(2026, 4, 1))
    assert (row.alerts_sent, row.recipients, row.reached, row.acknowledged) == (1, 4, 3, 2)


@pytest.mark.django_db
def test_the_platform_page_reads_only_the_rollup_tables(
    la_north: People, platform_admin_client: object
) -> None:
    _generate(la_north, count=40)
    _rollup(la_north)
    with CaptureQueriesContext(connection) as queries:
        page = platform_admin_client.get("/platform/stats/")  # type: ignore[attr-defined]
    assert page.status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    tables = set(re.findall(r'(?:FROM|JOIN) "(\w+)"', sql))
    assert "stats_networkmonth" in tables
    # Nothing of a network's own schema: the rollup's tables, the networks and the session.
    assert {t.split("_")[0] for t in tables} <= {"stats", "networks", "django", "accounts"}
    assert "north" not in " ".join(
        q["sql"] for q in queries.captured_queries if "search_path" in q["sql"]
    )
    figures = page.context["figures"]
    row = next(n for n in figures.networks if n.slug == "north")
    window = figures.window
    assert row.incidents.current == sum(
        m.incidents
        for m in NetworkMonth.objects.filter(
            network=la_north.network, month__gte=window.first, month__lte=window.last
        )
    )


@pytest.mark.django_db
def test_the_public_panel_shows_no_figure_made_of_fewer_than_five_incidents(
    la_north: People, public_client: object
) -> None:
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    NetworkMonth.objects.create(network=la_north.network, month=last_month, incidents=4, daytime=4)
    page = public_client.get("/")  # type: ignore[attr-defined]
    text = page.content.decode()
    assert "appear here once enough incidents are logged" in text
    assert "of them in daytime" not in text
    NetworkMonth.objects.filter(network=la_north.network).update(incidents=5, daytime=3)
    text = public_client.get("/").content.decode()  # type: ignore[attr-defined]
    assert "of them in daytime" in text and "60%" in text


@pytest.mark.django_db
def test_asking_twice_while_a_run_goes_starts_one_run(
    la_north: People, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as enqueued:  # type: ignore[operator]
        first = rollup_start(trigger=RollupRun.Trigger.ASKED)
        second = rollup_start(trigger=RollupRun.Trigger.ASKED)
    assert second.pk == first.pk and first.status == RollupRun.Status.RUNNING
    assert len(enqueued) == 1  # one set of tasks, for the one run
    assert RollupRun.objects.count() == 1


@pytest.mark.django_db
def test_a_network_that_cannot_be_read_is_counted_and_named(
    la_north: People, django_capture_on_commit_callbacks: object
) -> None:
    with schema_context(la_north.network.schema_name):
        connection.cursor().execute("ALTER TABLE incidents_incident RENAME TO incidents_broken")
    try:
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            run = rollup_start(trigger=RollupRun.Trigger.ASKED)
    finally:
        with schema_context(la_north.network.schema_name):
            connection.cursor().execute("ALTER TABLE incidents_broken RENAME TO incidents_incident")
    run.refresh_from_db()
    assert run.status == RollupRun.Status.FAILED
    assert run.networks_failed == 1 and run.networks_done == run.networks_total - 1
    assert "north" in run.error
    assert run.percent == 100


def test_the_rollup_is_on_the_beat_schedule_in_the_public_schema() -> None:
    entry = django_settings.CELERY_BEAT_SCHEDULE["stats-rollup"]
    assert entry["task"] == "stats.rollup_all"
    assert entry["tenant_schemas"] == ["public"]


@pytest.mark.worker
def test_a_run_covers_every_open_network_on_a_real_worker(
    north_people: People, lakeshore_people: People, celery_worker: None
) -> None:
    with schema_context("north"):
        Incident.objects.create(
            store=north_people.store,
            kind="casing",
            summary="Casing",
            started_at=dt.datetime(2026, 2, 3, 12, tzinfo=dt.UTC),
            logged_by_id=north_people.owner.pk,
        )
    run = rollup_start(trigger=RollupRun.Trigger.ASKED)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status != RollupRun.Status.RUNNING:
            break
        time.sleep(0.2)
    assert run.status == RollupRun.Status.DONE and run.percent == 100
    assert set(NetworkRollup.objects.values_list("network__slug", flat=True)) >= {
        "north",
        "lakeshore",
    }
    assert (
        NetworkMonth.objects.get(network=north_people.network, month=dt.date(2026, 2, 1)).incidents
        == 1
    )
