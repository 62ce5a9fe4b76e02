"""The platform's rolled-up figures (public schema only).

The platform dashboard and the public panel must not read every network's schema on each
page view, so a Celery job (stats.rollup) writes each network's figures here: per month, the
incident totals and the network's health; per year, incidents by type. The dashboard reads
only these tables. A `RollupRun` is one pass over every open network, with its progress.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RollupRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Finished with errors")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("On schedule")
        ASKED = "asked", _("Asked by a platform admin")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.SCHEDULE)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    networks_total = models.PositiveIntegerField(default=0)
    networks_done = models.PositiveIntegerField(default=0)
    networks_failed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name = _("rollup run")
        verbose_name_plural = _("rollup runs")

    def __str__(self) -> str:
        return f"rollup #{self.pk} {self.status}"

    @property
    def percent(self) -> int:
        if not self.networks_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, (self.networks_done + self.networks_failed) * 100 // self.networks_total)


class NetworkMonth(models.Model):
    """One network's month: its incidents (not voided), its partners and its alerts."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day, in the network's time zone
    incidents = models.PositiveIntegerField(default=0)
    daytime = models.PositiveIntegerField(default=0)  # 07:00-18:59 local time
    organised = models.PositiveIntegerField(default=0)  # 3 or more suspects
    loss_total = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    active_partners = models.PositiveIntegerField(default=0)  # at the month's end
    new_partners = models.PositiveIntegerField(default=0)
    alerts_sent = models.PositiveIntegerField(default=0)
    recipients = models.PositiveIntegerField(default=0)
    reached = models.PositiveIntegerField(default=0)
    acknowledged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["network", "month"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["network", "month"], name="stats_network_month")
        ]
        indexes: ClassVar = [models.Index(fields=["month"], name="stats_month")]

    def __str__(self) -> str:
        return f"{self.network_id} {self.month:%Y-%m}"


class NetworkYearType(models.Model):
    """One network's incidents of one type in one calendar year (local time)."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16)
    incidents = models.PositiveIntegerField(default=0)
    loss_total = models.DecimalField(max_digits=16, decimal_places=2, default=0)

    class Meta:
        ordering: ClassVar = ["network", "year", "kind"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["network", "year", "kind"], name="stats_network_year_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.year} {self.kind}"


class NetworkRollup(models.Model):
    """When a network's figures were last rolled up, and by which run."""

    network = models.OneToOneField(
        "networks.Network", on_delete=models.CASCADE, related_name="rollup"
    )
    run = models.ForeignKey(RollupRun, on_delete=models.SET_NULL, null=True, related_name="+")
    rolled_up_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"{self.network_id} at {self.rolled_up_at:%Y-%m-%d %H:%M}"


class MonthlyReport(models.Model):
    """A network's monthly report went to its coordinators (once a month, by beat)."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["-month"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["network", "month"], name="stats_report_once")
        ]

    def __str__(self) -> str:
        return f"report {self.network_id} {self.month:%Y-%m}"
