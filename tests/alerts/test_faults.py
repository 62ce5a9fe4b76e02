"""The fan-out survives what production throws at it: a worker killed mid-send, providers
failing for a while, Redis restarted, "send" pressed twice. Real Celery workers in
subprocesses (tests/alerts/workers.py), a real SMTP server and a local Twilio API
(tests/alerts/sms_server.py), committed data; what counts is what the sinks received.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connections
from django_tenants.utils import schema_context

from accounts.models import User
from alerts import limiter
from alerts.models import Alert, Channel, Delivery
from alerts.services import alert_send
from config.celery import app
from networks.models import Network
from tests.alerts.crowd import Crowd, crowd_make, urgent_draft
from tests.alerts.sms_server import SmsApi, SmtpSink
from tests.alerts.workers import (
    RedisServer,
    Worker,
    provider_env,
    tasks_through_the_broker,
    worker,
)
from tests.conftest import People
from tests.servers import free_port

pytestmark = pytest.mark.usefixtures("live_db")

SWEEPER = "alerts.sweep"
FAST = {
    # Paced so that a fan-out of a few hundred takes a couple of seconds: long enough to
    # break something in the middle of it.
    "ALERTS_EMAIL_RATE": "150",
    "ALERTS_SMS_RATE": "150",
    "ALERTS_BATCH_SIZE": "25",
    # A worker killed with a claim in hand is noticed in seconds, not five minutes.
    "ALERTS_CLAIM_STALE_SECONDS": "3",
    "ALERTS_RETRY_BASE_SECONDS": "0.5",
    "ALERTS_RETRY_MAX_SECONDS": "2",
    "ALERTS_HTTP_TIMEOUT": "1",
}


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


@pytest.fixture(autouse=True)
def _fast_here_too(settings: pytest.FixtureRequest) -> None:
    # The fan-out is planned in this process (alert_send's on-commit dispatch leases each
    # batch for as long as the channel's pace should take): the same pace as the workers'.
    settings.ALERTS_CHANNEL_RATES = {  # type: ignore[attr-defined]
        "email": float(FAST["ALERTS_EMAIL_RATE"]),
        "sms": float(FAST["ALERTS_SMS_RATE"]),
        "webhook": 20.0,
    }
    for name in (
        "ALERTS_BATCH_SIZE",
        "ALERTS_CLAIM_STALE_SECONDS",
        "ALERTS_RETRY_BASE_SECONDS",
        "ALERTS_RETRY_MAX_SECONDS",
        "ALERTS_HTTP_TIMEOUT",
    ):
        setattr(settings, name, float(FAST[name]) if "." in FAST[name] else int(FAST[name]))


def expected_messages(alert: Alert, network: Network) -> tuple[Counter[str], Counter[str]]:
    """Each email address and phone the alert's deliveries name, once each."""
    with schema_context(network.schema_name):
        rows = list(
            Delivery.objects.filter(
                alert=alert, channel__in=[Channel.EMAIL, Channel.SMS]
            ).values_list("channel", "address")
        )
    emails = Counter(address for channel, address in rows if channel == Channel.EMAIL)
    phones = Counter(address for channel, address in rows if channel == Channel.SMS)
    return emails, phones


def received(smtp: SmtpSink, sms: SmsApi) -> int:
    return len(smtp.mails) + len(sms.messages)


def wait_until(done: Callable[[], bool], *, timeout: float, what: str, w: Worker) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout:g}s; worker log:\n{w.tail()}")
        time.sleep(0.02)


def open_deliveries(network: Network) -> list[tuple[object, ...]]:
    """Every email and SMS delivery not sent, for a failure's message."""
    with schema_context(network.schema_name):
        rows = Delivery.objects.exclude(status=Delivery.Status.SENT).exclude(channel=Channel.INBOX)
        return list(
            rows.values_list("pk", "channel", "status", "attempts", "error", "not_before")[:20]
        )


def sweep(network: Network) -> None:
    """What beat does every minute: the sweeper, in the network's schema, re-enqueues what is
    left (queued, or claimed by a worker that has since died)."""
    app.send_task(SWEEPER, headers={"_schema_name": network.schema_name})


