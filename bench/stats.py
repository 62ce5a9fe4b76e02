"""Stats: the network dashboard at 100,000 incidents, the platform dashboard, the full rollup.

    make bench-stats
    # or: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/stats.py

Builds 200 throwaway networks (cloned from the template schema like any new network) holding
1,000,000 incidents in all, one of them 100,000, over five years, with vehicles (plates seen
again), alerts with their recipients and deliveries, filled with set-based SQL. Then, in one
run:
- the full rollup (stats.rollup) of every network by a real Celery worker subprocess with two
  pool processes, from the "Roll up now" call to the run's close;
- the network dashboard's server time for the coordinator of the 100,000-incident network
  (in-process Django client, the default period and three others in turn), beside a
  tenant-routed health view through the same middleware as the baseline;
- the platform dashboard's server time for a platform admin.
The networks are dropped at the end.

Targets (from the stats issue): network dashboard p95 <= 150 ms, platform dashboard p95 <=
100 ms, full rollup <= 60 s on 2 cores. Writes bench/results/stats.json.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections, models  # noqa: E402
from django.test import Client  # noqa: E402

from bench.common import figure, p50, p95, report, timings_ms  # noqa: E402

BENCH = "stats"
NETWORKS = int(os.environ.get("BENCH_NETWORKS", "200"))
INCIDENTS = int(os.environ.get("BENCH_INCIDENTS", "1000000"))
BIG = int(os.environ.get("BENCH_BIG", "100000"))
YEARS = 5
BIG_STORES, STORES = 120, 12
ALERTS, RECIPIENTS = 400, 60  # in the big network
RUNS = 40

NETWORK_P95_MS, PLATFORM_P95_MS, ROLLUP_S = 150.0, 100.0, 60.0
PERIODS = ["", "?period=ytd", "?period=last_year", "?period=90d"]

KINDS = (
    "ARRAY['casing','distraction','switch','grab','smash','burglary','robbery','fraud',"
    "'contact','outside','other']"
)
LOSS = "CASE WHEN random() < 0.3 THEN round((random() * 20000)::numeric, 2) ELSE 0 END"
METHODS = (
    "ARRAY['', '', 'Hammer on the showcase', 'Asked to see several rings at once', "
    "'Child crying as a distraction', 'Pried the back door', 'Swapped a ring for a fake']"
)


def _defaults(model: Any, given: dict[str, str]) -> tuple[list[str], list[str]]:
    """Columns and SQL expressions for a set-based INSERT: what is given, else a value any
    NOT NULL column accepts (unique text gets the row number)."""
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        column = field.column
        if column in given:
            expression = given[column]
        elif field.null:
            continue
        elif isinstance(field, models.BooleanField):
            expression = "false"
        elif isinstance(field, models.DateTimeField | models.DateField):
            expression = "now()"
        elif isinstance(field, models.UUIDField):
            expression = "gen_random_uuid()"
        elif isinstance(field, models.CharField | models.TextField):
            expression = "md5(random()::text || g::text)" if field.unique else "''"
        else:
            expression = "0"
        columns.append(column)
        values.append(expression)
    return columns, values


def _fill(model: Any, count: int, given: dict[str, str], source: str = "") -> None:
    columns, values = _defaults(model, given)
    source = source or f"generate_series(1, {count}) AS g"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "  # noqa: S608 - our SQL
            f"SELECT {', '.join(values)} FROM {source}"
        )


def build_network(number: int, incidents: int, run: str) -> tuple[Any, Any]:
    from django_tenants.utils import schema_context

    from alerts.models import Alert, Delivery, Recipient
    from incidents.models import Incident, Vehicle
    from networks.models import Store
    from networks.services import network_create

    big = incidents >= BIG
    network = network_create(
        name=f"Bench network {number:03d}",
        slug=f"bs{run}{number:03d}",
        country=["US", "CA", "GB"][number % 3],
        region=["California", "Ontario", "Texas", "New York", "Florida"][number % 5],
        timezone=["America/Los_Angeles", "America/Toronto", "America/Chicago"][number % 3],
    )
    stores = BIG_STORES if big else STORES
    with schema_context(network.schema_name):
        _fill(
            Store,
            stores,
            {
                "legal_name": "'Bench store ' || g",
                "display_name": "'Bench store ' || g",
                "address_line1": "g || ' Bench Street'",
                "city": "'Bench City'",
                "country": "'US'",
                "identity_key": f"'bench {run} {number} ' || g",
            },
        )
        _fill(
            Incident,
            incidents,
            {
                "store_id": f"(SELECT min(id) FROM networks_store) + (g % {stores})",  # noqa: S608 - our SQL
                "kind": f"({KINDS})[1 + floor(random() * 11)::int]",
                "started_at": f"now() - random() * interval '{YEARS} years'",
                "summary": "'Bench incident ' || g",
                "method": f"({METHODS})[1 + floor(random() * 7)::int]",
                "suspect_count": "floor(random() * 5)::int",
                "loss_total": LOSS,
                "anything_taken": "random() < 0.3",
                "is_shared": "random() < 0.6",
                "is_complete": "true",
                "logged_by_id": "1",
            },
        )
        _fill(
            Vehicle,
            0,
            {
                "incident_id": "i.id",
                "position": "1",
                "make": "'Honda'",
                "model": "'Civic'",
                "colour": "'grey'",
                "plate": "'P' || floor(random() * 4000)::int",
            },
            source="incidents_incident i WHERE random() < 0.1",
        )
        if big:
            _fill(
                Alert,
                ALERTS,
                {
                    "severity": "'urgent'",
                    "status": "'sent'",
                    "headline": "'Bench alert ' || g",
                    "sent_at": f"now() - random() * interval '{YEARS} years'",
                },
            )
            _fill(
                Recipient,
                0,
                {
                    "alert_id": "a.id",
                    "kind": "'member'",
                    "user_id": "n",
                    "name": "'Member ' || n",
                    "email": "'m' || n || '@bench.test'",
                    "read_at": "CASE WHEN random() < 0.7 THEN a.sent_at END",
                    "acknowledged_at": "CASE WHEN random() < 0.5 THEN a.sent_at END",
                },
                source=f"alerts_alert a CROSS JOIN generate_series(1, {RECIPIENTS}) AS n, "
                "(SELECT 1 AS g) one",
            )
            _fill(
                Delivery,
                0,
                {
                    "alert_id": "r.alert_id",
                    "recipient_id": "r.id",
                    "channel": "'email'",
                    "round": "1",
                    "status": "CASE WHEN random() < 0.95 THEN 'sent' ELSE 'failed' END",
                    "address": "r.email",
                    "priority": "1",
                    "attempts": "1",
                },
                source="alerts_recipient r, (SELECT 1 AS g) one",
            )
        with connection.cursor() as cursor:
            # What autovacuum does to a settled table: statistics and the visibility map
            # (index-only scans).
            cursor.execute("VACUUM ANALYZE")
    return network, big


def build(run: str) -> tuple[list[Any], Any]:
    from networks.services import public_site_ensure, template_schema_ensure

    public_site_ensure()
    template_schema_ensure()
    rest, extra = divmod(INCIDENTS - BIG, NETWORKS - 1)
    sizes = [BIG] + [rest + (1 if number < extra else 0) for number in range(NETWORKS - 1)]

    def one(args: tuple[int, int]) -> tuple[Any, Any]:
        try:
            return build_network(args[0], args[1], run)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        built = list(pool.map(one, enumerate(sizes)))
    networks = [network for network, _big in built]
    return networks, next(network for network, big in built if big)


def incidents_in(networks: list[Any]) -> int:
    """The incidents the networks really hold, counted in their schemas."""
    from django_tenants.utils import schema_context

    total = 0
    for network in networks:
        with schema_context(network.schema_name), connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM incidents_incident")
            total += cursor.fetchone()[0]
    return total


def drop(networks: list[Any], users: list[Any]) -> None:
    from networks.schemas import use_public_schema

    use_public_schema()
    for user in users:
        user.delete()
    for network in networks:
        network.delete(force_drop=True)


def rollup_seconds(logs: Path) -> tuple[float, int]:
    from stats.models import RollupRun
    from stats.rollup import rollup_start
    from tests.alerts.workers import Worker, tasks_through_the_broker

    worker = Worker(env={}, log=logs / "rollup.log", concurrency=2, queues="default").wait_ready()
    try:
        with tasks_through_the_broker():
            started = time.perf_counter()
            run = rollup_start(trigger=RollupRun.Trigger.ASKED)
            while True:
                run.refresh_from_db()
                if run.status != RollupRun.Status.RUNNING:
                    break
                if time.perf_counter() - started > 600 or worker.process.poll() is not None:
                    raise RuntimeError("the rollup did not finish:\n" + worker.tail())
                time.sleep(0.05)
            seconds = time.perf_counter() - started
    finally:
        worker.stop()
    if run.status != RollupRun.Status.DONE:
        raise RuntimeError(f"rollup ended {run.status}: {run.error}")
    return seconds, run.networks_done


def main() -> None:
    from accounts.models import User
    from networks.models import Membership

    run = uuid.uuid4().hex[:4]
    settings.PORTAL_MFA_EXEMPT_EMAILS = [f"coordinator@{run}.bench", f"admin@{run}.bench"]
    started = time.perf_counter()
    networks, big = build(run)
    built_s = time.perf_counter() - started
    held = incidents_in(networks)
    print(f"built {len(networks)} networks holding {held:,} incidents in {built_s:.0f} s")
    coordinator = User.objects.create_user(email=f"coordinator@{run}.bench", password=run * 8)
    admin = User.objects.create_user(email=f"admin@{run}.bench", password=run * 8, is_staff=True)
    from django_tenants.utils import schema_context

    with schema_context(big.schema_name):
        Membership.objects.create(user=coordinator, role=Membership.Role.COORDINATOR)
    try:
        with tempfile.TemporaryDirectory() as logs:
            rollup_s, rolled = rollup_seconds(Path(logs))
        host = f"{big.slug}.{settings.PORTAL_DOMAIN}"
        member = Client(HTTP_HOST=host)
        member.force_login(coordinator)
        turn = iter(range(10**9))

        def dashboard() -> None:
            response = member.get("/stats/" + PERIODS[next(turn) % len(PERIODS)])
            assert response.status_code == 200, response.status_code

        def hello() -> None:
            assert member.get("/healthz").status_code == 200

        public = Client(HTTP_HOST=settings.PORTAL_DOMAIN)
        public.force_login(admin)

        def platform() -> None:
            response = public.get("/platform/stats/")
            assert response.status_code == 200, response.status_code

        network_ms = timings_ms(dashboard, runs=RUNS)
        hello_ms = timings_ms(hello, runs=RUNS)
        platform_ms = timings_ms(platform, runs=RUNS)
    finally:
        drop(networks, [coordinator, admin])
    report(
        BENCH,
        [
            figure(
                "build: networks",
                len(networks),
                "networks",
                f"{NETWORKS}",
                len(networks) == NETWORKS,
            ),
            figure("build: incidents", held, "incidents", ">= 1,000,000", held >= 1_000_000),
            figure(
                "rollup of every network",
                rollup_s,
                "s",
                f"<= {ROLLUP_S:g} s",
                rollup_s <= ROLLUP_S and rolled >= len(networks),
            ),
            figure(
                "network dashboard p95 (100,000 incidents)",
                p95(network_ms),
                "ms",
                f"<= {NETWORK_P95_MS:g} ms",
                p95(network_ms) <= NETWORK_P95_MS,
                baseline=p95(hello_ms),
            ),
            figure(
                "network dashboard p50", p50(network_ms), "ms", "-", True, baseline=p50(hello_ms)
            ),
            figure(
                "platform dashboard p95",
                p95(platform_ms),
                "ms",
                f"<= {PLATFORM_P95_MS:g} ms",
                p95(platform_ms) <= PLATFORM_P95_MS,
                baseline=p95(hello_ms),
            ),
            figure(
                "platform dashboard p50", p50(platform_ms), "ms", "-", True, baseline=p50(hello_ms)
            ),
        ],
    )


if __name__ == "__main__":
    main()
