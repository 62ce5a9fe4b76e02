"""Writing the logbook: the full form, the quick log, completing and editing, sharing,
voiding, and the owner's store-wide sharing default."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from networks.access import network_member_required
from networks.models import Membership

from .access import incident_for_editor, incident_for_owner, own_store
from .forms import (
    IncidentForm,
    QuickLogForm,
    ShareDefaultForm,
    StolenItemFormSet,
    SuspectFormSet,
    VehicleFormSet,
    VoidForm,
    formset_rows,
)
from .models import Incident
from .services import (
    incident_create,
    incident_quick_log,
    incident_share,
    incident_update,
    incident_void,
    store_share_default_set,
)

Role = Membership.Role
STORE_ROLES = (Role.STORE_OWNER, Role.STORE_STAFF)


def _formsets(request: HttpRequest, incident: Incident | None) -> dict[str, Any]:
    data = request.POST if request.method == "POST" else None
    instance = incident or Incident()
    return {
        "suspects": SuspectFormSet(data, instance=instance, prefix="suspects"),
        "vehicles": VehicleFormSet(data, instance=instance, prefix="vehicles"),
        "items": StolenItemFormSet(data, instance=instance, prefix="items"),
    }


def _token(request: HttpRequest) -> uuid.UUID:
    try:
        return uuid.UUID(request.POST.get("client_token", ""))
    except ValueError:
        return uuid.uuid4()


def _thin_warning(request: HttpRequest, formsets: dict[str, Any]) -> None:
    thin = sum(1 for form in formsets["suspects"].forms if getattr(form, "is_thin", False))
    if thin:
        messages.warning(
            request,
            _(
                "A suspect description has fewer than three details. It is saved, marked "
                "“thin”: add what they wore, their build or what they did so it can help "
                "someone recognise them."
            ),
        )


def _add_errors(form: IncidentForm, error: ValidationError) -> None:
    form.add_error(None, error.messages)


@require_http_methods(["GET", "POST"])
@network_member_required(*STORE_ROLES)
def incident_new(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    form = IncidentForm(request.POST or None, store=own_store(membership=membership))
    formsets = _formsets(request, None)
    if request.method == "POST":
        valid = form.is_valid() & all([formset.is_valid() for formset in formsets.values()])
        if valid:
            try:
                incident = incident_create(
                    membership=membership,
                    by=request.user,  # type: ignore[arg-type]
                    fields=form.cleaned_data,
                    suspects=formset_rows(formsets["suspects"]),
                    vehicles=formset_rows(formsets["vehicles"]),
                    items=formset_rows(formsets["items"]),
                    client_token=_token(request),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                _thin_warning(request, formsets)
                messages.success(request, _("The incident is in your logbook."))
                return redirect("incident_detail", incident_id=incident.pk)
    return render(
        request,
        "incidents/form.html",
        {
            "current": "incident_logbook",
            "form": form,
            **formsets,
            "incident": None,
            "client_token": request.POST.get("client_token") or uuid.uuid4(),
        },
    )


@require_http_methods(["GET", "POST"])
@network_member_required(*STORE_ROLES)
def incident_quick(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    form = QuickLogForm(request.POST or None, store=own_store(membership=membership))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        incident = incident_quick_log(
            membership=membership,
            by=request.user,  # type: ignore[arg-type]
            kind=data["kind"],
            started_at=data["started_at"],
            summary=data["summary"],
            client_token=data.get("client_token") or uuid.uuid4(),
        )
        messages.success(
            request,
            _("Logged. Add the details when you can: it waits on your “to finish” list."),
        )
        return redirect("incident_detail", incident_id=incident.pk)
    return render(
        request,
        "incidents/quick.html",
        {
            "current": "incident_quick",
            "form": form,
            "client_token": request.POST.get("client_token") or uuid.uuid4(),
        },
    )


@require_http_methods(["GET", "POST"])
@network_member_required(*STORE_ROLES)
def incident_edit(request: HttpRequest, incident_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    incident = incident_for_editor(membership=membership, incident_id=incident_id)
    form = IncidentForm(request.POST or None, instance=incident, store=incident.store)
    formsets = _formsets(request, incident)
    if request.method == "POST":
        valid = form.is_valid() & all([formset.is_valid() for formset in formsets.values()])
        if valid:
            try:
                incident = incident_update(
                    incident=incident,
                    by=request.user,  # type: ignore[arg-type]
                    fields=form.cleaned_data,
                    suspects=formset_rows(formsets["suspects"]),
                    vehicles=formset_rows(formsets["vehicles"]),
                    items=formset_rows(formsets["items"]),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                _thin_warning(request, formsets)
                messages.success(
                    request, _("The incident is updated. Its history keeps the earlier version.")
                )
                return redirect("incident_detail", incident_id=incident.pk)
    return render(
        request,
        "incidents/form.html",
        {"current": "incident_logbook", "form": form, **formsets, "incident": incident},
    )


@require_POST
@network_member_required(Role.STORE_OWNER)
def incident_share_toggle(request: HttpRequest, incident_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    incident = incident_for_owner(membership=membership, incident_id=incident_id)
    shared = request.POST.get("shared") == "yes"
    try:
        incident_share(incident=incident, by=request.user, shared=shared)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Shared with the network.") if shared else _("Kept to your store."),
        )
    return redirect("incident_detail", incident_id=incident.pk)


@require_http_methods(["GET", "POST"])
@network_member_required(Role.STORE_OWNER)
def incident_void_view(request: HttpRequest, incident_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    incident = incident_for_owner(membership=membership, incident_id=incident_id)
    if incident.is_voided:
        return redirect("incident_detail", incident_id=incident.pk)
    form = VoidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incident_void(
                incident=incident,
                by=request.user,  # type: ignore[arg-type]
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error("reason", error.messages)
        else:
            messages.success(request, _("The incident is voided. It stays in the logbook, marked."))
            return redirect("incident_detail", incident_id=incident.pk)
    return render(
        request,
        "incidents/void.html",
        {"current": "incident_logbook", "form": form, "incident": incident},
    )


@require_http_methods(["GET", "POST"])
@network_member_required(Role.STORE_OWNER)
def incident_settings(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    store = own_store(membership=membership)
    form = ShareDefaultForm(
        request.POST or None,
        initial={"share_incidents_by_default": store.share_incidents_by_default},
    )
    if request.method == "POST" and form.is_valid():
        store_share_default_set(
            store=store,
            by=request.user,  # type: ignore[arg-type]
            shared=form.cleaned_data["share_incidents_by_default"],
        )
        messages.success(request, _("Saved. New incidents follow this setting."))
        return redirect("incident_logbook")
    return render(
        request,
        "incidents/settings.html",
        {"current": "incident_settings", "form": form, "store": store},
    )
