"""A network's figures for a period and the same dates a year before, read in a handful of
SQL statements from the network's own schema.

What counts: every incident logged in the network that was not voided, whether or not its
store shared it — the counts name nobody. What names a store, a method or a plate comes only
from incidents the store shared with the network, as on every other page.

Times are the network's local times: an incident at 23:30 local time counts on its local day
and hour, whatever the server's zone. Daytime is 07:00 to 18:59 local time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, connections
from django_tenants.utils import schema_context

from incidents.models import IncidentType
from networks.schemas import current_schema

from .periods import Period

DAY_STARTS, NIGHT_STARTS = 7, 19
ORGANISED = 3  # suspects: the movement counts three or more as an organised crime
TOP = 8


@dataclass(frozen=True)
class Change:
    """A figure now and a year before. `percent` is None with a zero base ("new" when there
    is something now, nothing to compare when both are zero)."""

    current: float
    previous: float

    @property
    def percent(self) -> float | None:
        if not self.previous:
            return None
        return (self.current - self.previous) * 100 / self.previous

    @property
    def is_new(self) -> bool:
        return not self.previous and bool(self.current)


@dataclass(frozen=True)
class TypeRow:
    kind: str
    label: str
    count: Change
    loss: Decimal
    median_loss: Decimal | None


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    count: Change


@dataclass(frozen=True)
class PlateRow:
    plate: str
    incidents: int
    last_seen: dt.datetime
    vehicles: list[str]


@dataclass(frozen=True)
class StoreRow:
    store_id: int
    name: str
    incidents: int
    loss: Decimal


@dataclass
class NetworkFigures:
    period: Period
    previous: Period
    total: Change = Change(0, 0)
    daytime: Change = Change(0, 0)
    night: Change = Change(0, 0)
    organised: Change = Change(0, 0)
    loss_total: Change = Change(0, 0)
    median_loss: Decimal | None = None
    by_type: list[TypeRow] = field(default_factory=list)
    by_month: list[MonthRow] = field(default_factory=list)
    heat: list[list[int]] = field(default_factory=lambda: [[0] * 24 for _ in range(7)])
    methods: list[tuple[str, int]] = field(default_factory=list)
    plates: list[PlateRow] = field(default_factory=list)
    vehicles: list[tuple[str, int]] = field(default_factory=list)
    stores: list[StoreRow] = field(default_factory=list)
    alerts_sent: Change = Change(0, 0)
    alerts_by_severity: dict[str, int] = field(default_factory=dict)
    median_minutes_to_alert: float | None = None
    recipients: int = 0
    reached: int = 0
    acknowledged: int = 0
    partners: list[tuple[dt.date, int, int]] = field(default_factory=list)  # month, active, new
    downloads: list[tuple[dt.date, int]] = field(default_factory=list)
    downloads_by_item: list[tuple[str, int]] = field(default_factory=list)
    patrols_made: int = 0
    patrols_answered: int = 0
    stores_with_reviewed_plan: int = 0

    @property
    def reach_rate(self) -> float | None:
        return self.reached * 100 / self.recipients if self.recipients else None

    @property
    def acknowledgement_rate(self) -> float | None:
        return self.acknowledged * 100 / self.recipients if self.recipients else None

    @property
    def daytime_share(self) -> float | None:
        return self.daytime.current * 100 / self.total.current if self.total.current else None


def _rows(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def network_figures(*, period: Period, zone: dt.tzinfo, with_stores: bool) -> NetworkFigures:
    previous = period.year_before()
    start, end = period.bounds(zone)
    prev_start, prev_end = previous.bounds(zone)
    params = {
        "tz": str(zone),
        "start": start,
        "end": end,
        "prev_start": prev_start,
        "prev_end": prev_end,
        "day": DAY_STARTS,
        "night": NIGHT_STARTS,
        "organised": ORGANISED,
        **_clock(period, zone, "cur"),
        **_clock(previous, zone, "prev"),
    }
    figures = NetworkFigures(period=period, previous=previous)
    # The period's counts and medians, the heaviest part, run beside the rest on a second
    # connection; inside a transaction (a test's) they could not see its rows, so they run here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        if connection.in_atomic_block:
            medians, current_rows = _current_counts(params)
            beside = None
        else:
            beside = pool.submit(_on_own_connection, current_schema(), params)
        previous_rows = _rows(_PREVIOUS, params)
        _shared_details(figures, params)
        _alerts(figures, params)
        _partners(figures, params, period=period)
        _toolkit_and_police(figures, params)
        if beside is not None:
            medians, current_rows = beside.result()
    _incident_counts(figures, current_rows, previous_rows, medians, with_stores=with_stores)
    return figures


def _current_counts(params: dict[str, Any]) -> tuple[dict[Any, Any], list[tuple[Any, ...]]]:
    return dict(_rows(_MEDIANS, params)), _rows(_CURRENT, params)


def _on_own_connection(
    schema: str, params: dict[str, Any]
) -> tuple[dict[Any, Any], list[tuple[Any, ...]]]:
    """The period's counts on this thread's own connection, in the network's schema; the
    connection is closed after (no thread keeps one past the request)."""
    try:
        with schema_context(schema):
            return _current_counts(params)
    finally:
        connections.close_all()  # this thread's connections only


# One pass over a window, grouped several ways at once (hashed: no ordered-set aggregate here,
# the medians have their own query). The year before needs fewer groupings than the period.
def _counts_sql(*, window: str, sets: str, grouping: str, keys: str) -> str:
    # Local time without converting each row through the zone database (most of the cost at
    # 100,000 incidents): the window's UTC offsets are known in advance (a change at each DST
    # transition), so a row's local clock is its epoch plus the offset of its stretch, and its
    # month the bucket of the month starts (both found with width_bucket).
    return f"""
