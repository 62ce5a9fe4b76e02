"""Writes for requests to start a network (public schema): create, decline, approve.

Approval hands the building of the network to pledges.tasks.network_request_provision.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import NetworkRequest
from .services import PledgeError, notify_on_commit

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def network_request_create(**fields: Any) -> NetworkRequest:
    request = NetworkRequest(**fields)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def network_request_decline(*, request: NetworkRequest, by: User, reason: str) -> NetworkRequest:
    if request.status != NetworkRequest.Status.PENDING:
        raise PledgeError(_("This request has already been decided."))
    if not reason.strip():
        raise ValidationError({"reason": _("Tell the organiser why.")})
    request.status = NetworkRequest.Status.DECLINED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decline_reason = reason.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    notify_on_commit("network_request_notify", request_id=request.pk)
    return request


@transaction.atomic
def network_request_approve(*, request: NetworkRequest, by: User) -> NetworkRequest:
    """Approve now; the network itself is built by a background task that reports progress."""
    claimed = NetworkRequest.objects.filter(
        pk=request.pk, status=NetworkRequest.Status.PENDING
    ).update(
        status=NetworkRequest.Status.PROVISIONING,
        decided_by=by,
        decided_at=timezone.now(),
        progress=5,
        progress_note=_("Queued"),
    )
    if claimed != 1:
        raise PledgeError(_("This request has already been decided."))
    notify_on_commit("network_request_provision", request_id=request.pk)
    request.refresh_from_db()
    return request
