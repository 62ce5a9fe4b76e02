"""A sent alert's progress: per channel counts, acknowledgements, who nothing has reached and
why, and the expected finish; the page and its JSON for the senders only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.models import Alert, Channel, Delivery, Recipient
from alerts.progress import alert_progress
from networks.models import Network
from tests.alerts.compose_helpers import draft
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db

S = Delivery.Status


def _sent_alert(people: People) -> Alert:
    alert = draft(people.coordinator, status=Alert.Status.SENDING, sent_at=timezone.now())

    def recipient(name: str, user_id: int | None, **fields: object) -> Recipient:
        return Recipient.objects.create(
            alert=alert, kind=Recipient.Kind.MEMBER, user_id=user_id, name=name, **fields
        )

    def deliver(r: Recipient, channel: str, status: str, **fields: object) -> None:
        Delivery.objects.create(alert=alert, recipient=r, channel=channel, status=status, **fields)

    owner = recipient("Olive Owner", people.owner.pk, store=people.store)
    deliver(owner, Channel.INBOX, S.SENT)
    deliver(owner, Channel.EMAIL, S.SENT)
    deliver(owner, Channel.SMS, S.FAILED, error="Unreachable number")
    staff = recipient("Sam Staff", people.staff.pk, store=people.store)
    deliver(staff, Channel.INBOX, S.SENT)
    deliver(staff, Channel.EMAIL, S.FAILED, error="Mailbox full")
    deliver(staff, Channel.SMS, S.QUEUED)
    # Nothing went out, yet they acknowledged in the portal: reached.
    other = recipient(
        "Oscar Other",
        people.other_store_owner.pk,
        store=people.other_store,
        acknowledged_at=timezone.now(),
        acknowledged_via="inbox",
    )
    deliver(other, Channel.INBOX, S.SENT)
    deliver(other, Channel.EMAIL, S.SENDING)
    police = recipient("Pat Police", people.police.pk)
    deliver(police, Channel.INBOX, S.SENT)
    deliver(police, Channel.EMAIL, S.QUEUED, not_before=timezone.now() + dt.timedelta(hours=6))
    return alert


def test_progress_counts_each_channel_and_who_is_not_reached(
    north: Network, north_people: People
) -> None:
    with schema_context(north.schema_name):
        alert = _sent_alert(north_people)
        progress = alert_progress(alert=alert)
    channels = {c.channel: c for c in progress.channels}
    assert set(channels) == {"inbox", "email", "sms"}
    email, sms = channels["email"], channels["sms"]
    assert (email.queued, email.sending, email.sent, email.failed, email.held) == (1, 1, 1, 1, 1)
    assert (sms.queued, sms.sent, sms.failed) == (1, 0, 1)
    assert channels["inbox"].sent == 4
    assert progress.recipients == 4
    assert progress.acknowledged == 1
    assert progress.acknowledged_percent == 25
    assert not progress.finished
    # Olive's email went out; Oscar acknowledged: neither is on the list.
    assert [p.name for p in progress.not_reached] == ["Sam Staff", "Pat Police"]
    assert progress.not_reached_count == 2
    sam = progress.not_reached[0]
    assert sam.store_name == north_people.store.display_name
    assert ("Email", "Failed", "Mailbox full") in sam.problems
    assert any(problem[1] == "Queued" for problem in sam.problems)
    # One email queued and one being sent, at the email rate: nearly now; the held one
    # waits for quiet hours and is not counted.
    assert progress.expected_finish_at is not None
    assert progress.expected_finish_at < timezone.now() + dt.timedelta(minutes=1)


def test_the_progress_page_and_json_are_the_senders_only(
    north: Network, north_people: People, mfa_exempt: None
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = _sent_alert(people)
    coordinator = client_for(north, people.coordinator)
    page = coordinator.get(f"/alerts/{alert.pk}/progress/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Sam Staff" in body and "Mailbox full" in body
    assert "Olive Owner" not in body
    assert f"/alerts/{alert.pk}/calling-tree.pdf" in body
    assert f"/alerts/{alert.pk}/follow-up/?severity=all_clear" in body
    assert 'data-status="sending"' in body and "alert_progress.js" in body
    data = coordinator.get(f"/alerts/{alert.pk}/progress.json").json()
    assert data["acknowledged"] == 1
    assert data["not_reached"] == 2
    email = next(c for c in data["channels"] if c["channel"] == "email")
    assert email["failed"] == 1 and email["sent"] == 1
    for user in (people.owner, people.staff, people.police):
        client = client_for(north, user)
        assert client.get(f"/alerts/{alert.pk}/progress/").status_code == 404
        assert client.get(f"/alerts/{alert.pk}/progress.json").status_code == 404


def test_a_finished_alert_stops_polling(
    north: Network, north_people: People, mfa_exempt: None
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = _sent_alert(people)
        finished = timezone.now()
        Alert.objects.filter(pk=alert.pk).update(status=Alert.Status.SENT, finished_at=finished)
        alert.refresh_from_db()
        progress = alert_progress(alert=alert)
    assert progress.finished
    assert progress.expected_finish_at == finished
    page = client_for(north, people.coordinator).get(f"/alerts/{alert.pk}/progress/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "All messages have been handed over." in body
    assert "alert_progress.js" not in body