SELECT {grouping}, {keys},
       count(*),
       count(*) FILTER (WHERE is_shared),
       coalesce(sum(loss_total), 0),
       coalesce(sum(loss_total) FILTER (WHERE is_shared), 0),
       count(*) FILTER (WHERE suspect_count >= %(organised)s),
       count(*) FILTER (WHERE hour >= %(day)s AND hour < %(night)s)
FROM (
    SELECT kind, store_id, is_shared, loss_total, suspect_count,
           width_bucket(started_at, %({window}_months)s::timestamptz[]) AS month,
           (floor(local / 86400)::bigint + 3) %% 7 AS dow,
           floor(local / 3600)::bigint %% 24 AS hour
    FROM (
        SELECT kind, store_id, is_shared, loss_total, suspect_count, started_at,
               date_part('epoch', started_at)
               + (%({window}_offsets)s::int[])[
                   width_bucket(started_at, %({window}_changes)s::timestamptz[]) + 1
               ] AS local
        FROM incidents_incident
        WHERE voided_at IS NULL
          AND started_at >= %({window}_start)s AND started_at < %({window}_end)s
    ) rows
) parts
GROUP BY GROUPING SETS ({sets})
"""  # noqa: S608 - the names above are ours, the values are parameters


_CURRENT = _counts_sql(
    window="cur",
    sets="(), (kind), (month), (dow, hour), (store_id)",
    grouping="GROUPING(kind, month, dow, hour, store_id)",
    keys="kind, month, dow, hour, store_id",
)
# GROUPING() takes only columns of the sets: the missing three bits are set by hand.
_PREVIOUS = _counts_sql(
    window="prev",
    sets="(), (kind), (month)",
    grouping="GROUPING(kind, month) * 8 + 7",
    keys="kind, month, NULL, NULL, NULL",
)


def _clock(period: Period, zone: dt.tzinfo, name: str) -> dict[str, Any]:
    """A window's bounds, the UTC instants its local months start (after the first) and the
    stretches of constant UTC offset it spans, as the count queries take them."""
    start, end = period.bounds(zone)
    months = [dt.datetime.combine(month, dt.time.min, tzinfo=zone) for month in period.months()[1:]]
    changes: list[dt.datetime] = []
    offsets = [_offset(start, zone)]
    # Day by day (a transition moves the offset at most once a day), then hour by hour
    # inside the day it moved.
    day = start.astimezone(dt.UTC)
    while day < end:
        following = day + dt.timedelta(days=1)
        if _offset(following, zone) != offsets[-1]:
            moment = day
            while _offset(moment, zone) == offsets[-1]:
                moment += dt.timedelta(minutes=15)
            changes.append(moment)
            offsets.append(_offset(moment, zone))
        day = following
    return {
        f"{name}_start": start,
        f"{name}_end": end,
        f"{name}_months": months,
        f"{name}_changes": changes,
        f"{name}_offsets": offsets,
    }


def _offset(moment: dt.datetime, zone: dt.tzinfo) -> int:
    offset = moment.astimezone(zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


_MEDIANS = """
SELECT kind, percentile_cont(0.5) WITHIN GROUP (ORDER BY loss_total)
FROM incidents_incident
WHERE voided_at IS NULL AND loss_total > 0 AND started_at >= %(start)s AND started_at < %(end)s
GROUP BY ROLLUP (kind)
"""

# GROUPING() bits, kind first: 1 where a column is not in the row's set.
_TOTAL, _KIND, _MONTH, _HOUR, _STORE = 0b11111, 0b01111, 0b10111, 0b11001, 0b11110


def _incident_counts(
    figures: NetworkFigures,
    current_rows: list[tuple[Any, ...]],
    previous_rows: list[tuple[Any, ...]],
    medians: dict[Any, Any],
    *,
    with_stores: bool,
) -> None:
    totals: dict[bool, tuple[Any, ...]] = {}
    kinds: dict[tuple[bool, str], tuple[Any, ...]] = {}
    months: dict[tuple[bool, dt.date], int] = {}
    stores: list[tuple[int, int, Decimal]] = []
    month_of = {True: figures.period.months(), False: figures.previous.months()}
    for cur, rows in ((True, current_rows), (False, previous_rows)):
        for row in rows:
            grouping, kind, bucket, dow, hour, store_id = row[:6]
            month = None if bucket is None else month_of[cur][bucket]
            count, shared, loss, shared_loss, organised, daytime = row[6:]
            if grouping == _TOTAL:
                totals[cur] = (count, loss, medians.get(None) if cur else None, organised, daytime)
            elif grouping == _KIND:
                kinds[(cur, kind)] = (count, loss, medians.get(kind) if cur else None)
            elif grouping == _MONTH and month is not None:
                months[(cur, month)] = count
            elif grouping == _HOUR:
                figures.heat[dow][hour] = count
            elif grouping == _STORE and shared:
                stores.append((store_id, shared, shared_loss))
    now, before = totals.get(True, (0, 0, None, 0, 0)), totals.get(False, (0, 0, None, 0, 0))
    figures.total = Change(now[0], before[0])
    figures.loss_total = Change(float(now[1]), float(before[1]))
    figures.median_loss = _money(now[2])
    figures.organised = Change(now[3], before[3])
    figures.daytime = Change(now[4], before[4])
    figures.night = Change(now[0] - now[4], before[0] - before[4])
    for kind, label in IncidentType.choices:
        current = kinds.get((True, kind), (0, 0, None))
        earlier = kinds.get((False, kind), (0, 0, None))
        if current[0] or earlier[0]:
            figures.by_type.append(
                TypeRow(
                    kind=kind,
                    label=str(label),
                    count=Change(current[0], earlier[0]),
                    loss=Decimal(current[1]),
                    median_loss=_money(current[2]),
                )
            )
    figures.by_type.sort(key=lambda row: (-row.count.current, -row.count.previous, row.label))
    for month in figures.period.months():
        year_before = month.replace(year=month.year - 1)
        figures.by_month.append(
            MonthRow(
                month=month,
                count=Change(months.get((True, month), 0), months.get((False, year_before), 0)),
            )
        )
    if with_stores:
        _store_rows(figures, stores)


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _store_rows(figures: NetworkFigures, stores: list[tuple[int, int, Decimal]]) -> None:
    from networks.models import Store

    top = sorted(stores, key=lambda item: (-item[1], -item[2], item[0]))[:TOP]
    names = dict(
        Store.objects.filter(pk__in=[s for s, _, _ in top]).values_list("pk", "display_name")
    )
    figures.stores = [
        StoreRow(store_id=s, name=names.get(s, ""), incidents=n, loss=Decimal(loss))
        for s, n, loss in top
    ]


# Methods compared without case or surrounding spaces, each shown in one of its spellings (the
# first in alphabetical order: hashed, where "the most typed" would sort every group).
_METHODS = """
SELECT min(btrim(method)), count(*) FROM incidents_incident
WHERE is_shared AND voided_at IS NULL AND btrim(method) <> ''
  AND started_at >= %(start)s AND started_at < %(end)s
