"""A store's standing relationship with its police (network schemas).

Everything here belongs to one store: its police contacts and the meetings held with them
(with follow-ups), its security profile, its patrol requests and its response plans. The
owner keeps them; staff read the plans; the network's law-enforcement members read what the
owner shares (the profile once shared, every published plan version, every patrol request)
and answer patrol requests and plan reviews. Network-wide, the coordinator keeps the plan
templates every store starts from.

People are kept as user ids (users live in the public schema), as everywhere in a network.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reach(models.TextChoices):
    """How a police contact prefers to be reached."""

    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")


class PoliceContact(models.Model):
    store = models.ForeignKey(
        "networks.Store", on_delete=models.CASCADE, related_name="police_contacts"
    )
    name = models.CharField(_("name"), max_length=120)
    agency = models.CharField(_("agency"), max_length=150)
    unit = models.CharField(_("unit"), max_length=120, blank=True)
    rank = models.CharField(_("rank"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)  # E.164
    email = models.EmailField(_("email"), blank=True)
    preferred = models.CharField(
        _("preferred way to reach them"), max_length=10, choices=Reach.choices, default=Reach.PHONE
    )
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    # The network's law-enforcement member this contact is (matched by email), if any.
    member_user_id = models.BigIntegerField(null=True, blank=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering: ClassVar = ["name", "id"]
        verbose_name = _("police contact")
        verbose_name_plural = _("police contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class Meeting(models.Model):
    """A meeting, visit or call with the store's police contacts, and what was said."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting at the store")
        WALKTHROUGH = "walkthrough", _("Security walk-through")
        VISIT = "visit", _("Patrol visit")
        CALL = "call", _("Phone or video call")
        ELSEWHERE = "elsewhere", _("Meeting elsewhere")

    store = models.ForeignKey("networks.Store", on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MEETING)
    contacts = models.ManyToManyField(
        PoliceContact, blank=True, related_name="meetings", verbose_name=_("police contacts")
    )
    attendees = models.CharField(_("also there"), max_length=300, blank=True)
    discussed = models.TextField(_("what was discussed"), max_length=4000)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-held_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class FollowUp(models.Model):
    """Something agreed at a meeting, due by a date: the store's to do, or a police contact's."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    store = models.ForeignKey("networks.Store", on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("follow-up"), max_length=300)
    due_on = models.DateField(_("due"))
    # Whose it is: a police contact's (shown on their desk when they are a member), else the
    # store's.
    contact = models.ForeignKey(
        PoliceContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("police contact responsible"),
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by_id = models.BigIntegerField(null=True, blank=True)
    # The day its reminder went out: one reminder a follow-up, sent when it falls due.
    reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes: ClassVar = [
            models.Index(
                fields=["due_on"], name="police_followup_open_due", condition=models.Q(done_at=None)
            )
        ]

    def __str__(self) -> str:
        return self.text


class AlarmMonitoring(models.TextChoices):
    CENTRAL_STATION = "central", _("Central station, around the clock")
    POLICE_LINKED = "police", _("Linked to the police")
    OWNER_ONLY = "owner", _("Calls the owner only")
    LOCAL = "local", _("Local siren only")
    NONE = "none", _("No alarm")


class SecurityProfile(models.Model):
    """What police need to know to help the store: short answers, one per question. Private to
    the store until its owner shares it with the network's law-enforcement members."""

    store = models.OneToOneField(
        "networks.Store", on_delete=models.CASCADE, related_name="security_profile"
    )
    alarm_company = models.CharField(_("alarm company"), max_length=120, blank=True)
    alarm_monitoring = models.CharField(
        _("alarm monitoring"), max_length=10, choices=AlarmMonitoring.choices, blank=True
    )
    holdup_alarm = models.CharField(_("holdup buttons (where)"), max_length=200, blank=True)
    camera_count = models.PositiveSmallIntegerField(_("number of cameras"), null=True, blank=True)
    camera_coverage = models.CharField(_("where the cameras look"), max_length=300, blank=True)
    camera_retention_days = models.PositiveSmallIntegerField(
        _("days of recordings kept"), null=True, blank=True
    )
    remote_viewing = models.BooleanField(_("police can be given a live view"), default=False)
    safes = models.CharField(_("safes"), max_length=300, blank=True)
    vault = models.CharField(_("vault"), max_length=300, blank=True)
    opening_procedure = models.CharField(_("opening procedure"), max_length=500, blank=True)
    closing_procedure = models.CharField(_("closing procedure"), max_length=500, blank=True)
    staff_at_opening = models.PositiveSmallIntegerField(
        _("staff on duty at opening"), null=True, blank=True
    )
    staff_at_closing = models.PositiveSmallIntegerField(
        _("staff on duty at closing"), null=True, blank=True
    )
    home_security = models.CharField(
        _("what the owner asks for at home"), max_length=500, blank=True
    )
    shared_with_police = models.BooleanField(_("shared with the network's police"), default=False)
    shared_at = models.DateTimeField(null=True, blank=True)
    updated_by_id = models.BigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("security profile")
        verbose_name_plural = _("security profiles")

    def __str__(self) -> str:
        return f"Security profile #{self.store_id}"


