"""Alerts listen to the logbook: a casing incident shared with the network prepares a casing
warning on the coordinator's desk (a report an alert can be made from in one click)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from incidents.models import Incident, IncidentType
from incidents.signals import incident_shared

from .models import AlertReport


@receiver(incident_shared, dispatch_uid="alerts.casing_warning")
def casing_warning(sender: Any, *, incident_id: int, **kwargs: Any) -> None:
    incident = Incident.objects.filter(pk=incident_id, kind=IncidentType.CASING).first()
    if incident is None:
        return
    AlertReport.objects.get_or_create(
        incident=incident,
        is_casing_warning=True,
        defaults={"store_id": incident.store_id, "text": incident.summary},
    )
