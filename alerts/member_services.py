"""Writes for a member's (or a law-enforcement contact's) side of alerts: reading and
acknowledging an alert, their preferences, stopping a channel from a message's link, and
reporting to the coordinator.

Every write runs in the network's schema and starts with `network_open_required()`.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.closure import network_open_required
from networks.models import Membership

from .links import FORGED, LinkError, StopTarget
from .models import AlertPreference, AlertReport, Channel, Digest, LawEnforcementContact, Recipient

if TYPE_CHECKING:
    from accounts.models import User
    from incidents.models import Incident


class Via:
    PORTAL = "portal"
    LINK = "link"


STOPPABLE = (Channel.EMAIL, Channel.SMS)


class AlertMemberError(ValidationError):
    """A change refused; the message is meant for the person making it."""


@transaction.atomic
def recipient_acknowledge(*, recipient_id: int, via: str) -> bool:
    """ "Seen — on the lookout". True the first time; pressing it again changes nothing (the
    first moment and way stay on record)."""
    network_open_required()
    now = timezone.now()
    # The conditional update is the idempotence: a second press, or two at once, finds the
    # acknowledgement there and writes nothing. Acknowledging is reading, too.
    claimed = Recipient.objects.filter(pk=recipient_id, acknowledged_at__isnull=True).update(
        acknowledged_at=now, acknowledged_via=via, read_at=Coalesce("read_at", now)
    )
    return claimed == 1


@transaction.atomic
def recipient_mark_read(*, recipient_id: int) -> bool:
    network_open_required()
    claimed = Recipient.objects.filter(pk=recipient_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return claimed == 1


@transaction.atomic
def preference_save(
    *,
    user_id: int,
    phone: str,
    email_on: bool,
    sms_on: bool,
    quiet_start: dt.time | None,
    quiet_end: dt.time | None,
    digest: str,
) -> AlertPreference:
    """Save a member's alert preferences (the form has normalised the phone to E.164)."""
    network_open_required()
    if (quiet_start is None) != (quiet_end is None):
        raise AlertMemberError(
            _("Give both the start and the end of your quiet hours, or neither."),
            code="quiet_half",
        )
    if quiet_start is not None and quiet_start == quiet_end:
        raise AlertMemberError(
            _("Quiet hours must start and end at different times."), code="quiet_empty"
        )
    if digest not in Digest.values:
        raise AlertMemberError(_("Choose how often you want the digest."), code="digest")
    preference, _created = AlertPreference.objects.select_for_update().get_or_create(
        user_id=user_id
    )
    preference.phone = phone
    preference.email_on = email_on
    preference.sms_on = sms_on
    preference.quiet_start = quiet_start
    preference.quiet_end = quiet_end
    preference.digest = digest
    preference.save(
        update_fields=[
            "phone",
            "email_on",
            "sms_on",
            "quiet_start",
            "quiet_end",
            "digest",
            "updated_at",
        ]
    )
    return preference


@transaction.atomic
def channel_stop(*, target: StopTarget) -> bool:
    """Turn off one channel for the member or contact a stop link names. True when something
    changed; a link used twice, or for someone no longer there, changes nothing."""
    network_open_required()
    if target.channel not in STOPPABLE:
        raise LinkError(FORGED)
    field = "email_on" if target.channel == Channel.EMAIL else "sms_on"
    if target.contact_id is not None:
        changed = LawEnforcementContact.objects.filter(
            pk=target.contact_id, **{field: True}
        ).update(**{field: False, "updated_at": timezone.now()})
        return changed == 1
    if target.user_id is None:
        raise LinkError(FORGED)
    preference, _created = AlertPreference.objects.select_for_update().get_or_create(
        user_id=target.user_id
    )
    if not getattr(preference, field):
        return False
    setattr(preference, field, False)
    preference.save(update_fields=[field, "updated_at"])
    return True


@transaction.atomic
def alert_report_create(
    *, membership: Membership, by: User, text: str, incident: Incident | None = None
) -> AlertReport:
    """A member tells the coordinator what they saw; the senders hear of it by email."""
    network_open_required()
    text = text.strip()
    if not text:
        raise AlertMemberError({"text": _("Say what you saw.")}, code="empty")
    if incident is not None and (
        membership.store_id is None or incident.store_id != membership.store_id
    ):
        raise AlertMemberError(
            {"incident": _("Choose one of your store's incidents.")}, code="incident"
        )
    report = AlertReport.objects.create(
        store_id=membership.store_id,
        incident=incident,
        reported_by_id=by.pk,
        text=text,
    )
    from .member_tasks import alert_report_notify

    transaction.on_commit(partial(alert_report_notify.delay, report_id=report.pk))
    return report
