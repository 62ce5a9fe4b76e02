"""Which pledge a member may act on. Missing and forbidden are the same 404."""

from django.http import Http404

from networks.models import Membership

from .directory import listing_for_code, verification_code_normalise, verification_status
from .models import PartnerListing, Pledge, PledgeStatus


def _pledge_of_store(membership: Membership) -> Pledge | None:
    return Pledge.objects.select_related("store", "version").filter(store=membership.store).first()


def pledge_of_own_store(*, membership: Membership) -> Pledge:
    """The pledge of the store the member (owner or staff) belongs to."""
    if not membership.is_store_member:
        raise Http404
    pledge = _pledge_of_store(membership)
    if pledge is None:
        raise Http404
    return pledge


def pledge_of_own_store_if_any(*, membership: Membership) -> Pledge | None:
    """The same, for the store page: a store that has not pledged yet is a next step to show,
    not a missing page."""
    if not membership.is_store_member:
        raise Http404
    return _pledge_of_store(membership)


def pledge_owned_by(*, membership: Membership) -> Pledge:
    """The pledge of the owner's own store, for the owner to manage."""
    if membership.role != Membership.Role.STORE_OWNER:
        raise Http404
    return pledge_of_own_store(membership=membership)


def pledge_for_coordinator(*, membership: Membership, pledge_id: int) -> Pledge:
    if membership.role != Membership.Role.COORDINATOR:
        raise Http404
    pledge = Pledge.objects.select_related("store", "version").filter(pk=pledge_id).first()
    if pledge is None:
        raise Http404
    return pledge


def listing_for_badge(*, code: str) -> PartnerListing:
    """The public listing whose badge anyone may fetch: an active pledge of an open network,
    asked for by its exact code. Anything else is a 404."""
    normalised = verification_code_normalise(code)
    if normalised is None or normalised != code:
        raise Http404
    listing = listing_for_code(normalised)
    if listing is None or verification_status(listing) != PledgeStatus.ACTIVE:
        raise Http404
    return listing