GROUP BY lower(btrim(method)) ORDER BY 2 DESC, 1 LIMIT %(top)s
"""

# Plates compared without spaces, dashes or case; partial plates are left out (a fragment
# would "match" unrelated cars).
_PLATES = """
SELECT upper(regexp_replace(v.plate, '[^[:alnum:]]', '', 'g')) AS plate,
       count(DISTINCT i.id), max(i.started_at),
       array_agg(DISTINCT nullif(btrim(concat_ws(' ', v.colour, v.make, v.model)), ''))
FROM incidents_vehicle v JOIN incidents_incident i ON i.id = v.incident_id
WHERE i.is_shared AND i.voided_at IS NULL AND v.redacted_at IS NULL AND NOT v.plate_is_partial
  AND btrim(v.plate) <> '' AND i.started_at >= %(start)s AND i.started_at < %(end)s
GROUP BY 1 HAVING count(DISTINCT i.id) > 1 ORDER BY 2 DESC, 3 DESC LIMIT %(top)s
"""

_VEHICLES = """
SELECT min(btrim(concat_ws(' ', v.colour, v.make, v.model))), count(DISTINCT i.id)
FROM incidents_vehicle v JOIN incidents_incident i ON i.id = v.incident_id
WHERE i.is_shared AND i.voided_at IS NULL AND v.redacted_at IS NULL
  AND (v.make <> '' OR v.model <> '')
  AND i.started_at >= %(start)s AND i.started_at < %(end)s
