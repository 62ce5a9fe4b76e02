"""Writes for the incident logbook: logging (in full or quickly), completing and editing with
a revision for every change, sharing, voiding, and the access log.

Every write runs in the network's schema and starts with `network_open_required()`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.closure import network_open_required
from networks.models import Membership, Store

from .derived import derived_refresh
from .list_cache import lists_changed
from .models import AccessLogEntry, Incident, IncidentRevision, StolenItem, Suspect, Vehicle
from .signals import incident_shared

if TYPE_CHECKING:
    from accounts.models import User

# The incident's own fields a form may set (the rest are kept by these services).
INCIDENT_FIELDS = (
    "kind",
    "started_at",
    "ended_at",
    "location",
    "location_detail",
    "summary",
    "narrative",
    "suspect_count",
    "method",
    "anything_taken",
    "police_called",
    "police_agency",
    "police_report_number",
    "police_officer",
    "injuries",
    "internal_notes",
)
SUSPECT_FIELDS = Suspect.DETAIL_FIELDS
VEHICLE_FIELDS = (
    "make",
    "model",
    "colour",
    "body",
    "plate",
    "plate_is_partial",
    "plate_region",
    "direction",
    "marks",
)
ITEM_FIELDS = ("description", "category", "quantity", "unit_value", *StolenItem.IDENTIFIER_FIELDS)
Rows = Iterable[Mapping[str, Any]]


class IncidentError(ValidationError):
    """A change the logbook refuses; the message is meant for the person making it."""


def _check_times(*, started_at: dt.datetime, ended_at: dt.datetime | None) -> None:
    if ended_at is not None and ended_at < started_at:
        raise IncidentError(_("The end is before the start."), code="ends_before_start")


def _plain(value: Any) -> Any:
    """A value as it goes into a revision's JSON."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _rows_of(objects: Iterable[Any], names: Iterable[str]) -> list[dict[str, Any]]:
    names = tuple(names)
    return [{name: _plain(getattr(obj, name)) for name in names} for obj in objects]


def _clean_rows(rows: Rows, names: Iterable[str]) -> list[dict[str, Any]]:
    """Rows as the forms give them, keeping only known fields and only rows with content."""
    names = tuple(names)
    kept = []
    for row in rows:
        values = {name: row.get(name) for name in names if name in row}
        if any(value not in (None, "", False) for value in values.values()):
            kept.append(values)
    return kept


def _write_children(
    *,
    incident: Incident,
    suspects: list[dict[str, Any]] | None,
    vehicles: list[dict[str, Any]] | None,
    items: list[dict[str, Any]] | None,
) -> None:
    if suspects is not None:
        incident.suspects.all().delete()
        Suspect.objects.bulk_create(
            Suspect(incident=incident, position=number, **_blank_none(row))
            for number, row in enumerate(suspects, start=1)
        )
    if vehicles is not None:
        incident.vehicles.all().delete()
        Vehicle.objects.bulk_create(
            Vehicle(incident=incident, position=number, **_blank_none(row))
            for number, row in enumerate(vehicles, start=1)
        )
    if items is not None:
        incident.items.all().delete()
        StolenItem.objects.bulk_create(
            StolenItem(incident=incident, position=number, **_item_values(row))
            for number, row in enumerate(items, start=1)
        )


def _blank_none(row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: ("" if value is None else value) for name, value in row.items()}


def _item_values(row: Mapping[str, Any]) -> dict[str, Any]:
    values = _blank_none(row)
    values["unit_value"] = row.get("unit_value")  # a value may be unknown (NULL)
    values["quantity"] = row.get("quantity") or 1
    return values


def incident_derived_refresh(*, incident_ids: Iterable[int]) -> None:
    """Recompute what is derived from these incidents and their children (incidents.derived)."""
    derived_refresh(incident_ids=incident_ids)


