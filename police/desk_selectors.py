"""Reads for the officer's desk, for every role's dashboard (what police work waits for them,
counted) and for the coordinator's partnership overview.

A plan's standing is its latest published version's: a sign-off given to an older text no
longer vouches for what the store's team reads now, and a version that was replaced waits for
nobody's review or acknowledgement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from incidents.access import visible_incidents
from incidents.models import Incident, IncidentType
from networks.models import Membership, Store
from networks.selectors import stores_with_status
from pledges.models import PledgeStatus

from .models import (
    FollowUp,
    Meeting,
    PatrolRequest,
    PlanAcknowledgement,
    PlanVersion,
    PoliceContact,
    SecurityProfile,
)

# How far back the desk looks for shared incidents, and how far ahead for follow-ups.
INCIDENT_DAYS = 14
FOLLOW_UP_DAYS = 7
# Rows shown per list on the desk (each list links to its full page).
ROWS_SHOWN = 10

ANSWERED = (PatrolRequest.Status.ACCEPTED, PatrolRequest.Status.DECLINED)


# --- Plan standing ---------------------------------------------------------------------------


def latest_versions() -> QuerySet[PlanVersion]:
    """Each plan's current published version (one row a plan that has been published)."""
    newer = PlanVersion.objects.filter(plan_id=OuterRef("plan_id"), number__gt=OuterRef("number"))
    return PlanVersion.objects.filter(~Exists(newer))


def _signed_off() -> QuerySet[PlanVersion]:
    return latest_versions().filter(review=PlanVersion.Review.APPROVED)


# --- The officer's desk ----------------------------------------------------------------------


def _open_patrols(*, now: dt.datetime) -> QuerySet[PatrolRequest]:
    """Open requests still to come or under way: one whose time has passed waits for nobody."""
    return PatrolRequest.objects.filter(status=PatrolRequest.Status.OPEN, ends_at__gt=now)


def _recent_shared(*, membership: Membership, now: dt.datetime) -> QuerySet[Incident]:
    return visible_incidents(membership=membership).filter(
        is_shared=True,
        voided_at__isnull=True,
        started_at__gte=now - dt.timedelta(days=INCIDENT_DAYS),
    )


def _plans_to_review() -> QuerySet[PlanVersion]:
    return latest_versions().filter(review=PlanVersion.Review.PENDING)


def _follow_ups_due(*, user_id: int, today: dt.date) -> QuerySet[FollowUp]:
    """An officer's open follow-ups due within the week, or overdue."""
    return FollowUp.objects.filter(
        contact__member_user_id=user_id,
        done_at__isnull=True,
        due_on__lte=today + dt.timedelta(days=FOLLOW_UP_DAYS),
    )


def _casing_reports(*, membership: Membership) -> QuerySet[Any] | None:
    """The casing warnings the alerts app prepared, for an officer who may read reports (a
    deputy the coordinator appointed); None for the others."""
    from alerts.access import is_sender
    from alerts.models import AlertReport

    if not is_sender(membership=membership):
        return None
    return AlertReport.objects.filter(is_casing_warning=True, status=AlertReport.Status.NEW)


@dataclass(frozen=True)
class OfficerCounts:
    patrols_open: int
    incidents: int
    casing: int
    casing_reports: int | None  # None: the officer may not read reports
    plans_to_review: int
    follow_ups_due: int
    follow_ups_overdue: int

    @property
    def incidents_other(self) -> int:
        """The shared incidents that are not casing (the desk lists casing on its own)."""
        return self.incidents - self.casing


def officer_counts(*, membership: Membership, now: dt.datetime) -> OfficerCounts:
    """What waits for a law-enforcement member, counted (their dashboard's top card)."""
    today = timezone.localdate(now)
    incidents = _recent_shared(membership=membership, now=now).aggregate(
        all=Count("id"), casing=Count("id", filter=Q(kind=IncidentType.CASING))
    )
    follow_ups = _follow_ups_due(user_id=membership.user_id, today=today).aggregate(
        all=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today))
    )
    reports = _casing_reports(membership=membership)
    return OfficerCounts(
        patrols_open=_open_patrols(now=now).count(),
        incidents=incidents["all"],
        casing=incidents["casing"],
        casing_reports=None if reports is None else reports.count(),
        plans_to_review=_plans_to_review().count(),
        follow_ups_due=follow_ups["all"],
        follow_ups_overdue=follow_ups["overdue"],
    )


