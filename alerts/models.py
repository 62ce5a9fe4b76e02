"""Alerts a network's coordinator broadcasts (network schemas).

An `Alert` is written as a draft and sent once. Sending writes its audience as `Recipient`
rows (members, law-enforcement contacts without an account, registered webhooks) and one
`Delivery` per recipient and channel, in the same transaction as the alert's change of status:
the deliveries are the outbox. Celery carries batches of delivery ids to the workers;
PostgreSQL is the record of what was sent, so a lost task, a killed worker or a flushed Redis
loses nothing (a sweeper re-enqueues what is left) and a redelivered task sends nothing twice
(a delivery is claimed with a conditional update before its provider call).

People are kept as user ids (users live in the public schema), as everywhere in a network.
"""

from __future__ import annotations

import secrets
import uuid
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from incidents.models import IncidentType


class Severity(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    ADVISORY = "advisory", _("Advisory")
    UPDATE = "update", _("Update")
    ALL_CLEAR = "all_clear", _("All clear")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
    WEBHOOK = "webhook", _("Webhook")
    INBOX = "inbox", _("Portal inbox")


class Digest(models.TextChoices):
    NONE = "none", _("No digest")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class AlertPreference(models.Model):
    """How one member of this network wants alerts: channels, phone, quiet hours, digest.

    A member without a row gets the defaults (email and inbox, no SMS until they give a phone).
    """

    user_id = models.BigIntegerField(unique=True)
    # E.164 (+15551234567), checked with `phonenumbers` before it is stored.
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email_on = models.BooleanField(_("email"), default=True)
    sms_on = models.BooleanField(_("text message (SMS)"), default=True)
    # Quiet hours, in the network's time zone; only urgent alerts break them. Both or neither.
    quiet_start = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_end = models.TimeField(_("quiet until"), null=True, blank=True)
    digest = models.CharField(
        _("digest of advisories"), max_length=8, choices=Digest.choices, default=Digest.WEEKLY
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("alert preference")
        verbose_name_plural = _("alert preferences")

    def __str__(self) -> str:
        return f"alert preferences of {self.user_id}"


class LawEnforcementContact(models.Model):
    """Police who receive alerts without an account, kept by the coordinator with consent."""

    name = models.CharField(_("name"), max_length=150)
    agency = models.CharField(_("agency"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email_on = models.BooleanField(_("email"), default=True)
    sms_on = models.BooleanField(_("text message (SMS)"), default=True)
    consent_at = models.DateTimeField(_("consent given"))
    consent_note = models.CharField(_("how consent was given"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)
    created_by_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["agency", "name", "id"]
        verbose_name = _("law-enforcement contact")
        verbose_name_plural = _("law-enforcement contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


def _webhook_secret() -> str:
    return secrets.token_hex(32)


class Webhook(models.Model):
    """A URL the coordinator registered (a Slack or Teams channel, a police system) that gets
    each alert as a JSON POST signed with HMAC-SHA256 over `secret`."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(max_length=64, default=_webhook_secret, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["name", "id"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name


class Deputy(models.Model):
    """A member the coordinator lets compose and send alerts while they are away."""

    user_id = models.BigIntegerField(unique=True)
    appointed_by_id = models.BigIntegerField()
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")

    def __str__(self) -> str:
        return f"deputy {self.user_id}"


class AlertReport(models.Model):
    """What a member tells the coordinator from their phone, for an alert to be made of."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        USED = "used", _("Turned into an alert")
        DISMISSED = "dismissed", _("Dismissed")

    store = models.ForeignKey(
        "networks.Store", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The casing warning prepares a report by itself (no person wrote it).
    reported_by_id = models.BigIntegerField(null=True, blank=True)
    is_casing_warning = models.BooleanField(default=False)
    text = models.TextField(_("what you saw"), max_length=4000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by_id = models.BigIntegerField(null=True, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name = _("report to the coordinator")
        verbose_name_plural = _("reports to the coordinator")

    def __str__(self) -> str:
        return f"report {self.pk}"


class Alert(models.Model):
    Severity = Severity

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    class Origin(models.TextChoices):
        SCRATCH = "scratch", _("Written from scratch")
        INCIDENT = "incident", _("From shared incidents")
        REPORT = "report", _("From a member's report")
        CASING = "casing", _("From the casing warning")

    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.SCRATCH)
    # An update or all clear follows the alert it is threaded under.
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )
    headline = models.CharField(_("headline"), max_length=140)
    # The eight details the movement asks every alert to carry.
    occurred_at = models.DateTimeField(_("date and time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    crime_type = models.CharField(
        _("type of crime"), max_length=16, choices=IncidentType.choices, blank=True
    )
    suspect_count = models.PositiveSmallIntegerField(_("number of suspects"), null=True, blank=True)
    suspects = models.TextField(_("description of the suspects"), max_length=4000, blank=True)
    method = models.TextField(_("method"), max_length=4000, blank=True)
    property_taken = models.TextField(_("property taken"), max_length=4000, blank=True)
    vehicle = models.TextField(_("vehicle"), max_length=2000, blank=True)
    # What is sent: filled from the details by the alert type's template, then editable.
    message = models.TextField(_("message"), max_length=6000, blank=True)
    sms_text = models.TextField(_("text message"), max_length=1000, blank=True)
    incidents = models.ManyToManyField("incidents.Incident", blank=True, related_name="+")
    report = models.ForeignKey(
        AlertReport, on_delete=models.SET_NULL, null=True, blank=True, related_name="alerts"
    )
    # Audience: any mix of these.
    to_all_members = models.BooleanField(_("all members"), default=True)
    to_stores = models.ManyToManyField("networks.Store", blank=True, related_name="+")
    near_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    near_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    near_km = models.DecimalField(
        _("within (km)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    to_law_enforcement = models.BooleanField(_("law-enforcement contacts"), default=True)
    to_webhooks = models.BooleanField(_("registered webhooks"), default=True)
    # Urgent alerts: members who have not acknowledged after this long get the SMS again.
    escalate_minutes = models.PositiveSmallIntegerField(default=10)
    escalated_at = models.DateTimeField(null=True, blank=True)
    created_by_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_by_id = models.BigIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set when no delivery is left queued or being sent.
    finished_at = models.DateTimeField(null=True, blank=True)
    expected_finish_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        indexes: ClassVar = [models.Index(fields=["status", "-sent_at"], name="alert_status_sent")]

    def __str__(self) -> str:
        return self.headline

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def thread_root(self) -> Alert:
        return self.parent if self.parent_id is not None and self.parent else self


def alert_photo_path(instance: AlertPhoto, filename: str) -> str:
    # Never the uploaded name, never guessable: served only through the checking view.
    return f"alerts/{uuid.uuid4().hex}"


class AlertPhoto(models.Model):
    """A photo the alert carries: one of its incidents' evidence, or uploaded with it."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="photos")
    evidence = models.ForeignKey(
        "incidents.Evidence", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Uploaded photos are stripped and resized like evidence; evidence photos use theirs.
    display = models.FileField(upload_to=alert_photo_path, blank=True)
    thumbnail = models.FileField(upload_to=alert_photo_path, blank=True)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    added_by_id = models.BigIntegerField()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["alert", "evidence"],
                condition=models.Q(evidence__isnull=False),
                name="alert_photo_evidence_once",
            )
        ]

    def __str__(self) -> str:
        return f"photo {self.pk} of alert {self.alert_id}"


class Recipient(models.Model):
    """One addressee of a sent alert: a member, a law-enforcement contact or a webhook.

    Written when the alert is sent, with the addresses of that moment, so that the record of
    who was told what does not change when someone edits their profile afterwards.
    """

    class Kind(models.TextChoices):
        MEMBER = "member", _("Member")
        CONTACT = "contact", _("Law-enforcement contact")
        WEBHOOK = "webhook", _("Webhook")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="recipients")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    user_id = models.BigIntegerField(null=True, blank=True)
    # Indexed only where set (Meta.indexes): a member's row, most of an alert's thousands,
    # would otherwise add two index entries of NULL to the send's one statement.
    contact = models.ForeignKey(
        LawEnforcementContact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    webhook = models.ForeignKey(
        Webhook, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    store = models.ForeignKey(
        "networks.Store", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=20, blank=True)
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=10, blank=True)
    # Order on the printed calling tree (members without a working digital channel first).
    call_order = models.PositiveIntegerField(default=0)
    read_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_via = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering: ClassVar = ["call_order", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["alert", "user_id"],
                condition=models.Q(user_id__isnull=False),
                name="recipient_member_once",
            ),
            models.UniqueConstraint(
                fields=["alert", "contact"],
                condition=models.Q(contact__isnull=False),
                name="recipient_contact_once",
            ),
            models.UniqueConstraint(
                fields=["alert", "webhook"],
                condition=models.Q(webhook__isnull=False),
                name="recipient_webhook_once",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["user_id", "alert"], name="recipient_inbox"),
            models.Index(
                fields=["contact"],
                condition=models.Q(contact__isnull=False),
                name="recipient_contact",
            ),
            models.Index(
                fields=["webhook"],
                condition=models.Q(webhook__isnull=False),
                name="recipient_webhook",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} of alert {self.alert_id}"


class Delivery(models.Model):
    """One message of one alert to one recipient on one channel (round 2: the SMS sent again
    to an urgent alert's members who had not acknowledged)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # No index of their own: "delivery_progress" starts with the alert and
    # "delivery_once_per_round" with the recipient. An alert's send writes its deliveries in one
    # statement before the first message can go, and each index entry is paid for there.
    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    recipient = models.ForeignKey(
        Recipient, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    round = models.PositiveSmallIntegerField(default=1)
    address = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Lower goes first: urgent alerts overtake advisories already in flight.
    priority = models.PositiveSmallIntegerField(default=5)
    # Held until then (quiet hours, or a retry's backoff).
    not_before = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    provider_ref = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["recipient", "channel", "round"], name="delivery_once_per_round"
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["alert", "channel", "status"], name="delivery_progress"),
            # The sweeper's question: what is still to do?
            models.Index(
                fields=["status", "not_before"],
                condition=models.Q(status__in=["queued", "sending"]),
                name="delivery_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.pk} ({self.status})"


class SmsOutboxMessage(models.Model):
    """Text messages the development SMS backend "sent": an outbox every coordinator can read,
    so the whole journey can be tried without a provider account."""

    to = models.CharField(max_length=20)
    body = models.TextField()
    delivery_id = models.BigIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"SMS to {self.to}"
