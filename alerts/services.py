"""Writes for alerts. Sending is the heart: one transaction turns the draft into a sending
alert and writes its recipients and every delivery (the outbox); the fan-out is enqueued only
once that has committed (alerts.dispatch).

Every write runs in the network's schema and starts with `network_open_required()`.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, Any, cast

import psycopg
from django.db import connection, transaction
from django.db.models import Field, Model
from django.utils import timezone

from networks.closure import network_open_required
from networks.schemas import current_network

from .audience import Planned, plan_recipients
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
    ids = _recipients_write(alert_id=alert.pk, planned=planned)
    priority = PRIORITY[Alert.Severity(alert.severity)]
    rows: list[tuple[int, str, str, dt.datetime | None]] = [
        (recipient_id, channel, address, held_until)
        for recipient_id, item in zip(ids, planned, strict=True)
        for channel, address, held_until in item.channels
    ]
    _deliveries_write(alert_id=alert.pk, rows=rows, priority=priority, now=now)
    alert.recipient_count = len(planned)
    alert.expected_finish_at = _expected_finish(rows=rows, start=now)
    alert.save(update_fields=["recipient_count", "expected_finish_at", "updated_at"])
    from .dispatch import dispatch_alert

    transaction.on_commit(partial(dispatch_alert, alert_id=alert.pk))
    return alert


# The outbox of a large alert (5,000 members: 5,000 recipients, 15,000 deliveries) is written
# with one INSERT ... SELECT FROM unnest(column arrays) per table: a few hundred milliseconds,
# where bulk_create spends seconds preparing each value, and the first message waits on it.
def _columns(model: type[Model], names: list[str]) -> tuple[str, str]:
    fields = [cast("Field[Any, Any]", model._meta.get_field(name)) for name in names]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
    return columns, arrays


def _binding_cursor() -> psycopg.Cursor[Any]:
    """A cursor on Django's connection (same transaction) that sends parameters apart from
    the query: arrays go out in psycopg's binary format, not quoted into SQL text in Python
    (Django's cursors bind on the client)."""
    connection.ensure_connection()
    return psycopg.Cursor(connection.connection)


RECIPIENT_COLUMNS = [
    "kind",
    "user_id",
    "contact_id",
    "webhook_id",
    "store_id",
    "role",
    "name",
    "email",
    "phone",
    "language",
    "call_order",
]


def _recipients_write(*, alert_id: int, planned: list[Planned]) -> list[int]:
    """Insert the recipients; their ids, in the order of `planned`."""
    if not planned:
        return []
    columns, arrays = _columns(Recipient, RECIPIENT_COLUMNS)
    values = [[getattr(item.recipient, name) for item in planned] for name in RECIPIENT_COLUMNS]
    with _binding_cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Recipient._meta.db_table} (alert_id, {columns}, acknowledged_via) "  # noqa: S608 - names from the model
            f"SELECT %s, *, '' FROM unnest({arrays}) RETURNING id, call_order",
            [alert_id, *values],
        )
        by_order = {order: pk for pk, order in cursor.fetchall()}
    # call_order is 1..n within the alert: it ties each id to its planned recipient whatever
    # order RETURNING gives them in.
    return [by_order[item.recipient.call_order] for item in planned]


def _deliveries_write(
    *,
    alert_id: int,
    rows: list[tuple[int, str, str, dt.datetime | None]],
    priority: int,
    now: dt.datetime,
) -> None:
    if not rows:
        return
    recipients, channels, addresses, held = (list(column) for column in zip(*rows, strict=True))
    # The inbox is the recipient row itself: delivered as the alert is written.
    inbox = [channel == Channel.INBOX for channel in channels]
    statuses = [Delivery.Status.SENT if i else Delivery.Status.QUEUED for i in inbox]
    sent_at = [now if i else None for i in inbox]
    columns, arrays = _columns(
        Delivery, ["recipient_id", "channel", "address", "not_before", "status", "sent_at"]
    )
    with _binding_cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Delivery._meta.db_table} (alert_id, priority, round, attempts, "  # noqa: S608 - names from the model
            f"error, provider_ref, created_at, {columns}) "
            f"SELECT %s, %s, 1, 0, '', '', %s, * FROM unnest({arrays})",
            [alert_id, priority, now, recipients, channels, addresses, held, statuses, sent_at],
        )


def _expected_finish(
    *, rows: list[tuple[int, str, str, dt.datetime | None]], start: dt.datetime
) -> dt.datetime:
    """When the last message should be out, given each channel's configured rate."""
    from .dispatch import channel_rate

    seconds = 0.0
    for channel in (Channel.EMAIL, Channel.SMS, Channel.WEBHOOK):
        count = sum(1 for _r, c, _a, held in rows if c == channel and held is None)
        if count:
            seconds = max(seconds, count / channel_rate(channel))
    return start + dt.timedelta(seconds=seconds)
