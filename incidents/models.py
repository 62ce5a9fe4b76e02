"""Each store's suspicious-incident logbook (network schemas).

An incident belongs to one store. Its suspects, vehicles, items taken and evidence hang off
it; every change leaves a revision; nothing is deleted, only voided with a reason. People are
kept as user ids (users live in the public schema), as everywhere inside a network.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import ClassVar

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class IncidentType(models.TextChoices):
    CASING = "casing", _("Casing the store")
    DISTRACTION = "distraction", _("Distraction theft")
    SWITCH = "switch", _("Switch or swap")
    GRAB = "grab", _("Grab and run")
    SMASH = "smash", _("Smash and grab")
    BURGLARY = "burglary", _("Burglary")
    ROBBERY = "robbery", _("Robbery")
    FRAUD = "fraud", _("Fraud or counterfeit payment")
    CONTACT = "contact", _("Suspicious call or email")
    OUTSIDE = "outside", _("Suspicious vehicle or person outside")
    OTHER = "other", _("Other")


class Location(models.TextChoices):
    INSIDE = "inside", _("Inside the store")
    DOOR = "door", _("At the door")
    OUTSIDE = "outside", _("Outside")
    PARKING = "parking", _("Parking")


class Incident(models.Model):
    Type = IncidentType
    Location = Location

    store = models.ForeignKey(
        "networks.Store",
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("store"),
    )
    kind = models.CharField(_("type"), max_length=16, choices=IncidentType.choices)
    started_at = models.DateTimeField(_("when it started"))
    ended_at = models.DateTimeField(_("when it ended"), null=True, blank=True)
    location = models.CharField(_("where"), max_length=10, choices=Location.choices, blank=True)
    location_detail = models.CharField(_("where exactly"), max_length=200, blank=True)
    summary = models.CharField(_("summary"), max_length=200)
    narrative = models.TextField(_("what happened"), blank=True)
    suspect_count = models.PositiveSmallIntegerField(_("number of suspects"), null=True, blank=True)
    method = models.TextField(_("method (how they operated)"), blank=True)
    anything_taken = models.BooleanField(_("something was taken"), default=False)
    police_called = models.BooleanField(_("police were called"), default=False)
    police_agency = models.CharField(_("police agency"), max_length=200, blank=True)
    police_report_number = models.CharField(_("police report number"), max_length=100, blank=True)
    police_officer = models.CharField(_("officer"), max_length=200, blank=True)
    injuries = models.TextField(_("injuries"), blank=True)
    # Only the store (and the coordinator and police) read these, never other stores.
    internal_notes = models.TextField(_("internal notes"), blank=True)

    # A quick log is not complete until someone fills in the rest from the "to finish" list.
    is_complete = models.BooleanField(_("complete"), default=True)
    is_shared = models.BooleanField(_("shared with the network"), default=False)
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True)
    shared_by_id = models.BigIntegerField(null=True, blank=True)
    voided_at = models.DateTimeField(_("voided"), null=True, blank=True)
    voided_by_id = models.BigIntegerField(null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)

    # Computed from the items by the services, never typed.
    loss_total = models.DecimalField(
        _("total retail value taken"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    # Denormalised flags for the logbook's filters (kept by the services).
    has_suspects = models.BooleanField(default=False)
    has_vehicles = models.BooleanField(default=False)
    redacted_at = models.DateTimeField(_("redacted"), null=True, blank=True)

    logged_by_id = models.BigIntegerField()
    logged_at = models.DateTimeField(_("logged"), auto_now_add=True)
    updated_by_id = models.BigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Sent by the form (and by a draft replayed after a dropped connection): a second submit
    # with the same token returns the incident the first one made.
    client_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    # Full-text (the network's language) over the words; trigram over plates and serials.
    search_vector = SearchVectorField(null=True, editable=False)
    identifiers = models.TextField(blank=True, editable=False)

    class Meta:
        ordering: ClassVar = ["-started_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes: ClassVar = [
            models.Index(fields=["store", "-started_at", "-id"], name="incident_store_started"),
            models.Index(fields=["-started_at", "-id"], name="incident_started"),
            models.Index(
                fields=["-started_at", "-id"],
                name="incident_shared_started",
                condition=models.Q(is_shared=True, voided_at__isnull=True),
            ),
            # The "to finish" list and its counts on every logbook page and dashboard.
            models.Index(
                fields=["store", "-started_at", "-id"],
                name="incident_to_finish",
                condition=models.Q(is_complete=False, voided_at__isnull=True),
            ),
            # The crime statistics' counts (stats.network_figures) read a period of standing
            # incidents from this index alone, without visiting the table.
            models.Index(
                fields=["started_at"],
                include=["kind", "store_id", "is_shared", "loss_total", "suspect_count"],
                condition=models.Q(voided_at__isnull=True),
                name="incident_stats",
            ),
            GinIndex(fields=["search_vector"], name="incident_search"),
            GinIndex(
                fields=["identifiers"], name="incident_identifiers_trgm", opclasses=["gin_trgm_ops"]
            ),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="incident_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.summary}"

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None


class Suspect(models.Model):
    """What was seen of one person. There is deliberately no field for race, ethnicity,
    religion or any other protected category: describe what anyone could check."""

    class AgeRange(models.TextChoices):
        UNDER_18 = "u18", _("Under 18")
        AGE_18_25 = "18-25", _("18 to 25")
        AGE_26_35 = "26-35", _("26 to 35")
        AGE_36_45 = "36-45", _("36 to 45")
        AGE_46_60 = "46-60", _("46 to 60")
        OVER_60 = "60+", _("Over 60")

    class Build(models.TextChoices):
        SLIM = "slim", _("Slim")
        MEDIUM = "medium", _("Medium")
        HEAVY = "heavy", _("Heavy")
        MUSCULAR = "muscular", _("Muscular")

    # The fields that count as concrete details (see `detail_count`).
    DETAIL_FIELDS: ClassVar = (
        "age_range",
        "height",
        "build",
        "hair",
        "facial_hair",
        "clothing_top",
        "clothing_bottom",
        "headwear",
        "shoes",
        "distinguishing_marks",
        "accent",
        "behaviour",
    )
    THIN_BELOW = 3

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="suspects")
    position = models.PositiveSmallIntegerField(default=1)
    age_range = models.CharField(
        _("apparent age"), max_length=8, choices=AgeRange.choices, blank=True
    )
    height = models.CharField(_("height"), max_length=60, blank=True)
    build = models.CharField(_("build"), max_length=10, choices=Build.choices, blank=True)
    hair = models.CharField(_("hair"), max_length=120, blank=True)
    facial_hair = models.CharField(_("facial hair"), max_length=120, blank=True)
    clothing_top = models.CharField(_("clothing, top"), max_length=200, blank=True)
    clothing_bottom = models.CharField(_("clothing, bottom"), max_length=200, blank=True)
    headwear = models.CharField(_("headwear"), max_length=200, blank=True)
    shoes = models.CharField(_("shoes"), max_length=200, blank=True)
    distinguishing_marks = models.CharField(
        _("distinguishing marks (tattoos, scars)"), max_length=300, blank=True
    )
    accent = models.CharField(_("accent or language"), max_length=120, blank=True)
    behaviour = models.TextField(_("behaviour"), blank=True)
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        verbose_name = _("suspect")
        verbose_name_plural = _("suspects")

    def __str__(self) -> str:
        return f"suspect {self.position} of #{self.incident_id}"

    @property
    def detail_count(self) -> int:
        return sum(1 for name in self.DETAIL_FIELDS if str(getattr(self, name)).strip())

    @property
    def is_thin(self) -> bool:
        """Too few concrete details to help anyone recognise the person (and too few to
        keep a description from being about who someone seems to be rather than what
        they did and wore)."""
        return self.redacted_at is None and self.detail_count < self.THIN_BELOW


class Vehicle(models.Model):
    class Body(models.TextChoices):
        SEDAN = "sedan", _("Sedan")
        SUV = "suv", _("SUV")
        PICKUP = "pickup", _("Pickup truck")
        VAN = "van", _("Van")
        HATCHBACK = "hatchback", _("Hatchback")
        COUPE = "coupe", _("Coupe")
        MOTORCYCLE = "motorcycle", _("Motorcycle or scooter")
        OTHER = "other", _("Other")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="vehicles")
    position = models.PositiveSmallIntegerField(default=1)
    make = models.CharField(_("make"), max_length=60, blank=True)
    model = models.CharField(_("model"), max_length=60, blank=True)
    colour = models.CharField(_("colour"), max_length=40, blank=True)
    body = models.CharField(_("body type"), max_length=12, choices=Body.choices, blank=True)
    plate = models.CharField(_("plate"), max_length=16, blank=True)
    plate_is_partial = models.BooleanField(_("only part of the plate"), default=False)
    plate_region = models.CharField(_("plate's state or province"), max_length=60, blank=True)
    direction = models.CharField(_("direction of travel"), max_length=120, blank=True)
    marks = models.CharField(_("marks (damage, stickers)"), max_length=300, blank=True)
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")

    def __str__(self) -> str:
        return f"vehicle {self.position} of #{self.incident_id}"


class StolenItem(models.Model):
    class Category(models.TextChoices):
        RING = "ring", _("Ring")
        LOOSE_DIAMOND = "loose_diamond", _("Loose diamond")
        LOOSE_GEMSTONE = "loose_gem", _("Loose gemstone")
        WATCH = "watch", _("Watch")
        NECKLACE = "necklace", _("Necklace or pendant")
        BRACELET = "bracelet", _("Bracelet")
        EARRINGS = "earrings", _("Earrings")
        CHAIN = "chain", _("Chain")
        BULLION = "bullion", _("Gold or bullion")
        CASH = "cash", _("Cash")
        OTHER = "other", _("Other")

    # What identifies one piece: searched as substrings, listed in the packet's schedule.
    IDENTIFIER_FIELDS: ClassVar = (
        "serial_number",
        "certificate_number",
        "laser_inscription",
        "watch_reference",
        "watch_case_number",
    )

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=1)
    description = models.CharField(_("description"), max_length=300)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit_value = models.DecimalField(
        _("retail value (each)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    certificate_number = models.CharField(
        _("certificate number (GIA or other lab)"), max_length=100, blank=True
    )
    laser_inscription = models.CharField(_("laser inscription"), max_length=100, blank=True)
    watch_reference = models.CharField(_("watch reference"), max_length=100, blank=True)
    watch_case_number = models.CharField(_("watch case number"), max_length=100, blank=True)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        verbose_name = _("item taken")
        verbose_name_plural = _("items taken")

    def __str__(self) -> str:
        return self.description

    @property
    def line_total(self) -> Decimal:
        return (self.unit_value or Decimal("0")) * self.quantity

    @property
    def identifiers(self) -> list[tuple[str, str]]:
        names = self.IDENTIFIER_FIELDS
        return [
            (str(getattr(self._meta.get_field(name), "verbose_name", name)), getattr(self, name))
            for name in names
            if getattr(self, name)
        ]


def evidence_path(instance: Evidence, filename: str) -> str:
    # Never the uploaded name, never guessable: served only through the checking view.
    return f"evidence/{uuid.uuid4().hex}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo or still")
        CLIP = "clip", _("Video clip")
        DOCUMENT = "document", _("PDF document")

    class Status(models.TextChoices):
        PROCESSING = "processing", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be prepared")
        REDACTED = "redacted", _("Removed after the retention period")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROCESSING
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    # Internal evidence stays with the store, the coordinator and the police.
    is_internal = models.BooleanField(_("internal (not shown to other stores)"), default=False)
    original = models.FileField(upload_to=evidence_path, blank=True)
    display = models.FileField(upload_to=evidence_path, blank=True)
    thumbnail = models.FileField(upload_to=evidence_path, blank=True)
    content_type = models.CharField(max_length=100)
    original_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by_id = models.BigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["uploaded_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.kind} of #{self.incident_id}"


class IncidentRevision(models.Model):
    """One change to an incident: who, when, which fields, and what they held before."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Logged")
        EDITED = "edited", _("Edited")
        COMPLETED = "completed", _("Completed")
        SHARED = "shared", _("Shared with the network")
        UNSHARED = "unshared", _("Kept to the store")
        VOIDED = "voided", _("Voided")
        EVIDENCE = "evidence", _("Evidence added")
        REDACTED = "redacted", _("Redacted after the retention period")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(_("what happened"), max_length=10, choices=Kind.choices)
    by_id = models.BigIntegerField(null=True, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    fields = models.JSONField(_("fields changed"), default=list)
    # {field name: value before}; lists of suspects/vehicles/items as lists of dicts.
    previous = models.JSONField(default=dict)
    note = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["at", "id"]
        verbose_name = _("incident revision")
        verbose_name_plural = _("incident revisions")

    def __str__(self) -> str:
        return f"{self.kind} #{self.incident_id}"


class AccessLogEntry(models.Model):
    """A law-enforcement view of an incident, or an export by anyone: who, when, what, why."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        EVIDENCE = "evidence", _("Opened evidence")
        CSV = "csv", _("Exported the list (CSV)")
        LOGBOOK_PDF = "logbook_pdf", _("Exported the logbook (PDF)")
        PACKET_PDF = "packet_pdf", _("Exported the police and insurer packet (PDF)")
        # A store's police-partnership records, read by a law-enforcement member (police app).
        PROFILE = "profile", _("Read the security profile")
        PLAN = "plan", _("Read a response plan")
        PLAN_PDF = "plan_pdf", _("Printed a response plan (PDF)")

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, null=True, blank=True, related_name="access_log"
    )
    # The store whose logbook was read (for an export of one store's list or logbook).
    store = models.ForeignKey(
        "networks.Store", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user_id = models.BigIntegerField()
    email = models.EmailField(_("who"))
    role = models.CharField(_("role"), max_length=20)
    action = models.CharField(_("what"), max_length=12, choices=Action.choices)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes: ClassVar = [models.Index(fields=["-at"], name="incident_access_at")]

    def __str__(self) -> str:
        return f"{self.email} {self.action} {self.at:%Y-%m-%d}"


class IncidentExport(models.Model):
    """A large export (CSV or logbook PDF) built by a task, with its progress."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        LOGBOOK_PDF = "logbook_pdf", _("Logbook PDF")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    format = models.CharField(max_length=12, choices=Format.choices)
    requested_by_id = models.BigIntegerField()
    # The filters of the list it was asked from, as the query string held them.
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="incident-exports/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        verbose_name = _("incident export")
        verbose_name_plural = _("incident exports")

    def __str__(self) -> str:
        return f"{self.format} {self.status}"

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else min(100, self.done * 100 // self.total)


class RetentionRun(models.Model):
    """What one nightly retention pass removed in this network."""

    ran_at = models.DateTimeField(auto_now_add=True)
    cutoff = models.DateTimeField()
    incidents = models.PositiveIntegerField(default=0)
    suspects = models.PositiveIntegerField(default=0)
    vehicles = models.PositiveIntegerField(default=0)
    evidence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["-ran_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"retention {self.ran_at:%Y-%m-%d} before {self.cutoff:%Y-%m-%d}"
