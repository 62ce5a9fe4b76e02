"""Alerts: an urgent alert's fan-out to 5,000 members by email and SMS, and the SMS pacing.

    make bench-alerts
    # or: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/alerts.py

Creates a throwaway network with 5,000 members in one store, each with email and SMS on and a
phone, and 1,000 more in a second store with SMS only. Starts a local SMTP sink and the local
Twilio Messages API (tests/alerts/sms_server.py), each in a process of its own as the real
services would be (bench/sink_process.py), and a Celery worker subprocess with two pool
processes (tests/alerts/workers.py) sending to them. Then, in one run:

- one urgent alert to the first store: time from the `alert_send` call to the first message
  received, to all 10,000 received, and messages per second; peak RSS of each worker process;
- the ceiling: a bare loop pushing the same 10,000 messages into the same sinks over one
  smtplib connection and one keep-alive HTTP session;
- with the SMS rate set to 20/s (a worker restarted with it), one alert to the second store:
  1,000 SMS, their duration and the most received in any one second (the SMS server's clock).

The network and its users are dropped at the end.

Targets (from the alerts issue): first message <= 1 s; all 10,000 <= 15 s; >= 50% of the bare
loop's rate; each worker process <= 300 MB; 1,000 SMS at 20/s within 5% of 50 s and never
more than 20 in a second.
"""

from __future__ import annotations

import logging
import os
import smtplib
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path, and this file's name would hide the
# alerts app: the project root goes first instead.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()
# The SMTP sink's own log: a line per command, thousands of messages.
logging.getLogger("mail.log").setLevel(logging.WARNING)

import requests  # noqa: E402

from bench.common import figure, report  # noqa: E402
from bench.sink_process import SinkProcess  # noqa: E402
from tests.alerts.sms_server import (  # noqa: E402
    ACCOUNT_SID,
    AUTH_TOKEN,
    FROM_NUMBER,
    SmsApi,
    SmtpSink,
)
from tests.alerts.workers import Worker, tasks_through_the_broker  # noqa: E402

BENCH = "alerts"
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "5000"))
PACED = int(os.environ.get("BENCH_PACED_SMS", "1000"))
PACED_RATE = 20.0
FAN_OUT_RATE = "1000"  # messages/second per channel for the big fan-out: not the limit here
TIMEOUT_S = 300.0

FIRST_MESSAGE_S = 1.0
ALL_MESSAGES_S = 15.0
BARE_SHARE = 0.50
RSS_MB = 300.0
PACED_TOLERANCE = 0.05


# --- The throwaway network -------------------------------------------------------------------


@dataclass
class Network:
    network: Any
    coordinator: Any
    big_store: Any
    paced_store: Any
    slug: str


def network_make() -> Network:
    from django_tenants.utils import schema_context

    from accounts.models import User
    from alerts.models import AlertPreference
    from networks.models import Membership, Store
    from networks.services import network_create, public_site_ensure, template_schema_ensure
    from tests.alerts.crowd import crowd_make

    public_site_ensure()
    template_schema_ensure()
    slug = f"bench-{uuid.uuid4().hex[:10]}"
    network = network_create(
        name="Bench Jewelers Network",
        slug=slug,
        country="US",
        region="California",
        timezone="America/Los_Angeles",
    )
    coordinator = User.objects.create_user(
        email=f"coordinator@{slug}.test", password=uuid.uuid4().hex
    )
    with schema_context(network.schema_name):
        big, paced = (
            Store.objects.create(
                legal_name=f"Bench Jewelers {n} LLC",
                display_name=f"Bench Jewelers {n}",
                address_line1=f"{100 + n} Bench Street",
                city="Long Beach",
                region="CA",
                country="US",
                identity_key=f"bench {slug} {n}",
            )
            for n in (1, 2)
        )
        Membership.objects.create(user=coordinator, role=Membership.Role.COORDINATOR)
        AlertPreference.objects.create(user_id=coordinator.pk, email_on=False, sms_on=False)
    crowd_make(network=network, store=big, count=MEMBERS, tag="m")
    crowd_make(network=network, store=paced, count=PACED, tag="p", first=MEMBERS)
    with schema_context(network.schema_name):
        AlertPreference.objects.filter(phone__gte=f"+1555{MEMBERS:07d}").update(email_on=False)
    return Network(
        network=network, coordinator=coordinator, big_store=big, paced_store=paced, slug=slug
    )


def network_drop(bench: Network) -> None:
    from accounts.models import User
    from networks.schemas import use_public_schema

    use_public_schema()
    bench.network.delete(force_drop=True)
    User.objects.filter(email__endswith=f"@{bench.slug}.test").delete()


