"""The printed calling tree of a sent alert: for the senders, to hand out to volunteers who
ring the members no email or text message reached, then those who have not acknowledged.

`?volunteers=3` deals the list out to that many volunteers (1 to 10; 3 when left out).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from incidents.responses import private_file
from networks.access import network_member_required
from networks.models import Membership
from networks.schemas import current_network

from .access import alert_for_sender
from .calling_tree import calling_tree, volunteers_count
from .render.build import calling_tree_data
from .render.tree import render_calling_tree_pdf


@require_GET
@network_member_required()
def alert_calling_tree(request: HttpRequest, alert_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    alert = alert_for_sender(membership=membership, alert_id=alert_id)
    # A draft has no recipients yet: there is no one to call.
    if alert.is_draft:
        raise Http404
    tree = calling_tree(alert=alert, volunteers=volunteers_count(request.GET.get("volunteers")))
    data = calling_tree_data(alert=alert, tree=tree, network=current_network())
    response = HttpResponse(render_calling_tree_pdf(data=data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="alert-{alert.pk}-calling-tree.pdf"'
    private_file(response)
    return response
