"""What the toolkit keeps in a network's schema: every download (for the stats), and the
"Download all" ZIP jobs with their progress. Rendered files themselves live in storage,
named by their content key (see toolkit.services)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class ToolkitDownload(models.Model):
    """One download of one toolkit item, by a member of the store or a coordinator."""

    store = models.ForeignKey(
        "networks.Store",
        on_delete=models.CASCADE,
        related_name="toolkit_downloads",
        verbose_name=_("store"),
    )
    item = models.CharField(_("item"), max_length=32)
    variant = models.CharField(_("variant"), max_length=64, blank=True)
    user_id = models.BigIntegerField(null=True, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-at"]
        verbose_name = _("toolkit download")
        verbose_name_plural = _("toolkit downloads")
        indexes: ClassVar = [models.Index(fields=["store", "item"], name="toolkit_dl_store_item")]

    def __str__(self) -> str:
        return f"{self.store_id} {self.item} {self.variant}"


class ToolkitBundle(models.Model):
    """The ZIP of a store's whole toolkit in some languages on some paper, built by a task.

    `key` is the content key of everything inside: a new store name, logo or template
    version gives a new key, hence a new bundle, and an old one is never served stale.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    store = models.ForeignKey(
        "networks.Store",
        on_delete=models.CASCADE,
        related_name="toolkit_bundles",
        verbose_name=_("store"),
    )
    key = models.CharField(max_length=64)
    languages = models.CharField(max_length=20)
    paper = models.CharField(max_length=8)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file_name = models.CharField(max_length=300, blank=True)
    requested_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("toolkit bundle")
        verbose_name_plural = _("toolkit bundles")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["store", "key"], name="one_bundle_per_content")
        ]

    def __str__(self) -> str:
        return f"{self.store_id} {self.languages} {self.paper} ({self.status})"
