"""Downloads of the logbook: one incident's police and insurer packet, the filtered list as
CSV or logbook PDF (at once when small, by a task with a progress page when large).

Every export goes to the access log. A member of another store gets the packet of a shared
incident as they see it on screen (`Visibility.REDACTED`): without the internal notes, staff
names, values and internal evidence. Police partners state a purpose first, as for viewing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from networks.access import network_member_required
from networks.models import Membership
from networks.schemas import current_network

from . import exports
from .access import (
    export_for_member,
    incident_for_member,
    needs_purpose,
    police_purpose,
    purpose_redirect,
    visibility_of,
)
from .models import AccessLogEntry, IncidentExport
from .packet_cache import packet_pdf
from .responses import private_file
from .services import access_record

if TYPE_CHECKING:
    from accounts.models import User

CONTENT_TYPES = {
    IncidentExport.Format.CSV: "text/csv; charset=utf-8",
    IncidentExport.Format.LOGBOOK_PDF: "application/pdf",
}


def _attachment(data: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    private_file(response)
    return response


@require_GET
@network_member_required()
def incident_packet(request: HttpRequest, incident_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    incident = incident_for_member(membership=membership, incident_id=incident_id)
    if needs_purpose(membership=membership, request=request):
        return purpose_redirect(request)
    visibility = visibility_of(membership=membership, incident=incident)
    pdf = packet_pdf(incident=incident, visibility=visibility, network=current_network())
    access_record(
        membership=membership,
        user=request.user,  # type: ignore[arg-type]
        action=AccessLogEntry.Action.PACKET_PDF,
        incident=incident,
        purpose=police_purpose(request),
        detail=visibility.value,
    )
    return _attachment(
        pdf, content_type="application/pdf", filename=f"incident-{incident.pk}-packet.pdf"
    )


@require_GET
@network_member_required()
def incident_export(request: HttpRequest) -> HttpResponse:
    """`?<the list's filters>&scope=store|network&format=csv|logbook_pdf`."""
    membership: Membership = request.membership  # type: ignore[attr-defined]
    if needs_purpose(membership=membership, request=request):
        return purpose_redirect(request)
    format = request.GET.get("format") or IncidentExport.Format.CSV
    if format not in exports.FORMATS:
        raise Http404
    params = exports.export_params(request.GET)
    user = cast("User", request.user)
    count = exports.export_incidents(membership=membership, params=params).count()
    purpose = police_purpose(request)
    if count > exports.DIRECT_LIMIT:
        export = exports.export_request(
            membership=membership,
            user=user,
            format=format,
            params=params,
            count=count,
            purpose=purpose,
        )
        return redirect("incident_export_status", export_id=export.pk)
    network = current_network()
    data = exports.export_file(membership=membership, params=params, format=format, network=network)
    exports.export_record(
        membership=membership,
        user=user,
        format=format,
        params=params,
        count=count,
        purpose=purpose,
    )
    return _attachment(
        data,
        content_type=CONTENT_TYPES[IncidentExport.Format(format)],
        filename=exports.export_filename(network=network, format=format),
    )


@require_GET
@network_member_required()
def incident_export_status(request: HttpRequest, export_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    export = export_for_member(membership=membership, export_id=export_id)
    running = export.status in (IncidentExport.Status.QUEUED, IncidentExport.Status.RUNNING)
    return render(
        request,
        "incidents/export.html",
        {
            "export": export,
            "running": running,
            "ready": export.status == IncidentExport.Status.READY,
            "list_url": reverse("incident_logbook"),
        },
    )


@require_GET
@network_member_required()
def incident_export_download(request: HttpRequest, export_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    export = export_for_member(membership=membership, export_id=export_id)
    if export.status != IncidentExport.Status.READY or not export.file:
        raise Http404
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file_name,
        content_type=CONTENT_TYPES[IncidentExport.Format(export.format)],
    )
    private_file(response)
    return cast(HttpResponse, response)