def _snapshot(incident: Incident) -> dict[str, Any]:
    return {
        **{name: _plain(getattr(incident, name)) for name in INCIDENT_FIELDS},
        "suspects": _rows_of(incident.suspects.all(), SUSPECT_FIELDS),
        "vehicles": _rows_of(incident.vehicles.all(), VEHICLE_FIELDS),
        "items": _rows_of(incident.items.all(), ITEM_FIELDS),
    }


def _existing(*, client_token: uuid.UUID | None, store: Store) -> Incident | None:
    if client_token is None:
        return None
    return Incident.objects.filter(client_token=client_token, store=store).first()


def incident_create(
    *,
    membership: Membership,
    by: User,
    fields: Mapping[str, Any],
    suspects: Rows = (),
    vehicles: Rows = (),
    items: Rows = (),
    client_token: uuid.UUID | None = None,
    is_complete: bool = True,
) -> Incident:
    """Log an incident for the member's store. A second call with the same `client_token`
    (a double tap, a draft sent again after a dropped connection) returns the first incident.
    """
    network_open_required()
    if not membership.is_store_member or membership.store is None:
        raise IncidentError(_("Only a store's own members log its incidents."), code="not_store")
    store = membership.store
    existing = _existing(client_token=client_token, store=store)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _create(
                store=store,
                by=by,
                fields=fields,
                suspects=_clean_rows(suspects, SUSPECT_FIELDS),
                vehicles=_clean_rows(vehicles, VEHICLE_FIELDS),
                items=_clean_rows(items, ITEM_FIELDS),
                client_token=client_token,
                is_complete=is_complete,
            )
    except IntegrityError:
        # The same token raced in from a second request: that one made the incident.
        existing = _existing(client_token=client_token, store=store)
        if existing is None:
            raise
        return existing


def _create(
    *,
    store: Store,
    by: User,
    fields: Mapping[str, Any],
    suspects: list[dict[str, Any]],
    vehicles: list[dict[str, Any]],
    items: list[dict[str, Any]],
    client_token: uuid.UUID | None,
    is_complete: bool,
) -> Incident:
    values = {name: fields[name] for name in INCIDENT_FIELDS if name in fields}
    values = _blank_none(values) | {
        name: fields.get(name) for name in ("ended_at", "suspect_count") if name in fields
    }
    _check_times(started_at=values["started_at"], ended_at=values.get("ended_at"))
    values["anything_taken"] = bool(items) or bool(values.get("anything_taken"))
    shared = store.share_incidents_by_default
    now = timezone.now()
    incident = Incident.objects.create(
        store=store,
        logged_by_id=by.pk,
        updated_by_id=by.pk,
        client_token=client_token,
        is_complete=is_complete,
        is_shared=shared,
        shared_at=now if shared else None,
        shared_by_id=by.pk if shared else None,
        **values,
    )
    _write_children(incident=incident, suspects=suspects, vehicles=vehicles, items=items)
    IncidentRevision.objects.create(
        incident=incident, kind=IncidentRevision.Kind.CREATED, by_id=by.pk
    )
    incident_derived_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    return incident


def incident_quick_log(
    *,
    membership: Membership,
    by: User,
    kind: str,
    started_at: dt.datetime,
    summary: str,
    client_token: uuid.UUID | None = None,
) -> Incident:
    """The few seconds' version: what, when, one line. It waits on the "to finish" list."""
    return incident_create(
        membership=membership,
        by=by,
        fields={"kind": kind, "started_at": started_at, "summary": summary},
        client_token=client_token,
        is_complete=False,
    )


