"""Background work for large exports of the logbook (imported by incidents/tasks.py so that
Celery's autodiscovery finds it)."""

from __future__ import annotations

from config.celery import network_task
from networks.schemas import current_network

from . import exports


@network_task(name="incidents.incident_export_build")
def incident_export_build(*, export_id: int) -> None:
    """Build a CSV or logbook PDF; a repeat or late delivery finds it claimed and stops."""
    exports.export_build(export_id=export_id, network=current_network())
