"""The nightly retention pass (config/settings/base.py CELERY_BEAT_SCHEDULE sends it to every
open network; incidents/tasks.py imports this module so that Celery's autodiscovery finds it)."""

from __future__ import annotations

from config.celery import network_task

from .retention import retention_apply


@network_task(name="incidents.retention_apply")
def incident_retention_apply() -> int:
    """Redact what is past the network's retention period; a repeat finds nothing left."""
    return retention_apply().pk
