"""What other apps may listen for, so the logbook need not know them (alerts prepares a
casing warning for the coordinator when a casing incident is shared)."""

from django.dispatch import Signal

# Sent on commit of an incident's sharing, with `incident_id`.
incident_shared = Signal()
