"""Reads for a member's side of alerts: the inbox, its unread count, an alert's thread, and
the counts a sender's dashboard shows."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from incidents.models import Incident
from networks.models import Membership
from networks.prepared import Prepared

from .models import Alert, AlertReport, Recipient

OUT = (Alert.Status.SENDING, Alert.Status.SENT)
# The incidents a member may attach to a report: their store's own, of the last weeks.
REPORT_INCIDENT_DAYS = 30
REPORT_INCIDENT_LIMIT = 20


def inbox_rows(*, user_id: int) -> QuerySet[Recipient]:
    """The member's received alerts, newest first; each row's `read_at` says if it is new."""
    return (
        Recipient.objects.filter(user_id=user_id, alert__status__in=OUT)
        .select_related("alert")
        .order_by("-alert__sent_at", "-alert_id")
    )


@functools.cache
def _unread() -> Prepared:
    # Asked on every page a member opens (the navigation's "Alerts (3)"): networks.prepared.
    return Prepared(
        lambda user_id: (
            Recipient.objects.filter(user_id=user_id, read_at__isnull=True, alert__status__in=OUT)
            .order_by()
            .values("user_id")
            .annotate(unread=Count("pk"))
            .values_list("unread")
        )
    )


def unread_count(*, user_id: int) -> int:
    rows = _unread().rows(user_id)
    return int(rows[0][0]) if rows else 0


def thread_of(*, alert: Alert, user_id: int, sender: bool) -> list[Alert]:
    """The alert's thread in the order sent: its root and follow-ups, those the member was
    told of (a sender sees every one sent)."""
    root_id = alert.parent_id or alert.pk
    alerts = Alert.objects.filter(Q(pk=root_id) | Q(parent_id=root_id), status__in=OUT)
    if not sender:
        alerts = alerts.filter(recipients__user_id=user_id)
    return list(alerts.order_by("sent_at", "pk").distinct())


@dataclass(frozen=True)
class SenderCounts:
    reports_new: int
    sending: int
    drafts: int


def sender_counts() -> SenderCounts:
    """What waits on a sender's desk: two small queries."""
    alerts = Alert.objects.aggregate(
        sending=Count("pk", filter=Q(status=Alert.Status.SENDING)),
        drafts=Count("pk", filter=Q(status=Alert.Status.DRAFT)),
    )
    reports = AlertReport.objects.filter(status=AlertReport.Status.NEW).count()
    return SenderCounts(reports_new=reports, sending=alerts["sending"], drafts=alerts["drafts"])


def report_incidents(*, membership: Membership, now: dt.datetime) -> QuerySet[Incident]:
    """The recent incidents of the member's own store they may point a report at."""
    if membership.store_id is None:
        return Incident.objects.none()
    since = now - dt.timedelta(days=REPORT_INCIDENT_DAYS)
    return Incident.objects.filter(
        store_id=membership.store_id, voided_at__isnull=True, started_at__gte=since
    ).order_by("-started_at", "-pk")[:REPORT_INCIDENT_LIMIT]


def digest_rows(*, user_ids: Iterable[int], since: dt.datetime) -> QuerySet[Recipient]:
    """The non-urgent alerts these members were sent after `since` (the digest's content)."""
    return (
        Recipient.objects.filter(
            user_id__in=list(user_ids),
            alert__status__in=OUT,
            alert__sent_at__gt=since,
        )
        .exclude(alert__severity=Alert.Severity.URGENT)
        .select_related("alert")
        .order_by("alert__sent_at", "alert_id")
    )
