"""The coordinator's page for the network's retention period: the setting and the last
nightly passes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from networks.access import network_member_required
from networks.models import Membership
from networks.schemas import current_network

from .forms import RetentionForm
from .models import RetentionRun
from .retention import retention_cutoff, retention_months_set

RUNS_SHOWN = 10


@require_http_methods(["GET", "POST"])
@network_member_required(Membership.Role.COORDINATOR)
def incident_retention(request: HttpRequest) -> HttpResponse:
    network = current_network()
    form = RetentionForm(
        request.POST or None, initial={"retention_months": network.retention_months}
    )
    if request.method == "POST" and form.is_valid():
        try:
            retention_months_set(network=network, months=form.cleaned_data["retention_months"])
        except ValidationError as error:
            form.add_error("retention_months", error.messages)
        else:
            messages.success(request, _("Saved. The next nightly pass applies it."))
            return redirect("incident_retention")
    return render(
        request,
        "incidents/retention.html",
        {
            "current": "incident_retention",
            "form": form,
            "cutoff": retention_cutoff(network=network),
            "runs": list(RetentionRun.objects.all()[:RUNS_SHOWN]),
        },
    )