@dataclass(frozen=True)
class OfficerDesk:
    counts: OfficerCounts
    patrols: list[PatrolRequest]
    casing: list[Incident]
    incidents: list[Incident]
    plans: list[PlanVersion]
    follow_ups: list[FollowUp]
    today: dt.date


def officer_desk(*, membership: Membership, now: dt.datetime) -> OfficerDesk:
    """The officer's desk: the first rows of each list, soonest or newest first."""
    today = timezone.localdate(now)
    incident_fields = ("id", "summary", "kind", "started_at", "store__display_name", "store__city")
    recent = (
        _recent_shared(membership=membership, now=now)
        .select_related("store")
        .only(*incident_fields)
        .order_by("-started_at", "-id")
    )
    return OfficerDesk(
        counts=officer_counts(membership=membership, now=now),
        patrols=list(
            _open_patrols(now=now).select_related("store").order_by("starts_at", "id")[:ROWS_SHOWN]
        ),
        casing=list(recent.filter(kind=IncidentType.CASING)[:ROWS_SHOWN]),
        incidents=list(recent.exclude(kind=IncidentType.CASING)[:ROWS_SHOWN]),
        plans=list(
            _plans_to_review()
            .select_related("plan", "plan__store")
            .order_by("published_at", "id")[:ROWS_SHOWN]
        ),
        follow_ups=list(
            _follow_ups_due(user_id=membership.user_id, today=today)
            .select_related("store", "meeting")
            .order_by("due_on", "id")[:ROWS_SHOWN]
        ),
        today=today,
    )


# --- The store's team ------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnerCounts:
    patrols_open: int
    patrols_answered: int  # accepted or declined, not over yet
    plans_changes_asked: int
    plans_waiting: int
    plans_signed_off: int
    follow_ups_due: int
    contacts: int
    last_meeting: dt.date | None
    profile_exists: bool
    profile_shared: bool


def owner_counts(*, store_id: int, now: dt.datetime) -> OwnerCounts:
    """The police work of an owner's store, counted (their dashboard's police card)."""
    today = timezone.localdate(now)
    patrols = PatrolRequest.objects.filter(store_id=store_id, ends_at__gt=now).aggregate(
        open=Count("id", filter=Q(status=PatrolRequest.Status.OPEN)),
        answered=Count("id", filter=Q(status__in=ANSWERED)),
    )
    plans = (
        latest_versions()
        .filter(plan__store_id=store_id)
        .aggregate(
            changes=Count("id", filter=Q(review=PlanVersion.Review.CHANGES)),
            waiting=Count("id", filter=Q(review=PlanVersion.Review.PENDING)),
            signed=Count("id", filter=Q(review=PlanVersion.Review.APPROVED)),
        )
    )
    follow_ups = FollowUp.objects.filter(
        store_id=store_id,
        done_at__isnull=True,
        due_on__lte=today + dt.timedelta(days=FOLLOW_UP_DAYS),
    ).count()
    contacts = PoliceContact.objects.filter(store_id=store_id).count()
    last_meeting = Meeting.objects.filter(store_id=store_id).aggregate(last=Max("held_on"))["last"]
    profile = (
        SecurityProfile.objects.filter(store_id=store_id)
        .values_list("shared_with_police", flat=True)
        .first()
    )
    return OwnerCounts(
        patrols_open=patrols["open"],
        patrols_answered=patrols["answered"],
        plans_changes_asked=plans["changes"],
        plans_waiting=plans["waiting"],
        plans_signed_off=plans["signed"],
        follow_ups_due=follow_ups,
        contacts=contacts,
        last_meeting=last_meeting,
        profile_exists=profile is not None,
        profile_shared=bool(profile),
    )


@dataclass(frozen=True)
class StaffCounts:
    plans_to_read: int
    plans: int
    patrols_coming: int


