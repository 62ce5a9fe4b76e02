"""Reads for networks that several callers share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django_tenants.utils import get_public_schema_name

from .models import Invitation, Membership, Network, RoleEvent, Store
from .prepared import PreparedObjects

if TYPE_CHECKING:
    from accounts.models import User


def network_list(*, active_only: bool = True) -> QuerySet[Network]:
    networks = Network.objects.exclude(schema_name=get_public_schema_name())
    if active_only:
        networks = networks.filter(is_active=True)
    return networks.prefetch_related("domains")


def _membership_query(user_id: int) -> QuerySet[Membership]:
    from pledges.models import Pledge

    # The navigation shows the toolkit to a store whose pledge is active: asked in the same
    # round trip (networks.context_processors).
    active_pledge = Pledge.objects.filter(
        store_id=OuterRef("store_id"), status=Pledge.Status.ACTIVE
    )
    return (
        Membership.objects.select_related("store")
        .annotate(has_active_pledge=Exists(active_pledge))
        .filter(user_id=user_id, is_active=True)
        .order_by("pk")[:1]
    )


# Read on every page a member opens, to check who they are here (networks.prepared).
_MEMBERSHIP = PreparedObjects(_membership_query)


def membership_of(*, user: User) -> Membership | None:
    """The person's membership in the network whose schema is active, if any, with
    `has_active_pledge` (whether their store's pledge is active; False without a store)."""
    if not user.is_authenticated:
        return None
    found = _MEMBERSHIP.objects(user.pk)
    return found[0] if found else None


# The directory's filter: a pledge status, stores that have not pledged, or every store.
NOT_PLEDGED = "none"
EVERY_STORE = "all"


def stores_with_status(*, status: str, also_store_id: int | None = None) -> QuerySet[Store]:
    """The network's stores, each with its pledge status (`pledge_status`, None when it has
    not pledged), narrowed to `status`; `also_store_id` is listed whatever its status."""
    stores = Store.objects.annotate(pledge_status=F("pledge__status")).order_by(
        "display_name", "pk"
    )
    if status == EVERY_STORE:
        return stores
    wanted = Q(pledge__isnull=True) if status == NOT_PLEDGED else Q(pledge__status=status)
    if also_store_id is not None:
        wanted |= Q(pk=also_store_id)
    return stores.filter(wanted)


def store_status_counts() -> dict[str, int]:
    """How many stores are in each pledge status (NOT_PLEDGED for none), in one query."""
    rows = Store.objects.values_list("pledge__status").annotate(n=Count("id")).order_by()
    return {status or NOT_PLEDGED: count for status, count in rows}


def store_members(*, store: Store) -> QuerySet[Membership]:
    return (
        store.memberships.filter(is_active=True)
        .select_related("user")
        .order_by("role", "created_at")
    )


def member_list() -> QuerySet[Membership]:
    return (
        Membership.objects.filter(is_active=True)
        .select_related("store", "user")
        .order_by("role", "user__email")
    )


def network_overview() -> list[dict[str, object]]:
    """Each network with its head counts, for the platform admins' overview."""
    from django_tenants.utils import schema_context

    rows: list[dict[str, object]] = []
    for network in network_list(active_only=False):
        with schema_context(network.schema_name):
            rows.append(
                {
                    "network": network,
                    "stores": Store.objects.count(),
                    "members": Membership.objects.filter(is_active=True).count(),
                }
            )
    return rows


def invitation_sender(*, invitation: Invitation) -> User | None:
    """Who sent the invitation, if their account still exists (none for the platform's)."""
    from accounts.models import User

    if invitation.invited_by_id is None:
        return None
    return User.objects.filter(pk=invitation.invited_by_id).first()


def role_events(*, limit: int = 200) -> QuerySet[RoleEvent]:
    """The network's latest role changes, newest first, for its coordinators."""
    return RoleEvent.objects.select_related("store")[:limit]
