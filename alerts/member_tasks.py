"""Mail from the members' side: a report to the coordinator (alerts/tasks.py imports this
module so that Celery's autodiscovery finds it)."""

from __future__ import annotations

from django.urls import reverse

from accounts.selectors import users_by_id
from config.celery import network_task
from networks.mail import mail_send
from networks.models import Membership
from networks.schemas import current_network
from networks.templatetags.portal import network_origin

from .models import AlertReport, Deputy


def sender_emails() -> list[str]:
    """Everyone who may act on a report: the coordinators and their deputies."""
    coordinator_ids = Membership.objects.filter(
        role=Membership.Role.COORDINATOR, is_active=True
    ).values_list("user_id", flat=True)
    deputy_ids = Membership.objects.filter(
        is_active=True, user_id__in=Deputy.objects.values("user_id")
    ).values_list("user_id", flat=True)
    users = users_by_id([*coordinator_ids, *deputy_ids])
    return sorted(user.email for user in users.values() if user.is_active)


@network_task(name="alerts.report_notify")
def alert_report_notify(*, report_id: int) -> None:
    """Tell the senders a member reported something; a report gone since sends nothing."""
    report = AlertReport.objects.select_related("store", "incident").filter(pk=report_id).first()
    if report is None:
        return
    to = sender_emails()
    if not to:
        return
    network = current_network()
    reporter = users_by_id([report.reported_by_id]).get(report.reported_by_id or 0)
    path = reverse("alert_report", kwargs={"report_id": report.pk})
    mail_send(
        template="alert_report",
        context={
            "network": network,
            "report": report,
            "reporter_name": reporter.get_full_name() if reporter is not None else "",
            "report_url": f"{network_origin(network)}{path}",
        },
        to=to,
        language=network.language,
    )
