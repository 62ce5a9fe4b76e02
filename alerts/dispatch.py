"""The fan-out: turns a sending alert's queued deliveries into batch tasks on the `alerts`
queue; the sweeper that picks up what no task holds; the escalation of urgent alerts.

- dispatch_alert(*, alert_id) runs on commit of alerts.services.alert_send: batches of
  ALERTS_BATCH_SIZE delivery ids per channel, most urgent first, each a task with the alert's
  priority (Redis: 0 is served first), so an urgent alert's batches overtake queued advisory
  ones; an urgent alert also marks its channels (alerts.limiter) so advisory batches already
  running step aside at their next message.
- Each enqueued delivery gets a lease in Redis (a sorted set per network, scored by when the
  task should have reached it, from the channel's rate). The sweeper re-enqueues only queued,
  due deliveries without a live lease — those held by quiet hours or a backoff, and those
  whose task was lost — so a slow, paced alert is not enqueued again every 30 seconds. A
  flushed Redis loses only leases: the next sweep enqueues again and the claims keep every
  message single.
- channel_rate(channel) -> messages per second the channel's sender is configured for.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

import redis
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from kombu.exceptions import OperationalError

from networks.schemas import current_schema

from . import limiter
from .engine import URGENT_PRIORITY, due
from .models import Alert, Channel, Delivery, Recipient

logger = logging.getLogger(__name__)

SENT_BY_WORKERS = (Channel.EMAIL, Channel.SMS, Channel.WEBHOOK)
# An alert's batches take turns in this order of channels.
CHANNEL_TURN: dict[str, int] = {Channel.SMS: 0, Channel.EMAIL: 1, Channel.WEBHOOK: 2}
OPEN = (Delivery.Status.QUEUED, Delivery.Status.SENDING)
# Escalation looks back this far for urgent alerts not yet escalated.
ESCALATION_WINDOW = timedelta(days=1)


def channel_rate(channel: str) -> float:
    return float(settings.ALERTS_CHANNEL_RATES[channel])


# --- Leases: which queued deliveries a task already carries ---------------------------------
def _lease_key() -> str:
    return f"alerts:lease:{current_schema()}"


def lease_take(*, delivery_ids: Sequence[int], seconds: float) -> None:
    leases_take([(delivery_ids, seconds)])


def leases_take(leases: Sequence[tuple[Sequence[int], float]]) -> None:
    """Several batches' leases (ids, seconds) in one round trip."""
    now = timezone.now().timestamp()
    scores = {str(pk): now + seconds for ids, seconds in leases for pk in ids}
    if scores:
        limiter.client().zadd(_lease_key(), scores)


def lease_drop(*, delivery_ids: Sequence[int]) -> None:
    if delivery_ids:
        limiter.client().zrem(_lease_key(), *map(str, delivery_ids))


def _unleased(delivery_ids: list[int]) -> set[int]:
    if not delivery_ids:
        return set()
    client = limiter.client()
    key = _lease_key()
    client.zremrangebyscore(key, "-inf", timezone.now().timestamp())
    scores = client.zmscore(key, [str(pk) for pk in delivery_ids])
    return {pk for pk, score in zip(delivery_ids, scores, strict=True) if score is None}


# --- Enqueueing ----------------------------------------------------------------------------
def enqueue_batch(
    *, delivery_ids: list[int], channel: str, priority: int, countdown: float = 0
) -> None:
    from .tasks import deliver_batch

    deliver_batch.apply_async(
        kwargs={"delivery_ids": delivery_ids, "channel": channel, "priority": priority},
        priority=min(9, priority),
        countdown=countdown or None,
    )


