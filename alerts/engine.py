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

Lanes: a message spends most of its time waiting — on the provider's replies and on the
database's commit (a WAL flush) — not computing. So at a fast pace a batch is sent over a few
lanes at once (threads of the worker process, each with its own provider connection and its
own database connection), which take the batch's groups in order. Each message still goes
through the same claim and the same commit at its point of no return on its lane's
connection: lanes change how many messages wait at once, not what makes each one single —
except under SIGKILL: a lane that has handed a message's final bytes to the kernel may wait for
the interpreter lock (another lane holds it) before psycopg sends its COMMIT, and a worker killed
in that wait leaves a message the provider got and the database does not know was sent; the
sweeper sends it again. One lane (ALERTS_SEND_LANES = 1, the default) keeps that window to a
few microseconds; more lanes are off until the final bytes and the COMMIT cannot be separated.
"""

from __future__ import annotations

import logging
import os
import queue
import random
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from celery.signals import (
    worker_init,
    worker_process_init,
    worker_process_shutdown,
    worker_shutdown,
)
from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from networks.schemas import current_network

from . import limiter
from .channels import PermanentError, Sender, TransientError, sender_for
from .channels.base import ClaimLost
from .models import Delivery

if TYPE_CHECKING:
    from networks.models import Network

logger = logging.getLogger(__name__)

URGENT_PRIORITY = 0
TABLE = Delivery._meta.db_table


@worker_init.connect
def _warm_up(**_kwargs: object) -> None:
    """In the worker's main process, before it forks its pool: load what the first message
    of every pool process would otherwise wait for (the URL patterns its links reverse, the
    email templates, Twilio's SDK), once, shared by the children."""
    from django.template.loader import get_template
    from django.urls import get_resolver
    from twilio.rest import Client  # noqa: F401 - imported for its import time

    get_resolver().reverse_dict  # noqa: B018 - populates the resolver
    for name in ("alert.html", "alert_subject.txt", "layout.html", "layout.txt", "button.html"):
        get_template(f"emails/{name}")


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
        delivery = self.delivery
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET status = %s, sent_at = %s, error = '' "  # noqa: S608 - our table's name
                "WHERE id = %s AND status = %s AND claimed_at = %s",
                [
                    Delivery.Status.SENT,
                    timezone.now(),
                    delivery.pk,
                    Delivery.Status.SENDING,
                    delivery.claimed_at,
                ],
            )
            return cursor.rowcount == 1

    def commit(self, final: Callable[[], None]) -> None:
        # The row lock taken by the UPDATE is held until COMMIT, which psycopg sends right
        # after `final` has handed the last bytes to the kernel.
        with transaction.atomic():
            if not self._mark_sent():
                raise ClaimLost(f"delivery {self.delivery.pk} is no longer ours")
            final()
        self.recorded = True

    def finish(self) -> bool:
        """After a send without a commit point: record it now (False: the claim was lost)."""
        if not self.recorded:
            self.recorded = self._mark_sent()
        return self.recorded


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


# At most this many lanes per batch; one more lane for every LANE_RATE messages a second of
# the channel's pace (a paced channel needs one: its slots, not the waits, set its speed).
MAX_LANES = 4
LANE_RATE = 100.0
# In a worker's pool process the lanes keep their database connections from one batch to the
# next, and close them when the worker stops; anywhere else (eager tasks, a script) they close
# them after each batch, as the owner of the process expects of connections it did not open.
_keep_connections = False
_lanes: _Lanes | None = None
_lanes_lock = threading.Lock()


class _Lanes:
    """The worker process's lane threads, started on first use (after the prefork pool has
    forked). Each keeps its own database connection and closes it when told to stop."""

    def __init__(self, size: int) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._run, name=f"alerts-lane-{n}", daemon=True)
            for n in range(size)
        ]
        for thread in self._threads:
            thread.start()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()
        connection.close()

    def submit(self, work: Callable[[], BatchResult]) -> Future[BatchResult]:
        future: Future[BatchResult] = Future()

        def job() -> None:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(work())
                except BaseException as error:  # handed to the batch's thread, raised there
                    future.set_exception(error)

        self._jobs.put(job)
        return future

    def stop(self) -> None:
        for _thread in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join(timeout=10)


def _lane_threads() -> _Lanes:
    global _lanes
    with _lanes_lock:
        if _lanes is None:
            size = int(settings.ALERTS_SEND_LANES) - 1
            _lanes = _Lanes(max(1, size))
        return _lanes


_IMPORTED_IN = os.getpid()


@worker_process_init.connect
def _lanes_keep(**_kwargs: object) -> None:
    # Only in a child the prefork pool forked: an in-process worker (solo, in a test run)
    # shares its process with code that expects its connections closed.
    global _keep_connections
    _keep_connections = os.getpid() != _IMPORTED_IN