def sweep_until(
    done: Callable[[], bool], *, network: Network, timeout: float, what: str, w: Worker
) -> None:
    deadline = time.monotonic() + timeout
    next_sweep = 0.0
    while not done():
        now = time.monotonic()
        if now > deadline:
            pytest.fail(
                f"{what} did not happen within {timeout:g}s; not sent: {open_deliveries(network)}; "
                f"worker log:\n{w.tail()}"
            )
        if now >= next_sweep:
            sweep(network)
            next_sweep = now + 2
        time.sleep(0.05)


def send(alert: Alert, network: Network, by: User) -> Alert | None:
    with schema_context(network.schema_name):
        return alert_send(alert_id=alert.pk, by=by)


def assert_each_exactly_once(alert: Alert, network: Network, smtp: SmtpSink, sms: SmsApi) -> None:
    """Every address got its message once: none lost, none twice (alerts/engine.py records
    each message at the provider's point of no return)."""
    emails, phones = expected_messages(alert, network)
    got_emails, got_phones = smtp.count_by_to(), sms.count_by_to()
    lost = (emails - got_emails) + (phones - got_phones)
    duplicated = (got_emails - emails) + (got_phones - phones)
    assert not lost, f"{sum(lost.values())} messages lost: {list(lost)[:5]}"
    assert not duplicated, f"{sum(duplicated.values())} extra messages: {list(duplicated)[:5]}"
    with schema_context(network.schema_name):
        open_ = Delivery.objects.filter(alert=alert).exclude(status=Delivery.Status.SENT)
        assert list(open_.values_list("channel", "status", "error")[:5]) == []


def all_received(alert: Alert, network: Network, smtp: SmtpSink, sms: SmsApi) -> Callable[[], bool]:
    emails, phones = expected_messages(alert, network)
    total = sum(emails.values()) + sum(phones.values())
    return lambda: received(smtp, sms) >= total


@pytest.fixture
def crowd(north_people: People) -> Crowd:
    return crowd_make(network=north_people.network, store=north_people.store, count=300, tag="m")


# --- A worker killed in the middle of a fan-out ---------------------------------------------


@pytest.mark.parametrize(
    ("batch_size", "lanes"),
    [
        pytest.param(25, 1, id="one-lane"),
        # 100 messages a batch at 150 a second: three lanes (alerts.engine.lanes_for), whose
        # parked messages are recorded together.
        pytest.param(100, 3, id="three-lanes"),
    ],
)
def test_worker_killed_mid_fan_out_then_replaced_sends_each_message_exactly_once(
    north_people: People,
    crowd: Crowd,
    smtp_sink: SmtpSink,
    sms_api: SmsApi,
    logs: Path,
    settings: pytest.FixtureRequest,
    batch_size: int,
    lanes: int,
) -> None:
    from alerts.engine import lanes_for

    settings.ALERTS_BATCH_SIZE = batch_size  # type: ignore[attr-defined]
    assert lanes_for(rate=float(FAST["ALERTS_EMAIL_RATE"]), messages=batch_size) == lanes
    north = north_people.network
    env = FAST | provider_env(sms=sms_api, smtp=smtp_sink) | {"ALERTS_BATCH_SIZE": str(batch_size)}
    alert = urgent_draft(network=north, by=north_people.coordinator)
    with tasks_through_the_broker():
        first = Worker(env=env, log=logs / "first.log").wait_ready()
        try:
            assert send(alert, north, north_people.coordinator) is not None
            emails, phones = expected_messages(alert, north)
            total = sum(emails.values()) + sum(phones.values())
            assert total == 2 * 300 + 5  # the five named people have no phone
            wait_until(
                lambda: received(smtp_sink, sms_api) >= total // 5,
                timeout=30,
                what="a fifth of the fan-out",
                w=first,
            )
        finally:
            first.kill()
        at_kill = received(smtp_sink, sms_api)
        assert at_kill < total, "the fan-out finished before the worker was killed"

        with worker(env=env, log=logs / "second.log") as second:
            sweep_until(
                all_received(alert, north, smtp_sink, sms_api),
                network=north,
                timeout=45,
                what="the rest of the fan-out",
                w=second,
            )
            time.sleep(1)  # room for a late duplicate to arrive
    assert_each_exactly_once(alert, north, smtp_sink, sms_api)
    with schema_context(north.schema_name):
        assert Alert.objects.get(pk=alert.pk).finished_at is not None


