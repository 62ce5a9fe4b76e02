"""The retention period: what a network keeps about people for only so long.

Each network sets `Network.retention_months` (24 by default). Past it, counted from when an
incident started, the nightly pass removes what describes or identifies a person and keeps
the rest of the record, so the network's history and statistics stay whole:

- suspects: every descriptive field is blanked; the row stays (how many there were);
- vehicles: the plate, its region and the marks (damage, stickers) go, because each can single
  out one vehicle and through it its keeper; make, model, colour, body and direction stay,
  since they describe a kind of vehicle, not anyone's;
- evidence: the files, caption and uploaded name go (`evidence_redact`); the row stays, marked;
- the earlier values kept in the incident's revisions are blanked the same way, or the history
  page would still show them.

The narrative, items taken, serial numbers and police report stay: they describe the event and
the goods. Each pass leaves a `RetentionRun` with its counts and each incident a REDACTED
revision.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.closure import network_open_required
from networks.models import Network
from networks.schemas import current_network

from .evidence_services import evidence_redact
from .models import (
    Evidence,
    Incident,
    IncidentExport,
    IncidentRevision,
    RetentionRun,
    Suspect,
    Vehicle,
)
from .services import IncidentError, incident_derived_refresh

MIN_MONTHS = 1
MAX_MONTHS = 120
# Incidents redacted per transaction: a network's first pass may find years of them.
BATCH = 200
EXPORT_KEEP = dt.timedelta(days=7)
SUSPECT_REDACTED = tuple(Suspect.DETAIL_FIELDS)
VEHICLE_REDACTED = ("plate", "plate_region", "marks")


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` earlier (the month's last day if it is shorter)."""
    total = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retention_cutoff(*, network: Network, now: dt.datetime | None = None) -> dt.datetime:
    return months_before(now or timezone.now(), network.retention_months)


def retention_apply(*, now: dt.datetime | None = None) -> RetentionRun:
    """Redact every incident of the current network that started before the cutoff and is not
    redacted yet, and record the pass. A second pass finds nothing left and records zeros."""
    network_open_required()
    network = current_network()
    cutoff = retention_cutoff(network=network, now=now)
    counts = {"incidents": 0, "suspects": 0, "vehicles": 0, "evidence": 0}
    while True:
        done = _redact_batch(cutoff=cutoff, now=now or timezone.now())
        for name, value in done.items():
            counts[name] += value
        if done["incidents"] < BATCH:
            break
    _exports_expire(before=(now or timezone.now()) - EXPORT_KEEP)
    return RetentionRun.objects.create(cutoff=cutoff, **counts)


def _exports_expire(*, before: dt.datetime) -> None:
    """Prepared exports are copies of the logbook made for one download; past a week they
    go, so that no copy outlives the redaction of what it holds."""
    for export in IncidentExport.objects.filter(created_at__lt=before):
        if export.file:
            export.file.delete(save=False)
        export.delete()


@transaction.atomic
def _redact_batch(*, cutoff: dt.datetime, now: dt.datetime) -> dict[str, int]:
    # Claimed with a row lock that a second worker skips: each incident is redacted once.
    ids = list(
        Incident.objects.select_for_update(skip_locked=True)
        .filter(started_at__lt=cutoff, redacted_at__isnull=True)
        .order_by("started_at", "id")
        .values_list("id", flat=True)[:BATCH]
    )
    if not ids:
        return {"incidents": 0, "suspects": 0, "vehicles": 0, "evidence": 0}
    suspects = Suspect.objects.filter(incident_id__in=ids, redacted_at__isnull=True).update(
        redacted_at=now, **dict.fromkeys(SUSPECT_REDACTED, "")
    )
    vehicles = Vehicle.objects.filter(incident_id__in=ids, redacted_at__isnull=True).update(
        redacted_at=now, plate_is_partial=False, **dict.fromkeys(VEHICLE_REDACTED, "")
    )
    evidence = 0
    for item in Evidence.objects.filter(incident_id__in=ids).exclude(
        status=Evidence.Status.REDACTED
    ):
        evidence_redact(evidence=item)
        evidence += 1
    _scrub_revisions(incident_ids=ids)
    Incident.objects.filter(pk__in=ids).update(redacted_at=now)
    IncidentRevision.objects.bulk_create(
        IncidentRevision(
            incident_id=pk,
            kind=IncidentRevision.Kind.REDACTED,
            fields=["suspects", "vehicles", "evidence"],
        )
        for pk in ids
    )
    # Search must no longer find a removed plate or description.
    incident_derived_refresh(incident_ids=ids)
    return {"incidents": len(ids), "suspects": suspects, "vehicles": vehicles, "evidence": evidence}


def _scrub_revisions(*, incident_ids: list[int]) -> None:
    revisions = IncidentRevision.objects.filter(incident_id__in=incident_ids).exclude(previous={})
    changed = []
    for revision in revisions:
        previous = dict(revision.previous)
        if isinstance(previous.get("suspects"), list):
            previous["suspects"] = [_blanked(row, SUSPECT_REDACTED) for row in previous["suspects"]]
        if isinstance(previous.get("vehicles"), list):
            previous["vehicles"] = [_blanked(row, VEHICLE_REDACTED) for row in previous["vehicles"]]
        if previous != revision.previous:
            revision.previous = previous
            changed.append(revision)
    IncidentRevision.objects.bulk_update(changed, ["previous"])


def _blanked(row: Any, names: tuple[str, ...]) -> Any:
    if not isinstance(row, dict):
        return row
    return {name: ("" if name in names else value) for name, value in row.items()}


def retention_months_set(*, network: Network, months: int) -> Network:
    """The coordinator changes how long their network keeps descriptions, plates and evidence
    (public schema row; the next nightly pass applies it)."""
    network_open_required()
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise IncidentError(
            _("Choose between %(min)d and %(max)d months.")
            % {"min": MIN_MONTHS, "max": MAX_MONTHS},
            code="retention_range",
        )
    network.retention_months = months
    network.save(update_fields=["retention_months"])
    return network
