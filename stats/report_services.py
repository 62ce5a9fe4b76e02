"""Sending the monthly report to a network's coordinators, once a month."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from accounts.models import User
from networks.mail import mail_render
from networks.models import Membership, Network
from networks.templatetags.portal import network_origin

from .models import MonthlyReport
from .report import last_complete_month, monthly_report_pdf


def monthly_report_send(*, network: Network) -> MonthlyReport | None:
    """Email last month's report to the coordinators, unless it went already (the beat runs
    daily: the first run of the month sends it, the others find it sent)."""
    month = last_complete_month(network)
    coordinators = list(
        User.objects.filter(
            pk__in=Membership.objects.filter(
                role=Membership.Role.COORDINATOR, is_active=True
            ).values("user_id"),
            is_active=True,
        ).values_list("email", flat=True)
    )
    if not coordinators:
        return None
    try:
        # Claimed before it is sent: a second worker (or a redelivered task) finds the row.
        with transaction.atomic():
            report = MonthlyReport.objects.create(
                network=network, month=month, recipients=len(coordinators)
            )
    except IntegrityError:
        return None
    try:
        pdf = monthly_report_pdf(network=network, month=month, language=network.language)
        message = mail_render(
            template="stats_monthly_report",
            context={
                "network": network,
                "month": month,
                "stats_url": f"{network_origin(network)}/stats/",
            },
            to=coordinators,
            language=network.language,
            network=network,
        )
        message.attach(f"{network.slug}-report-{month:%Y-%m}.pdf", pdf, "application/pdf")
        message.send()
    except Exception:
        # Not sent: let tomorrow's run try again.
        report.delete()
        raise
    return report