# --- Providers failing for a while, then recovering -----------------------------------------


@pytest.mark.parametrize(
    ("sms_failure", "smtp_failure"), [("500", "refuse"), ("timeout", "451"), ("429", "timeout")]
)
def test_providers_failing_for_a_while_then_everything_is_delivered_without_a_retry_storm(
    north_people: People,
    smtp_sink: SmtpSink,
    sms_api: SmsApi,
    logs: Path,
    settings: pytest.FixtureRequest,
    sms_failure: str,
    smtp_failure: str,
) -> None:
    north = north_people.network
    crowd_make(network=north, store=north_people.store, count=10, tag="f")
    # Longer than the test waits: only the senders' own timeouts get them out.
    smtp_sink.hold_seconds = sms_api.hold_seconds = 60
    # Small batches: a batch meets the outage one message at a time (a timeout each).
    settings.ALERTS_BATCH_SIZE = 5  # type: ignore[attr-defined]
    env = FAST | provider_env(sms=sms_api, smtp=smtp_sink) | {"ALERTS_BATCH_SIZE": "5"}
    alert = urgent_draft(network=north, by=north_people.coordinator)
    with tasks_through_the_broker(), worker(env=env, log=logs / "worker.log") as w:
        sms_api.fail(sms_failure)
        smtp_sink.fail(smtp_failure)
        assert send(alert, north, north_people.coordinator) is not None
        _emails, phones = expected_messages(alert, north)

        def failures_recorded() -> bool:
            with schema_context(north.schema_name):
                tried = Delivery.objects.filter(alert=alert, attempts__gte=1).exclude(error="")
                return {d.channel for d in tried} >= {Channel.EMAIL, Channel.SMS}

        wait_until(failures_recorded, timeout=20, what="failures recorded on deliveries", w=w)
        assert received(smtp_sink, sms_api) == 0
        with schema_context(north.schema_name):
            # A row reads "sent" from the end of its request until the provider's missing
            # answer corrects it; none carries the reference of an accepted message.
            assert (
                not Delivery.objects.filter(alert=alert)
                .exclude(channel=Channel.INBOX)
                .exclude(provider_ref="")
                .exists()
            )
        time.sleep(2)  # a few more rounds of retries while the providers are down
        failed_sms_attempts = len(sms_api.attempts)
        sms_api.recover()
        smtp_sink.recover()
        sweep_until(
            all_received(alert, north, smtp_sink, sms_api),
            network=north,
            timeout=45,
            what="delivery after recovery",
            w=w,
        )
        time.sleep(1)
    assert_each_exactly_once(alert, north, smtp_sink, sms_api)
    # No retry storm: with a backoff from 0.5 s, a few seconds of outage cost each message a
    # handful of tries, not hundreds.
    assert failed_sms_attempts <= 6 * sum(phones.values())
    assert len(sms_api.attempts) <= failed_sms_attempts + sum(phones.values())
    with schema_context(north.schema_name):
        attempts = Delivery.objects.filter(alert=alert, channel=Channel.SMS).values_list(
            "attempts", flat=True
        )
        assert max(attempts) >= 2
        assert max(attempts) <= 8


# --- Redis restarted in the middle of a fan-out ---------------------------------------------


