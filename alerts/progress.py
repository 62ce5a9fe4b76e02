"""How far a sent alert has got: per channel what is queued, being sent, sent and failed; who
acknowledged; who nothing has reached yet; and when the last message should be out.

Read in a handful of queries whatever the audience's size (the progress page polls it every
two seconds while an alert goes out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from .dispatch import channel_rate
from .models import Alert, Channel, Delivery, Recipient

SENDING_CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.WEBHOOK)
# The channels that count as reaching someone (the inbox waits for them to log in).
REACHING_CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.WEBHOOK)
NOT_REACHED_SHOWN = 200


@dataclass
class ChannelCounts:
    channel: str
    label: str
    queued: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0
    held: int = 0  # queued, waiting for someone's quiet hours to end

    @property
    def total(self) -> int:
        return self.queued + self.sending + self.sent + self.failed

    @property
    def done_percent(self) -> int:
        return 100 if self.total == 0 else (self.sent + self.failed) * 100 // self.total

    def as_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "label": self.label,
            "queued": self.queued,
            "sending": self.sending,
            "sent": self.sent,
            "failed": self.failed,
            "held": self.held,
            "total": self.total,
            "done_percent": self.done_percent,
        }


@dataclass
class NotReached:
    recipient_id: int
    name: str
    kind: str
    store_name: str
    # (channel label, status label, error) of each message that has not gone out.
    problems: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Progress:
    alert: Alert
    channels: list[ChannelCounts]
    recipients: int
    acknowledged: int
    people: int  # recipients who can acknowledge (members and contacts)
    not_reached: list[NotReached]
    not_reached_count: int
    expected_finish_at: dt.datetime | None
    finished: bool

    @property
    def acknowledged_percent(self) -> int:
        return 0 if self.people == 0 else self.acknowledged * 100 // self.people

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.alert.status,
            "finished": self.finished,
            "recipients": self.recipients,
            "acknowledged": self.acknowledged,
            "people": self.people,
            "acknowledged_percent": self.acknowledged_percent,
            "not_reached": self.not_reached_count,
            "expected_finish_at": (
                self.expected_finish_at.isoformat() if self.expected_finish_at else None
            ),
            "channels": [c.as_dict() for c in self.channels],
        }


def alert_progress(*, alert: Alert) -> Progress:
    now = timezone.now()
    labels = dict(Channel.choices)
    counts = {c: ChannelCounts(channel=c, label=str(labels[c])) for c in Channel.values}
    rows = (
        Delivery.objects.filter(alert=alert)
        .values("channel", "status")
        .annotate(
            n=Count("id"),
            held=Count("id", filter=Q(status=Delivery.Status.QUEUED, not_before__gt=now)),
        )
        .order_by()
    )
    for row in rows:
        item = counts.get(row["channel"])
        if item is None:
            continue
        setattr(item, row["status"], getattr(item, row["status"], 0) + row["n"])
        item.held += row["held"]
    channels = [c for c in counts.values() if c.total]
    tally = Recipient.objects.filter(alert=alert).aggregate(
        total=Count("id"),
        people=Count("id", filter=~Q(kind=Recipient.Kind.WEBHOOK)),
        acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
    )
    reached = Delivery.objects.filter(
        recipient=OuterRef("pk"), channel__in=REACHING_CHANNELS, status=Delivery.Status.SENT
    )
    waiting = (
        Recipient.objects.filter(alert=alert, acknowledged_at__isnull=True)
        .exclude(Exists(reached))
        .select_related("store")
        .order_by("call_order", "id")
    )
    not_reached_count = waiting.count()
    shown = list(waiting[:NOT_REACHED_SHOWN])
    problems: dict[int, list[tuple[str, str, str]]] = {r.pk: [] for r in shown}
    statuses = dict(Delivery.Status.choices)
    for delivery in (
        Delivery.objects.filter(recipient_id__in=list(problems), channel__in=REACHING_CHANNELS)
        .exclude(status=Delivery.Status.SENT)
        .only("recipient_id", "channel", "status", "error", "round")
        .order_by("recipient_id", "channel", "round")
    ):
        problems[delivery.recipient_id].append(
            (
                str(labels.get(delivery.channel, delivery.channel)),
                str(statuses.get(delivery.status, delivery.status)),
                delivery.error,
            )
        )
    not_reached = [
        NotReached(
            recipient_id=r.pk,
            name=r.name,
            kind=r.kind,
            store_name=r.store.display_name if r.store else "",
            problems=problems[r.pk],
        )
        for r in shown
    ]
    finished = alert.status == Alert.Status.SENT or alert.finished_at is not None
    return Progress(
        alert=alert,
        channels=channels,
        recipients=tally["total"],
        acknowledged=tally["acknowledged"],
        people=tally["people"],
        not_reached=not_reached,
        not_reached_count=not_reached_count,
        expected_finish_at=_expected_finish(alert=alert, channels=channels, now=now),
        finished=finished,
    )


def _expected_finish(
    *, alert: Alert, channels: list[ChannelCounts], now: dt.datetime
) -> dt.datetime | None:
    """When it should be done: the finish time once finished; else from what is left to send
    on each channel at its rate (held messages wait for their quiet hours, not counted)."""
    if alert.finished_at is not None:
        return alert.finished_at
    seconds = 0.0
    for item in channels:
        if item.channel not in SENDING_CHANNELS:
            continue
        left = item.queued + item.sending - item.held
        if left > 0:
            seconds = max(seconds, left / channel_rate(item.channel))
    return now + dt.timedelta(seconds=seconds)
