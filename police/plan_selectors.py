"""Reads on response plans: where each plan of a store stands, what police have to review,
what each member of a store's team has still to read, which stores have a plan signed off."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from networks.models import Membership, Store

from .models import PlanAcknowledgement, PlanVersion, PoliceContact, ResponsePlan, Scenario
from .plan_defaults import SECTIONS


def _newer_version() -> Exists:
    return Exists(
        PlanVersion.objects.filter(plan_id=OuterRef("plan_id"), number__gt=OuterRef("number"))
    )


def current_versions() -> QuerySet[PlanVersion]:
    """The latest published version of every plan: what staff read and police review."""
    return PlanVersion.objects.alias(newer=_newer_version()).filter(newer=False)


def plans_waiting_review() -> QuerySet[PlanVersion]:
    """Current versions no police member has reviewed yet, the longest waiting first."""
    return (
        current_versions()
        .filter(review=PlanVersion.Review.PENDING)
        .select_related("plan", "plan__store")
        .order_by("published_at", "id")
    )


def version_is_current(*, version: PlanVersion) -> bool:
    return not PlanVersion.objects.filter(
        plan_id=version.plan_id, number__gt=version.number
    ).exists()


def versions_to_acknowledge(*, membership: Membership) -> list[PlanVersion]:
    """The current versions of the member's store's plans they have not acknowledged yet."""
    if not membership.is_store_member or membership.store_id is None:
        return []
    read = PlanAcknowledgement.objects.filter(version=OuterRef("pk"), user_id=membership.user_id)
    return list(
        current_versions()
        .filter(plan__store_id=membership.store_id)
        .alias(read=Exists(read))
        .filter(read=False)
        .select_related("plan")
        .order_by("plan__scenario")
    )


def stores_with_signed_off_plan() -> set[int]:
    """Ids of the stores whose current version of at least one plan police have signed off
    (its count is the dashboard's figure)."""
    return set(
        current_versions()
        .filter(review=PlanVersion.Review.APPROVED)
        .values_list("plan__store_id", flat=True)
        .distinct()
    )


class PlanState:
    NOT_STARTED = "not_started"
    DRAFT = "draft"  # started or changed, not published as it stands
    PENDING = "pending"
    APPROVED = "approved"
    CHANGES = "changes"


@dataclass(frozen=True)
class PlanRow:
    scenario: str
    title: str
    plan: ResponsePlan | None
    current: PlanVersion | None
    draft_changed: bool
    acknowledged: int
    staff: int
    read_by_me: bool

    @property
    def state(self) -> str:
        if self.plan is None:
            return PlanState.NOT_STARTED
        if self.current is None:
            return PlanState.DRAFT
        return str(self.current.review)


def plan_rows(*, store: Store, user: Any) -> list[PlanRow]:
    """Each scenario of the store: its plan, current version, and who of the staff read it."""
    plans = {plan.scenario: plan for plan in ResponsePlan.objects.filter(store=store)}
    currents = {
        version.plan_id: version
        for version in current_versions().filter(plan__store=store).select_related("plan")
    }
    staff_ids = set(
        Membership.objects.filter(
            store=store, role=Membership.Role.STORE_STAFF, is_active=True
        ).values_list("user_id", flat=True)
    )
    acks: dict[int, set[int]] = {}
    for version_id, user_id in PlanAcknowledgement.objects.filter(
        version__in=list(currents.values())
    ).values_list("version_id", "user_id"):
        acks.setdefault(version_id, set()).add(user_id)
    rows = []
    for scenario, title in Scenario.choices:
        plan = plans.get(scenario)
        current = currents.get(plan.pk) if plan is not None else None
        read = acks.get(current.pk, set()) if current is not None else set()
        rows.append(
            PlanRow(
                scenario=scenario,
                title=str(title),
                plan=plan,
                current=current,
                draft_changed=plan is not None
                and (
                    current is None
                    or any(getattr(plan, n) != getattr(current, n) for n in SECTIONS)
                ),
                acknowledged=len(read & staff_ids),
                staff=len(staff_ids),
                read_by_me=user.pk in read,
            )
        )
    return rows


@dataclass(frozen=True)
class CoverageRow:
    store: Store
    signed_off: list[bool]  # one per scenario, in Scenario order


def coverage_rows() -> list[CoverageRow]:
    """Every active store, and for each scenario whether police signed off its current plan."""
    approved = set(
        current_versions()
        .filter(review=PlanVersion.Review.APPROVED)
        .values_list("plan__store_id", "plan__scenario")
    )
    stores = Store.objects.order_by("display_name", "id")
    return [
        CoverageRow(
            store=store,
            signed_off=[(store.pk, scenario) in approved for scenario in Scenario.values],
        )
        for store in stores
    ]


def versions_of(*, plan: ResponsePlan) -> QuerySet[PlanVersion]:
    return plan.versions.order_by("-number")


def agency_of(*, user_id: int) -> str:
    """The agency a law-enforcement member works for, as a store's contacts name it (the
    latest such contact), or "" when no store lists them."""
    contact = (
        PoliceContact.objects.filter(member_user_id=user_id)
        .exclude(agency="")
        .order_by("-id")
        .first()
    )
    return contact.agency if contact is not None else ""
