"""Pages of a network: its home, the member dashboard, stores and members."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pledges.models import PledgeStatus

from .access import network_member_required, store_for_user
from .dashboards import dashboard_context
from .models import Membership
from .selectors import (
    EVERY_STORE,
    NOT_PLEDGED,
    member_list,
    membership_of,
    store_members,
    store_status_counts,
    stores_with_status,
)

Role = Membership.Role
# Who may list stores that are not active partners: coordinators keep the list, and police
# must be able to tell a store in good standing from one that was suspended or revoked.
# Jewelers see the partners they can call on (and their own store, whatever its status).
SEES_EVERY_STATUS = (Role.COORDINATOR, Role.LAW_ENFORCEMENT)
STATUS_LABELS: dict[str, Any] = {
    **dict(PledgeStatus.choices),
    NOT_PLEDGED: gettext_lazy("Not pledged"),
}
ALL_LABEL = gettext_lazy("All stores")


@require_GET
def network_home(request: HttpRequest) -> HttpResponse:
    partners = stores_with_status(status=PledgeStatus.ACTIVE).count()
    return render(request, "networks/home.html", {"store_count": partners})


@require_GET
def after_login(request: HttpRequest) -> HttpResponse:
    """Where a login lands: a member's dashboard on their network, the home page otherwise
    (the platform overview for platform admins on the public site)."""
    user: Any = request.user
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.is_public:
        if user.is_authenticated and user.is_staff:
            return redirect("platform_overview")
        return redirect("home")
    if membership_of(user=user) is not None:
        return redirect("dashboard")
    return redirect("home")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask every host for /favicon.ico whatever the page links to.
    return redirect(static("favicon.ico"))


@require_GET
@network_member_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    membership: Any = request.membership  # type: ignore[attr-defined]
    network: Any = request.tenant  # type: ignore[attr-defined]
    user: Any = request.user
    return render(
        request,
        "networks/dashboard.html",
        dashboard_context(membership=membership, network=network, user=user),
    )


@require_GET
@network_member_required()
def store_directory(request: HttpRequest) -> HttpResponse:
    membership: Any = request.membership  # type: ignore[attr-defined]
    sees_every_status = membership.role in SEES_EVERY_STATUS
    status = request.GET.get("status", PledgeStatus.ACTIVE)
    if not sees_every_status or status not in (*STATUS_LABELS, EVERY_STORE):
        status = PledgeStatus.ACTIVE
    stores = stores_with_status(status=status, also_store_id=membership.store_id)
    rows = []
    for store in stores:
        key = getattr(store, "pledge_status", None) or NOT_PLEDGED
        rows.append((store, key, STATUS_LABELS[key]))
    context: dict[str, Any] = {
        "rows": rows,
        "status": status,
        "sees_every_status": sees_every_status,
    }
    if sees_every_status:
        counts = store_status_counts()
        context["tabs"] = [
            {"value": value, "label": label, "count": counts.get(value, 0)}
            for value, label in STATUS_LABELS.items()
        ] + [{"value": EVERY_STORE, "label": ALL_LABEL, "count": sum(counts.values())}]
    return render(request, "networks/store_list.html", context)


@require_GET
@network_member_required()
def store_detail(request: HttpRequest, store_id: int) -> HttpResponse:
    membership: Any = request.membership  # type: ignore[attr-defined]
    store = store_for_user(membership=membership, store_id=store_id)
    can_see_people = membership.role == Role.COORDINATOR or membership.store_id == store.pk
    people = store_members(store=store) if can_see_people else None
    status = getattr(store, "pledge_status", None) or NOT_PLEDGED
    return render(
        request,
        "networks/store_detail.html",
        {"store": store, "people": people, "status": status, "status_label": STATUS_LABELS[status]},
    )


@require_GET
@network_member_required(Role.COORDINATOR)
def member_directory(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/member_list.html", {"members": member_list()})
