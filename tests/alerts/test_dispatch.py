"""The fan-out after an alert is sent: every recipient once per channel, nothing twice, retries
of what may work later, failures of what never will, quiet hours, the sweeper."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts import dispatch, engine
from alerts.models import Alert, AlertPreference, Channel, Delivery
from alerts.services import alert_send
from alerts.tasks import deliver_batch
from networks.models import Network
from tests.alerts.engine_helpers import draft, phones, webhook, webhook_receiver
from tests.alerts.sms_server import SmsApi, SmtpSink
from tests.conftest import Outbox, People

pytestmark = pytest.mark.django_db

Capture = Any


def _send(alert: Alert, people: People, capture: Capture) -> None:
    with capture(execute=True):
        assert alert_send(alert_id=alert.pk, by=people.coordinator) is not None


def _statuses(alert: Alert) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Delivery.objects.filter(alert=alert).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_a_sent_alert_reaches_every_recipient_once_per_channel(
    north: Network,
    north_people: People,
    smtp_sink: SmtpSink,
    sms_api: SmsApi,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    people = north_people
    with webhook_receiver() as receiver, schema_context(north.schema_name):
        numbers = phones(people)
        webhook(people, receiver.url)
        alert = draft(people)
        _send(alert, people, django_capture_on_commit_callbacks)
        alert.refresh_from_db()
        assert _statuses(alert) == {Delivery.Status.SENT: 13}
        assert alert.status == Alert.Status.SENT
        assert alert.finished_at is not None
    emails = {p.email for p in (people.owner, people.staff, people.other_store_owner)}
    emails |= {people.coordinator.email, people.police.email}
    assert dict(smtp_sink.count_by_to()) == dict.fromkeys(emails, 1)
    assert dict(sms_api.count_by_to()) == dict.fromkeys(numbers.values(), 1)
    assert len(receiver.requests) == 1
    with schema_context(north.schema_name):
        refs = set(
            Delivery.objects.filter(alert=alert, channel=Channel.SMS).values_list(
                "provider_ref", flat=True
            )
        )
    assert refs == {sms.sid for sms in sms_api.messages}


def test_an_email_batch_uses_one_smtp_connection(
    monkeypatch: pytest.MonkeyPatch,
    north: Network,
    north_people: People,
    smtp_outbox: Outbox,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    from django.core.mail.backends.smtp import EmailBackend

    opened: list[int] = []
    original = EmailBackend.open

    def counting_open(self: EmailBackend) -> bool | None:
        result = original(self)
        if result:
            opened.append(1)
        return result

    monkeypatch.setattr(EmailBackend, "open", counting_open)
    with schema_context(north.schema_name):
        _send(draft(north_people), north_people, django_capture_on_commit_callbacks)
    assert len(smtp_outbox.messages) == 5
    assert opened == [1]


def test_a_redelivered_batch_sends_nothing_twice(
    north: Network,
    north_people: People,
    smtp_sink: SmtpSink,
    sms_api: SmsApi,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        phones(people)
        alert = draft(people)
        _send(alert, people, django_capture_on_commit_callbacks)
        for channel in (Channel.EMAIL, Channel.SMS):
            ids = list(
                Delivery.objects.filter(alert=alert, channel=channel).values_list("pk", flat=True)
            )
            # The broker hands the same task out again (a worker lost its ack, say).
            deliver_batch.delay(delivery_ids=ids, channel=channel)
        # Even a delivery put back to "queued" by mistake after it was sent stays single
        # when only its claim is repeated: the claim must find it queued.
        sent = Delivery.objects.filter(alert=alert, channel=Channel.SMS).first()
        assert sent is not None
        assert sent.attempts == 1
    assert len(smtp_sink.mails) == 5
    assert len(sms_api.messages) == 2


def test_a_transient_failure_is_retried_with_backoff_then_sent(
    north: Network,
    north_people: People,
    sms_api: SmsApi,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        AlertPreference.objects.create(user_id=people.owner.pk, phone="+15551230001")
        alert = draft(people, to_all_members=False)
        alert.to_stores.add(people.store)
        sms_api.fail("500")
        before = timezone.now()
        _send(alert, people, django_capture_on_commit_callbacks)
        sms = Delivery.objects.get(alert=alert, channel=Channel.SMS)
        assert sms.status == Delivery.Status.QUEUED
        assert sms.attempts == 1
        assert "500" in sms.error
        assert sms.not_before is not None
        base = dt.timedelta(seconds=15)
        assert before + base / 2 <= sms.not_before <= timezone.now() + base
        # Still held: the sweeper leaves it alone.
        dispatch.sweep()
        assert Delivery.objects.get(pk=sms.pk).status == Delivery.Status.QUEUED
        sms_api.recover()
        Delivery.objects.filter(pk=sms.pk).update(not_before=timezone.now())
        dispatch.sweep()
        sms.refresh_from_db()
        assert sms.status == Delivery.Status.SENT
        assert sms.attempts == 2
        assert sms.error == ""
        assert Alert.objects.get(pk=alert.pk).status == Alert.Status.SENT
    assert len(sms_api.messages) == 1


def test_backoff_grows_and_is_capped(settings: object) -> None:
    delays = [engine.backoff_seconds(attempt) for attempt in range(1, 20)]
    assert 7.5 <= delays[0] <= 15
    assert 60 <= delays[3] <= 120
    assert max(delays) <= 600


def test_a_permanent_failure_is_marked_with_the_providers_reason(
    north: Network,
    north_people: People,
    sms_api: SmsApi,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        AlertPreference.objects.create(user_id=people.owner.pk, phone="+1555")
        alert = draft(people, to_all_members=False)
        alert.to_stores.add(people.store)
        _send(alert, people, django_capture_on_commit_callbacks)
        sms = Delivery.objects.get(alert=alert, channel=Channel.SMS)
        assert sms.status == Delivery.Status.FAILED
        assert sms.failed_at is not None
        assert "21211" in sms.error
        assert "not a valid phone number" in sms.error
        # A failed delivery is done: the alert is finished.
        assert Alert.objects.get(pk=alert.pk).status == Alert.Status.SENT
    assert sms_api.messages == []


def test_an_unusable_address_fails_and_the_batch_goes_on(
    north: Network,
    north_people: People,
    smtp_outbox: Outbox,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = draft(people)
        alert_send(alert_id=alert.pk, by=people.coordinator)
        # An address no server would take.
        Delivery.objects.filter(
            alert=alert, channel=Channel.EMAIL, recipient__user_id=people.staff.pk
        ).update(address="not an address@@")
        dispatch.dispatch_alert(alert_id=alert.pk)
        bad = Delivery.objects.get(
            alert=alert, channel=Channel.EMAIL, recipient__user_id=people.staff.pk
        )
        assert bad.status == Delivery.Status.FAILED
        assert "Invalid address" in bad.error
        assert (
            Delivery.objects.filter(
                alert=alert, channel=Channel.EMAIL, status=Delivery.Status.SENT
            ).count()
            == 4
        )
    assert len(smtp_outbox.messages) == 4


@pytest.mark.parametrize(
    ("severity", "held"),
    [(Alert.Severity.URGENT, False), (Alert.Severity.ADVISORY, True)],
)
def test_quiet_hours_hold_an_advisory_but_not_an_urgent_alert(
    north: Network,
    north_people: People,
    smtp_sink: SmtpSink,
    django_capture_on_commit_callbacks: Capture,
    severity: str,
    held: bool,
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        now_local = dt.datetime.now(ZoneInfo(north.timezone))
        AlertPreference.objects.create(
            user_id=people.owner.pk,
            quiet_start=(now_local - dt.timedelta(hours=1)).time(),
            quiet_end=(now_local + dt.timedelta(hours=1)).time(),
        )
        alert = draft(people, severity=severity)
        _send(alert, people, django_capture_on_commit_callbacks)
        owner_email = Delivery.objects.get(
            alert=alert, channel=Channel.EMAIL, recipient__user_id=people.owner.pk
        )
        told = set(smtp_sink.count_by_to())
        assert (people.owner.email in told) is not held
        assert people.staff.email in told
        if held:
            assert owner_email.status == Delivery.Status.QUEUED
            assert owner_email.attempts == 0
            assert Alert.objects.get(pk=alert.pk).status == Alert.Status.SENDING
            # The sweeper leaves it until quiet hours end, then sends it.
            dispatch.sweep()
            assert people.owner.email not in set(smtp_sink.count_by_to())
            Delivery.objects.filter(pk=owner_email.pk).update(not_before=timezone.now())
            dispatch.sweep()
            assert smtp_sink.count_by_to()[people.owner.email] == 1
        dispatch.sweep()
        assert Alert.objects.get(pk=alert.pk).status == Alert.Status.SENT


def test_the_sweeper_sends_what_a_crashed_worker_left_claimed(
    north: Network,
    north_people: People,
    smtp_sink: SmtpSink,
    settings: object,
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = draft(people)
        alert_send(alert_id=alert.pk, by=people.coordinator)  # not dispatched: no on_commit
        emails = Delivery.objects.filter(alert=alert, channel=Channel.EMAIL)
        stale = timezone.now() - dt.timedelta(minutes=10)
        fresh = timezone.now() - dt.timedelta(seconds=5)
        ids = list(emails.order_by("id").values_list("pk", flat=True))
        # A worker died after claiming two (long ago); another is sending one right now.
        emails.filter(pk__in=ids[:2]).update(
            status=Delivery.Status.SENDING, claimed_at=stale, attempts=1
        )
        emails.filter(pk=ids[2]).update(
            status=Delivery.Status.SENDING, claimed_at=fresh, attempts=1
        )
        counts = dispatch.sweep()
        assert counts["freed"] == 2
        statuses = dict(emails.values_list("pk", "status"))
        assert statuses[ids[2]] == Delivery.Status.SENDING
        assert all(statuses[pk] == Delivery.Status.SENT for pk in ids if pk != ids[2])
        assert Delivery.objects.get(pk=ids[0]).attempts == 2
        assert Alert.objects.get(pk=alert.pk).status == Alert.Status.SENDING
    assert len(smtp_sink.mails) == 4


def test_the_sweeper_does_not_enqueue_what_a_task_already_carries(
    north: Network,
    north_people: People,
    smtp_outbox: Outbox,
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = draft(people)
        alert_send(alert_id=alert.pk, by=people.coordinator)
        ids = list(
            Delivery.objects.filter(alert=alert, channel=Channel.EMAIL).values_list("pk", flat=True)
        )
        dispatch.lease_take(delivery_ids=ids, seconds=60)
        assert dispatch.sweep()["enqueued"] == 0
        dispatch.lease_drop(delivery_ids=ids)
        assert dispatch.sweep()["enqueued"] == 5
    assert len(smtp_outbox.messages) == 5


def test_deliveries_not_yet_due_are_left_for_later(
    north: Network, north_people: People, smtp_sink: SmtpSink
) -> None:
    with schema_context(north.schema_name):
        alert = draft(north_people)
        alert_send(alert_id=alert.pk, by=north_people.coordinator)
        later = timezone.now() + dt.timedelta(minutes=5)
        Delivery.objects.filter(alert=alert).update(not_before=later)
        ids = list(Delivery.objects.filter(alert=alert).values_list("pk", flat=True))
        result = engine.deliver_batch(delivery_ids=ids, channel=Channel.EMAIL, may_yield=False)
        assert result.sent == 0
    assert smtp_sink.mails == []


def test_an_alert_in_north_never_reaches_lakeshore_people(
    north: Network,
    north_people: People,
    lakeshore: Network,
    lakeshore_people: People,
    smtp_sink: SmtpSink,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with schema_context(north.schema_name):
        _send(draft(north_people), north_people, django_capture_on_commit_callbacks)
    with schema_context(lakeshore.schema_name):
        assert Delivery.objects.count() == 0
        # Lakeshore's sweeper finds nothing of north's to send.
        assert dispatch.sweep() == {"freed": 0, "enqueued": 0, "closed": 0}
    told = set(smtp_sink.count_by_to())
    assert told
    assert all(address.endswith("@north.test") for address in told)
    for mail in smtp_sink.mails:
        assert "north.localhost" in mail.message.as_string() or "north." in str(
            mail.message.get_payload()
        )


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_every_message_once(
    celery_worker: None,
    north: Network,
    north_people: People,
    smtp_sink: SmtpSink,
    sms_api: SmsApi,
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        phones(people)
        alert = draft(people)
        alert_send(alert_id=alert.pk, by=people.coordinator)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with schema_context(north.schema_name):
            if Alert.objects.get(pk=alert.pk).status == Alert.Status.SENT:
                break
        time.sleep(0.2)
    with schema_context(north.schema_name):
        assert _statuses(alert) == {Delivery.Status.SENT: 12}
    assert sum(smtp_sink.count_by_to().values()) == 5
    assert set(smtp_sink.count_by_to().values()) == {1}
    assert dict(sms_api.count_by_to()) == {"+15551230001": 1, "+15551230002": 1}
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_an_email_is_recorded_at_the_end_of_its_data(
    live_db: None, north: Network, north_people: People, smtp_sink: SmtpSink
) -> None:
    """The row is marked sent in the transaction that writes the closing dot, committed right
    after it (alerts/channels/email.py): the server taking the message sees it claimed or
    already recorded — never queued, and never recorded before the server could have it."""
    import asyncio

    from tests.alerts import sms_server

    seen: list[str] = []
    original = sms_server._SmtpHandler.handle_DATA

    async def checking(self: object, server: object, session: object, envelope: object) -> str:
        def status() -> str:
            with schema_context(north.schema_name):
                row = Delivery.objects.get(channel=Channel.EMAIL, address=envelope.rcpt_tos[0])  # type: ignore[attr-defined]
                value = row.status
            connection.close()
            return value

        seen.append(await asyncio.to_thread(status))
        return await original(self, server, session, envelope)  # type: ignore[arg-type]

    sms_server._SmtpHandler.handle_DATA = checking  # type: ignore[method-assign]
    try:
        with schema_context(north.schema_name):
            alert = draft(north_people)
            alert_send(alert_id=alert.pk, by=north_people.coordinator)
            dispatch.dispatch_alert(alert_id=alert.pk)
    finally:
        sms_server._SmtpHandler.handle_DATA = original  # type: ignore[method-assign]
    assert len(seen) == 5
    assert set(seen) <= {Delivery.Status.SENDING, Delivery.Status.SENT}
    with schema_context(north.schema_name):
        assert _statuses(alert) == {Delivery.Status.SENT: 10}
