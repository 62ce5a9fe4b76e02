"""The partner toolkit: what a store that has taken the pledge gets to show it."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks.access import network_member_required
from networks.models import Membership
from pledges.access import pledge_for_toolkit

Role = Membership.Role


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF, Role.COORDINATOR)
def toolkit_home(request: HttpRequest) -> HttpResponse:
    membership: Any = request.membership  # type: ignore[attr-defined]
    pledge = pledge_for_toolkit(membership=membership)
    return render(request, "toolkit/home.html", {"pledge": pledge})
