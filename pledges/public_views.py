"""The movement's public site: the landing page, the network finder, requests for a new
network, and the verification of a partner's code."""

from __future__ import annotations

from http import HTTPStatus

from allauth.core.internal import ratelimit
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from networks.selectors import network_list
from networks.services import network_domain
from stats.platform_figures import public_figures
from toolkit.render import BADGE_SIZES
from toolkit.responses import serve_file
from toolkit.selectors import ITEMS, Variant, listing_source, network_language
from toolkit.services import toolkit_file_ensure

from .access import listing_for_badge
from .content import COMMON_CRIMES, INDUSTRY_FIGURES
from .directory import (
    MAX_QUERY_LENGTH,
    country_name,
    landing_partner_context,
    listing_for_code,
    network_countries,
    network_search,
    verification_code_normalise,
    verification_status,
)
from .network_requests import (
    network_request_create,
    network_slug_availability,
    network_slug_suggest,
)
from .public_forms import (
    COUNTRY_RE,
    NetworkFinderForm,
    NetworkRequestForm,
    VerificationForm,
)

# allauth's rate limiter, with our own actions: POSTs of the request form per address, and
# code lookups (GETs too), so nobody can walk through the codes.
RATE_LIMITS = {"network_request": "20/h/ip", "verify": "60/m/ip", "slug_check": "60/m/ip"}


def _rate_limited(request: HttpRequest, action: str) -> bool:
    usage = ratelimit.consume(
        request, app="pledges", action=action, config=RATE_LIMITS, limit_get=True
    )
    return usage is None


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "pledges/public/rate_limited.html", status=HTTPStatus.TOO_MANY_REQUESTS)


def _verify_limited(request: HttpRequest) -> bool:
    """One budget for everything that answers whether a code exists: the verification page
    and the badges (a badge's 200 or 404 says as much as the page)."""
    return _rate_limited(request, "verify")


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pledges/landing.html",
        {
            "networks": network_list(),
            "figures": INDUSTRY_FIGURES,
            "our_figures": public_figures(),
            "crimes": COMMON_CRIMES,
            **landing_partner_context(),
        },
    )


# --- Network finder --------------------------------------------------------------------------


@require_GET
def network_finder(request: HttpRequest) -> HttpResponse:
    form = NetworkFinderForm(request.GET or None, countries=network_countries())
    query = country = ""
    if form.is_bound:
        form.is_valid()
        query = form.cleaned_data.get("q", "")
        country = form.cleaned_data.get("country", "")
    results = network_search(query=query, country=country)
    return render(
        request,
        "pledges/public/network_finder.html",
        {
            "form": form,
            "results": results,
            "query": query,
            "country": country,
            "country_label": country_name(country) if country else "",
            "searching": bool(query or country),
        },
    )


def _request_initial(params: dict[str, str]) -> dict[str, str]:
    """What the finder already knows (country, place typed) to start the request form with."""
    initial = {}
    country = params.get("country", "")
    if COUNTRY_RE.match(country):
        initial["country"] = country.upper()
    place = " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]
    if place and not any(ch.isdigit() for ch in place):
        initial["cities"] = place
    return initial


@require_http_methods(["GET", "POST"])
def network_request_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = NetworkRequestForm(initial=_request_initial(request.GET.dict()))
        return render(request, "pledges/public/network_request_form.html", {"form": form})
    if _rate_limited(request, "network_request"):
        return _too_many(request)
    form = NetworkRequestForm(request.POST)
    if form.honeypot_filled():
        # A bot: it gets the same thanks as a person, and nothing is kept.
        return redirect("network_request_thanks")
    if form.is_valid():
        try:
            network_request_create(**form.request_fields())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return redirect("network_request_thanks")
    return render(request, "pledges/public/network_request_form.html", {"form": form})


@require_GET
def network_request_slug_check(request: HttpRequest) -> JsonResponse:
    """The request form's live check (static/js/network_request.js): the address asked about,
    or the one made from the network's name, and whether it can be asked for. The form checks
    again when it is sent."""
    if _rate_limited(request, "slug_check"):
        return JsonResponse(
            {"message": _("Too many checks. The address is checked when you send the form.")},
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
    suggested = network_slug_suggest(request.GET.get("name", "")[:200])
    asked = request.GET.get("slug", "")[:100].strip()
    slug, problem = network_slug_availability(slug=asked or suggested)
    message = problem or _("%(host)s is free.") % {"host": network_domain(slug=slug)}
    response = JsonResponse(
        {"slug": slug, "suggested": suggested, "available": not problem, "message": message}
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def network_request_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "pledges/public/network_request_thanks.html")


# --- Verification ----------------------------------------------------------------------------


@require_GET
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """The form; a submitted code goes to its own page, /verify/<code>/."""
    raw = request.GET.get("code", "")
    if not raw.strip():
        return render(request, "pledges/public/verify.html", {"form": VerificationForm()})
    if _verify_limited(request):
        return _too_many(request)
    code = verification_code_normalise(raw)
    if code is not None:
        return redirect("verify_code", code=code)
    return render(
        request,
        "pledges/public/verify.html",
        {"form": VerificationForm(initial={"code": raw[:MAX_QUERY_LENGTH]}), "looked_up": raw},
    )


@require_GET
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    if _verify_limited(request):
        return _too_many(request)
    normalised = verification_code_normalise(code)
    listing = listing_for_code(normalised) if normalised else None
    return render(
        request,
        "pledges/public/verify.html",
        {
            "form": VerificationForm(initial={"code": normalised or code[:MAX_QUERY_LENGTH]}),
            "looked_up": normalised or code,
            "listing": listing,
            "status": verification_status(listing) if listing else "",
        },
    )


# --- The badge of a verification page --------------------------------------------------------


def _badge(request: HttpRequest, code: str, item: str, size: int | None) -> HttpResponse:
    if _verify_limited(request):
        return _too_many(request)
    listing = listing_for_badge(code=code)
    variant = Variant(item=ITEMS[item], lang=network_language(listing.network), size=size)
    name = toolkit_file_ensure(source=listing_source(listing=listing), variant=variant)
    response = serve_file(request, name, content_type=variant.item.content_type)
    # Shown on partners' own websites: a suspended pledge must stop showing within minutes.
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def verify_badge_svg(request: HttpRequest, code: str) -> HttpResponse:
    return _badge(request, code, "badge-svg", None)


@require_GET
def verify_badge_png(request: HttpRequest, code: str, size: str) -> HttpResponse:
    if size not in {str(allowed) for allowed in BADGE_SIZES}:
        raise Http404
    return _badge(request, code, "badge", int(size))
