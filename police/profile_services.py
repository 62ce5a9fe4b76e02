"""Writes of a store's security profile: the owner keeps it, and shares it with the network's
law-enforcement members (or stops sharing) with one button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from networks.closure import network_open_required
from networks.models import Store

from .models import SecurityProfile

if TYPE_CHECKING:
    from accounts.models import User

PROFILE_FIELDS = (
    "alarm_company",
    "alarm_monitoring",
    "holdup_alarm",
    "camera_count",
    "camera_coverage",
    "camera_retention_days",
    "remote_viewing",
    "safes",
    "vault",
    "opening_procedure",
    "closing_procedure",
    "staff_at_opening",
    "staff_at_closing",
    "home_security",
)


class ProfileError(ValidationError):
    """A change the profile page refuses; the message is meant for the owner."""


def profile_of(*, store: Store) -> SecurityProfile:
    """The store's profile, or a blank unsaved one."""
    profile = SecurityProfile.objects.filter(store=store).first()
    return profile if profile is not None else SecurityProfile(store=store)


@transaction.atomic
def profile_save(*, store: Store, by: User, fields: dict[str, object]) -> SecurityProfile:
    """Write the owner's answers. Sharing is left as it was: a shared profile shows the new
    answers to police at once."""
    network_open_required()
    profile, _created = SecurityProfile.objects.select_for_update().get_or_create(store=store)
    changed = ["updated_by_id", "updated_at"]
    for name in PROFILE_FIELDS:
        if name in fields and getattr(profile, name) != fields[name]:
            setattr(profile, name, fields[name])
            changed.append(name)
    profile.updated_by_id = by.pk
    try:
        profile.full_clean(exclude=["store"])
    except ValidationError as error:
        raise ProfileError(error.message_dict) from None
    profile.save(update_fields=changed)
    return profile


@transaction.atomic
def profile_share(*, profile: SecurityProfile, by: User, shared: bool) -> SecurityProfile:
    """Let the network's law-enforcement members read the profile (each read is written to the
    store's access log), or stop letting them."""
    network_open_required()
    if profile.pk is None:
        profile.save()
    profile = SecurityProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.shared_with_police == shared:
        return profile
    profile.shared_with_police = shared
    profile.shared_at = timezone.now() if shared else None
    profile.updated_by_id = by.pk
    profile.save(update_fields=["shared_with_police", "shared_at", "updated_by_id", "updated_at"])
    return profile


def profiles_shared() -> list[SecurityProfile]:
    """The profiles their owners share, for the network's law-enforcement members."""
    return list(
        SecurityProfile.objects.filter(shared_with_police=True)
        .select_related("store")
        .order_by("store__display_name", "store_id")
    )