def alert_to(bench: Network, store: Any, headline: str, env: dict[str, str]) -> tuple[float, int]:
    """Sends an urgent alert to one store's people; the wall-clock time of the call and the
    number of email and SMS deliveries it made. The fan-out is planned here at the workers'
    rates (`env`)."""
    from django.conf import settings
    from django_tenants.utils import schema_context

    settings.ALERTS_CHANNEL_RATES = {
        **settings.ALERTS_CHANNEL_RATES,
        "email": float(env.get("ALERTS_EMAIL_RATE", settings.ALERTS_CHANNEL_RATES["email"])),
        "sms": float(env.get("ALERTS_SMS_RATE", settings.ALERTS_CHANNEL_RATES["sms"])),
    }

    from alerts.models import Alert, Channel, Delivery
    from alerts.services import alert_send

    with schema_context(bench.network.schema_name):
        alert = Alert.objects.create(
            severity=Alert.Severity.URGENT,
            headline=headline,
            message="Two men smashed the front case at 14:05 and left in a grey sedan, plate "
            "starting 7KD. Lock your doors and call 911 if you see them.",
            sms_text="URGENT: smash and grab on Main St, grey sedan 7KD. Lock doors, call 911.",
            to_all_members=False,
            to_law_enforcement=False,
            to_webhooks=False,
            created_by_id=bench.coordinator.pk,
        )
        alert.to_stores.set([store])
        started = time.time()
        assert alert_send(alert_id=alert.pk, by=bench.coordinator) is not None
        count = Delivery.objects.filter(
            alert=alert, channel__in=[Channel.EMAIL, Channel.SMS]
        ).count()
    return started, count


def wait_for(count: Any, total: int, worker: Worker) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while count() < total:
        if time.monotonic() > deadline or worker.process.poll() is not None:
            raise SystemExit(
                f"only {count()} of {total} messages in {TIMEOUT_S:g}s; worker log:\n"
                + worker.tail()
            )
        time.sleep(0.01)


# --- The measurements ------------------------------------------------------------------------


@dataclass
class FanOut:
    messages: int
    first_s: float
    all_s: float
    rate: float
    peak_rss_mb: list[float]
    exact: bool  # every address exactly once


def provider_env(*, sms: SinkProcess, smtp: SinkProcess) -> dict[str, str]:
    """What tests.alerts.workers.provider_env gives the workers, for sinks in their own
    processes."""
    return {
        "ALERTS_SMS_BACKEND": "alerts.channels.sms.TwilioSms",
        "TWILIO_API_BASE": sms.url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "ALERTS_SMS_FROM": FROM_NUMBER,
        "EMAIL_URL": smtp.url,
    }


def fan_out(bench: Network, smtp: SinkProcess, sms: SinkProcess, logs: Path) -> FanOut:
    env = provider_env(sms=sms, smtp=smtp) | {
        "ALERTS_EMAIL_RATE": FAN_OUT_RATE,
        "ALERTS_SMS_RATE": FAN_OUT_RATE,
    }
    worker = Worker(env=env, log=logs / "fan-out.log", concurrency=2).wait_ready()
    try:
        worker.watch_memory()
        time.sleep(0.5)  # the first samples, at rest
        with tasks_through_the_broker():
            started, total = alert_to(bench, bench.big_store, "Fan-out", env)
            wait_for(lambda: smtp.count("mails") + sms.count("messages"), total, worker)
        time.sleep(0.5)
    finally:
        worker.stop()
    times = [m.received_at for m in smtp.get("mails")] + [
        m.received_at for m in sms.get("messages")
    ]
    counts = list(smtp.call("count_by_to").values()) + list(sms.call("count_by_to").values())
    first, last = min(times) - started, max(times) - started
    return FanOut(
        messages=len(times),
        first_s=first,
        all_s=last,
        rate=len(times) / last,
        peak_rss_mb=[rss / 2**20 for rss in worker.peak_rss.values()],
        exact=len(counts) == total and set(counts) == {1},
    )


def bare_loop(smtp: SinkProcess, sms: SinkProcess) -> float:
    """The same messages, pushed by one loop over reused connections: messages/second."""
    mails = smtp.get("mails")
    texts = sms.get("messages")
    smtp.call("clear")
    sms.call("clear")
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", smtp.port) as client:
        for mail in mails:
            client.sendmail("alerts@bench.test", list(mail.to), mail.raw)
    url = f"{sms.url}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    with requests.Session() as session:
        session.auth = (ACCOUNT_SID, AUTH_TOKEN)
        for text in texts:
            response = session.post(
                url, data={"To": text.to, "From": FROM_NUMBER, "Body": text.body}, timeout=10
            )
            response.raise_for_status()
    elapsed = time.perf_counter() - started
    assert smtp.count("mails") == len(mails) and sms.count("messages") == len(texts)
    return (len(mails) + len(texts)) / elapsed


