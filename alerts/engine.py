"""Sending one batch of deliveries: claim, send, record — each message exactly once.

A batch is sent in small groups (about 50 ms of the channel's pace): one limiter call takes
the group's slots, one conditional UPDATE ... RETURNING claims its rows (queued -> sending,
one more attempt, the claim's time), and each message goes out at its own slot. A task
delivered twice, or two workers holding the same batch, find the rows no longer queued and
send nothing: PostgreSQL, not the broker, is the record of what went out.

Each message is recorded as sent at the provider's point of no return (channels/base.py): in
one transaction the row is marked sent — only if it is still "sending" under this claim, which
also locks it against the sweeper — then the message's final bytes are written to the provider
and the transaction commits. A worker killed before that leaves a "sending" row whose message
the provider never completed; the sweeper puts it back after ALERTS_CLAIM_STALE_SECONDS and it
is sent once. Killed after, the row says sent. The provider's answer is read after the commit;
a refusal corrects the row (retry or fail).

Transient errors put the delivery back with an exponential backoff and jitter (not_before),
up to ALERTS_MAX_ATTEMPTS; permanent ones fail it with the provider's reason.

Lanes (alerts/lanes.py): at a fast pace a batch is sent over a few lanes at once, greenlets on
the worker's one thread, each with its own provider connection, taking the batch's messages in
the order of their slots. Their points of no return are recorded together (record_parked): one
transaction marks every parked message sent (each only if still under its claim), writes their
final bytes one after another and sends the COMMIT — nothing runs between the last of those
writes and the COMMIT, as with one lane, and several messages share one commit, whose answer is
read before the connection's next query (alerts/commit_later.py).
"""

from __future__ import annotations

import logging
import random
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from celery.signals import worker_init
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from networks.schemas import current_network

from . import commit_later, limiter
from . import lanes as lanes_mod
from .channels import PermanentError, Sender, TransientError, sender_for
from .channels.base import ClaimLost
from .models import Delivery

if TYPE_CHECKING:
    from .lanes import Parked

logger = logging.getLogger(__name__)

URGENT_PRIORITY = 0
TABLE = Delivery._meta.db_table


@worker_init.connect
def _warm_up(**_kwargs: object) -> None:
    """In the worker's main process, before it forks its pool: load what the first message
    of every pool process would otherwise wait for (the URL patterns its links reverse, the
    email templates, the translation catalogues, Twilio's SDK with the modules it imports on
    first use — about 40 ms), once, shared by the children."""
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation
    from twilio.rest import Client

    get_resolver().reverse_dict  # noqa: B018 - populates the resolver
    for name in ("alert.html", "alert_subject.txt", "layout.html", "layout.txt", "button.html"):
        get_template(f"emails/{name}")
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Urgent")
    # No request is made: the account and token only have to look like Twilio's.
    Client("AC" + "0" * 32, "warm-up").messages  # noqa: B018 - imports the Messages API


def due(at: datetime) -> Q:
    return Q(not_before__isnull=True) | Q(not_before__lte=at)


def backoff_seconds(attempts: int) -> float:
    """Exponential from ALERTS_RETRY_BASE_SECONDS, capped at ALERTS_RETRY_MAX_SECONDS (far below
    the broker's visibility timeout), with jitter so that deliveries failed together (a
    provider's outage) do not all come back in the same second."""
    base = float(settings.ALERTS_RETRY_BASE_SECONDS)
    ceiling = float(settings.ALERTS_RETRY_MAX_SECONDS)
    delay = min(ceiling, base * 2 ** max(0, attempts - 1))
    return random.uniform(delay / 2, delay)  # noqa: S311 - jitter, not a secret


@dataclass
class BatchResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    # Left for later because an urgent alert holds the channel (ids, in order).
    yielded: list[int] = field(default_factory=list)
    retry_after: float = 0.0
    alert_ids: set[int] = field(default_factory=set)
    # Provider references of the messages sent, recorded together at the end.
    refs: dict[int, str] = field(default_factory=dict)

    def merge(self, other: BatchResult) -> None:
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        self.skipped += other.skipped
        self.alert_ids |= other.alert_ids
        self.refs |= other.refs