GROUP BY lower(btrim(concat_ws(' ', v.colour, v.make, v.model)))
HAVING count(DISTINCT i.id) > 1 ORDER BY 2 DESC, 1 LIMIT %(top)s
"""


def _shared_details(figures: NetworkFigures, params: dict[str, Any]) -> None:
    params = {**params, "top": TOP}
    figures.methods = [(text, count) for text, count in _rows(_METHODS, params)]
    figures.plates = [
        PlateRow(plate=plate, incidents=n, last_seen=last, vehicles=[v for v in seen if v])
        for plate, n, last, seen in _rows(_PLATES, params)
    ]
    figures.vehicles = [(text, count) for text, count in _rows(_VEHICLES, params)]


_ALERTS = """
SELECT started, severity, count(*) FROM (
    SELECT true AS started, severity FROM alerts_alert
    WHERE status <> 'draft' AND sent_at >= %(start)s AND sent_at < %(end)s
    UNION ALL
    SELECT false, severity FROM alerts_alert
    WHERE status <> 'draft' AND sent_at >= %(prev_start)s AND sent_at < %(prev_end)s
) a GROUP BY 1, 2
"""

# From the first moment of the incidents an alert quotes to the alert going out.
_TO_ALERT = """
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.sent_at - f.first) / 60)
FROM alerts_alert a
JOIN LATERAL (
    SELECT min(i.started_at) AS first FROM alerts_alert_incidents ai
    JOIN incidents_incident i ON i.id = ai.incident_id WHERE ai.alert_id = a.id
) f ON f.first IS NOT NULL
WHERE a.status <> 'draft' AND a.sent_at >= %(start)s AND a.sent_at < %(end)s
  AND a.sent_at >= f.first