@dataclass
class Paced:
    messages: int
    seconds: float  # from the send call to the last SMS received
    spread: float  # from the first SMS received to the last
    most_in_a_second: int
    most_in_any_window: int


def paced(bench: Network, smtp: SinkProcess, sms: SinkProcess, logs: Path) -> Paced:
    smtp.call("clear")
    sms.call("clear")
    env = provider_env(sms=sms, smtp=smtp) | {"ALERTS_SMS_RATE": str(PACED_RATE)}
    worker = Worker(env=env, log=logs / "paced.log", concurrency=2).wait_ready()
    try:
        with tasks_through_the_broker():
            started, total = alert_to(bench, bench.paced_store, "Paced", env)
            wait_for(lambda: sms.count("messages"), total, worker)
    finally:
        worker.stop()
    times = sorted(m.received_at for m in sms.get("messages"))
    # Also any one-second window, not only whole seconds of the clock.
    window, most = 0, 0
    for index, moment in enumerate(times):
        while times[window] <= moment - 1.0:
            window += 1
        most = max(most, index - window + 1)
    return Paced(
        messages=len(times),
        seconds=times[-1] - started,
        spread=times[-1] - times[0],
        most_in_a_second=max(sms.call("per_second").values()),
        most_in_any_window=most,
    )


# --- The run ---------------------------------------------------------------------------------


def main() -> None:
    bench = network_make()
    try:
        # BENCH_LOGS keeps the workers' logs (else a temporary folder).
        keep = os.environ.get("BENCH_LOGS")
        with (
            tempfile.TemporaryDirectory() as scratch,
            SinkProcess(SmtpSink) as smtp,
            SinkProcess(SmsApi) as sms,
        ):
            logs = keep or scratch
            print(f"fan-out to {MEMBERS:,} members by email and SMS in {bench.slug} ...")
            run = fan_out(bench, smtp, sms, Path(logs))
            print("bare loop ...")
            bare = bare_loop(smtp, sms)
            print(f"{PACED:,} SMS at {PACED_RATE:g}/s ...")
            slow = paced(bench, smtp, sms, Path(logs))
    finally:
        network_drop(bench)
    report(BENCH, figures(run, bare, slow))


def figures(run: FanOut, bare: float, slow: Paced) -> list[dict[str, Any]]:
    expected = PACED / PACED_RATE
    return [
        figure(
            "first message after send",
            run.first_s,
            "s",
            f"<= {FIRST_MESSAGE_S:g} s",
            run.first_s <= FIRST_MESSAGE_S,
        ),
        figure(
            f"all {run.messages:,} messages",
            run.all_s,
            "s",
            f"<= {ALL_MESSAGES_S:g} s",
            run.all_s <= ALL_MESSAGES_S,
        ),
        figure(
            "fan-out rate",
            run.rate,
            "msg/s",
            f">= {BARE_SHARE:.0%} of bare loop",
            run.rate >= BARE_SHARE * bare,
            bare,
        ),
        figure("bare loop rate", bare, "msg/s", "ceiling", True),
        figure("each message exactly once", 1.0 if run.exact else 0.0, "", "every one", run.exact),
        *(
            figure(f"worker process {n} peak RSS", mb, "MB", f"<= {RSS_MB:g} MB", mb <= RSS_MB)
            for n, mb in enumerate(sorted(run.peak_rss_mb, reverse=True), start=1)
        ),
        figure(
            f"{PACED:,} SMS at {PACED_RATE:g}/s",
            slow.seconds,
            "s",
            f"{expected:g} s +/- {PACED_TOLERANCE:.0%}",
            slow.messages == PACED and abs(slow.seconds - expected) <= PACED_TOLERANCE * expected,
            expected,
        ),
        figure("first to last of those SMS", slow.spread, "s", "measured", True),
        figure(
            "most SMS in a clock second",
            slow.most_in_a_second,
            "msg",
            f"<= {PACED_RATE:g}",
            slow.most_in_a_second <= PACED_RATE,
        ),
        figure(
            "most SMS in any 1 s window",
            slow.most_in_any_window,
            "msg",
            "measured",
            True,
        ),
    ]


if __name__ == "__main__":
    main()
