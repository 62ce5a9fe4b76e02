"""Who may see, change or download which incident. Views call these first thing.

Missing and forbidden are the same 404. What a member may see of an incident they can open
is its `Visibility`:

- the store's own members see their logbook in full (staff and owner alike);
- the coordinator sees the network's shared incidents in full;
- law-enforcement partners see shared incidents in full once they have stated a purpose
  this session (until then the views send them to the purpose form);
- members of other stores see shared incidents without the victim store's internal notes,
  staff names, losses and internal evidence (`REDACTED`).

Voided incidents stay visible to the store's owner and the coordinator only.
"""

from __future__ import annotations

import enum
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from networks.models import Membership, Store

from .models import Evidence, Incident, IncidentExport

Role = Membership.Role
POLICE_PURPOSE_KEY = "incidents_police_purpose"


class Visibility(enum.Enum):
    FULL = "full"
    REDACTED = "redacted"


def visible_incidents(*, membership: Membership) -> QuerySet[Incident]:
    """Every incident this member may open, at any level."""
    incidents = Incident.objects.all()
    if membership.role == Role.STORE_OWNER:
        return incidents.filter(Q(store_id=membership.store_id) | _shared_and_standing())
    if membership.role == Role.STORE_STAFF:
        return incidents.filter(
            Q(store_id=membership.store_id, voided_at__isnull=True) | _shared_and_standing()
        )
    if membership.role == Role.COORDINATOR:
        # Voided shared incidents stay in view: the coordinator sees what was withdrawn.
        return incidents.filter(is_shared=True)
    if membership.role == Role.LAW_ENFORCEMENT:
        return incidents.filter(_shared_and_standing())
    return incidents.none()


def _shared_and_standing() -> Q:
    return Q(is_shared=True, voided_at__isnull=True)


def visibility_of(*, membership: Membership, incident: Incident) -> Visibility:
    if membership.is_store_member and membership.store_id != incident.store_id:
        return Visibility.REDACTED
    return Visibility.FULL


def incident_for_member(*, membership: Membership, incident_id: int) -> Incident:
    """An incident the member may open (see `visibility_of` for how much of it)."""
    incident = (
        visible_incidents(membership=membership)
        .select_related("store")
        .filter(pk=incident_id)
        .first()
    )
    if incident is None:
        raise Http404
    return incident


def incident_for_editor(*, membership: Membership, incident_id: int) -> Incident:
    """An incident the member may change: the owner any of their store's, staff the ones they
    logged themselves (a quick log they now finish). Voided incidents are closed to edits."""
    store_id = membership.store_id
    if not membership.is_store_member or store_id is None:
        raise Http404
    incident = (
        Incident.objects.select_related("store")
        .filter(pk=incident_id, store_id=store_id, voided_at__isnull=True)
        .first()
    )
    if incident is None:
        raise Http404
    if membership.role == Role.STORE_STAFF and incident.logged_by_id != membership.user_id:
        raise Http404
    return incident


def incident_for_owner(*, membership: Membership, incident_id: int) -> Incident:
    """An incident of the owner's own store, for sharing and voiding."""
    store_id = membership.store_id
    if membership.role != Role.STORE_OWNER or store_id is None:
        raise Http404
    incident = (
        Incident.objects.select_related("store").filter(pk=incident_id, store_id=store_id).first()
    )
    if incident is None:
        raise Http404
    return incident


def evidence_for_member(*, membership: Membership, evidence_id: int) -> Evidence:
    """A piece of evidence the member may open: its incident is visible to them, and
    internal evidence only at full visibility."""
    evidence = Evidence.objects.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404
    incident = incident_for_member(membership=membership, incident_id=evidence.incident_id)
    if evidence.is_internal and visibility_of(membership=membership, incident=incident) is not (
        Visibility.FULL
    ):
        raise Http404
    evidence.incident = incident
    return evidence


def export_for_member(*, membership: Membership, export_id: int) -> IncidentExport:
    """An export job, for the person who asked for it."""
    export = IncidentExport.objects.filter(pk=export_id).first()
    if export is None:
        raise Http404
    if export.requested_by_id != membership.user_id:
        raise Http404
    return export


def own_store(*, membership: Membership) -> Store:
    """The store of a store member (owner or staff); 404 for anyone else."""
    if not membership.is_store_member or membership.store is None:
        raise Http404
    return membership.store


def own_store_id(*, membership: Membership) -> int:
    if not membership.is_store_member or membership.store_id is None:
        raise Http404
    return membership.store_id


def can_log(*, membership: Membership) -> bool:
    return membership.is_store_member


def needs_purpose(*, membership: Membership, request: HttpRequest) -> bool:
    """Law-enforcement partners state why they look before they see an incident in full."""
    return membership.role == Role.LAW_ENFORCEMENT and not police_purpose(request)


def purpose_redirect(request: HttpRequest) -> HttpResponse:
    """To the purpose form, and back to this page once the purpose is stated."""
    # Reversed per call: the URLconf imports the views that import this module.
    target = reverse("incident_purpose")
    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


def police_purpose(request: HttpRequest) -> str:
    return str(request.session.get(POLICE_PURPOSE_KEY, ""))
