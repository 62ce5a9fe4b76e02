"""The movement's public site: landing page (more public pages join this module)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks.selectors import network_list

from .content import COMMON_CRIMES, INDUSTRY_FIGURES


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pledges/landing.html",
        {"networks": network_list(), "figures": INDUSTRY_FIGURES, "crimes": COMMON_CRIMES},
    )
