"""A crime-prevention network (one PostgreSQL schema each), its hosts, its stores and members.

Network and Domain live in the public schema; Store and Membership inside each network's own
schema (see networks.routers), so a query for stores can only ever see the current network's.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin


class Network(TenantMixin):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    region = models.CharField(_("state or province"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, e.g. US"))
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    # Where the network works, for the network finder.
    cities = ArrayField(
        models.CharField(max_length=100), verbose_name=_("cities"), default=list, blank=True
    )
    postal_prefixes = ArrayField(
        models.CharField(max_length=10),
        verbose_name=_("postal code prefixes"),
        default=list,
        blank=True,
        help_text=_("The start of the postal codes the network covers, e.g. 902 or M5A."),
    )
    requires_pledge_approval = models.BooleanField(
        _("pledges need a coordinator's approval"), default=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", help_text=_("ISO 4217 code, e.g. USD or CAD")
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep suspect descriptions, plates and evidence for (months)"),
        default=24,
        help_text=_("After this, a nightly job removes them from incidents; the rest stays."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    auto_create_schema = True
    auto_drop_schema = False

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.schema_name == "public"

    @property
    def zone(self) -> dt.tzinfo:
        """The network's time zone; UTC if the stored name is unknown to this machine."""
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt.UTC


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.domain


class Store(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=200)
    display_name = models.CharField(_("display name"), max_length=200)
    address_line1 = models.CharField(_("address"), max_length=200)
    address_line2 = models.CharField(_("address (line 2)"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("state or province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    staff_count = models.PositiveIntegerField(_("number of staff"), null=True, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    # Lower-cased, accent- and punctuation-free name and address: one store, one row.
    identity_key = models.CharField(max_length=600, unique=True, editable=False)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    share_incidents_by_default = models.BooleanField(
        _("share new incidents with the network"),
        default=True,
        help_text=_("The owner can still keep any one incident to the store."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering: ClassVar = ["display_name"]
        verbose_name = _("store")
        verbose_name_plural = _("stores")

    def __str__(self) -> str:
        return self.display_name


class Membership(models.Model):
    class Role(models.TextChoices):
        STORE_OWNER = "store_owner", _("Store owner")
        STORE_STAFF = "store_staff", _("Store staff")
        COORDINATOR = "coordinator", _("Coordinator")
        LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")

    STORE_ROLES: ClassVar = (Role.STORE_OWNER, Role.STORE_STAFF)

    # Users live in the public schema. A database-level foreign key from a network schema
    # into public would block truncating or deleting users from public (PostgreSQL checks
    # constraints across schemas), and Django's cascade would look for memberships in the
    # public schema: accounts.services.user_delete removes them network by network.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    store = models.ForeignKey(
        Store,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("store"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user"], name="membership_one_per_user"),
            # Store people belong to a store; coordinators and police to the whole network.
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=["store_owner", "store_staff"], store__isnull=False)
                    | models.Q(role__in=["coordinator", "law_enforcement"], store__isnull=True)
                ),
                name="membership_store_matches_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role}"

    @property
    def is_store_member(self) -> bool:
        return self.role in self.STORE_ROLES


class RoleEvent(models.Model):
    """One grant or revocation of a role in this network: who, which role, by whom, how.
    Written by the services that change memberships; read by the network's coordinators."""

    class Change(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REVOKED = "revoked", _("Revoked")

    user_id = models.BigIntegerField()
    # The address at the time: the account may be deleted later, the record stays.
    email = models.EmailField(_("person"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    store = models.ForeignKey(
        Store,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("store"),
    )
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    by_id = models.BigIntegerField(null=True, blank=True)
    by_email = models.EmailField(_("by"), blank=True)
    how = models.CharField(_("how"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-at", "-id"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self) -> str:
        return f"{self.change} {self.role} {self.email}"


class Invitation(models.Model):
    """A single-use, expiring link that makes the invited person a member of this network."""

    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    store = models.ForeignKey(
        Store,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("store"),
    )
    # Only the SHA-256 of the token is stored; the token itself travels in the email.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by_id = models.BigIntegerField(null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"
