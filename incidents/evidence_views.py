"""An incident's evidence: adding a photo, clip or PDF, and serving what may be served of it.

Evidence is never public and never under a guessable address: files live under random names
in the network's own storage and only `evidence_file` reads them, after the viewer's right to
the incident (and, for internal evidence, to the full incident) has been checked. A photo is
only ever served as its re-encoded display size or thumbnail, never as uploaded.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from networks.access import network_member_required
from networks.models import Membership
from pledges.forms import add_service_errors

from .access import (
    evidence_for_member,
    incident_for_editor,
    needs_purpose,
    police_purpose,
    purpose_redirect,
)
from .evidence_forms import EvidenceForm
from .evidence_services import evidence_add
from .models import AccessLogEntry, Evidence
from .responses import private_file
from .services import IncidentError, access_record

Role = Membership.Role


class Variant:
    DISPLAY = "display"
    THUMBNAIL = "thumbnail"
    ORIGINAL = "original"


# What each kind serves: (variant, file field, content type, extension, as a download).
# Content types are ours, from the kind our check found, never the browser's.
SERVED: dict[tuple[str, str], tuple[str, str, str, bool]] = {
    (Evidence.Kind.PHOTO, Variant.DISPLAY): ("display", "image/jpeg", "jpg", False),
    (Evidence.Kind.PHOTO, Variant.THUMBNAIL): ("thumbnail", "image/jpeg", "jpg", False),
    (Evidence.Kind.CLIP, Variant.ORIGINAL): ("original", "video/mp4", "mp4", True),
    (Evidence.Kind.DOCUMENT, Variant.ORIGINAL): ("original", "application/pdf", "pdf", True),
}


def _membership(request: HttpRequest) -> Membership:
    return cast(Membership, request.membership)  # type: ignore[attr-defined]


@require_http_methods(["GET", "POST"])
@network_member_required()
def evidence_add_view(request: HttpRequest, incident_id: int) -> HttpResponse:
    membership = _membership(request)
    incident = incident_for_editor(membership=membership, incident_id=incident_id)
    form = EvidenceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence_add(
                incident=incident,
                membership=membership,
                by=request.user,  # type: ignore[arg-type]
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                is_internal=form.cleaned_data["is_internal"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except IncidentError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The evidence was added."))
            return redirect(reverse("incident_detail", args=[incident.pk]) + "#evidence-title")
    return render(request, "incidents/evidence_add.html", {"form": form, "incident": incident})


@require_GET
@network_member_required()
def evidence_file(request: HttpRequest, evidence_id: int, variant: str) -> HttpResponse:
    membership = _membership(request)
    evidence = evidence_for_member(membership=membership, evidence_id=evidence_id)
    if needs_purpose(membership=membership, request=request):
        return purpose_redirect(request)
    served = SERVED.get((evidence.kind, variant))
    if served is None or evidence.status != Evidence.Status.READY:
        raise Http404
    field, content_type, extension, download = served
    name = getattr(evidence, field).name
    if not name:
        raise Http404
    if membership.role == Role.LAW_ENFORCEMENT and variant != Variant.THUMBNAIL:
        access_record(
            membership=membership,
            user=request.user,  # type: ignore[arg-type]
            action=AccessLogEntry.Action.EVIDENCE,
            incident=evidence.incident,
            purpose=police_purpose(request),
            detail=f"{evidence.get_kind_display()} #{evidence.pk}",
        )
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    # Our own name for the file: the uploader's may say anything.
    filename = f"incident-{evidence.incident_id}-evidence-{evidence.pk}-{variant}.{extension}"
    response = FileResponse(
        handle, content_type=content_type, as_attachment=download, filename=filename
    )
    private_file(response)
    return cast(HttpResponse, response)
