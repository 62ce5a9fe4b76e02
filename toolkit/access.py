"""Whose toolkit a member may open. Missing and forbidden are the same 404."""

from __future__ import annotations

from django.http import Http404

from networks.models import Membership
from pledges.models import Pledge

from .selectors import active_pledge_of_store

# Larger ids cannot be a row (bigint) and would make PostgreSQL raise instead of finding none.
MAX_ID = 2**63 - 1


def toolkit_pledge_for(*, membership: Membership, store_id: int) -> Pledge:
    """The active pledge of a store whose toolkit the member may download: their own store
    (owner, staff), or any store of the network (coordinator). Police and everyone else: 404."""
    if not 0 < store_id <= MAX_ID:
        raise Http404
    is_coordinator = membership.role == Membership.Role.COORDINATOR
    if not is_coordinator and not membership.is_store_member:
        raise Http404
    if not is_coordinator and membership.store_id != store_id:
        raise Http404
    pledge = active_pledge_of_store(store_id=store_id)
    if pledge is None:
        raise Http404
    return pledge