class _Attempt:
    """One claimed delivery on its way: recorded as sent at the sender's point of no return
    (`commit`), or after the call for senders without one."""

    def __init__(self, delivery: Delivery) -> None:
        self.delivery = delivery
        self.recorded = False

    def _mark_sent(self) -> bool:
        return bool(_mark_sent([self.delivery]))

    def commit(self, final: Callable[[], None]) -> None:
        # Recorded with the other lanes' parked messages (record_parked); raises what kept it
        # from being recorded.
        lanes_mod.park(self, final)
        self.recorded = True

    def finish(self) -> bool:
        """After a send without a commit point: record it now (False: the claim was lost)."""
        if not self.recorded:
            self.recorded = self._mark_sent()
        return self.recorded


_MARK_SENT = (
    f"UPDATE {TABLE} AS d SET status = %s, sent_at = %s, error = '' "  # noqa: S608 - our table's name
    "FROM unnest(%s::bigint[], %s::timestamptz[]) AS c(id, claimed_at) "
    "WHERE d.id = c.id AND d.status = %s AND d.claimed_at = c.claimed_at "
    "RETURNING d.id"
)


def _mark_sent_params(deliveries: Sequence[Delivery]) -> list[Any]:
    return [
        Delivery.Status.SENT,
        timezone.now(),
        [delivery.pk for delivery in deliveries],
        [delivery.claimed_at for delivery in deliveries],
        Delivery.Status.SENDING,
    ]


def _mark_sent(deliveries: Sequence[Delivery]) -> set[int]:
    """Mark sent those of `deliveries` still "sending" under this worker's claim (which also
    locks their rows until the transaction ends); their ids."""
    with connection.cursor() as cursor:
        cursor.execute(_MARK_SENT, _mark_sent_params(deliveries))
        return {row[0] for row in cursor.fetchall()}


def _write_finals(parked: list[Parked], ours: set[int]) -> list[int]:
    """Each parked message's final bytes, one after another; the ids whose write failed."""
    unwritten: list[int] = []
    for item in parked:
        pk = item.item.delivery.pk
        if pk not in ours:
            item.error = ClaimLost(f"delivery {pk} is no longer ours")
            continue
        try:
            item.final()
        except Exception as error:
            item.error = error
            unwritten.append(pk)
    return unwritten


def _unmark(ids: list[int]) -> None:
    Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.SENDING, sent_at=None)


def record_parked(parked: list[Parked]) -> None:
    """The lanes' parked messages: in one transaction, mark them sent, write each one's final
    bytes, commit. A message whose claim was lost gets ClaimLost and no final bytes; one whose
    final write failed is put back to "sending" before the commit and gets that error (its
    sender retries it as usual)."""
    deliveries = [item.item.delivery for item in parked]
    if connection.in_atomic_block:
        # Inside a caller's transaction (an eager task, a test): a savepoint of it.
        with transaction.atomic():
            if unwritten := _write_finals(parked, _mark_sent(deliveries)):
                _unmark(unwritten)
        return
    # Its own transaction, opened in the same round trip as the UPDATE (Django's atomic would
    # spend one on BEGIN alone, while every lane of the worker waits), and committed without
    # waiting for the disk: the answer is read before the connection's next query
    # (alerts/commit_later.py).
    with connection.cursor() as cursor:
        cursor.execute("BEGIN; " + _MARK_SENT, _mark_sent_params(deliveries))
        try:
            cursor.nextset()
            ours = {row[0] for row in cursor.fetchall()}
            if unwritten := _write_finals(parked, ours):
                _unmark(unwritten)
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
    commit_later.send_commit()


def _under_this_claim(delivery: Delivery) -> QuerySet[Delivery]:
    """The delivery's row while it is still this attempt's: claimed (or recorded sent) under
    the claim this worker holds. A slow attempt whose claim went stale, was freed by the
    sweeper and was sent by another worker must not put the row back, or it would go twice."""
    return Delivery.objects.filter(
        pk=delivery.pk,
        status__in=[Delivery.Status.SENDING, Delivery.Status.SENT],
        claimed_at=delivery.claimed_at,
    )


