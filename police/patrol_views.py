"""Patrol requests: the owner asks and withdraws, the store's team follows, the network's police
read the open requests and answer each once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.selectors import users_by_id
from incidents.access import incident_for_owner
from incidents.models import Incident, IncidentType
from networks.access import network_member_required
from networks.models import Membership

from .access import (
    is_owner,
    is_police,
    owner_store,
    patrol_for_member,
    patrol_for_owner,
    patrol_for_police,
    team_store,
)
from .models import PatrolRequest
from .patrol_forms import PatrolAnswerForm, PatrolRequestForm
from .patrol_selectors import answered_patrols_for_police, open_patrols_for_police, patrols_of_store
from .patrol_services import (
    PatrolRequestError,
    next_quarter_hour,
    patrol_request_answer,
    patrol_request_create,
    patrol_request_withdraw,
)

Role = Membership.Role
Status = PatrolRequest.Status
# What an incident of each kind suggests as a reason for patrols.
REASON_OF_KIND: dict[str, str] = {IncidentType.CASING: PatrolRequest.Reason.CASING}
PREFILL_DAYS = 7


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF, Role.LAW_ENFORCEMENT)
def patrol_list(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    if is_police(membership=membership):
        return render(
            request,
            "police/patrols/police_list.html",
            {
                "current": "police_patrols",
                "open_patrols": list(open_patrols_for_police()[:200]),
                "answered": answered_patrols_for_police(),
            },
        )
    store = team_store(membership=membership)
    patrols = list(patrols_of_store(store=store)[:200])
    return render(
        request,
        "police/patrols/store_list.html",
        {
            "current": "police_patrols",
            "store": store,
            "patrols": patrols,
            "is_owner": is_owner(membership=membership),
        },
    )


def _incident_of(request: HttpRequest, membership: Membership) -> Incident | None:
    raw = request.GET.get("incident")
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise Http404
    return incident_for_owner(membership=membership, incident_id=int(raw))


def _prefill(incident: Incident | None) -> dict[str, Any]:
    start = next_quarter_hour(timezone.localtime())
    initial: dict[str, Any] = {
        "starts_at": start,
        "ends_at": start + dt.timedelta(days=PREFILL_DAYS),
    }
    if incident is not None:
        initial["reason"] = REASON_OF_KIND.get(incident.kind, PatrolRequest.Reason.OTHER)
        started = timezone.localtime(incident.started_at)
        lines = [
            _("After the incident of %(date)s: %(summary)s")
            % {"date": started.strftime("%Y-%m-%d %H:%M"), "summary": incident.summary}
        ]
        if incident.method:
            lines.append(incident.method)
        initial["details"] = "\n".join(lines)[:1000]
    return initial


@require_http_methods(["GET", "POST"])
@network_member_required(Role.STORE_OWNER)
def patrol_new(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    store = owner_store(membership=membership)
    incident = _incident_of(request, membership)
    form = PatrolRequestForm(request.POST or None, initial=_prefill(incident))
    if request.method == "POST" and form.is_valid():
        try:
            patrol = patrol_request_create(
                store=store,
                by=request.user,  # type: ignore[arg-type]
                fields={**form.cleaned_data, "incident": incident},
            )
        except PatrolRequestError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your request is sent to the network's police."))
            return redirect("police_patrol_detail", patrol_id=patrol.pk)
    return render(
        request,
        "police/patrols/form.html",
        {"current": "police_patrols", "form": form, "incident": incident, "store": store},
        status=400 if form.errors else 200,
    )


def _detail(
    request: HttpRequest,
    membership: Membership,
    patrol: PatrolRequest,
    answer_form: PatrolAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    police = is_police(membership=membership)
    own = is_owner(membership=membership) and membership.store_id == patrol.store_id
    people = users_by_id([patrol.requested_by_id])
    if police and patrol.status == Status.OPEN and answer_form is None:
        answer_form = PatrolAnswerForm()
    return render(
        request,
        "police/patrols/detail.html",
        {
            "current": "police_patrols",
            "patrol": patrol,
            "police": police,
            "can_withdraw": own and patrol.status in (Status.OPEN, Status.ACCEPTED),
            "answer_form": answer_form if police and patrol.status == Status.OPEN else None,
            "requested_by": people.get(patrol.requested_by_id or 0),
        },
        status=status,
    )


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF, Role.LAW_ENFORCEMENT)
def patrol_detail(request: HttpRequest, patrol_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    patrol = patrol_for_member(membership=membership, patrol_id=patrol_id)
    return _detail(request, membership, patrol)


@require_POST
@network_member_required(Role.LAW_ENFORCEMENT)
def patrol_answer(request: HttpRequest, patrol_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    patrol = patrol_for_police(membership=membership, patrol_id=patrol_id)
    form = PatrolAnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, membership, patrol, answer_form=form, status=400)
    try:
        patrol_request_answer(
            patrol=patrol,
            by=request.user,  # type: ignore[arg-type]
            accept=form.accept,
            note=form.cleaned_data["note"],
        )
    except PatrolRequestError as error:
        messages.warning(request, error.message)
        return redirect("police_patrol_detail", patrol_id=patrol.pk)
    if patrol.status == Status.ACCEPTED:
        messages.success(request, _("Accepted. The store is told by email."))
    else:
        messages.success(request, _("Declined. The store is told by email."))
    return redirect("police_patrols")


@require_POST
@network_member_required(Role.STORE_OWNER)
def patrol_withdraw(request: HttpRequest, patrol_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    patrol = patrol_for_owner(membership=membership, patrol_id=patrol_id)
    try:
        patrol_request_withdraw(patrol=patrol, by=request.user)  # type: ignore[arg-type]
    except PatrolRequestError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("Request withdrawn."))
    return redirect("police_patrol_detail", patrol_id=patrol.pk)
