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
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery.signals import worker_init
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from networks.schemas import current_network

from . import limiter
from .channels import PermanentError, Sender, TransientError, sender_for
from .channels.base import ClaimLost
from .models import Delivery

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


def delivery_retry(*, delivery: Delivery, reason: str) -> bool:
    """Put a claimed (or wrongly recorded) delivery back with a backoff; past the last attempt,
    fail it. Returns True when it will be tried again."""
    if delivery.attempts >= settings.ALERTS_MAX_ATTEMPTS:
        delivery_fail(
            delivery=delivery, reason=f"gave up after {delivery.attempts} attempts: {reason}"
        )
        return False
    not_before = timezone.now() + timedelta(seconds=backoff_seconds(delivery.attempts))
    Delivery.objects.filter(
        pk=delivery.pk, status__in=[Delivery.Status.SENDING, Delivery.Status.SENT]
    ).update(
        status=Delivery.Status.QUEUED,
        not_before=not_before,
        error=reason[:500],
        sent_at=None,
        provider_ref="",
    )
    from .dispatch import lease_drop

    lease_drop(delivery_ids=[delivery.pk])
    return True


def delivery_fail(*, delivery: Delivery, reason: str) -> None:
    Delivery.objects.filter(
        pk=delivery.pk, status__in=[Delivery.Status.SENDING, Delivery.Status.SENT]
    ).update(
        status=Delivery.Status.FAILED,
        failed_at=timezone.now(),
        error=reason[:500],
        sent_at=None,
        provider_ref="",
    )


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
    size = group_size(rate)
    # Every message's links name the network: one lookup for the batch, not one per link
    # (under schema_context the connection's tenant is a stand-in without the row).
    saved_tenant = getattr(connection, "tenant", None)
    connection.tenant = current_network()  # type: ignore[attr-defined]
    try:
        _deliver(rows, channel=channel, rate=rate, size=size, may_yield=may_yield, result=result)
    finally:
        connection.tenant = saved_tenant  # type: ignore[attr-defined]
    refs_record(result.refs)
    return result


def _deliver(
    rows: list[Delivery],
    *,
    channel: str,
    rate: float,
    size: int,
    may_yield: bool,
    result: BatchResult,
) -> None:
    with sender_for(channel) as sender:
        for start in range(0, len(rows), size):
            group = rows[start : start + size]
            slot = limiter.take(
                channel,
                urgent=group[0].priority == URGENT_PRIORITY,
                rate=rate,
                may_yield=may_yield,
                count=len(group),
            )
            if slot.yielded:
                result.yielded = [row.pk for row in rows[start:]]
                result.retry_after = slot.retry_after
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


def _send_one(sender: Sender, delivery: Delivery, result: BatchResult) -> None:
    attempt = _Attempt(delivery)
    try:
        ref = sender.send(delivery=delivery, commit=attempt.commit)
    except ClaimLost:
        result.skipped += 1
        return
    except TransientError as error:
        if delivery_retry(delivery=delivery, reason=error.reason):
            result.retried += 1
        else:
            result.failed += 1
        return
    except PermanentError as error:
        delivery_fail(delivery=delivery, reason=error.reason)
        result.failed += 1
        return
    except Exception as error:
        # A bug or an unforeseen library error must not strand the row in "sending"
        # until the sweeper notices: retry it like a transient failure, and say so.
        logger.exception("alerts: delivery %s failed unexpectedly", delivery.pk)
        if attempt.recorded:
            result.sent += 1
        else:
            result.retried += delivery_retry(
                delivery=delivery, reason=f"unexpected error: {type(error).__name__}"
            )
        return
    if not attempt.finish():
        result.skipped += 1
        return
    result.sent += 1
    if ref:
        result.refs[delivery.pk] = ref


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
