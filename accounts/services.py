"""Writes for accounts."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from .models import User


@transaction.atomic
def user_ensure(
    *,
    email: str,
    password: str,
    full_name: str = "",
    is_staff: bool = False,
    email_verified: bool = True,
) -> User:
    """The account for `email`, created if missing; an existing one keeps its password."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, password, full_name=full_name, is_staff=is_staff, is_superuser=is_staff
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"primary": True, "verified": email_verified}
    )
    return user


def user_delete(*, user: User) -> None:
    """Delete an account and its roles in every network (they live in other schemas)."""
    from django_tenants.utils import schema_context

    from networks.models import Membership
    from networks.selectors import network_list

    with transaction.atomic():
        for network in network_list(active_only=False):
            with schema_context(network.schema_name):
                Membership.objects.filter(user_id=user.pk).delete()
        user.delete()