@worker_process_shutdown.connect
@worker_shutdown.connect
def _lanes_stop(**_kwargs: object) -> None:
    global _keep_connections, _lanes
    _keep_connections = False
    with _lanes_lock:
        lanes, _lanes = _lanes, None
    if lanes is not None:
        lanes.stop()


def lanes_for(*, rate: float, messages: int) -> int:
    # Inside a caller's transaction (an eager task in a test, a script) the rows are visible
    # on this connection only: one lane.
    if connection.in_atomic_block:
        return 1
    wanted = int(settings.ALERTS_SEND_LANES)
    by_pace = int(rate // LANE_RATE) if rate > 0 else wanted
    return max(1, min(wanted, by_pace, messages))


class _Groups:
    """A batch's groups, handed to its lanes in order; when an urgent alert takes the channel,
    the group in hand and every group not yet taken are given back at once."""

    def __init__(self, rows: list[Delivery], size: int) -> None:
        self._groups = [rows[start : start + size] for start in range(0, len(rows), size)]
        self._next = 0
        self._lock = threading.Lock()
        self.yielded: list[Delivery] = []
        self.retry_after = 0.0

    def __len__(self) -> int:
        return len(self._groups)

    def take(self) -> list[Delivery] | None:
        with self._lock:
            if self._next >= len(self._groups):
                return None
            self._next += 1
            return self._groups[self._next - 1]

    def give_back(self, group: list[Delivery], *, retry_after: float) -> None:
        with self._lock:
            rest = self._groups[self._next :]
            self._next = len(self._groups)
            self.yielded.extend(group)
            self.yielded.extend(row for later in rest for row in later)
            self.retry_after = max(self.retry_after, retry_after)


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
    # Enough groups for every lane to have one.
    groups = _Groups(rows, min(group_size(rate), -(-len(rows) // lanes)))
    # Every message's links name the network: one lookup for the batch, not one per link
    # (under schema_context the connection's tenant is a stand-in without the row).
    network = current_network()
    saved_tenant = getattr(connection, "tenant", None)
    connection.tenant = network  # type: ignore[attr-defined]
    try:
        with sender_for(channel) as sender:
            others = [
                _lane_threads().submit(
                    partial(
                        _lane_elsewhere,
                        groups,
                        network=network,
                        channel=channel,
                        sender=sender.sibling(),
                        rate=rate,
                        may_yield=may_yield,
                    )
                )
                for _lane in range(lanes - 1)
            ]
            try:
                results = [
                    _deliver(groups, channel=channel, sender=sender, rate=rate, may_yield=may_yield)
                ]
            finally:
                # Whatever happened on this lane, the others finish their groups first.
                futures_wait(others)
            results += [lane.result() for lane in others]
    finally:
        connection.tenant = saved_tenant  # type: ignore[attr-defined]
    for lane_result in results:
        result.merge(lane_result)
    if groups.yielded:
        result.yielded = [
            row.pk for row in sorted(groups.yielded, key=lambda r: (r.priority, r.pk))
        ]
        result.retry_after = groups.retry_after
    refs_record(result.refs)
    return result


def _lane_elsewhere(
    groups: _Groups,
    *,
    network: Network,
    channel: str,
    sender: Sender,
    rate: float,
    may_yield: bool,
) -> BatchResult:
    """A lane in a thread of the pool: its own connection, in the batch's network."""
    close_old_connections()  # one the server has dropped meanwhile is replaced, not used
    connection.set_tenant(network)  # type: ignore[attr-defined]
    try:
        with sender:
            return _deliver(groups, channel=channel, sender=sender, rate=rate, may_yield=may_yield)
    finally:
        if not _keep_connections:
            connection.close()


def _deliver(
    groups: _Groups, *, channel: str, sender: Sender, rate: float, may_yield: bool
) -> BatchResult:
    result = BatchResult()
    while (group := groups.take()) is not None:
        slot = limiter.take(
            channel,
            urgent=group[0].priority == URGENT_PRIORITY,
            rate=rate,
            may_yield=may_yield,
            count=len(group),
        )
        if slot.yielded:
            groups.give_back(group, retry_after=slot.retry_after)
            break
        claimed_at, attempts = _claim([row.pk for row in group])
        result.skipped += len(group) - len(attempts)
        for delivery, moment in zip(group, slot.times, strict=True):
            if delivery.pk not in attempts:
                continue
            delivery.status = Delivery.Status.SENDING
            delivery.attempts = attempts[delivery.pk]
            delivery.claimed_at = claimed_at
            result.alert_ids.add(delivery.alert_id)
            limiter.wait(moment)
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