def delivery_retry(*, delivery: Delivery, reason: str) -> bool | None:
    """Put a claimed (or wrongly recorded) delivery back with a backoff; past the last attempt,
    fail it. Returns True when it will be tried again, False when it failed for good, None
    when the row is no longer this attempt's (another has it)."""
    if delivery.attempts >= settings.ALERTS_MAX_ATTEMPTS:
        return (
            False
            if delivery_fail(
                delivery=delivery, reason=f"gave up after {delivery.attempts} attempts: {reason}"
            )
            else None
        )
    not_before = timezone.now() + timedelta(seconds=backoff_seconds(delivery.attempts))
    updated = _under_this_claim(delivery).update(
        status=Delivery.Status.QUEUED,
        not_before=not_before,
        error=reason[:500],
        sent_at=None,
        provider_ref="",
    )
    if not updated:
        return None
    from .dispatch import lease_drop

    lease_drop(delivery_ids=[delivery.pk])
    return True


def delivery_fail(*, delivery: Delivery, reason: str) -> bool:
    """Fail a claimed (or wrongly recorded) delivery; False when it is no longer this
    attempt's."""
    updated = _under_this_claim(delivery).update(
        status=Delivery.Status.FAILED,
        failed_at=timezone.now(),
        error=reason[:500],
        sent_at=None,
        provider_ref="",
    )
    return bool(updated)


# ~50 ms of the channel's pace per limiter call and claim (1 message at 20/s, 50 at 1000/s).
GROUP_SECONDS = 0.05
GROUP_MAX = 50


def group_size(rate: float) -> int:
    return max(1, min(GROUP_MAX, int(rate * GROUP_SECONDS))) if rate > 0 else GROUP_MAX


