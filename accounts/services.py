"""Writes for accounts."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_noop

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
    """Delete an account and its roles in every network (they live in other schemas). The
    pledges it signed pass to another owner of the store or are withdrawn, and the
    invitations it sent stop working (pledges.services.pledges_signer_leave)."""
    from django_tenants.utils import schema_context

    from networks.models import Membership, RoleEvent
    from networks.selectors import network_list
    from networks.services import role_event_record
    from pledges.services import pledges_signer_leave

    with transaction.atomic():
        for network in network_list(active_only=False):
            with schema_context(network.schema_name):
                pledges_signer_leave(user=user)
                for membership in Membership.objects.filter(user_id=user.pk, is_active=True):
                    membership.user = user
                    role_event_record(
                        membership=membership,
                        change=RoleEvent.Change.REVOKED,
                        by=None,
                        how=gettext_noop("account deleted"),
                    )
                Membership.objects.filter(user_id=user.pk).delete()
        user.delete()


def sessions_end(*, user_id: int) -> None:
    """End every session of this person, on every device and every network's host."""
    User.objects.filter(pk=user_id).update(sessions_epoch=F("sessions_epoch") + 1)


@transaction.atomic
def user_deactivate(*, user: User) -> User:
    """The account can no longer log in, and whoever is logged in as it is logged out."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end(user_id=user.pk)
    return user
