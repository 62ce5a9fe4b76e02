"""Writes for alerts. Sending is the heart: one transaction turns the draft into a sending
alert and writes its recipients and every delivery (the outbox); the fan-out is enqueued only
once that has committed (alerts.dispatch).

Every write runs in the network's schema and starts with `network_open_required()`.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from networks.closure import network_open_required
from networks.schemas import current_network

from .audience import plan_recipients
from .models import Alert, Channel, Delivery, Recipient

if TYPE_CHECKING:
    from accounts.models import User

# Lower goes first: an urgent alert overtakes advisories already in flight.
PRIORITY = {
    Alert.Severity.URGENT: 0,
    Alert.Severity.ALL_CLEAR: 2,
    Alert.Severity.UPDATE: 3,
    Alert.Severity.ADVISORY: 5,
}


@transaction.atomic
def alert_send(*, alert_id: int, by: User) -> Alert | None:
    """Send a draft. Returns the alert, or None when it had already been sent (the same
    "send" pressed twice, or from two browsers: the second finds it no longer a draft)."""
    network_open_required()
    now = timezone.now()
    # The conditional update is the lock: a second, concurrent send waits on the row, then
    # finds it no longer a draft and changes nothing.
    claimed = Alert.objects.filter(pk=alert_id, status=Alert.Status.DRAFT).update(
        status=Alert.Status.SENDING, sent_by_id=by.pk, sent_at=now
    )
    if not claimed:
        return None
    alert = Alert.objects.get(pk=alert_id)
    planned = plan_recipients(alert=alert, network=current_network(), at=now)
    recipients = Recipient.objects.bulk_create([item.recipient for item in planned])
    priority = PRIORITY[Alert.Severity(alert.severity)]
    deliveries: list[Delivery] = []
    for recipient, item in zip(recipients, planned, strict=True):
        for channel, address, held_until in item.channels:
            # The inbox is the recipient row itself: delivered as the alert is written.
            inbox = channel == Channel.INBOX
            deliveries.append(
                Delivery(
                    alert=alert,
                    recipient=recipient,
                    channel=channel,
                    address=address,
                    priority=priority,
                    not_before=held_until,
                    status=Delivery.Status.SENT if inbox else Delivery.Status.QUEUED,
                    sent_at=now if inbox else None,
                )
            )
    Delivery.objects.bulk_create(deliveries, batch_size=2000)
    alert.recipient_count = len(recipients)
    alert.expected_finish_at = _expected_finish(deliveries=deliveries, start=now)
    alert.save(update_fields=["recipient_count", "expected_finish_at", "updated_at"])
    from .dispatch import dispatch_alert

    transaction.on_commit(partial(dispatch_alert, alert_id=alert.pk))
    return alert


def _expected_finish(*, deliveries: list[Delivery], start: dt.datetime) -> dt.datetime:
    """When the last message should be out, given each channel's configured rate."""
    from .dispatch import channel_rate

    seconds = 0.0
    for channel in (Channel.EMAIL, Channel.SMS, Channel.WEBHOOK):
        count = sum(1 for d in deliveries if d.channel == channel and d.not_before is None)
        if count:
            seconds = max(seconds, count / channel_rate(channel))
    return start + dt.timedelta(seconds=seconds)
