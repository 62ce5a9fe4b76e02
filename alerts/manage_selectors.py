"""Reads for the senders' pages: contacts, webhooks, deputies, reports and the SMS outbox.
People are user ids in a network's tables; their names come in one query per page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from accounts.selectors import users_by_id
from networks.models import Membership

from .models import Alert, AlertReport, Deputy, LawEnforcementContact, SmsOutboxMessage, Webhook

HANDLED_REPORTS_SHOWN = 20


def contacts() -> QuerySet[LawEnforcementContact]:
    """Active contacts first, then those no longer sent to."""
    return LawEnforcementContact.objects.order_by("-is_active", "agency", "name", "id")


def webhooks() -> QuerySet[Webhook]:
    return Webhook.objects.order_by("-is_active", "name", "id")


@dataclass(frozen=True)
class DeputyRow:
    deputy: Deputy
    person: Any  # the user, or None when the account is gone
    membership: Membership | None  # None once they have left the network
    appointed_by: Any


def deputy_rows(deputies: Iterable[Deputy] | None = None) -> list[DeputyRow]:
    deputies = list(Deputy.objects.order_by("appointed_at", "id") if deputies is None else deputies)
    people = users_by_id(
        [deputy.user_id for deputy in deputies] + [deputy.appointed_by_id for deputy in deputies]
    )
    memberships = {
        member.user_id: member
        for member in Membership.objects.filter(
            user_id__in=[deputy.user_id for deputy in deputies], is_active=True
        ).select_related("store")
    }
    return [
        DeputyRow(
            deputy=deputy,
            person=people.get(deputy.user_id),
            membership=memberships.get(deputy.user_id),
            appointed_by=people.get(deputy.appointed_by_id),
        )
        for deputy in deputies
    ]


@dataclass(frozen=True)
class ReportRow:
    report: AlertReport
    reporter: Any  # None for the casing warning, or an account since deleted
    handled_by: Any


def _report_rows(reports: list[AlertReport]) -> list[ReportRow]:
    people = users_by_id(
        [report.reported_by_id for report in reports] + [report.handled_by_id for report in reports]
    )
    return [
        ReportRow(
            report=report,
            reporter=people.get(report.reported_by_id or 0),
            handled_by=people.get(report.handled_by_id or 0),
        )
        for report in reports
    ]


def reports_waiting() -> list[ReportRow]:
    reports = AlertReport.objects.filter(status=AlertReport.Status.NEW).select_related("store")
    return _report_rows(list(reports.order_by("created_at", "id")))


def reports_handled(*, limit: int = HANDLED_REPORTS_SHOWN) -> list[ReportRow]:
    reports = (
        AlertReport.objects.exclude(status=AlertReport.Status.NEW)
        .select_related("store")
        .order_by("-handled_at", "-id")[:limit]
    )
    return _report_rows(list(reports))


def report_row(report: AlertReport) -> ReportRow:
    return _report_rows([report])[0]


def report_alerts(report: AlertReport) -> list[Alert]:
    return list(report.alerts.order_by("-created_at", "-id"))


def report_counts() -> dict[str, int]:
    return AlertReport.objects.aggregate(
        waiting=Count("id", filter=Q(status=AlertReport.Status.NEW)),
        handled=Count("id", filter=~Q(status=AlertReport.Status.NEW)),
    )


def sms_outbox() -> QuerySet[SmsOutboxMessage]:
    return SmsOutboxMessage.objects.order_by("-sent_at", "-id")