def _claim(ids: Sequence[int]) -> tuple[datetime, dict[int, int]]:
    """Claim the queued, due deliveries among `ids` in one statement: (the claim's time,
    {id: attempts})."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET status = %s, attempts = attempts + 1, claimed_at = %s "  # noqa: S608 - our table's name
            "WHERE id = ANY(%s) AND status = %s AND (not_before IS NULL OR not_before <= %s) "
            "RETURNING id, attempts",
            [Delivery.Status.SENDING, now, list(ids), Delivery.Status.QUEUED, now],
        )
        return now, dict(cursor.fetchall())


# One lane for every LANE_RATE messages a second of the channel's pace (a slow channel's slots,
# not its waits, set its speed) and every LANE_MESSAGES messages of the batch (a connection to
# the provider carries a good part of the batch, never one message), up to ALERTS_SEND_LANES.
LANE_RATE = 50.0
LANE_MESSAGES = 25


def lanes_for(*, rate: float, messages: int) -> int:
    wanted = int(settings.ALERTS_SEND_LANES)
    by_pace = int(rate // LANE_RATE) if rate > 0 else wanted
    by_size = -(-messages // LANE_MESSAGES)
    return max(1, min(wanted, by_pace, by_size))


class _Feed:
    """A batch's messages, handed to its lanes one at a time in the order of their slots. When
    the claimed ones run out, the lane asking takes the next group: its slots from the limiter
    and its rows with one claim. When an urgent alert takes the channel, that group and every
    later one are given back at once; messages already claimed are still sent. (The lanes
    share one thread and never switch inside these methods: no lock.)"""

    def __init__(self, rows: list[Delivery], *, channel: str, rate: float, may_yield: bool) -> None:
        self._rows = rows
        self._taken = 0
        self._size = group_size(rate)
        self._ready: deque[tuple[Delivery, float]] = deque()
        self._channel, self._rate, self._may_yield = channel, rate, may_yield
        self.yielded: list[Delivery] = []
        self.retry_after = 0.0

    def next(self, result: BatchResult) -> tuple[Delivery, float] | None:
        """The next claimed delivery and the moment (time.time()) it may go; None when the
        batch is done or given back."""
        while not self._ready:
            if self._taken >= len(self._rows):
                return None
            group = self._rows[self._taken : self._taken + self._size]
            self._taken += len(group)
            slot = limiter.take(
                self._channel,
                urgent=group[0].priority == URGENT_PRIORITY,
                rate=self._rate,
                may_yield=self._may_yield,
                count=len(group),
            )
            if slot.yielded:
                self.yielded.extend(group)
                self.yielded.extend(self._rows[self._taken :])
                self._taken = len(self._rows)
                self.retry_after = max(self.retry_after, slot.retry_after)
                return None
            claimed_at, attempts = _claim([row.pk for row in group])
            result.skipped += len(group) - len(attempts)
            for delivery, moment in zip(group, slot.times, strict=True):
                if delivery.pk in attempts:
                    delivery.status = Delivery.Status.SENDING
                    delivery.attempts = attempts[delivery.pk]
                    delivery.claimed_at = claimed_at
                    self._ready.append((delivery, moment))
        return self._ready.popleft()


def deliver_batch(*, delivery_ids: Sequence[int], channel: str, may_yield: bool) -> BatchResult:
    """Send the queued, due deliveries among `delivery_ids` on `channel`, most urgent first,
    at the channel's shared pace. Call in the network's schema."""
    from .dispatch import channel_rate

    result = BatchResult()
    rows = list(
        Delivery.objects.filter(pk__in=delivery_ids, channel=channel, status=Delivery.Status.QUEUED)
        .filter(due(timezone.now()))
        .select_related("alert", "recipient", "recipient__webhook")
        .order_by("priority", "id")
    )
    result.skipped = len(set(delivery_ids)) - len(rows)
    if not rows:
        return result
    rate = channel_rate(channel)
    lanes = lanes_for(rate=rate, messages=len(rows))
    feed = _Feed(rows, channel=channel, rate=rate, may_yield=may_yield)
    # Every message's links name the network: one lookup for the batch, not one per link
    # (under schema_context the connection's tenant is a stand-in without the row).
    saved_tenant = getattr(connection, "tenant", None)
    connection.tenant = current_network()  # type: ignore[attr-defined]
    try:
        with sender_for(channel) as sender:
            senders = [sender] + [sender.sibling() for _lane in range(lanes - 1)]
            results = lanes_mod.run(
                [
                    partial(_lane_work, feed, sender=lane_sender, opened=lane_sender is sender)
                    for lane_sender in senders
                ],
                record=record_parked,
            )
    finally:
        connection.tenant = saved_tenant  # type: ignore[attr-defined]
        commit_later.settle()
    for lane_result in results:
        result.merge(lane_result)
    if feed.yielded:
        result.yielded = [row.pk for row in sorted(feed.yielded, key=lambda r: (r.priority, r.pk))]
        result.retry_after = feed.retry_after
    refs_record(result.refs)
    return result


def _lane_work(feed: _Feed, *, sender: Sender, opened: bool) -> BatchResult:
    if opened:
        return _deliver(feed, sender=sender)
    with sender:
        return _deliver(feed, sender=sender)


def _deliver(feed: _Feed, *, sender: Sender) -> BatchResult:
    result = BatchResult()
    while (item := feed.next(result)) is not None:
        delivery, moment = item
        result.alert_ids.add(delivery.alert_id)
        lanes_mod.sleep_until(moment)
        _send_one(sender, delivery, result)
    return result


def _send_one(sender: Sender, delivery: Delivery, result: BatchResult) -> None:
    attempt = _Attempt(delivery)
    try:
        ref = sender.send(delivery=delivery, commit=attempt.commit)
    except ClaimLost:
        result.skipped += 1
        return
    except TransientError as error:
        _count(result, delivery_retry(delivery=delivery, reason=error.reason))
        return
    except PermanentError as error:
        _count(result, False if delivery_fail(delivery=delivery, reason=error.reason) else None)
        return
    except Exception as error:
        # A bug or an unforeseen library error must not strand the row in "sending"
        # until the sweeper notices: retry it like a transient failure, and say so.
        logger.exception("alerts: delivery %s failed unexpectedly", delivery.pk)
        if attempt.recorded:
            result.sent += 1
        else:
            _count(
                result,
                delivery_retry(
                    delivery=delivery, reason=f"unexpected error: {type(error).__name__}"
                ),
            )
        return
    if not attempt.finish():
        result.skipped += 1
        return
    result.sent += 1
    if ref:
        result.refs[delivery.pk] = ref


def _count(result: BatchResult, outcome: bool | None) -> None:
    if outcome is None:
        result.skipped += 1  # another attempt has the row
    elif outcome:
        result.retried += 1
    else:
        result.failed += 1


def refs_record(refs: dict[int, str]) -> None:
    """The providers' references of a batch's sent messages, in one statement."""
    if not refs:
        return
    ids, values = zip(*((pk, ref[:100]) for pk, ref in refs.items()), strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} AS d SET provider_ref = r.ref "  # noqa: S608 - our table's name
            "FROM unnest(%s::bigint[], %s::text[]) AS r(id, ref) "
            "WHERE d.id = r.id AND d.status = %s",
            [list(ids), list(values), Delivery.Status.SENT],
        )
