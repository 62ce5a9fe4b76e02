"""Pages of the public site for platform admins."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .access import platform_admin_required
from .selectors import network_overview


@require_GET
@platform_admin_required
def platform_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/platform_overview.html", {"rows": network_overview()})