class PatrolRequest(models.Model):
    class Reason(models.TextChoices):
        TRANSPORT = "transport", _("Moving valuables")
        EVENT = "event", _("In-store event")
        CLOSED = "closed", _("Store closed")
        AWAY = "away", _("Owner away (trade show, vacation)")
        CASING = "casing", _("After a casing incident")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    store = models.ForeignKey(
        "networks.Store", on_delete=models.CASCADE, related_name="patrol_requests"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    incident = models.ForeignKey(
        "incidents.Incident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("incident"),
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    times = models.CharField(_("when exactly"), max_length=200, blank=True)
    details = models.TextField(_("what the police should know"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    requested_by_id = models.BigIntegerField(null=True, blank=True)
    answered_by_id = models.BigIntegerField(null=True, blank=True)
    answered_by_name = models.CharField(_("answered by"), max_length=150, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer_note = models.CharField(_("note"), max_length=500, blank=True)
    # Bumped on every change, so calendars replace the event they hold (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["starts_at", "id"]
        verbose_name = _("patrol request")
        verbose_name_plural = _("patrol requests")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="police_patrol_ends_after_start",
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["status", "starts_at"], name="police_patrol_open")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.starts_at:%Y-%m-%d}"


class CalendarFeed(models.Model):
    """A person's private calendar address (an .ics feed a calendar app polls without
    logging in): only the hash of its token is kept; a new one replaces the old."""

    user_id = models.BigIntegerField(unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"Calendar feed of #{self.user_id}"


class Scenario(models.TextChoices):
    ROBBERY = "robbery", _("Armed robbery")
    SMASH_AND_GRAB = "smash_and_grab", _("Smash-and-grab")
    NIGHT_ALARM = "night_alarm", _("Burglary alarm at night")
    DISTRACTION = "distraction", _("Distraction theft")
    CASING = "casing", _("Casing")


class PlanTemplate(models.Model):
    """The network's starting point for a scenario, kept by its coordinator."""

    scenario = models.CharField(_("scenario"), max_length=16, choices=Scenario.choices, unique=True)
    before = models.TextField(_("before"), max_length=2000)
    during = models.TextField(_("during"), max_length=2000)
    after = models.TextField(_("after"), max_length=2000)
    calls = models.TextField(_("who calls whom"), max_length=2000)
    updated_by_id = models.BigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering: ClassVar = ["scenario"]
        verbose_name = _("plan template")
        verbose_name_plural = _("plan templates")

    def __str__(self) -> str:
        return self.get_scenario_display()


class ResponsePlan(models.Model):
    """A store's plan for one scenario: the owner's working copy. What staff read and police
    review are its published versions."""

    store = models.ForeignKey(
        "networks.Store", on_delete=models.CASCADE, related_name="response_plans"
    )
    scenario = models.CharField(_("scenario"), max_length=16, choices=Scenario.choices)
    before = models.TextField(_("before"), max_length=2000)
    during = models.TextField(_("during"), max_length=2000)
    after = models.TextField(_("after"), max_length=2000)
    calls = models.TextField(_("who calls whom"), max_length=2000)
    updated_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering: ClassVar = ["scenario"]
        verbose_name = _("response plan")
        verbose_name_plural = _("response plans")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["store", "scenario"], name="police_plan_per_scenario")
        ]

    def __str__(self) -> str:
        return self.get_scenario_display()


class PlanVersion(models.Model):
    """A published version of a plan: frozen text that staff acknowledge and police review."""

    class Review(models.TextChoices):
        PENDING = "pending", _("Waiting for police review")
        APPROVED = "approved", _("Signed off by police")
        CHANGES = "changes", _("Changes asked by police")

    plan = models.ForeignKey(ResponsePlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    before = models.TextField(max_length=2000)
    during = models.TextField(max_length=2000)
    after = models.TextField(max_length=2000)
    calls = models.TextField(max_length=2000)
    published_by_id = models.BigIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    review = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.PENDING
    )
    reviewed_by_id = models.BigIntegerField(null=True, blank=True)
    reviewer_name = models.CharField(_("reviewed by"), max_length=150, blank=True)
    reviewer_agency = models.CharField(_("agency"), max_length=150, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("police comments"), max_length=2000, blank=True)

    class Meta:
        ordering: ClassVar = ["plan", "-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["plan", "number"], name="police_plan_version_number")
        ]
        indexes: ClassVar = [
            models.Index(
                fields=["published_at"],
                name="police_plan_pending",
                condition=models.Q(review="pending"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class PlanAcknowledgement(models.Model):
    """A member of the store's team has read this version of the plan."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    user_id = models.BigIntegerField()
    at = models.DateTimeField(_("read"), auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-at"]
        verbose_name = _("plan acknowledgement")
        verbose_name_plural = _("plan acknowledgements")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["version", "user_id"], name="police_plan_ack_once")
        ]

    def __str__(self) -> str:
        return f"#{self.user_id} read {self.version}"
