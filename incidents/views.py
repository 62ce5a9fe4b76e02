"""Reading the logbook: a store's own list, the network's shared incidents, one incident at
the level the reader may see, its history, and the law-enforcement purpose and access log."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import urlencode as urlencode_filter
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.selectors import users_by_id
from networks.access import network_member_required
from networks.models import Membership

from . import list_cache, selectors
from .access import (
    POLICE_PURPOSE_KEY,
    Visibility,
    incident_for_member,
    needs_purpose,
    own_store_id,
    police_purpose,
    purpose_redirect,
    visibility_of,
)
from .forms import LogbookFilterForm, PurposeForm
from .models import AccessLogEntry, Incident, IncidentType
from .services import access_record

Role = Membership.Role
# What a list row shows; the rest (narrative, search vector, notes) stays in the database.
ROW_FIELDS = (
    "store__display_name",
    "kind",
    "started_at",
    "summary",
    "is_complete",
    "is_shared",
    "voided_at",
    "has_suspects",
    "has_vehicles",
    "anything_taken",
    "loss_total",
)


def _list_page(request: HttpRequest, *, scope: str) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    own_store = scope == selectors.Scope.STORE
    # Queried on every page, cached or not: the names are shown, so they are part of the key.
    stores, loggers = selectors.filter_choices(membership=membership, scope=scope)
    network = request.tenant  # type: ignore[attr-defined]
    list_key = list_cache.list_key(
        parts=(
            scope,
            # What the viewer may see, and how much of it, depends on these two alone.
            membership.role,
            membership.store_id,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            network.currency,
            request.GET.urlencode(),
            stores,
            loggers,
        ),
    )
    keys = [list_key]
    count_key = None
    if membership.is_store_member:
        # Staff count the quick logs they must finish, the owner the whole store's.
        count_key = list_cache.to_finish_key(
            store_id=own_store_id(membership=membership),
            logged_by_id=membership.user_id if membership.role == Role.STORE_STAFF else None,
        )
        keys.append(count_key)
    cached = list_cache.lookup(keys)
    list_html = cached.found.get(list_key)
    if list_html is None:
        list_html = _list_html(
            request,
            membership=membership,
            scope=scope,
            stores=stores,
            loggers=loggers,
            currency=network.currency,
        )
        list_cache.put(list_key, list_html, generation=cached.generation)
    to_finish_count: int | None = 0
    if count_key is not None:
        to_finish_count = cached.found.get(count_key)
        if to_finish_count is None:
            to_finish_count = selectors.to_finish(membership=membership).count()
            list_cache.put(count_key, to_finish_count, generation=cached.generation)
    return render(
        request,
        "incidents/logbook.html",
        {
            "current": "incident_logbook" if own_store else "incident_network",
            "own_store": own_store,
            "list_html": mark_safe(list_html),  # noqa: S308 - our template's output
            "to_finish_count": to_finish_count,
            "can_log": membership.is_store_member,
        },
    )


def _list_html(
    request: HttpRequest,
    *,
    membership: Membership,
    scope: str,
    stores: list[tuple[int, str]] | None,
    loggers: list[tuple[int, str]] | None,
    currency: str,
) -> str:
    """The filters and rows of a list page, rendered from the query string and the viewer's
    membership only (no request context): what list_cache keys it by."""
    own_store = scope == selectors.Scope.STORE
    form = LogbookFilterForm(request.GET or None, stores=stores, loggers=loggers)
    filters = form.filters()
    incidents = selectors.logbook(membership=membership, scope=scope, filters=filters)
    page = selectors.page_of(incidents=incidents.only(*ROW_FIELDS), cursor=request.GET.get("after"))
    # Translated once per page, not once per row.
    kinds = {value: str(label) for value, label in IncidentType.choices}
    query = request.GET.copy()
    query.pop("after", None)
    next_url = None
    if page.next_cursor:
        query["after"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    filtered = any(value not in (None, "", False) for value in filters.values())
    grid = [form["since"], form["until"], form["kind"]]
    grid += [form[name] for name in ("store", "logged_by") if name in form.fields]
    grid += [form["shared"], form["voided"]] if own_store else [form["voided"]]
    checks = [form["has_suspects"], form["has_vehicle"], form["has_loss"]]
    if own_store:
        checks.append(form["to_finish"])
    return render_to_string(
        "incidents/_logbook_list.html",
        {
            "scope": scope,
            "own_store": own_store,
            "field_groups": [
                {"grid": False, "fields": [form["q"]]},
                {"grid": True, "fields": grid},
            ],
            "check_fields": checks,
            "rows": [
                (
                    incident,
                    visibility_of(membership=membership, incident=incident) is Visibility.FULL,
                    kinds.get(incident.kind, incident.kind),
                )
                for incident in page.incidents
            ],
            "currency": currency,
            "next_url": next_url,
            "is_first_page": not request.GET.get("after"),
            # The "Newest" link: the same filters, from the first page.
            "newest_query": "".join(
                f"{urlencode_filter(key)}={urlencode_filter(str(value))}&"
                for key, value in request.GET.items()
                if key != "after"
            ),
            "filtered": filtered,
            "export_query": request.GET.urlencode(),
            "can_log": membership.is_store_member,
        },
    )


@require_GET
@network_member_required()
def logbook(request: HttpRequest) -> HttpResponse:
    """A store's own logbook for its members; the network's shared incidents for others."""
    membership: Membership = request.membership  # type: ignore[attr-defined]
    if not membership.is_store_member:
        return redirect("incident_network")
    return _list_page(request, scope=selectors.Scope.STORE)


@require_GET
@network_member_required()
def network_incidents(request: HttpRequest) -> HttpResponse:
    return _list_page(request, scope=selectors.Scope.NETWORK)


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF)
def to_finish(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    incidents = list(selectors.to_finish(membership=membership)[:200])
    return render(
        request,
        "incidents/to_finish.html",
        {"current": "incident_to_finish", "incidents": incidents},
    )


@require_GET
@network_member_required()
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    incident = incident_for_member(membership=membership, incident_id=incident_id)
    if needs_purpose(membership=membership, request=request):
        return purpose_redirect(request)
    visibility = visibility_of(membership=membership, incident=incident)
    if membership.role == Role.LAW_ENFORCEMENT:
        access_record(
            membership=membership,
            user=request.user,  # type: ignore[arg-type]
            action=AccessLogEntry.Action.VIEWED,
            incident=incident,
            purpose=police_purpose(request),
        )
    return render(
        request, "incidents/detail.html", _detail_context(membership, incident, visibility)
    )


def _detail_context(
    membership: Membership, incident: Incident, visibility: Visibility
) -> dict[str, Any]:
    full = visibility is Visibility.FULL
    evidence = [item for item in incident.evidence.all() if full or not item.is_internal]
    people = users_by_id(
        [incident.logged_by_id, incident.updated_by_id, incident.voided_by_id] if full else []
    )
    own = membership.is_store_member and membership.store_id == incident.store_id
    is_owner = own and membership.role == Role.STORE_OWNER
    can_edit = (
        own and not incident.is_voided and (is_owner or incident.logged_by_id == membership.user_id)
    )
    return {
        "current": "incident_logbook" if own else "incident_network",
        "incident": incident,
        "full": full,
        "suspects": list(incident.suspects.all()),
        "vehicles": list(incident.vehicles.all()),
        "items": list(incident.items.all()),
        "evidence_list": evidence,
        "logged_by": people.get(incident.logged_by_id or 0),
        "voided_by": people.get(incident.voided_by_id or 0),
        "own": own,
        "is_owner": is_owner,
        "can_edit": can_edit,
        "can_add": can_edit,
        "sees_history": full and (own or membership.role == Role.COORDINATOR),
    }


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF, Role.COORDINATOR)
def incident_history(request: HttpRequest, incident_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    incident = incident_for_member(membership=membership, incident_id=incident_id)
    if visibility_of(membership=membership, incident=incident) is not Visibility.FULL:
        return redirect("incident_detail", incident_id=incident.pk)
    revisions = list(selectors.revisions_of(incident=incident))
    people = users_by_id([revision.by_id for revision in revisions])
    return render(
        request,
        "incidents/history.html",
        {
            "current": "incident_logbook",
            "incident": incident,
            "revisions": [
                (revision, people.get(revision.by_id or 0), selectors.field_labels(revision))
                for revision in revisions
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@network_member_required(Role.LAW_ENFORCEMENT)
def purpose(request: HttpRequest) -> HttpResponse:
    """A law-enforcement partner says why they look, once a session, before the full view."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = PurposeForm(request.POST or None, initial={"purpose": police_purpose(request)})
    if request.method == "POST" and form.is_valid():
        request.session[POLICE_PURPOSE_KEY] = form.cleaned_data["purpose"]
        return redirect(next_url or "incident_network")
    return render(
        request,
        "incidents/purpose.html",
        {"current": "incident_network", "form": form, "next": next_url},
    )


@require_GET
@network_member_required(Role.STORE_OWNER, Role.COORDINATOR)
def access_log(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    entries = list(selectors.access_log(membership=membership)[:300])
    return render(
        request,
        "incidents/access_log.html",
        {"current": "incident_access_log", "entries": entries, "title": _("Access log")},
    )