def enqueue_due(*, alert_id: int | None = None, only_unleased: bool = False) -> int:
    """Enqueue the queued, due deliveries (of one alert, or all), in batches per alert,
    channel and priority. Returns how many were enqueued."""
    now = timezone.now()
    rows = Delivery.objects.filter(status=Delivery.Status.QUEUED, channel__in=SENT_BY_WORKERS)
    rows = rows.filter(due(now))
    if alert_id is not None:
        rows = rows.filter(alert_id=alert_id)
    found = list(
        rows.order_by("priority", "alert_id", "channel", "id").values_list(
            "pk", "alert_id", "channel", "priority"
        )
    )
    if only_unleased:
        free = _unleased([pk for pk, *_rest in found])
        found = [row for row in found if row[0] in free]
    groups: dict[tuple[int, int, str], list[int]] = defaultdict(list)
    for pk, alert, channel, priority in found:
        groups[(priority, alert, channel)].append(pk)
    size = max(1, int(settings.ALERTS_BATCH_SIZE))
    stale = float(settings.ALERTS_CLAIM_STALE_SECONDS)
    ahead: dict[str, int] = defaultdict(int)  # messages queued before, per channel
    batches: list[tuple[list[int], str, int, float]] = []
    for _key, chunks in sorted(_chunked(groups, size).items()):
        # An alert's channels take turns in the queue: both providers are busy from the start.
        for chunk, channel, priority in _alternating(chunks):
            ahead[channel] += len(chunk)
            rate = channel_rate(channel)
            # The task should be done by then at the channel's pace; a stale claim's margin on
            # top before the sweeper thinks it lost.
            batches.append(
                (chunk, channel, priority, (ahead[channel] / rate if rate > 0 else 0) + stale)
            )
    # The first batch leaves at once; the others' leases then go in one round trip.
    for n, (chunk, channel, priority, seconds) in enumerate(batches):
        if n == 0:
            lease_take(delivery_ids=chunk, seconds=seconds)
        elif n == 1:
            leases_take([(ids, lease) for ids, _c, _p, lease in batches[1:]])
        enqueue_batch(delivery_ids=chunk, channel=channel, priority=priority)
    return len(found)


def _chunked(
    groups: dict[tuple[int, int, str], list[int]], size: int
) -> dict[tuple[int, int], list[list[tuple[list[int], str, int]]]]:
    """Per (priority, alert): each channel's batches of `size`, in id order; text messages
    first (read within minutes, and the quickest to hand over)."""
    chunked: dict[tuple[int, int], list[list[tuple[list[int], str, int]]]] = defaultdict(list)
    for (priority, alert, channel), ids in sorted(
        groups.items(), key=lambda item: (item[0][0], item[0][1], CHANNEL_TURN.get(item[0][2], 9))
    ):
        chunked[(priority, alert)].append(
            [(ids[start : start + size], channel, priority) for start in range(0, len(ids), size)]
        )
    return chunked


def _alternating(
    per_channel: list[list[tuple[list[int], str, int]]],
) -> list[tuple[list[int], str, int]]:
    """Round robin over the channels' batches: email 1, SMS 1, email 2, SMS 2, ..."""
    longest = max((len(batches) for batches in per_channel), default=0)
    return [batches[n] for n in range(longest) for batches in per_channel if n < len(batches)]


def dispatch_alert(*, alert_id: int) -> None:
    """Start sending an alert whose outbox has just been committed (network schema)."""
    alert = Alert.objects.filter(pk=alert_id).only("severity").first()
    if alert is None:
        return
    try:
        if alert.severity == Alert.Severity.URGENT:
            _announce_urgent(alert_id=alert_id)
        enqueue_due(alert_id=alert_id)
    except (redis.RedisError, OperationalError, OSError):
        # The outbox is committed: the sweeper enqueues it when the broker is back. The
        # coordinator's "send" must not fail for it.
        logger.exception("alerts: could not enqueue alert %s; the sweeper will", alert_id)
    alert_progress_update(alert_id=alert_id)


def _announce_urgent(*, alert_id: int) -> None:
    counts = (
        Delivery.objects.filter(alert_id=alert_id, status=Delivery.Status.QUEUED)
        .filter(channel__in=SENT_BY_WORKERS)
        .values("channel")
        .annotate(n=Count("id"))
    )
    for row in counts:
        rate = channel_rate(row["channel"])
        seconds = row["n"] / rate if rate > 0 else 0
        # Long enough for the first batch to start; its slots renew the mark.
        limiter.urgent_announce(row["channel"], seconds=min(seconds, 60) + 30)


# --- Progress, finishing -------------------------------------------------------------------
def alert_progress_update(*, alert_id: int) -> Alert | None:
    """Close a sending alert when nothing is left queued or being sent; otherwise bring its
    expected finish up to date from what is left at each channel's pace."""
    now = timezone.now()
    left = Delivery.objects.filter(alert_id=alert_id, status__in=OPEN)
    finished = (
        Alert.objects.filter(pk=alert_id, status=Alert.Status.SENDING)
        .filter(~Exists(left.filter(alert_id=OuterRef("pk"))))
        .update(status=Alert.Status.SENT, finished_at=now, expected_finish_at=now)
    )
    if finished:
        return None
    seconds = 0.0
    counts = left.filter(due(now)).values("channel").annotate(n=Count("id"))
    for row in counts:
        rate = channel_rate(row["channel"]) if row["channel"] in SENT_BY_WORKERS else 0
        if rate > 0:
            seconds = max(seconds, row["n"] / rate)
    Alert.objects.filter(pk=alert_id, status=Alert.Status.SENDING).update(
        expected_finish_at=now + timedelta(seconds=math.ceil(seconds))
    )
    return None


