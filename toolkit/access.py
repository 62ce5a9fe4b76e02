"""Whose toolkit a member may open. Missing and forbidden are the same 404."""

from __future__ import annotations

from django.http import Http404

from networks.models import Membership
from pledges.models import Pledge

from .selectors import active_pledge_of_store


def toolkit_pledge_for(*, membership: Membership, store_id: int) -> Pledge:
    """The active pledge of a store whose toolkit the member may download: their own store
    (owner, staff), or any store of the network (coordinator). Police and everyone else: 404."""
    is_coordinator = membership.role == Membership.Role.COORDINATOR
    if not is_coordinator and not membership.is_store_member:
        raise Http404
    if not is_coordinator and membership.store_id != store_id:
        raise Http404
    pledge = active_pledge_of_store(store_id=store_id)
    if pledge is None:
        raise Http404
    return pledge


def toolkit_pledge_of_own_store(*, membership: Membership) -> Pledge | None:
    """The active pledge of the member's own store; None for a coordinator, who has no store
    of their own and picks one."""
    if membership.role == Membership.Role.COORDINATOR:
        return None
    if membership.store_id is None:
        raise Http404
    return toolkit_pledge_for(membership=membership, store_id=membership.store_id)
