"""Which pledge a member may act on. Missing and forbidden are the same 404."""

from django.http import Http404

from networks.models import Membership

from .models import Pledge


def pledge_of_own_store(*, membership: Membership) -> Pledge:
    """The pledge of the store the member (owner or staff) belongs to."""
    if not membership.is_store_member:
        raise Http404
    pledge = (
        Pledge.objects.select_related("store", "version").filter(store=membership.store).first()
    )
    if pledge is None:
        raise Http404
    return pledge


def pledge_for_coordinator(*, membership: Membership, pledge_id: int) -> Pledge:
    if membership.role != Membership.Role.COORDINATOR:
        raise Http404
    pledge = Pledge.objects.select_related("store", "version").filter(pk=pledge_id).first()
    if pledge is None:
        raise Http404
    return pledge