def sweep() -> dict[str, int]:
    """Every ~30 s in each network: free stale claims, enqueue what no task holds, close
    alerts that are done. Returns counts (for logs and tests)."""
    now = timezone.now()
    stale_before = now - timedelta(seconds=settings.ALERTS_CLAIM_STALE_SECONDS)
    stale_ids = list(
        Delivery.objects.filter(
            status=Delivery.Status.SENDING, claimed_at__lt=stale_before
        ).values_list("pk", flat=True)
    )
    freed = 0
    if stale_ids:
        # The worker that claimed these died (or hangs) between claim and record.
        freed = Delivery.objects.filter(
            pk__in=stale_ids, status=Delivery.Status.SENDING, claimed_at__lt=stale_before
        ).update(status=Delivery.Status.QUEUED, error="the worker sending it stopped")
        lease_drop(delivery_ids=stale_ids)
    enqueued = enqueue_due(only_unleased=True)
    closed = 0
    for alert_id in Alert.objects.filter(status=Alert.Status.SENDING).values_list("pk", flat=True):
        alert_progress_update(alert_id=alert_id)
        closed += Alert.objects.filter(pk=alert_id, status=Alert.Status.SENT).exists()
    return {"freed": freed, "enqueued": enqueued, "closed": closed}


# --- Escalation ----------------------------------------------------------------------------
def escalation_due() -> list[int]:
    """Urgent alerts of the last day, not yet escalated, whose escalation time has passed
    (escalate_minutes 0: never)."""
    now = timezone.now()
    candidates = Alert.objects.filter(
        severity=Alert.Severity.URGENT,
        status__in=[Alert.Status.SENDING, Alert.Status.SENT],
        escalated_at__isnull=True,
        escalate_minutes__gt=0,
        sent_at__gte=now - ESCALATION_WINDOW,
    ).only("pk", "sent_at", "escalate_minutes")
    return [
        alert.pk
        for alert in candidates
        if alert.sent_at is not None
        and alert.sent_at + timedelta(minutes=alert.escalate_minutes) <= now
    ]


@transaction.atomic
def alert_escalate(*, alert_id: int) -> int:
    """Write the round-2 SMS of an urgent alert for its members who have not acknowledged
    and whose first SMS went out; once per alert (escalated_at). Returns how many."""
    now = timezone.now()
    claimed = Alert.objects.filter(pk=alert_id, escalated_at__isnull=True).update(escalated_at=now)
    if not claimed:
        return 0
    first_sms = Delivery.objects.filter(
        recipient=OuterRef("pk"), channel=Channel.SMS, round=1, status=Delivery.Status.SENT
    )
    recipients = list(
        Recipient.objects.filter(
            alert_id=alert_id, kind=Recipient.Kind.MEMBER, acknowledged_at__isnull=True
        )
        .filter(Exists(first_sms))
        .only("pk", "phone")
    )
    if not recipients:
        return 0
    Delivery.objects.bulk_create(
        [
            Delivery(
                alert_id=alert_id,
                recipient=recipient,
                channel=Channel.SMS,
                round=2,
                address=recipient.phone,
                priority=URGENT_PRIORITY,
            )
            for recipient in recipients
        ],
        ignore_conflicts=True,
    )
    # A finished alert is sending again until its reminders are out.
    Alert.objects.filter(pk=alert_id).update(status=Alert.Status.SENDING, finished_at=None)

    def start() -> None:
        limiter.urgent_announce(Channel.SMS, seconds=30)
        enqueue_due(alert_id=alert_id)

    transaction.on_commit(start)
    return len(recipients)


def escalate() -> int:
    """Every minute in each network: escalate the urgent alerts whose time has come."""
    return sum(alert_escalate(alert_id=alert_id) for alert_id in escalation_due())


__all__ = [
    "alert_escalate",
    "alert_progress_update",
    "channel_rate",
    "dispatch_alert",
    "enqueue_due",
    "escalate",
    "sweep",
]
