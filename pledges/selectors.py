"""Reads about pledges that several callers share: the coordinators' list and export, a
pledge's history, a store's team and the re-affirmation prompts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.selectors import email_verified, users_by_id
from networks.csv import csv_cell
from networks.models import Invitation, Membership, Network, Store

from .models import Acknowledgement, Pledge, PledgeEvent, PledgeStatus, PledgeVersion

if TYPE_CHECKING:
    from accounts.models import User


# --- The coordinators' list ------------------------------------------------------------------


@dataclass(frozen=True)
class PledgeFilters:
    status: str = ""
    signed_from: dt.date | None = None
    signed_to: dt.date | None = None
    city: str = ""


def pledge_list(*, filters: PledgeFilters, zone: dt.tzinfo) -> QuerySet[Pledge]:
    """The network's pledges, newest first; dates are whole days in the network's time zone."""
    pledges = Pledge.objects.select_related("store", "version").order_by("-signed_at", "-id")
    if filters.status:
        pledges = pledges.filter(status=filters.status)
    if filters.signed_from is not None:
        start = dt.datetime.combine(filters.signed_from, dt.time.min, tzinfo=zone)
        pledges = pledges.filter(signed_at__gte=start)
    if filters.signed_to is not None:
        end = dt.datetime.combine(filters.signed_to + dt.timedelta(days=1), dt.time.min, zone)
        pledges = pledges.filter(signed_at__lt=end)
    if filters.city:
        pledges = pledges.filter(store__city__iexact=filters.city)
    return pledges


def pledge_status_counts() -> list[tuple[str, str, int]]:
    """(status, label, how many) for every status, zeros included."""
    counts = dict(
        Pledge.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return [(value, str(label), counts.get(value, 0)) for value, label in PledgeStatus.choices]


def pledge_cities() -> list[str]:
    """The cities of the stores that have pledged, for the filter's suggestions."""
    cities = Store.objects.filter(pledge__isnull=False).values_list("city", flat=True)
    return sorted(set(cities), key=str.casefold)


def pledge_signers(pledges: Iterable[Pledge]) -> dict[int, User]:
    return users_by_id(pledge.signed_by_id for pledge in pledges)


# --- One pledge ------------------------------------------------------------------------------


EVENT_LABELS = {
    "signed": gettext_lazy("Signed"),
    "activated": gettext_lazy("Became active"),
    "approved": gettext_lazy("Approved"),
    "declined": gettext_lazy("Declined"),
    "suspended": gettext_lazy("Suspended"),
    "reinstated": gettext_lazy("Reinstated"),
    "revoked": gettext_lazy("Revoked"),
    "withdrawn": gettext_lazy("Withdrawn"),
    "renewed": gettext_lazy("Signed again"),
    "reaffirmed": gettext_lazy("Re-affirmed the new text"),
}


@dataclass(frozen=True)
class HistoryEntry:
    event: PledgeEvent
    actor: User | None

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.event.kind, self.event.kind))

    @property
    def to_label(self) -> str:
        return str(dict(PledgeStatus.choices).get(self.event.to_status, self.event.to_status))


def pledge_history(*, pledge: Pledge) -> list[HistoryEntry]:
    """Every change of the pledge's state, oldest first, with who made it."""
    events = list(pledge.events.order_by("at", "id"))
    actors = users_by_id(event.actor_id for event in events)
    return [HistoryEntry(event=event, actor=actors.get(event.actor_id or 0)) for event in events]


def pledge_status_change(*, pledge: Pledge) -> PledgeEvent | None:
    """The change that put the pledge in its current state: its kind ("declined" and
    "revoked" both end at revoked) and its reason (may be empty)."""
    return pledge.events.filter(to_status=pledge.status).order_by("-at", "-id").first()


def current_pledge_version() -> PledgeVersion | None:
    return PledgeVersion.objects.order_by("-number").first()


def pledge_is_outdated(*, pledge: Pledge) -> bool:
    current = current_pledge_version()
    return current is not None and pledge.version_id != current.pk


def pledges_on_older_versions() -> int:
    current = current_pledge_version()
    if current is None:
        return 0
    live = (PledgeStatus.PENDING, PledgeStatus.ACTIVE, PledgeStatus.SUSPENDED)
    return Pledge.objects.filter(status__in=live).exclude(version=current).count()


def commitment_texts(version: PledgeVersion) -> list[str]:
    return [str(item.get("text", "")) for item in version.commitments]


# --- A store's team --------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamMember:
    membership: Membership
    user: User | None
    acknowledgement: Acknowledgement | None
    acknowledged_current: bool


def store_team(*, pledge: Pledge) -> list[TeamMember]:
    """The store's active staff, each with their acknowledgement of the pledge (if any)."""
    staff = list(
        Membership.objects.filter(
            store=pledge.store, role=Membership.Role.STORE_STAFF, is_active=True
        ).order_by("created_at", "id")
    )
    users = users_by_id(member.user_id for member in staff)
    acks = {
        ack.user_id: ack
        for ack in Acknowledgement.objects.filter(pledge=pledge).select_related("version")
    }
    team = []
    for member in staff:
        ack = acks.get(member.user_id)
        team.append(
            TeamMember(
                membership=member,
                user=users.get(member.user_id),
                acknowledgement=ack,
                acknowledged_current=ack is not None and ack.version_id == pledge.version_id,
            )
        )
    return team


def acknowledgement_of(*, pledge: Pledge, user: User) -> Acknowledgement | None:
    return (
        Acknowledgement.objects.select_related("version")
        .filter(pledge=pledge, user_id=user.pk)
        .first()
    )


def open_invitations(*, store: Store) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        store=store,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("-created_at")


# --- Starting the pledge ---------------------------------------------------------------------


