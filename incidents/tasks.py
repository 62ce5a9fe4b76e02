"""Background work for incidents. Evidence photos are drawn on the "render" queue (away from
alerts); the exports' tasks live in export_tasks and are imported here so that Celery's
autodiscovery finds them."""

from __future__ import annotations

from config.celery import network_task

from . import evidence_services
from .export_tasks import incident_export_build
from .retention_tasks import incident_retention_apply

__all__ = ["evidence_process", "incident_export_build", "incident_retention_apply"]


@network_task(name="incidents.evidence_process")
def evidence_process(*, evidence_id: int) -> None:
    """Draw a photo's display size and thumbnail; a repeat finds it done and stops."""
    evidence_services.evidence_prepare(evidence_id=evidence_id)
