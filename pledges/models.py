"""The pledge a store signs, its versions and history (network schemas), and the public
directory of partners and requests for new networks (public schema; see networks.routers)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class PledgeStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# --- Network schemas -------------------------------------------------------------------------


class PledgeVersion(models.Model):
    """The words a partner signs. Editing them publishes a new version; pledges keep theirs."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    introduction = models.TextField(_("introduction"))
    # [{"key": "awareness", "text": "..."}, ...]: each one a required checkbox.
    commitments = models.JSONField(_("commitments"))
    data_terms = models.TextField(_("data terms"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-number"]
        verbose_name = _("pledge version")
        verbose_name_plural = _("pledge versions")

    def __str__(self) -> str:
        return f"v{self.number}"


class Pledge(models.Model):
    Status = PledgeStatus

    # One pledge per store, by construction: a store that comes back renews this one.
    store = models.OneToOneField(
        "networks.Store", on_delete=models.CASCADE, related_name="pledge", verbose_name=_("store")
    )
    version = models.ForeignKey(
        PledgeVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("version")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PledgeStatus.choices, default=PledgeStatus.PENDING
    )
    verification_code = models.CharField(_("verification code"), max_length=9, unique=True)
    signed_by_id = models.BigIntegerField()
    signature_name = models.CharField(_("signed as"), max_length=150)
    signed_at = models.DateTimeField(_("signed"))
    consented_to_terms = models.BooleanField(_("agreed to the data terms"))
    listed_publicly = models.BooleanField(
        _("show this store on the public wall of partners"), default=True
    )
    activated_at = models.DateTimeField(_("partner since"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering: ClassVar = ["-signed_at"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return f"{self.verification_code} ({self.status})"


class PledgeEvent(models.Model):
    """Every change of a pledge's state: who, when, why."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["at", "id"]
        verbose_name = _("pledge event")
        verbose_name_plural = _("pledge events")

    def __str__(self) -> str:
        return f"{self.kind} {self.from_status}->{self.to_status}"


class Acknowledgement(models.Model):
    """A staff member has read the pledge their store signed and commits to it too."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="acknowledgements")
    user_id = models.BigIntegerField()
    version = models.ForeignKey(PledgeVersion, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["pledge", "user_id"], name="one_ack_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} acknowledged {self.pledge_id}"


# --- Public schema ---------------------------------------------------------------------------


class PartnerListing(models.Model):
    """The public face of a pledge, kept in step by the pledge services: lets anyone verify a
    code and lets the public site count and show partners without opening every network."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="partner_listings"
    )
    store_id = models.BigIntegerField()
    verification_code = models.CharField(max_length=9, unique=True)
    display_name = models.CharField(max_length=200)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=2, blank=True)
    status = models.CharField(max_length=12, choices=PledgeStatus.choices)
    partner_since = models.DateTimeField(null=True, blank=True)
    listed_publicly = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["display_name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["network", "store_id"], name="one_listing_per_store")
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.verification_code})"


class NetworkRequest(models.Model):
    """A jeweler asks for a network where none covers them; platform admins decide."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        PROVISIONING = "provisioning", _("Being set up")
        READY = "ready", _("Network ready")
        FAILED = "failed", _("Set-up failed")
        DECLINED = "declined", _("Declined")

    organiser_name = models.CharField(_("your name"), max_length=150)
    organiser_email = models.EmailField(_("your email"))
    organiser_phone = models.CharField(_("your phone"), max_length=32, blank=True)
    network_name = models.CharField(_("name of the network"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=40)
    country = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("state or province"), max_length=100, blank=True)
    cities = models.CharField(_("cities covered"), max_length=500, blank=True)
    expected_members = models.PositiveIntegerField(_("expected member stores"))
    message = models.TextField(_("anything else we should know"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    network = models.ForeignKey(
        "networks.Network", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        verbose_name = _("network request")
        verbose_name_plural = _("network requests")

    def __str__(self) -> str:
        return self.network_name
