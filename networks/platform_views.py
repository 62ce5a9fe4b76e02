"""Pages of the public site for platform admins: the networks, and requests for new ones."""

import csv
import io
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pledges.models import NetworkRequest
from pledges.network_requests import (
    network_request_approve,
    network_request_counts,
    network_request_decline,
    network_request_for_admin,
    network_request_list,
    network_request_retry,
)
from pledges.public_forms import NetworkRequestDeclineForm
from pledges.services import PledgeError

from .access import network_for_platform_admin, platform_admin_required
from .export import EXPORT_KINDS, network_data, network_data_rows
from .selectors import network_overview

RequestStatus = NetworkRequest.Status


@require_GET
@platform_admin_required
def platform_overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "networks/platform_overview.html",
        {"rows": network_overview(), "request_counts": network_request_counts()},
    )


@require_GET
@platform_admin_required
def platform_requests(request: HttpRequest) -> HttpResponse:
    counts = network_request_counts()
    status = request.GET.get("status", RequestStatus.PENDING)
    if status not in RequestStatus.values and status != "all":
        status = RequestStatus.PENDING
    tabs = [
        {"value": value, "label": label, "count": counts[value]}
        for value, label in RequestStatus.choices
    ]
    tabs.append({"value": "all", "label": _("All"), "count": sum(counts.values())})
    requests = network_request_list(status="" if status == "all" else status)
    return render(
        request,
        "networks/platform_requests.html",
        {"requests": requests, "status": status, "tabs": tabs},
    )


@require_http_methods(["GET", "POST"])
@platform_admin_required
def platform_request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    network_request = network_request_for_admin(request_id=request_id)
    decline_form = NetworkRequestDeclineForm()
    if request.method == "POST":
        admin: Any = request.user
        action = request.POST.get("action", "")
        try:
            if action == "approve":
                network_request_approve(request=network_request, by=admin)
                messages.success(request, _("Approved. The network is being set up."))
                return redirect("platform_request_detail", request_id=network_request.pk)
            if action == "retry":
                network_request_retry(request=network_request, by=admin)
                messages.success(request, _("The set-up has started again."))
                return redirect("platform_request_detail", request_id=network_request.pk)
            if action == "decline":
                decline_form = NetworkRequestDeclineForm(request.POST)
                if decline_form.is_valid():
                    reason = decline_form.cleaned_data["reason"]
                    network_request_decline(request=network_request, by=admin, reason=reason)
                    messages.success(request, _("Declined. The organiser has been told why."))
                    return redirect("platform_request_detail", request_id=network_request.pk)
            else:
                messages.error(request, _("Choose to approve or decline the request."))
        except PledgeError as error:
            messages.error(request, str(error))
            return redirect("platform_request_detail", request_id=network_request.pk)
        except ValidationError as error:
            decline_form.add_error("reason", error.messages)
    return render(
        request,
        "networks/platform_request_detail.html",
        {
            "network_request": network_request,
            "decline_form": decline_form,
            "provisioning": network_request.status == RequestStatus.PROVISIONING,
            "portal_domain": settings.PORTAL_DOMAIN,
        },
    )


def _attachment(response: HttpResponse, slug: str, name: str, extension: str) -> HttpResponse:
    filename = f"{slug}-{name}-{timezone.now():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Members' contact details: no cache keeps a copy.
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@platform_admin_required
def platform_network_export_json(request: HttpRequest, slug: str) -> HttpResponse:
    """A network's stores, members and pledges in one file; also once it has closed."""
    network = network_for_platform_admin(slug=slug)
    data = json.dumps(network_data(network=network), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    return _attachment(response, network.slug, "export", "json")


@require_GET
@platform_admin_required
def platform_network_export_csv(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    network = network_for_platform_admin(slug=slug)
    if kind not in EXPORT_KINDS:
        raise Http404
    buffer = io.StringIO()
    buffer.write("\ufeff")  # lets spreadsheets read the file as UTF-8 (names in any script)
    csv.writer(buffer).writerows(network_data_rows(network=network, kind=kind))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, network.slug, kind, "csv")