def staff_counts(*, store_id: int, user_id: int, now: dt.datetime) -> StaffCounts:
    """A staff member's police work: the plans' current versions they have not acknowledged,
    and the accepted patrols still to come (they are on duty when the patrol comes by)."""
    read = PlanAcknowledgement.objects.filter(version_id=OuterRef("pk"), user_id=user_id)
    plans = (
        latest_versions()
        .filter(plan__store_id=store_id)
        .aggregate(all=Count("id"), unread=Count("id", filter=~Exists(read)))
    )
    patrols = PatrolRequest.objects.filter(
        store_id=store_id, status=PatrolRequest.Status.ACCEPTED, ends_at__gt=now
    ).count()
    return StaffCounts(plans_to_read=plans["unread"], plans=plans["all"], patrols_coming=patrols)


# --- The coordinator -------------------------------------------------------------------------


@dataclass(frozen=True)
class CoordinatorCounts:
    partners: int
    partners_signed_off: int  # active partners with at least one plan signed off by police
    patrols_open: int


def coordinator_counts(*, now: dt.datetime) -> CoordinatorCounts:
    partners = stores_with_status(status=PledgeStatus.ACTIVE).order_by()
    signed = _signed_off().filter(plan__store_id=OuterRef("pk"))
    counts = partners.aggregate(all=Count("pk"), signed=Count("pk", filter=Exists(signed)))
    return CoordinatorCounts(
        partners=counts["all"],
        partners_signed_off=counts["signed"],
        patrols_open=_open_patrols(now=now).count(),
    )


@dataclass(frozen=True)
class OverviewRow:
    store: Store
    has_contacts: bool
    last_meeting: dt.date | None
    scenarios_signed_off: int
    patrols_made: int
    patrols_answered: int


def partnership_overview(*, now: dt.datetime) -> list[OverviewRow]:
    """Per store, how far its police partnership goes: only that things exist and when, never
    what they say (the coordinator sees that a store has a reviewed plan, not the plan)."""
    year_start = dt.datetime.combine(
        timezone.localdate(now).replace(month=1, day=1),
        dt.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    signed = (
        _signed_off()
        .filter(plan__store_id=OuterRef("pk"))
        .order_by()
        .values("plan__store_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    stores = stores_with_status(status=PledgeStatus.ACTIVE).annotate(
        has_contacts=Exists(PoliceContact.objects.filter(store_id=OuterRef("pk"))),
        last_meeting=Meeting.objects.filter(store_id=OuterRef("pk"))
        .order_by("-held_on")
        .values("held_on")[:1],
        scenarios_signed_off=signed,
        patrols_made=Count(
            "patrol_requests", filter=Q(patrol_requests__created_at__gte=year_start)
        ),
        patrols_answered=Count(
            "patrol_requests",
            filter=Q(
                patrol_requests__created_at__gte=year_start,
                patrol_requests__status__in=ANSWERED,
            ),
        ),
    )
    return [
        OverviewRow(
            store=store,
            has_contacts=store.has_contacts,
            last_meeting=store.last_meeting,
            scenarios_signed_off=store.scenarios_signed_off or 0,
            patrols_made=store.patrols_made,
            patrols_answered=store.patrols_answered,
        )
        for store in stores
    ]


@dataclass(frozen=True)
class PartnershipCounts:
    patrols_made: int
    patrols_answered: int
    stores_with_reviewed_plan: int


def partnership_counts(*, since: dt.datetime, until: dt.datetime) -> PartnershipCounts:
    """For the network's statistics: patrol requests made in [since, until), those answered
    (accepted or declined) in that time, and the stores that had a plan signed off by police
    at `until` (a sign-off counts until a newer version of that plan was published)."""
    patrols = PatrolRequest.objects.aggregate(
        made=Count("id", filter=Q(created_at__gte=since, created_at__lt=until)),
        answered=Count(
            "id",
            filter=Q(status__in=ANSWERED, answered_at__gte=since, answered_at__lt=until),
        ),
    )
    newer_by_then = PlanVersion.objects.filter(
        plan_id=OuterRef("plan_id"), number__gt=OuterRef("number"), published_at__lt=until
    )
    reviewed = (
        PlanVersion.objects.filter(review=PlanVersion.Review.APPROVED, reviewed_at__lt=until)
        .filter(~Exists(newer_by_then))
        .values("plan__store_id")
        .distinct()
        .count()
    )
    return PartnershipCounts(
        patrols_made=patrols["made"],
        patrols_answered=patrols["answered"],
        stores_with_reviewed_plan=reviewed,
    )
