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
    priority = PRIORITY[Alert.Severity(alert.severity)]
    _outbox_write(alert_id=alert.pk, planned=planned, priority=priority, now=now)
    alert.recipient_count = len(planned)
    alert.expected_finish_at = _expected_finish(planned=planned, start=now)
    alert.save(update_fields=["recipient_count", "expected_finish_at", "updated_at"])
    from .dispatch import dispatch_alert

    transaction.on_commit(partial(dispatch_alert, alert_id=alert.pk))
    return alert


# The outbox of a large alert (5,000 members: 5,000 recipients, 15,000 deliveries) is written
# by one statement, INSERT ... SELECT FROM unnest(column arrays) for both tables, the arrays
# sent in binary: a few tens of milliseconds, where bulk_create spends seconds preparing each
# value, and the first message waits on it.
def _columns(model: type[Model], names: list[str]) -> tuple[str, str]:
    fields = [cast("Field[Any, Any]", model._meta.get_field(name)) for name in names]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    arrays = ", ".join(f"%b::{f.db_type(connection)}[]" for f in fields)
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
DELIVERY_COLUMNS = ["channel", "address", "not_before"]


def _outbox_write(
    *, alert_id: int, planned: list[Planned], priority: int, now: dt.datetime
) -> None:
    """Insert the recipients and, joined to them by call_order (1..n within the alert), their
    deliveries."""
    if not planned:
        return
    r_columns, r_arrays = _columns(Recipient, RECIPIENT_COLUMNS)
    r_values = [[getattr(item, name) for item in planned] for name in RECIPIENT_COLUMNS]
    d_columns, d_arrays = _columns(Delivery, DELIVERY_COLUMNS)
    d_picked = ", ".join(f"d.{column}" for column in d_columns.split(", "))
    rows = [(item.call_order, *channel) for item in planned for channel in item.channels]
    d_values = [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * 4
    recipients, deliveries = Recipient._meta.db_table, Delivery._meta.db_table
    # The inbox is the recipient row itself: delivered as the alert is written.
    with _binding_cursor() as cursor:
        cursor.execute(
            f"WITH r AS (INSERT INTO {recipients} (alert_id, {r_columns}, acknowledged_via) "  # noqa: S608 - names from the model
            f"SELECT %s, *, '' FROM unnest({r_arrays}) RETURNING id, call_order) "
            f"INSERT INTO {deliveries} (alert_id, priority, round, attempts, error, "
            f"provider_ref, created_at, recipient_id, {d_columns}, status, sent_at) "
            f"SELECT %s, %s, 1, 0, '', '', %s, r.id, {d_picked}, "
            f"CASE WHEN d.channel = %s THEN %s ELSE %s END, "
            f"CASE WHEN d.channel = %s THEN %s::timestamptz END "
            f"FROM unnest(%b::integer[], {d_arrays}) AS d(call_order, {d_columns}) "
            f"JOIN r USING (call_order)",
            [
                alert_id,
                *r_values,
                alert_id,
                priority,
                now,
                Channel.INBOX,
                Delivery.Status.SENT,
                Delivery.Status.QUEUED,
                Channel.INBOX,
                now,
                *d_values,
            ],
        )


def _expected_finish(*, planned: list[Planned], start: dt.datetime) -> dt.datetime:
    """When the last message should be out, given each channel's configured rate."""
    from .dispatch import channel_rate

    counts: dict[str, int] = {}
    for item in planned:
        for channel, _address, held in item.channels:
            if held is None:
                counts[channel] = counts.get(channel, 0) + 1
    seconds = 0.0
    for channel in (Channel.EMAIL, Channel.SMS, Channel.WEBHOOK):
        if counts.get(channel):
            seconds = max(seconds, counts[channel] / channel_rate(channel))
    return start + dt.timedelta(seconds=seconds)
