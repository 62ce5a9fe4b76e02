"""The network dashboard's figures against a second, naive path: the same questions answered
by counting in Python over a generated data set (two years, two stores, every type, shared
and kept, voided, losses, suspects, plates), in the network's own time zone."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import zoneinfo
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.models import Alert, Channel, Delivery, Recipient
from incidents.models import Incident, IncidentType, Vehicle
from stats.network_figures import DAY_STARTS, NIGHT_STARTS, ORGANISED, network_figures
from stats.periods import Period
from tests.conftest import People

pytestmark = pytest.mark.django_db

ZONE = zoneinfo.ZoneInfo("America/Los_Angeles")
PLATES = ["7ABC123", "7abc-123", "8XYZ999", "5QRS111", "6LMN222"]


def _generate(people: People, *, seed: int = 7, count: int = 160) -> list[Incident]:
    rng = random.Random(seed)
    kinds = [value for value, _ in IncidentType.choices]
    end = dt.datetime(2026, 11, 20, tzinfo=ZONE)
    made = []
    with schema_context(people.network.schema_name):
        for number in range(count):
            started = end - dt.timedelta(minutes=rng.randrange(0, 2 * 366 * 24 * 60))
            loss = Decimal(rng.choice(["0", "0", "150", "999.99", "2400", "12000", "80"]))
            incident = Incident.objects.create(
                store=rng.choice([people.store, people.other_store]),
                kind=rng.choice(kinds),
                started_at=started,
                summary=f"Generated {number}",
                method=rng.choice(
                    ["", "Hammer on the showcase", "hammer on the showcase ", "Asked to see rings"]
                ),
                suspect_count=rng.choice([None, 1, 2, 3, 4]),
                loss_total=loss,
                anything_taken=bool(loss),
                is_shared=rng.random() < 0.6,
                voided_at=timezone.now() if rng.random() < 0.08 else None,
                logged_by_id=people.owner.pk,
            )
            if rng.random() < 0.3:
                Vehicle.objects.create(
                    incident=incident,
                    plate=rng.choice(PLATES),
                    make="Honda",
                    model="Civic",
                    colour="grey",
                    plate_is_partial=rng.random() < 0.1,
                )
            made.append(incident)
    return made


def _local(incident: Incident) -> dt.datetime:
    return incident.started_at.astimezone(ZONE)


def _within(incident: Incident, period: Period) -> bool:
    return period.first <= _local(incident).date() <= period.last


@pytest.fixture
def data(north_people: People) -> tuple[People, list[Incident]]:
    north_people.network.timezone = "America/Los_Angeles"
    north_people.network.save(update_fields=["timezone"])
    return north_people, _generate(north_people)


def test_every_incident_figure_matches_a_direct_count(data: tuple[People, list[Incident]]) -> None:
    people, incidents = data
    period = Period(first=dt.date(2026, 1, 1), last=dt.date(2026, 11, 20))
    previous = period.year_before()
    standing = [i for i in incidents if i.voided_at is None]
    now = [i for i in standing if _within(i, period)]
    before = [i for i in standing if _within(i, previous)]
    with schema_context(people.network.schema_name):
        figures = network_figures(period=period, zone=ZONE, with_stores=True)

    assert (figures.total.current, figures.total.previous) == (len(now), len(before))
    by_kind_now, by_kind_before = Counter(i.kind for i in now), Counter(i.kind for i in before)
    assert {r.kind: (r.count.current, r.count.previous) for r in figures.by_type} == {
        kind: (by_kind_now[kind], by_kind_before[kind])
        for kind in set(by_kind_now) | set(by_kind_before)
    }
    months = Counter(_local(i).date().replace(day=1) for i in now)
    months_before = Counter(_local(i).date().replace(day=1) for i in before)
    assert [(m.month, m.count.current, m.count.previous) for m in figures.by_month] == [
        (month, months[month], months_before[month.replace(year=month.year - 1)])
        for month in period.months()
    ]
    grid = [[0] * 24 for _ in range(7)]
    for incident in now:
        grid[_local(incident).weekday()][_local(incident).hour] += 1
    assert figures.heat == grid
    daytime = sum(1 for i in now if DAY_STARTS <= _local(i).hour < NIGHT_STARTS)
    assert (figures.daytime.current, figures.night.current) == (daytime, len(now) - daytime)
    organised = sum(1 for i in now if (i.suspect_count or 0) >= ORGANISED)
    assert figures.organised.current == organised
    assert figures.loss_total.current == pytest.approx(float(sum(i.loss_total for i in now)))
    losses = [i.loss_total for i in now if i.loss_total > 0]
    assert figures.median_loss == Decimal(str(statistics.median(losses))).quantize(Decimal("0.01"))
    for row in figures.by_type:
        kind_losses = [i.loss_total for i in now if i.kind == row.kind and i.loss_total > 0]
        assert row.loss == sum(i.loss_total for i in now if i.kind == row.kind)
        expected = statistics.median(kind_losses) if kind_losses else None
        assert row.median_loss == (
            None if expected is None else Decimal(str(expected)).quantize(Decimal("0.01"))
        )
    # Stores, methods and plates come from shared incidents only.
    shared = [i for i in now if i.is_shared]
    stores = Counter(i.store_id for i in shared)
    assert {(s.store_id, s.incidents) for s in figures.stores} == set(stores.items())
    # Grouped without case or spaces, shown in the first of its spellings.
    spellings: dict[str, Counter[str]] = {}
    for incident in shared:
        if incident.method.strip():
            key = incident.method.strip().lower()
            spellings.setdefault(key, Counter())[incident.method.strip()] += 1
    shown = {min(spelling): sum(spelling.values()) for spelling in spellings.values()}
    assert dict(figures.methods) == shown
    with schema_context(people.network.schema_name):
        vehicles = list(Vehicle.objects.filter(incident__in=shared, plate_is_partial=False))
    plates: Counter[str] = Counter()
    for plate, seen_in in _group_plates(vehicles).items():
        plates[plate] = len(seen_in)
    assert {(p.plate, p.incidents) for p in figures.plates} == {
        (plate, n) for plate, n in plates.items() if n > 1
    }


def _group_plates(vehicles: list[Vehicle]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for vehicle in vehicles:
        key = "".join(ch for ch in vehicle.plate if ch.isalnum()).upper()
        found.setdefault(key, set()).add(vehicle.incident_id)
    return found


def test_an_incident_at_half_past_eleven_at_night_counts_on_its_local_day_and_hour(
    north_people: People,
) -> None:
    people = north_people
    # 23:30 on Friday 6 November in Los Angeles is 07:30 on Saturday in UTC.
    late = dt.datetime(2026, 11, 6, 23, 30, tzinfo=ZONE)
    with schema_context(people.network.schema_name):
        Incident.objects.create(
            store=people.store,
            kind="casing",
            started_at=late,
            summary="Late",
            logged_by_id=people.owner.pk,
        )
        one_day = Period(first=dt.date(2026, 11, 6), last=dt.date(2026, 11, 6))
        figures = network_figures(period=one_day, zone=ZONE, with_stores=False)
        next_day = network_figures(
            period=Period(first=dt.date(2026, 11, 7), last=dt.date(2026, 11, 7)),
            zone=ZONE,
            with_stores=False,
        )
    assert figures.total.current == 1 and next_day.total.current == 0
    assert figures.heat[4][23] == 1  # Friday, 23:00
    assert figures.night.current == 1 and figures.daytime.current == 0


def test_a_type_with_nothing_a_year_before_is_new_not_a_division_error(
    north_people: People,
) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        Incident.objects.create(
            store=people.store,
            kind="robbery",
            started_at=dt.datetime(2026, 3, 1, 12, tzinfo=ZONE),
            summary="First robbery",
            logged_by_id=people.owner.pk,
        )
        figures = network_figures(
            period=Period(first=dt.date(2026, 1, 1), last=dt.date(2026, 6, 30)),
            zone=ZONE,
            with_stores=False,
        )
    (row,) = figures.by_type
    assert row.count.is_new and row.count.percent is None
    assert figures.stores == []  # not asked for: police see no store names


def test_alert_figures_match_the_recipients_and_deliveries(north_people: People) -> None:
    people = north_people
    sent_at = dt.datetime(2026, 5, 1, 10, 0, tzinfo=ZONE)
    with schema_context(people.network.schema_name):
        incident = Incident.objects.create(
            store=people.store,
            kind="smash",
            started_at=sent_at - dt.timedelta(minutes=24),
            summary="Smash",
            logged_by_id=people.owner.pk,
            is_shared=True,
        )
        alert = Alert.objects.create(
            severity=Alert.Severity.URGENT,
            status=Alert.Status.SENT,
            headline="Smash on Main",
            created_by_id=people.coordinator.pk,
            sent_at=sent_at,
        )
        alert.incidents.add(incident)
        outcomes = [("sent", True), ("sent", False), ("failed", False), ("queued", False)]
        for number, (status, acknowledged) in enumerate(outcomes):
            recipient = Recipient.objects.create(
                alert=alert,
                kind=Recipient.Kind.MEMBER,
                user_id=1000 + number,
                name=f"M{number}",
                email=f"m{number}@example.com",
                acknowledged_at=sent_at if acknowledged else None,
            )
            Delivery.objects.create(
                alert=alert, recipient=recipient, channel=Channel.EMAIL, status=status
            )
        figures = network_figures(
            period=Period(first=dt.date(2026, 4, 1), last=dt.date(2026, 5, 31)),
            zone=ZONE,
            with_stores=False,
        )
    assert figures.alerts_sent.current == 1 and figures.alerts_sent.is_new
    assert figures.alerts_by_severity == {"urgent": 1}
    assert figures.median_minutes_to_alert == pytest.approx(24)
    assert (figures.recipients, figures.reached, figures.acknowledged) == (4, 2, 1)
    assert figures.reach_rate == 50 and figures.acknowledgement_rate == 25


def test_the_periods_counts_read_on_a_second_connection_match_one_connections(
    live_db: None, north_people: People
) -> None:
    """Outside a transaction the period's counts run beside the rest on their own connection
    (in the network's schema); they must say what one connection reading everything says."""
    from django.db import connections, transaction

    north_people.network.timezone = "America/Los_Angeles"
    north_people.network.save(update_fields=["timezone"])
    incidents = [i for i in _generate(north_people, count=60) if i.voided_at is None]
    period = Period(first=dt.date(2026, 1, 1), last=dt.date(2026, 11, 20))
    with schema_context(north_people.network.schema_name):
        beside = network_figures(period=period, zone=ZONE, with_stores=True)
        with transaction.atomic():
            alone = network_figures(period=period, zone=ZONE, with_stores=True)
    assert beside.total.current == len([i for i in incidents if _within(i, period)]) > 0
    assert (beside.total, beside.heat, beside.by_type, beside.by_month, beside.stores) == (
        alone.total,
        alone.heat,
        alone.by_type,
        alone.by_month,
        alone.stores,
    )
    assert beside.median_loss == alone.median_loss
    connections.close_all()