"""

# Reached: at least one message delivered (or the alert read in the portal).
_REACH = """
SELECT count(*),
       count(*) FILTER (WHERE r.read_at IS NOT NULL OR EXISTS (
           SELECT 1 FROM alerts_delivery d WHERE d.recipient_id = r.id AND d.status = 'sent')),
       count(*) FILTER (WHERE r.acknowledged_at IS NOT NULL)
FROM alerts_recipient r JOIN alerts_alert a ON a.id = r.alert_id
WHERE r.kind <> 'webhook' AND a.status <> 'draft'
  AND a.sent_at >= %(start)s AND a.sent_at < %(end)s
"""


def _alerts(figures: NetworkFigures, params: dict[str, Any]) -> None:
    now: dict[str, int] = defaultdict(int)
    before = 0
    for current, severity, count in _rows(_ALERTS, params):
        if current:
            now[severity] += count
        else:
            before += count
    figures.alerts_sent = Change(sum(now.values()), before)
    figures.alerts_by_severity = dict(now)
    (median,) = _rows(_TO_ALERT, params)[0]
    figures.median_minutes_to_alert = None if median is None else float(median)
    figures.recipients, figures.reached, figures.acknowledged = _rows(_REACH, params)[0]


# Active partners at the end of each month: the pledges whose last change by then left them
# active. New partners: pledges that became active during the month. (The rollup reads the
# same.)
PARTNERS_BY_MONTH = """
SELECT m.month::date,
       (SELECT count(*) FROM (
            SELECT DISTINCT ON (e.pledge_id) e.to_status FROM pledges_pledgeevent e
            WHERE e.at < ((m.month + interval '1 month') AT TIME ZONE %(tz)s)
              AND e.to_status <> ''
            ORDER BY e.pledge_id, e.at DESC, e.id DESC) last
        WHERE last.to_status = 'active'),
       (SELECT count(DISTINCT e.pledge_id) FROM pledges_pledgeevent e
        WHERE e.to_status = 'active' AND e.from_status <> 'active'
          AND e.at >= (m.month AT TIME ZONE %(tz)s)
          AND e.at < ((m.month + interval '1 month') AT TIME ZONE %(tz)s))
FROM generate_series(%(first_month)s::timestamp, %(last_month)s::timestamp, interval '1 month')
     AS m(month)
ORDER BY 1
"""


def _partners(figures: NetworkFigures, params: dict[str, Any], *, period: Period) -> None:
    months = period.months()
    rows = _rows(PARTNERS_BY_MONTH, {**params, "first_month": months[0], "last_month": months[-1]})
    figures.partners = [(month, active, new) for month, active, new in rows]


_DOWNLOADS = """
SELECT date_trunc('month', at AT TIME ZONE %(tz)s)::date, count(*) FROM toolkit_toolkitdownload
WHERE at >= %(start)s AND at < %(end)s GROUP BY 1 ORDER BY 1
"""
_DOWNLOAD_ITEMS = """
SELECT item, count(*) FROM toolkit_toolkitdownload
WHERE at >= %(start)s AND at < %(end)s GROUP BY 1 ORDER BY 2 DESC, 1
"""


def _toolkit_and_police(figures: NetworkFigures, params: dict[str, Any]) -> None:
    by_month = dict(_rows(_DOWNLOADS, params))
    figures.downloads = [(month, by_month.get(month, 0)) for month in figures.period.months()]
    figures.downloads_by_item = [(item, n) for item, n in _rows(_DOWNLOAD_ITEMS, params)]
    from police.desk_selectors import partnership_counts

    police = partnership_counts(since=params["start"], until=params["end"])
    figures.patrols_made = police.patrols_made
    figures.patrols_answered = police.patrols_answered
    figures.stores_with_reviewed_plan = police.stores_with_reviewed_plan