def test_redis_restarted_mid_fan_out_loses_nothing(
    north_people: People,
    crowd: Crowd,
    smtp_sink: SmtpSink,
    sms_api: SmsApi,
    logs: Path,
    settings: pytest.FixtureRequest,
    request: pytest.FixtureRequest,
) -> None:
    north = north_people.network
    alert = urgent_draft(network=north, by=north_people.coordinator)
    with RedisServer(free_port()) as redis_server:
        env = FAST | provider_env(sms=sms_api, smtp=smtp_sink) | {"REDIS_URL": redis_server.url()}
        db = int(app.conf.broker_url.rsplit("/", 1)[1])
        # Leases and limiter slots of this process's dispatch go to the same throwaway Redis.
        settings.REDIS_URL = redis_server.url(db)  # type: ignore[attr-defined]
        request.addfinalizer(limiter.redis_client.cache_clear)
        limiter.redis_client.cache_clear()
        with (
            tasks_through_the_broker(redis_server.url(db)),
            worker(env=env, log=logs / "worker.log") as w,
        ):
            assert send(alert, north, north_people.coordinator) is not None
            emails, phones = expected_messages(alert, north)
            total = sum(emails.values()) + sum(phones.values())
            wait_until(
                lambda: received(smtp_sink, sms_api) >= total // 5,
                timeout=30,
                what="a fifth of the fan-out",
                w=w,
            )
            redis_server.restart()
            assert received(smtp_sink, sms_api) < total, "finished before Redis went down"
            sweep_until(
                all_received(alert, north, smtp_sink, sms_api),
                network=north,
                timeout=60,
                what="the rest of the fan-out after the restart",
                w=w,
            )
            time.sleep(1)
    assert_each_exactly_once(alert, north, smtp_sink, sms_api)


# --- "Send" pressed twice --------------------------------------------------------------------


def test_send_pressed_twice_at_once_sends_one_alert_once(
    north_people: People, smtp_sink: SmtpSink, sms_api: SmsApi, logs: Path
) -> None:
    north = north_people.network
    crowd_make(network=north, store=north_people.store, count=30, tag="t")
    alert = urgent_draft(network=north, by=north_people.coordinator)
    env = FAST | provider_env(sms=sms_api, smtp=smtp_sink)
    start = threading.Barrier(2)
    results: list[object] = []

    def press() -> None:
        try:
            start.wait(timeout=10)
            results.append(send(alert, north, north_people.coordinator))
        except Exception as error:
            results.append(error)
        finally:
            connections.close_all()

    with tasks_through_the_broker(), worker(env=env, log=logs / "worker.log") as w:
        browsers = [threading.Thread(target=press) for _ in range(2)]
        for browser in browsers:
            browser.start()
        for browser in browsers:
            browser.join(timeout=30)
        assert sorted(type(result).__name__ for result in results) == ["Alert", "NoneType"]
        assert send(alert, north, north_people.coordinator) is None  # and a third time, later
        wait_until(
            all_received(alert, north, smtp_sink, sms_api), timeout=30, what="the fan-out", w=w
        )
        time.sleep(1)
    assert_each_exactly_once(alert, north, smtp_sink, sms_api)
    with schema_context(north.schema_name):
        assert Alert.objects.filter(status=Alert.Status.SENT).count() == 1
        assert Delivery.objects.filter(alert=alert, channel=Channel.SMS).count() == 30


# --- Networks stay apart ---------------------------------------------------------------------


def test_alert_in_north_reaches_nobody_in_lakeshore(
    north_people: People, lakeshore_people: People, smtp_sink: SmtpSink, sms_api: SmsApi, logs: Path
) -> None:
    north, lakeshore = north_people.network, lakeshore_people.network
    in_north = crowd_make(network=north, store=north_people.store, count=20, tag="n")
    in_lakeshore = crowd_make(
        network=lakeshore, store=lakeshore_people.store, count=20, tag="l", first=5000
    )
    alert = urgent_draft(network=north, by=north_people.coordinator)
    env = FAST | provider_env(sms=sms_api, smtp=smtp_sink)
    with tasks_through_the_broker(), worker(env=env, log=logs / "worker.log") as w:
        send(alert, north, north_people.coordinator)
        wait_until(
            all_received(alert, north, smtp_sink, sms_api), timeout=30, what="the fan-out", w=w
        )
        time.sleep(1)
    emails, phones = set(smtp_sink.count_by_to()), set(sms_api.count_by_to())
    assert in_north.emails <= emails
    assert in_north.phones <= phones
    assert not emails & in_lakeshore.emails
    assert not phones & in_lakeshore.phones
    assert not {address for address in emails if address.endswith("@lakeshore.test")}
    assert_each_exactly_once(alert, north, smtp_sink, sms_api)
