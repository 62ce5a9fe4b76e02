"""Pages of a network: its home, the member dashboard, stores and members."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .access import network_member_required, store_for_user
from .models import Membership
from .selectors import member_list, store_list, store_members

Role = Membership.Role


@require_GET
def network_home(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/home.html", {"store_count": store_list().count()})


@require_GET
@network_member_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/dashboard.html")


@require_GET
@network_member_required()
def store_directory(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/store_list.html", {"stores": store_list()})


@require_GET
@network_member_required()
def store_detail(request: HttpRequest, store_id: int) -> HttpResponse:
    membership: Any = request.membership  # type: ignore[attr-defined]
    store = store_for_user(membership=membership, store_id=store_id)
    can_see_people = membership.role == Role.COORDINATOR or membership.store_id == store.pk
    people = store_members(store=store) if can_see_people else None
    return render(request, "networks/store_detail.html", {"store": store, "people": people})


@require_GET
@network_member_required(Role.COORDINATOR)
def member_directory(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/member_list.html", {"members": member_list()})
