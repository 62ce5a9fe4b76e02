"""The channels one by one: what each sends, how each fails, and the shared pace."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from typing import Any

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts import limiter
from alerts.channels.webhook import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from alerts.links import ack_recipient_id, stop_target
from alerts.messages import email_for, sms_for, webhook_payload
from alerts.models import Alert, Channel, Delivery, Recipient, SmsOutboxMessage
from alerts.net import public_url_error
from alerts.services import alert_send
from networks.models import Network
from tests.alerts.engine_helpers import draft, payload, phones, webhook, webhook_receiver
from tests.alerts.sms_server import SmtpSink
from tests.conftest import People

pytestmark = pytest.mark.django_db

Capture = Any


def _send(alert: Alert, people: People, capture: Capture) -> None:
    with capture(execute=True):
        assert alert_send(alert_id=alert.pk, by=people.coordinator) is not None


# --- Webhooks ------------------------------------------------------------------------------
def test_a_webhook_gets_the_alert_signed_so_the_receiver_can_verify_it(
    north: Network, north_people: People, django_capture_on_commit_callbacks: Capture
) -> None:
    with webhook_receiver() as receiver, schema_context(north.schema_name):
        hook = webhook(north_people, receiver.url)
        alert = draft(north_people, crime_type="smash", suspect_count=2)
        _send(alert, north_people, django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get(alert=alert, channel=Channel.WEBHOOK)
        assert delivery.status == Delivery.Status.SENT
    [request] = receiver.requests
    timestamp = request.headers[TIMESTAMP_HEADER]
    assert abs(int(timestamp) - time.time()) < 60
    signature = request.headers[SIGNATURE_HEADER]
    assert verify(secret=hook.secret, timestamp=timestamp, body=request.body, signature=signature)
    assert not verify(
        secret="another secret", timestamp=timestamp, body=request.body, signature=signature
    )
    assert not verify(
        secret=hook.secret,
        timestamp=str(int(timestamp) + 1),
        body=request.body,
        signature=signature,
    )
    body = payload(request)
    assert body["alert"]["headline"] == "Smash and grab on Main Street"
    assert body["alert"]["details"]["crime_type"] == "smash"
    assert body["alert"]["details"]["suspect_count"] == 2
    assert body["alert"]["details"]["vehicle"] == "Grey van"
    assert body["network"]["slug"] == "north"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "ftp://hooks.example.com/x",
        "http://user:secret@hooks.example.com/x",
    ],
)
def test_private_and_odd_webhook_addresses_are_refused(settings: object, url: str) -> None:
    settings.ALERTS_WEBHOOK_ALLOW_PRIVATE = False  # type: ignore[attr-defined]
    assert public_url_error(url) is not None


def test_a_public_address_is_accepted() -> None:
    assert public_url_error("https://93.184.215.14/hook") is None


def test_loopback_is_allowed_only_when_settings_say_so(settings: object) -> None:
    settings.ALERTS_WEBHOOK_ALLOW_PRIVATE = True  # type: ignore[attr-defined]
    assert public_url_error("http://127.0.0.1:8080/hook") is None
    # Still never the rest of the private ranges.
    assert public_url_error("http://10.1.2.3/hook") is not None
    assert public_url_error("http://169.254.169.254/") is not None


def test_a_webhook_to_a_private_address_fails_at_send_and_nothing_is_posted(
    north: Network,
    north_people: People,
    settings: object,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with webhook_receiver() as receiver, schema_context(north.schema_name):
        webhook(north_people, receiver.url)
        settings.ALERTS_WEBHOOK_ALLOW_PRIVATE = False  # type: ignore[attr-defined]
        alert = draft(north_people)
        _send(alert, north_people, django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get(alert=alert, channel=Channel.WEBHOOK)
        assert delivery.status == Delivery.Status.FAILED
        assert "private or local address" in delivery.error
    assert receiver.requests == []


def test_a_webhook_redirect_is_not_followed(
    north: Network, north_people: People, django_capture_on_commit_callbacks: Capture
) -> None:
    with webhook_receiver() as target, webhook_receiver() as receiver:
        receiver.status = 302
        receiver.location = target.url
        with schema_context(north.schema_name):
            webhook(north_people, receiver.url)
            alert = draft(north_people)
            _send(alert, north_people, django_capture_on_commit_callbacks)
            delivery = Delivery.objects.get(alert=alert, channel=Channel.WEBHOOK)
    assert len(receiver.requests) == 1
    assert target.requests == []
    assert delivery.status == Delivery.Status.FAILED
    assert "redirects are not followed" in delivery.error


def test_a_webhook_answering_503_is_retried(
    north: Network, north_people: People, django_capture_on_commit_callbacks: Capture
) -> None:
    with webhook_receiver() as receiver, schema_context(north.schema_name):
        receiver.status = 503
        webhook(north_people, receiver.url)
        alert = draft(north_people)
        _send(alert, north_people, django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get(alert=alert, channel=Channel.WEBHOOK)
        assert delivery.status == Delivery.Status.QUEUED
        assert delivery.not_before is not None
        assert delivery.not_before > timezone.now()
        assert "503" in delivery.error


# --- Email -----------------------------------------------------------------------------------
def test_the_email_escapes_every_user_text_and_carries_both_links(
    north: Network,
    north_people: People,
    smtp_sink: SmtpSink,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with schema_context(north.schema_name):
        alert = draft(
            north_people,
            headline="<script>alert(1)</script> & more",
            message="<b>bold</b>\nsecond line",
            suspects='<img src=x onerror="boom">',
            to_all_members=False,
        )
        alert.to_stores.add(north_people.store)
        _send(alert, north_people, django_capture_on_commit_callbacks)
        recipient = Recipient.objects.get(alert=alert, user_id=north_people.owner.pk)
        subject, text, html = email_for(recipient=recipient, alert=alert)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert subject == "Urgent: <script>alert(1)</script> & more"
    assert "/alerts/seen/" in text and "/alerts/stop/" in text
    assert "/alerts/seen/" in html
    mail = next(m for m in smtp_sink.mails if north_people.owner.email in m.to)
    unsubscribe = "".join(str(mail.message["List-Unsubscribe"]).split())
    assert unsubscribe.startswith("<http://north.")
    assert "/alerts/stop/" in unsubscribe
    assert "North Valley Jewelers Network via" in mail.message["From"]
    assert mail.message["Content-Language"] == "en"


def test_the_email_speaks_the_recipients_language(north: Network, north_people: People) -> None:
    with schema_context(north.schema_name):
        alert = draft(north_people, occurred_at=timezone.now())
        recipient = Recipient(alert=alert, kind=Recipient.Kind.MEMBER, user_id=1, language="fr")
        _subject, text, _html = email_for(recipient=recipient, alert=alert)
        english = email_for(
            recipient=Recipient(alert=alert, kind=Recipient.Kind.MEMBER, user_id=1, language="en"),
            alert=alert,
        )[1]
    assert "Date and time" in english
    # Until the French catalogue has these strings, the layout's own words are French.
    assert text != english


def test_an_smtp_451_is_retried_later(
    north: Network,
    north_people: People,
    smtp_sink: SmtpSink,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    smtp_sink.fail("451")
    with schema_context(north.schema_name):
        alert = draft(north_people)
        _send(alert, north_people, django_capture_on_commit_callbacks)
        emails = Delivery.objects.filter(alert=alert, channel=Channel.EMAIL)
        assert {d.status for d in emails} == {Delivery.Status.QUEUED}
        assert all("451" in d.error and d.not_before for d in emails)
    assert smtp_sink.mails == []


# --- SMS ---------------------------------------------------------------------------------
def test_the_text_message_is_plain_with_the_links(north: Network, north_people: People) -> None:
    with schema_context(north.schema_name):
        alert = draft(north_people, sms_text="Grey van <b>seen</b>")
        recipient = Recipient(
            alert=alert, kind=Recipient.Kind.MEMBER, user_id=north_people.owner.pk, pk=7
        )
        text = sms_for(recipient=recipient, alert=alert)
        reminder = sms_for(recipient=recipient, alert=alert, round=2)
    assert text.startswith("North Valley Jewelers Network - Urgent: Grey van <b>seen</b>")
    assert "/alerts/seen/" in text
    assert "/alerts/stop/" in text
    assert reminder.startswith("REMINDER")


def test_the_outbox_backend_keeps_text_messages(
    north: Network,
    north_people: People,
    settings: object,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.ALERTS_SMS_BACKEND = "alerts.channels.sms.OutboxSms"  # type: ignore[attr-defined]
    with schema_context(north.schema_name):
        numbers = phones(north_people)
        alert = draft(north_people)
        _send(alert, north_people, django_capture_on_commit_callbacks)
        kept = list(SmsOutboxMessage.objects.values_list("to", "delivery_id"))
        sms = dict(
            Delivery.objects.filter(alert=alert, channel=Channel.SMS).values_list("address", "pk")
        )
    assert sorted(kept) == sorted((to, sms[to]) for to in numbers.values())


def test_the_composer_can_preview_the_payload_of_a_draft(
    north: Network, north_people: People
) -> None:
    with schema_context(north.schema_name):
        body = webhook_payload(alert=draft(north_people, place="Main & 5th"))
    assert body["alert"]["sent_at"] is None
    assert body["recipient_id"] is None
    assert body["alert"]["details"]["place"] == "Main & 5th"


# --- The shared pace ----------------------------------------------------------------------
def test_the_limiter_never_exceeds_the_rate_in_any_second() -> None:
    rate = 20.0
    slots: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + 2.5

    def send() -> None:
        while time.monotonic() < stop:
            slot = limiter.take("test-channel", urgent=False, rate=rate)
            with lock:
                slots.append(slot.at)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    slots.sort()
    assert len(slots) >= 40  # paced, not refused: about 20 a second for 2.5 s
    # Any window of one second (starting at each slot) holds at most `rate` slots.
    for index, start in enumerate(slots):
        within = sum(1 for at in slots[index:] if at < start + 1.0)
        assert within <= rate
    assert max(Counter(int(at) for at in slots).values()) <= rate


def test_other_alerts_step_aside_while_an_urgent_one_is_sent() -> None:
    limiter.urgent_announce("test-urgent", seconds=2)
    assert limiter.take("test-urgent", urgent=False, rate=100.0).yielded
    assert not limiter.take("test-urgent", urgent=True, rate=100.0).yielded
    # Without a queue to go back to (eager runs), a batch waits its turn instead.
    assert not limiter.take("test-urgent", urgent=False, rate=100.0, may_yield=False).yielded


# --- Rendered once per alert, filled in per recipient --------------------------------------
def test_an_email_rendered_once_carries_each_recipients_own_links(
    north: Network, north_people: People
) -> None:
    from email import message_from_bytes, policy

    from alerts.messages import EmailRenderer, email_message

    with schema_context(north.schema_name):
        alert = draft(north_people, message="Grey van seen near the back door.")
        alert.save()
        renderer = EmailRenderer()
        for n, user in enumerate([north_people.owner, north_people.staff], start=1):
            recipient = Recipient(
                alert=alert, kind=Recipient.Kind.MEMBER, user_id=user.pk, pk=100 + n
            )
            recipient.email = user.email
            expected = email_message(recipient=recipient, alert=alert)
            raw = renderer.raw(recipient=recipient, alert=alert, address=user.email)
            assert raw is not None
            got = message_from_bytes(raw.data, policy=policy.default)
            assert got["To"] == user.email
            assert got["Message-ID"] == raw.message_id
            assert got["Subject"] == expected.subject
            assert _unsigned(got["List-Unsubscribe"]) == _unsigned(
                expected.extra_headers["List-Unsubscribe"]
            )
            text = got.get_body(("plain",))
            html = got.get_body(("html",))
            assert text is not None and html is not None
            # The bytes on the wire end their lines with CRLF; signed links carry the second
            # they were made in.
            assert _unsigned(text.get_content()) == _unsigned(str(expected.body))
            assert _unsigned(html.get_content()) == _unsigned(str(expected.alternatives[0][0]))
            [token] = set(re.findall(r"/alerts/seen/([^/\s\"<>]+)/", raw.data.decode()))
            assert ack_recipient_id(token) == recipient.pk
            assert "alerts-mark.invalid" not in raw.data.decode()
            [stop] = re.findall(r"/alerts/stop/([^/]+)/", got["List-Unsubscribe"])
            assert stop_target(stop).user_id == user.pk
        # An address that needs Django's checks goes the long way.
        assert renderer.raw(recipient=recipient, alert=alert, address="not an address@@") is None


def _unsigned(text: str, keep: int = 0) -> str:
    """`text` with CRLF as LF and each signed link's token cut to its first `keep` characters
    (tokens carry the second they were signed in)."""
    text = text.replace("\r\n", "\n").strip()
    return re.sub(r"/alerts/(\w+)/([^/\s\"<>]+)/", lambda m: f"/alerts/{m[1]}/{m[2][:keep]}/", text)
