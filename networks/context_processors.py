import functools
from typing import Any

from django.http import HttpRequest

from .prepared import Prepared
from .selectors import membership_of


@functools.cache
def _active_pledge() -> Prepared:
    # Asked on every page of a store's member (networks.prepared).
    from pledges.models import Pledge

    return Prepared(
        lambda store_id: (
            Pledge.objects.filter(store_id=store_id, status=Pledge.Status.ACTIVE)
            .order_by()
            .values_list("pk")[:1]
        )
    )


def portal(request: HttpRequest) -> dict[str, Any]:
    """The network being viewed (None on the public site), the visitor's role in it, whether
    their store's toolkit is open (an active pledge), and for coordinators how many pledges
    wait for their decision."""
    tenant = getattr(request, "tenant", None)
    network = tenant if tenant is not None and not tenant.is_public else None
    membership = getattr(request, "membership", None)
    if network is not None and membership is None:
        user: Any = request.user
        membership = membership_of(user=user)
    toolkit_open = False
    pledges_waiting = 0
    if membership is not None and membership.role == membership.Role.COORDINATOR:
        from pledges.selectors import pledges_awaiting_decision

        # Shown beside "Pledges" in the navigation on every page, so nothing waits unseen.
        pledges_waiting = pledges_awaiting_decision().count()
    if membership is not None and membership.store_id is not None:
        # networks.selectors.membership_of asks it with the membership.
        known = getattr(membership, "has_active_pledge", None)
        toolkit_open = (
            known if known is not None else bool(_active_pledge().rows(membership.store_id))
        )
    return {
        "network": network,
        "membership": membership,
        "toolkit_open": toolkit_open,
        "pledges_waiting": pledges_waiting,
    }
