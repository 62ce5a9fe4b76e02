"""Reads about accounts that several apps share."""

from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress


def email_verified(*, user_id: int | None, email: str) -> bool:
    """Has this person confirmed `email` (compared without case)?"""
    if user_id is None:
        return False
    return EmailAddress.objects.filter(user_id=user_id, email__iexact=email, verified=True).exists()


def holds_role_needing_mfa(*, user: Any) -> bool:
    """Is this person a platform admin, or a coordinator or police officer in any network?
    Opens every network's schema: for rare account changes, not for page views."""
    from django.conf import settings
    from django_tenants.utils import schema_context

    from networks.models import Membership
    from networks.selectors import network_list

    if user.is_staff and settings.PORTAL_MFA_REQUIRED_FOR_PLATFORM_ADMINS:
        return True
    for network in network_list(active_only=False):
        with schema_context(network.schema_name):
            if Membership.objects.filter(
                user_id=user.pk, is_active=True, role__in=settings.PORTAL_MFA_REQUIRED_ROLES
            ).exists():
                return True
    return False


def users_by_id(ids: Iterable[int | None]) -> dict[int, Any]:
    """The users behind ids kept in a network's tables (users live in the public schema)."""
    from accounts.models import User

    wanted = {pk for pk in ids if pk}
    return {user.pk: user for user in User.objects.filter(pk__in=wanted)} if wanted else {}
