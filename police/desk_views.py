"""The police app's front pages: the officer's desk (what waits for a law-enforcement member,
each list linking to the page that acts on it), a store team's police page, and the
coordinator's partnership overview."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from networks.access import network_member_required
from networks.models import Membership

from .access import coordinator_required, is_coordinator, is_police, team_store
from .desk_selectors import (
    FOLLOW_UP_DAYS,
    INCIDENT_DAYS,
    officer_desk,
    owner_counts,
    partnership_overview,
    staff_counts,
)


@require_GET
@network_member_required()
def police_desk(request: HttpRequest) -> HttpResponse:
    """/police/: one address for every role's police work (the navigation's "Police")."""
    membership: Membership = request.membership  # type: ignore[attr-defined]
    if is_coordinator(membership=membership):
        return redirect("police_overview")
    now = timezone.now()
    if is_police(membership=membership):
        desk = officer_desk(membership=membership, now=now)
        return render(
            request,
            "police/desk/officer.html",
            {
                "current": "police_desk",
                "desk": desk,
                "counts": desk.counts,
                "incident_days": INCIDENT_DAYS,
                "follow_up_days": FOLLOW_UP_DAYS,
                "since": timezone.localdate(now) - dt.timedelta(days=INCIDENT_DAYS),
            },
        )
    store = team_store(membership=membership)
    context: dict[str, Any] = {"current": "police_desk", "store": store}
    if membership.role == Membership.Role.STORE_OWNER:
        context["police_owner"] = owner_counts(store_id=store.pk, now=now)
    else:
        context["police_staff"] = staff_counts(
            store_id=store.pk, user_id=membership.user_id, now=now
        )
    return render(request, "police/desk/store.html", context)


@require_GET
@network_member_required()
def police_overview(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    coordinator_required(membership=membership)
    now = timezone.now()
    return render(
        request,
        "police/desk/overview.html",
        {
            "current": "police_overview",
            "rows": partnership_overview(now=now),
            "year": timezone.localdate(now).year,
        },
    )
