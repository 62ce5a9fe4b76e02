"""Who may compose, send, read and manage which alert. Views call these first thing; missing
and forbidden are the same 404.

- Senders are the coordinator and the deputies the coordinator appointed: they see every
  alert of the network (drafts included), its progress and its recipients.
- Every other member sees the sent alerts they were a recipient of (their inbox), and the
  thread those belong to.
- Law-enforcement contacts have no account: they reach an alert only through the signed
  links in their messages (alerts.links).
- Contacts, webhooks, deputies, reports and the SMS outbox are the senders' to manage.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from networks.models import Membership

from .models import (
    Alert,
    AlertPhoto,
    AlertReport,
    Deputy,
    LawEnforcementContact,
    Recipient,
    Webhook,
)

Role = Membership.Role


def is_sender(*, membership: Membership) -> bool:
    """The coordinator, or a member the coordinator appointed as deputy."""
    if membership.role == Role.COORDINATOR:
        return True
    return Deputy.objects.filter(user_id=membership.user_id).exists()


def sender_required(*, membership: Membership) -> None:
    if not is_sender(membership=membership):
        raise Http404


def visible_alerts(*, membership: Membership) -> QuerySet[Alert]:
    """Every alert this member may open."""
    if is_sender(membership=membership):
        return Alert.objects.all()
    return Alert.objects.filter(
        status__in=[Alert.Status.SENDING, Alert.Status.SENT],
        recipients__user_id=membership.user_id,
    ).distinct()


def alert_for_member(*, membership: Membership, alert_id: int) -> Alert:
    """An alert the member may read (a recipient's, or any for a sender)."""
    alert = visible_alerts(membership=membership).filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    return alert


def alert_for_sender(*, membership: Membership, alert_id: int) -> Alert:
    """An alert the member may edit, send, follow up and watch the progress of."""
    sender_required(membership=membership)
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    return alert


def draft_for_sender(*, membership: Membership, alert_id: int) -> Alert:
    alert = alert_for_sender(membership=membership, alert_id=alert_id)
    if not alert.is_draft:
        raise Http404
    return alert


def photo_for_member(*, membership: Membership, alert_id: int, photo_id: int) -> AlertPhoto:
    alert = alert_for_member(membership=membership, alert_id=alert_id)
    photo = AlertPhoto.objects.filter(alert=alert, pk=photo_id).select_related("evidence").first()
    if photo is None:
        raise Http404
    return photo


def recipient_of_member(*, membership: Membership, alert: Alert) -> Recipient | None:
    """The member's own recipient row of a sent alert (None for a sender who was not one)."""
    return Recipient.objects.filter(alert=alert, user_id=membership.user_id).first()


def recipient_of_link(*, recipient_id: int) -> Recipient | None:
    """The recipient a signed "seen" link names (alerts.links checked its signature, network
    and age): holding the link is the right to acknowledge. None when its alert is no longer
    out (never a draft)."""
    return (
        Recipient.objects.select_related("alert")
        .filter(pk=recipient_id, alert__status__in=[Alert.Status.SENDING, Alert.Status.SENT])
        .first()
    )


def stop_link_names_someone(*, user_id: int | None, contact_id: int | None) -> bool:
    """Whether the member or contact a signed "stop" link names is still in this network."""
    if contact_id is not None:
        return LawEnforcementContact.objects.filter(pk=contact_id).exists()
    if user_id is None:
        return False
    return Membership.objects.filter(user_id=user_id).exists()


def contact_for_sender(*, membership: Membership, contact_id: int) -> LawEnforcementContact:
    sender_required(membership=membership)
    contact = LawEnforcementContact.objects.filter(pk=contact_id).first()
    if contact is None:
        raise Http404
    return contact


def webhook_for_sender(*, membership: Membership, webhook_id: int) -> Webhook:
    sender_required(membership=membership)
    webhook = Webhook.objects.filter(pk=webhook_id).first()
    if webhook is None:
        raise Http404
    return webhook


def deputy_for_coordinator(*, membership: Membership, deputy_id: int) -> Deputy:
    """Only the coordinator appoints and removes deputies (a deputy cannot make more)."""
    if membership.role != Role.COORDINATOR:
        raise Http404
    deputy = Deputy.objects.filter(pk=deputy_id).first()
    if deputy is None:
        raise Http404
    return deputy


def report_for_sender(*, membership: Membership, report_id: int) -> AlertReport:
    sender_required(membership=membership)
    report = AlertReport.objects.filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report