def store_of_returning_owner(*, user: User) -> Store | None:
    """The store an owner registered (by the coordinator) or withdrew, to fill in the form."""
    membership = (
        Membership.objects.select_related("store")
        .filter(user_id=user.pk, role=Membership.Role.STORE_OWNER)
        .first()
    )
    return membership.store if membership is not None else None


# --- Export ----------------------------------------------------------------------------------


def pledge_csv_header() -> list[str]:
    return [
        _("Verification code"),
        _("Status"),
        _("Store"),
        _("Legal name"),
        _("Address"),
        _("Address (line 2)"),
        _("City"),
        _("State or province"),
        _("Postal code"),
        _("Country"),
        _("Phone"),
        _("Website"),
        _("Number of staff"),
        _("Signed as"),
        _("Signer's email"),
        _("Signed"),
        _("Pledge version"),
        _("Partner since"),
        _("On the public wall"),
    ]


def pledge_csv_rows(*, pledges: QuerySet[Pledge], zone: dt.tzinfo) -> Iterator[list[str]]:
    """The header, then one neutralised row per pledge, read in chunks."""

    def when(moment: dt.datetime | None) -> str:
        return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    yield [csv_cell(title) for title in pledge_csv_header()]
    chunk: list[Pledge] = []
    for pledge in pledges.iterator(chunk_size=500):
        chunk.append(pledge)
        if len(chunk) == 500:
            yield from _rows(chunk, when)
            chunk = []
    yield from _rows(chunk, when)


def _rows(chunk: list[Pledge], when: Callable[[dt.datetime | None], str]) -> Iterator[list[str]]:
    signers = pledge_signers(chunk)
    for pledge in chunk:
        store = pledge.store
        signer = signers.get(pledge.signed_by_id)
        row = [
            pledge.verification_code,
            pledge.get_status_display(),
            store.display_name,
            store.legal_name,
            store.address_line1,
            store.address_line2,
            store.city,
            store.region,
            store.postal_code,
            store.country,
            store.phone,
            store.website,
            store.staff_count,
            pledge.signature_name,
            signer.email if signer is not None else "",
            when(pledge.signed_at),
            pledge.version.number,
            when(pledge.activated_at),
            _("yes") if pledge.listed_publicly else _("no"),
        ]
        yield [csv_cell(value) for value in row]


# --- Next steps ------------------------------------------------------------------------------


def pledge_waits_for(*, pledge: Pledge, network: Network) -> str:
    """What a pending pledge waits for: "email" (its signer's confirmation), "approval"
    (a coordinator's), or "" when it is not pending."""
    from accounts.models import User

    if pledge.status != PledgeStatus.PENDING:
        return ""
    signer = User.objects.filter(pk=pledge.signed_by_id).first()
    if signer is None or not email_verified(user_id=signer.pk, email=signer.email):
        return "email"
    return "approval" if network.requires_pledge_approval else ""


def allowed_actions(*, pledge: Pledge, actions: Iterable[str]) -> list[str]:
    """Of `actions`, those the pledge's current state allows."""
    from .services import TRANSITIONS

    return [action for action in actions if pledge.status in TRANSITIONS[action][0]]


# --- What waits for each role (dashboards, navigation) ----------------------------------------


def _signer_confirmed() -> Exists:
    """The pledge's signer has confirmed the email address of their account. Accounts live in
    the public schema, which every network's search path includes, so this stays one query."""
    from accounts.models import User

    return Exists(
        User.objects.filter(
            pk=OuterRef("signed_by_id"),
            emailaddress__email__iexact=F("email"),
            emailaddress__verified=True,
        )
    )


def pledges_awaiting_decision() -> QuerySet[Pledge]:
    """Pending pledges a coordinator can decide on now: their signer's email is confirmed."""
    return Pledge.objects.filter(status=PledgeStatus.PENDING).filter(_signer_confirmed())


@dataclass(frozen=True)
class CoordinatorWork:
    awaiting_decision: int
    awaiting_email: int
    active: int
    on_older_versions: int


def coordinator_work() -> CoordinatorWork:
    """The pledges that wait for a coordinator, in one query."""
    current = PledgeVersion.objects.order_by("-number").values("pk")[:1]
    live = (PledgeStatus.PENDING, PledgeStatus.ACTIVE, PledgeStatus.SUSPENDED)
    pending = Q(status=PledgeStatus.PENDING)
    counts = Pledge.objects.annotate(confirmed=_signer_confirmed()).aggregate(
        awaiting_decision=Count("id", filter=pending & Q(confirmed=True)),
        awaiting_email=Count("id", filter=pending & Q(confirmed=False)),
        active=Count("id", filter=Q(status=PledgeStatus.ACTIVE)),
        on_older_versions=Count("id", filter=Q(status__in=live) & ~Q(version_id=Subquery(current))),
    )
    return CoordinatorWork(**counts)


@dataclass(frozen=True)
class TeamCounts:
    staff: int
    invitations_open: int
    acknowledgements_missing: int


def team_counts(*, pledge: Pledge) -> TeamCounts:
    """An owner's team at a glance: active staff, open invitations, and staff who have not
    acknowledged the text their store signed. Two queries."""
    acknowledged = Acknowledgement.objects.filter(
        pledge=pledge, version_id=pledge.version_id, user_id=OuterRef("user_id")
    )
    staff = Membership.objects.filter(
        store_id=pledge.store_id, role=Membership.Role.STORE_STAFF, is_active=True
    ).aggregate(staff=Count("id"), missing=Count("id", filter=~Exists(acknowledged)))
    return TeamCounts(
        staff=staff["staff"],
        invitations_open=open_invitations(store=pledge.store).count(),
        acknowledgements_missing=staff["missing"],
    )
