"""Reads for the senders' desk (the inbox's reads are in inbox_selectors, the kept lists'
in manage_selectors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from incidents.access import visible_incidents
from incidents.models import Incident
from networks.models import Membership

from .models import Alert, AlertReport, Recipient

SENT_PER_PAGE = 20
DRAFTS_SHOWN = 50
INCIDENTS_SHOWN = 8


@dataclass(frozen=True)
class Desk:
    drafts: list[Alert]
    sending: list[Alert]
    page: Page[Any]
    reports_waiting: int
    incidents: list[Incident]


def desk_of(*, membership: Membership, page: str | None) -> Desk:
    """What waits on a sender's desk: drafts, alerts going out, sent alerts (a page of them,
    each with its acknowledgement rate), reports waiting and shared incidents to start from."""
    alerts = Alert.objects.only(
        "id", "headline", "severity", "status", "created_at", "sent_at", "parent_id"
    )
    drafts = list(
        alerts.filter(status=Alert.Status.DRAFT).order_by("-updated_at", "-id")[:DRAFTS_SHOWN]
    )
    sending = list(alerts.filter(status=Alert.Status.SENDING).order_by("-sent_at", "-id"))
    sent = (
        alerts.filter(status=Alert.Status.SENT)
        .annotate(
            people=Count("recipients", filter=~Q(recipients__kind=Recipient.Kind.WEBHOOK)),
            acknowledged=Count("recipients", filter=Q(recipients__acknowledged_at__isnull=False)),
        )
        .order_by("-sent_at", "-id")
    )
    sent_page = Paginator(sent, SENT_PER_PAGE).get_page(page)
    for alert in sent_page.object_list:
        people = alert.people  # type: ignore[attr-defined]
        alert.ack_percent = (  # type: ignore[attr-defined]
            alert.acknowledged * 100 // people if people else None  # type: ignore[attr-defined]
        )
    incidents = list(
        visible_incidents(membership=membership)
        .filter(is_shared=True, voided_at__isnull=True)
        .select_related("store")
        .only("id", "summary", "kind", "started_at", "store__display_name", "store__city")
        .order_by("-started_at", "-id")[:INCIDENTS_SHOWN]
    )
    return Desk(
        drafts=drafts,
        sending=sending,
        page=sent_page,
        reports_waiting=AlertReport.objects.filter(status=AlertReport.Status.NEW).count(),
        incidents=incidents,
    )


def follow_ups_of(*, alert: Alert) -> list[Alert]:
    """The updates and all-clears threaded under an alert's first one, drafts included (the
    sender's progress page lists them to finish or to watch)."""
    return list(
        Alert.objects.filter(parent=alert.thread_root)
        .only("id", "headline", "severity", "status", "sent_at", "created_at", "parent_id")
        .order_by("created_at", "id")
    )