@transaction.atomic
def incident_update(
    *,
    incident: Incident,
    by: User,
    fields: Mapping[str, Any],
    suspects: Rows | None = None,
    vehicles: Rows | None = None,
    items: Rows | None = None,
    complete: bool = True,
) -> Incident:
    """Change an incident; the revision keeps which fields changed and what they held."""
    network_open_required()
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.is_voided:
        raise IncidentError(_("A voided incident cannot be changed."), code="voided")
    if incident.redacted_at is not None:
        # Past the retention period the descriptions are gone for good: an edit of the rest
        # of the record must not bring back, or drop, the redacted rows.
        suspects = vehicles = None
    before = _snapshot(incident)
    for name in INCIDENT_FIELDS:
        if name in fields:
            value = fields[name]
            if value is None and name not in ("ended_at", "suspect_count"):
                value = ""
            setattr(incident, name, value)
    _check_times(started_at=incident.started_at, ended_at=incident.ended_at)
    clean_suspects = None if suspects is None else _clean_rows(suspects, SUSPECT_FIELDS)
    clean_vehicles = None if vehicles is None else _clean_rows(vehicles, VEHICLE_FIELDS)
    clean_items = None if items is None else _clean_rows(items, ITEM_FIELDS)
    if clean_items:
        incident.anything_taken = True
    was_complete = incident.is_complete
    incident.is_complete = incident.is_complete or complete
    incident.updated_by_id = by.pk
    incident.save(update_fields=[*INCIDENT_FIELDS, "is_complete", "updated_by_id", "updated_at"])
    _write_children(
        incident=incident, suspects=clean_suspects, vehicles=clean_vehicles, items=clean_items
    )
    after = _snapshot(incident)
    changed = [name for name in before if before[name] != after[name]]
    if changed or incident.is_complete != was_complete:
        kind = (
            IncidentRevision.Kind.COMPLETED
            if incident.is_complete and not was_complete
            else IncidentRevision.Kind.EDITED
        )
        IncidentRevision.objects.create(
            incident=incident,
            kind=kind,
            by_id=by.pk,
            fields=changed,
            previous={name: before[name] for name in changed},
        )
    incident_derived_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    return incident


@transaction.atomic
def incident_share(*, incident: Incident, by: User, shared: bool) -> Incident:
    """The owner shares an incident with the network, or keeps it to the store."""
    network_open_required()
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.is_voided:
        raise IncidentError(_("A voided incident cannot be shared."), code="voided")
    if incident.is_shared == shared:
        return incident
    incident.is_shared = shared
    incident.shared_at = timezone.now() if shared else None
    incident.shared_by_id = by.pk if shared else None
    incident.save(update_fields=["is_shared", "shared_at", "shared_by_id", "updated_at"])
    lists_changed()
    IncidentRevision.objects.create(
        incident=incident,
        kind=IncidentRevision.Kind.SHARED if shared else IncidentRevision.Kind.UNSHARED,
        by_id=by.pk,
    )
    if shared:
        transaction.on_commit(
            partial(incident_shared.send, sender=Incident, incident_id=incident.pk)
        )
    return incident


@transaction.atomic
def incident_void(*, incident: Incident, by: User, reason: str) -> Incident:
    """Withdraw an incident logged in error. Nothing is deleted: it stays, marked, with why."""
    network_open_required()
    reason = reason.strip()
    if not reason:
        raise IncidentError(_("Say why this incident is voided."), code="reason_required")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.is_voided:
        return incident
    incident.voided_at = timezone.now()
    incident.voided_by_id = by.pk
    incident.void_reason = reason
    incident.save(update_fields=["voided_at", "voided_by_id", "void_reason", "updated_at"])
    lists_changed()
    IncidentRevision.objects.create(
        incident=incident, kind=IncidentRevision.Kind.VOIDED, by_id=by.pk, note=reason
    )
    return incident


@transaction.atomic
def store_share_default_set(*, store: Store, by: User, shared: bool) -> Store:
    """The owner's store-wide default for new incidents."""
    network_open_required()
    store.share_incidents_by_default = shared
    store.save(update_fields=["share_incidents_by_default", "updated_at"])
    return store


def access_record(
    *,
    membership: Membership,
    user: User,
    action: str,
    incident: Incident | None = None,
    store: Store | None = None,
    purpose: str = "",
    detail: str = "",
) -> AccessLogEntry:
    """Write one line of the access log (a police view, an export by anyone)."""
    return AccessLogEntry.objects.create(
        incident=incident,
        store=store if store is not None else (incident.store if incident is not None else None),
        user_id=user.pk,
        email=user.email,
        role=membership.role,
        action=action,
        purpose=purpose[:300],
        detail=detail[:500],
    )
