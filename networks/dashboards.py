"""What each role's dashboard shows: the work that waits for them, with counts, first."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from incidents.selectors import WEEK_DAYS, dashboard_counts
from pledges.access import pledge_of_own_store_if_any
from pledges.models import PledgeStatus
from pledges.selectors import (
    acknowledgement_of,
    coordinator_work,
    pledge_is_outdated,
    pledge_waits_for,
    team_counts,
)

from .models import Membership, Network
from .selectors import stores_with_status

if TYPE_CHECKING:
    from accounts.models import User

Role = Membership.Role


def dashboard_context(*, membership: Membership, network: Network, user: User) -> dict[str, Any]:
    return {
        **_pledge_context(membership=membership, network=network, user=user),
        **_incident_context(membership=membership),
        **_alert_context(membership=membership),
        **_police_context(membership=membership),
    }


def _police_context(*, membership: Membership) -> dict[str, Any]:
    from police import desk_selectors as police

    now = timezone.now()
    if membership.role == Role.LAW_ENFORCEMENT:
        return {
            "police_officer": police.officer_counts(membership=membership, now=now),
            "police_days": police.INCIDENT_DAYS,
            "police_since": timezone.localdate(now) - dt.timedelta(days=police.INCIDENT_DAYS),
        }
    if membership.role == Role.COORDINATOR:
        return {"police_coordinator": police.coordinator_counts(now=now)}
    if membership.role == Role.STORE_OWNER and membership.store_id is not None:
        return {"police_owner": police.owner_counts(store_id=membership.store_id, now=now)}
    if membership.role == Role.STORE_STAFF and membership.store_id is not None:
        return {
            "police_staff": police.staff_counts(
                store_id=membership.store_id, user_id=membership.user_id, now=now
            )
        }
    return {}


def _alert_context(*, membership: Membership) -> dict[str, Any]:
    from alerts.access import is_sender
    from alerts.inbox_selectors import sender_counts, unread_count

    sender = is_sender(membership=membership)
    return {
        "alerts_unread_count": unread_count(user_id=membership.user_id),
        "alert_desk": sender_counts() if sender else None,
    }


def _incident_context(*, membership: Membership) -> dict[str, Any]:
    now = timezone.now()
    return {
        "incidents": dashboard_counts(membership=membership, now=now),
        # The network list's "From" filter, for the same days the counts cover.
        "week_start": timezone.localdate(now) - dt.timedelta(days=WEEK_DAYS),
        "month_start": timezone.localdate(now).replace(day=1),
    }


def _pledge_context(*, membership: Membership, network: Network, user: User) -> dict[str, Any]:
    if membership.role == Role.COORDINATOR:
        return {"work": coordinator_work()}
    if membership.role == Role.LAW_ENFORCEMENT:
        return {"partner_count": stores_with_status(status=PledgeStatus.ACTIVE).count()}
    pledge = pledge_of_own_store_if_any(membership=membership)
    context: dict[str, Any] = {"pledge": pledge}
    if pledge is None:
        return context
    context["waits_for"] = pledge_waits_for(pledge=pledge, network=network)
    if membership.role == Role.STORE_OWNER:
        context["team"] = team_counts(pledge=pledge)
        context["outdated"] = pledge_is_outdated(pledge=pledge)
    else:
        ack = acknowledgement_of(pledge=pledge, user=user)
        context["acknowledged"] = ack is not None and ack.version_id == pledge.version_id
    return context
