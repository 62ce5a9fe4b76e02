"""Reads for networks that several callers share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django_tenants.utils import get_public_schema_name

from .models import Membership, Network, Store

if TYPE_CHECKING:
    from accounts.models import User


def network_list(*, active_only: bool = True) -> QuerySet[Network]:
    networks = Network.objects.exclude(schema_name=get_public_schema_name())
    if active_only:
        networks = networks.filter(is_active=True)
    return networks.prefetch_related("domains")


def membership_of(*, user: User) -> Membership | None:
    """The person's membership in the network whose schema is active, if any."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("store").filter(user_id=user.pk, is_active=True).first()
    )


def store_list() -> QuerySet[Store]:
    return Store.objects.all()


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
