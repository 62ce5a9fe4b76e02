"""The platform rollup: each network's figures written into the public schema's tables
(stats.models), so the platform dashboard and the public panel never read a network's schema.

`rollup_start` opens a run and enqueues one task per open network (each in its own schema, on
commit); `network_rollup` computes one network's figures in its schema and replaces its rows
in one transaction, then counts itself on the run, the last one closing it. A run asked for
while another is still going returns that one instead of starting a second.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django_tenants.utils import schema_context

from networks.models import Network

from .models import NetworkMonth, NetworkRollup, NetworkYearType, RollupRun
from .network_figures import PARTNERS_BY_MONTH
from .periods import months_back

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

# A run older than this that never closed (a worker lost, Redis flushed) no longer blocks a
# new one.
STALE_AFTER = dt.timedelta(minutes=30)
ROLLUP_LOCK = 0x57A75  # any constant no other advisory lock of the portal uses
MAX_MONTHS = 15 * 12  # how far back a network's months go, at most

_INCIDENTS = """
SELECT month, kind, count(*),
       count(*) FILTER (WHERE hour >= 7 AND hour < 19),
       count(*) FILTER (WHERE suspect_count >= 3),
       coalesce(sum(loss_total), 0)
FROM (
    SELECT kind, suspect_count, loss_total,
           date_trunc('month', started_at AT TIME ZONE %(tz)s)::date AS month,
           extract(hour FROM started_at AT TIME ZONE %(tz)s)::int AS hour
    FROM incidents_incident WHERE voided_at IS NULL AND started_at >= %(since)s
) i
GROUP BY 1, 2
"""

_ALERTS = """
SELECT date_trunc('month', a.sent_at AT TIME ZONE %(tz)s)::date, count(DISTINCT a.id),
       count(r.id),
       count(r.id) FILTER (WHERE r.read_at IS NOT NULL OR EXISTS (
           SELECT 1 FROM alerts_delivery d WHERE d.recipient_id = r.id AND d.status = 'sent')),
       count(r.id) FILTER (WHERE r.acknowledged_at IS NOT NULL)
FROM alerts_alert a LEFT JOIN alerts_recipient r ON r.alert_id = a.id AND r.kind <> 'webhook'
WHERE a.status <> 'draft' AND a.sent_at >= %(since)s
GROUP BY 1
"""


def _rows(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def rollup_start(*, trigger: str, by: User | None = None) -> RollupRun:
    """Open a run over every open network, or return the one still going."""
    with transaction.atomic():
        # One run at a time: the lock makes two clicks (or beat and a click) agree.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ROLLUP_LOCK])
        going = RollupRun.objects.filter(
            status__in=[RollupRun.Status.QUEUED, RollupRun.Status.RUNNING],
            created_at__gte=timezone.now() - STALE_AFTER,
        ).first()
        if going is not None:
            return going
        networks = list(
            Network.objects.filter(is_active=True)
            .exclude(schema_name="public")
            .values_list("pk", "schema_name")
        )
        run = RollupRun.objects.create(
            trigger=trigger,
            requested_by=by,
            networks_total=len(networks),
            status=RollupRun.Status.RUNNING if networks else RollupRun.Status.DONE,
            started_at=timezone.now(),
            finished_at=None if networks else timezone.now(),
        )
        transaction.on_commit(lambda: _enqueue(run_id=run.pk, networks=networks))
    return run


def _enqueue(*, run_id: int, networks: list[tuple[int, str]]) -> None:
    from .tasks import rollup_network

    for _network_id, schema in networks:
        with schema_context(schema):
            rollup_network.delay(run_id=run_id)


def network_rollup(*, network: Network, run_id: int | None = None) -> None:
    """Compute the network's figures (its schema must be active) and replace its rows."""
    began = time.monotonic()
    # One transaction: a consistent read of the network, and a failure that leaves the
    # connection usable for counting it on the run.
    with transaction.atomic():
        _network_rollup(network=network, run_id=run_id, began=began)
    if run_id is not None:
        run_count(run_id=run_id, failed=False)


def _network_rollup(*, network: Network, run_id: int | None, began: float) -> None:
    zone = network.zone
    today = timezone.localdate(timezone=zone)
    this_month = today.replace(day=1)
    first_month = months_back(this_month, MAX_MONTHS - 1)
    since = dt.datetime.combine(first_month, dt.time.min, tzinfo=zone)
    params = {"tz": str(zone), "since": since}
    months: dict[dt.date, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    years: dict[tuple[int, str], list[Any]] = defaultdict(lambda: [0, Decimal(0)])
    for month, kind, count, daytime, organised, loss in _rows(_INCIDENTS, params):
        row = months[month]
        row["incidents"] += count
        row["daytime"] += daytime
        row["organised"] += organised
        row["loss_total"] += loss
        years[(month.year, kind)][0] += count
        years[(month.year, kind)][1] += loss
    for month, alerts, recipients, reached, acknowledged in _rows(_ALERTS, params):
        row = months[month]
        row.update(alerts_sent=alerts, recipients=recipients, reached=reached)
        row["acknowledged"] = acknowledged
    start = min([*months, this_month])
    partners = {**params, "first_month": start, "last_month": this_month}
    for month, active, new in _rows(PARTNERS_BY_MONTH, partners):
        if active or new or month in months:
            months[month].update(active_partners=active, new_partners=new)
    NetworkMonth.objects.filter(network=network).delete()
    NetworkMonth.objects.bulk_create(
        NetworkMonth(network=network, month=month, **values)
        for month, values in sorted(months.items())
    )
    NetworkYearType.objects.filter(network=network).delete()
    NetworkYearType.objects.bulk_create(
        NetworkYearType(network=network, year=year, kind=kind, incidents=n, loss_total=loss)
        for (year, kind), (n, loss) in sorted(years.items())
    )
    NetworkRollup.objects.update_or_create(
        network=network,
        defaults={
            "run_id": run_id,
            "rolled_up_at": timezone.now(),
            "seconds": time.monotonic() - began,
        },
    )


def run_count(*, run_id: int, failed: bool, error: str = "") -> None:
    """Count one network as done (or failed) on the run; the last one closes it."""
    field = "networks_failed" if failed else "networks_done"
    changes: dict[str, Any] = {field: F(field) + 1}
    if error:
        changes["error"] = Concat(F("error"), Value(error[:500] + "\n"))
    RollupRun.objects.filter(pk=run_id).update(**changes)
    RollupRun.objects.filter(
        pk=run_id,
        status=RollupRun.Status.RUNNING,
        networks_total__lte=F("networks_done") + F("networks_failed"),
    ).update(
        status=_closing_status(run_id),
        finished_at=timezone.now(),
    )


def _closing_status(run_id: int) -> str:
    failed = RollupRun.objects.filter(pk=run_id, networks_failed__gt=0).exists()
    return RollupRun.Status.FAILED if failed else RollupRun.Status.DONE


def latest_run() -> RollupRun | None:
    return RollupRun.objects.first()
