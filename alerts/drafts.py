"""Writes for alert drafts: written from scratch, from shared incidents, from a member's report,
or as the update or all clear of a sent alert; changed; thrown away; and the photos they carry.

Where a draft starts from something (incidents, a report, a sent alert), `*_initial` returns
what the composer shows filled in, and `draft_create` checks again, at save time, that the
sender may use each of them: a form posted by hand names nothing it could not open.

Every write runs in the network's schema and starts with `network_open_required()`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, cast

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import FileField, Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incidents.access import Visibility, visibility_of, visible_incidents
from incidents.evidence import EvidenceError, photo_render
from incidents.models import Evidence, Incident, IncidentType, StolenItem, Suspect, Vehicle
from networks import images
from networks.closure import network_open_required
from networks.models import Membership, Store
from networks.schemas import current_network

from . import texts
from .access import is_sender
from .models import Alert, AlertPhoto, AlertReport, Severity, alert_photo_path

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

DETAIL_FIELDS = (
    "occurred_at",
    "place",
    "crime_type",
    "suspect_count",
    "suspects",
    "method",
    "property_taken",
    "vehicle",
)
AUDIENCE_FIELDS = (
    "to_all_members",
    "near_latitude",
    "near_longitude",
    "near_km",
    "to_law_enforcement",
    "to_webhooks",
)
DRAFT_FIELDS = ("severity", "headline", *DETAIL_FIELDS, *AUDIENCE_FIELDS, "message", "sms_text")
# The crimes that put the next store in danger within the hour.
URGENT_TYPES = frozenset(
    {IncidentType.SMASH, IncidentType.ROBBERY, IncidentType.GRAB, IncidentType.BURGLARY}
)
FOLLOW_UP_SEVERITIES = (Severity.UPDATE, Severity.ALL_CLEAR)
MAX_PHOTOS = 6
MAX_INCIDENTS = 10

# Uploaded with the alert: photos only (the evidence limits, in the words of this page).
PHOTO_RULES = images.ImageRules(
    formats=frozenset({"JPEG", "PNG", "WEBP", "HEIF"}),
    max_bytes=20 * 1024 * 1024,
    max_pixels=40_000_000,
    max_side=12_000,
    min_side=16,
    messages={
        "too_large": gettext_lazy(
            "The photo is larger than %(size)d MB. Please upload a smaller file."
        ),
        "empty": gettext_lazy("The file is empty."),
        "format": gettext_lazy("Please upload a photo: JPEG, PNG, WebP or HEIC."),
        "too_many_pixels": gettext_lazy(
            "The photo has too many pixels. Please upload an image of at most %(megapixels)d "
            "million pixels and %(side)d pixels on its longer side."
        ),
        "damaged": gettext_lazy(
            "The photo is damaged or incomplete. Please export it again and retry."
        ),
        "too_small": gettext_lazy(
            "The photo is too small: it needs at least %(side)d pixels on each side."
        ),
    },
)


class DraftError(ValueError):
    """A draft that cannot be written or changed; the message is meant for the sender."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# --- What a draft starts from ----------------------------------------------------------------


def incidents_for_sender(*, membership: Membership, incident_ids: Iterable[int]) -> list[Incident]:
    """The shared, standing incidents among `incident_ids` that the sender may open, with what
    the details are copied from; the others are left out without a word (as a 404 would)."""
    ids = sorted({int(pk) for pk in incident_ids})[:MAX_INCIDENTS]
    if not ids or not is_sender(membership=membership):
        return []
    return list(
        visible_incidents(membership=membership)
        .filter(pk__in=ids, is_shared=True, voided_at__isnull=True)
        .select_related("store")
        .prefetch_related(
            Prefetch("suspects", queryset=Suspect.objects.filter(redacted_at__isnull=True)),
            "vehicles",
            "items",
        )
        .order_by("started_at", "id")
    )


def _place(incident: Incident) -> str:
    store = incident.store
    parts = [", ".join(p for p in (store.address_line1, store.city) if p)]
    where = " - ".join(
        str(p) for p in (incident.get_location_display(), incident.location_detail) if p
    )
    if where:
        parts.append(where)
    # A comma, not a middle dot: one character outside GSM-7 would make the whole text
    # message UCS-2 (70 characters a part instead of 160).
    return ", ".join(p for p in parts if p)


def _suspect_text(suspect: Suspect) -> str:
    words = []
    for name in Suspect.DETAIL_FIELDS:
        value = getattr(suspect, name)
        if not str(value).strip():
            continue
        display = getattr(suspect, f"get_{name}_display", None)
        shown = str(display()) if display is not None else " ".join(str(value).split())
        label = getattr(Suspect._meta.get_field(name), "verbose_name", name)
        words.append(f"{label}: {shown}")
    return "; ".join(words)


def _vehicle_text(vehicle: Vehicle) -> str:
    name = " ".join(p for p in (vehicle.colour, vehicle.make, vehicle.model) if p)
    if vehicle.body:
        name = f"{name} ({vehicle.get_body_display()})" if name else vehicle.get_body_display()
    parts = [name] if name else []
    if vehicle.plate and vehicle.redacted_at is None:
        plate = _("plate %(plate)s") % {"plate": vehicle.plate}
        if vehicle.plate_is_partial:
            plate += " " + _("(partial)")
        if vehicle.plate_region:
            plate += f", {vehicle.plate_region}"
        parts.append(plate)
    if vehicle.direction:
        parts.append(_("headed %(direction)s") % {"direction": vehicle.direction})
    if vehicle.marks:
        parts.append(vehicle.marks)
    return "; ".join(parts)


def _item_text(item: StolenItem) -> str:
    # No values: the loss is the victim store's business; identifiers help find the piece.
    text = f"{item.quantity} x {item.description} ({item.get_category_display()})"
    marks = ", ".join(f"{label} {value}" for label, value in item.identifiers)
    return f"{text} - {marks}" if marks else text


def details_from_incidents(incidents: Sequence[Incident]) -> dict[str, Any]:
    """The eight details, a headline and a severity, copied from shared incidents (the first
    one's time, place and type; everyone's suspects, vehicles and property)."""
    if not incidents:
        return {}
    first = incidents[0]
    several = len(incidents) > 1

    def section(incident: Incident, lines: list[str]) -> list[str]:
        if not several or not lines:
            return lines
        return [f"#{incident.pk} ({incident.store.city}):", *lines]

    suspects: list[str] = []
    vehicles: list[str] = []
    items: list[str] = []
    methods: list[str] = []
    counts: list[int] = []
    for incident in incidents:
        found = list(incident.suspects.all())
        suspects += section(
            incident, [f"{n}. {_suspect_text(s)}" for n, s in enumerate(found, start=1)]
        )
        vehicles += section(incident, [_vehicle_text(v) for v in incident.vehicles.all()])
        items += section(incident, [_item_text(i) for i in incident.items.all()])
        if incident.method.strip():
            methods += section(incident, [incident.method.strip()])
        if incident.suspect_count is not None:
            counts.append(incident.suspect_count)
        elif found:
            counts.append(len(found))
    kind = first.kind
    headline = first.summary if not several else f"{first.get_kind_display()}: {first.summary}"
    return {
        "severity": Severity.URGENT if kind in URGENT_TYPES else Severity.ADVISORY,
        "headline": headline[:140],
        "occurred_at": first.started_at,
        "place": _place(first)[:200],
        "crime_type": kind,
        "suspect_count": sum(counts) if counts else None,
        "suspects": "\n".join(suspects)[:4000],
        "method": "\n\n".join(methods)[:4000],
        "property_taken": "\n".join(items)[:4000],
        "vehicle": "\n".join(vehicles)[:2000],
    }


def report_initial(*, report: AlertReport, membership: Membership) -> dict[str, Any]:
    """A member's report: its incident's details where the sender may see them, its words as
    the method, its store as the place."""
    initial: dict[str, Any] = {}
    if report.incident_id is not None:
        initial = details_from_incidents(
            incidents_for_sender(membership=membership, incident_ids=[report.incident_id])
        )
    if not initial:
        initial = {
            "severity": Severity.ADVISORY,
            "crime_type": IncidentType.CASING if report.is_casing_warning else "",
            "occurred_at": report.created_at,
            "headline": " ".join(report.text.split())[:140],
        }
        if report.store is not None:
            initial["place"] = ", ".join(
                p for p in (report.store.address_line1, report.store.city) if p
            )[:200]
    initial["method"] = "\n\n".join(p for p in (initial.get("method", ""), report.text) if p)[:4000]
    return initial


def follow_up_initial(*, parent: Alert, severity: str) -> dict[str, Any]:
    """An update or all clear: the parent's details and audience, a headline saying so."""
    word = texts.severity_word(severity)
    root = parent.thread_root
    initial: dict[str, Any] = {name: getattr(root, name) for name in DETAIL_FIELDS}
    initial.update({name: getattr(root, name) for name in AUDIENCE_FIELDS})
    initial["severity"] = severity
    initial["headline"] = f"{word}: {root.headline}"[:140]
    return initial


def fill_texts(alert: Alert) -> Alert:
    """Write the message and the text message from the details (the sender's edits are
    replaced: this is the "fill from details" action, and the first fill of a new draft)."""
    alert.message, alert.sms_text = texts.fill(alert, current_network().zone)
    return alert


# --- Writing drafts --------------------------------------------------------------------------


def _origin(*, incidents: Sequence[Incident], report: AlertReport | None) -> str:
    if report is not None:
        return Alert.Origin.CASING if report.is_casing_warning else Alert.Origin.REPORT
    return Alert.Origin.INCIDENT if incidents else Alert.Origin.SCRATCH


@transaction.atomic
def draft_create(
    *,
    membership: Membership,
    by: User,
    fields: Mapping[str, Any],
    stores: Iterable[Store] = (),
    incident_ids: Iterable[int] = (),
    report: AlertReport | None = None,
    parent: Alert | None = None,
) -> Alert:
    """A new draft from what the composer holds. Incidents the sender may not use are left
    out; a report already turned into an alert, or a parent still a draft, is refused."""
    network_open_required()
    if not is_sender(membership=membership):
        raise DraftError(_("Only the coordinator and deputies write alerts."), code="not_sender")
    incidents = incidents_for_sender(membership=membership, incident_ids=incident_ids)
    alert = Alert(created_by_id=by.pk, origin=_origin(incidents=incidents, report=report))
    for name in DRAFT_FIELDS:
        if name in fields:
            setattr(alert, name, fields[name])
    if parent is not None:
        parent = Alert.objects.select_for_update().get(pk=parent.pk)
        if parent.is_draft:
            raise DraftError(_("Only a sent alert can be followed up."), code="parent_draft")
        if alert.severity not in FOLLOW_UP_SEVERITIES:
            alert.severity = Severity.UPDATE
        # Threads are one level deep: an update of an update follows the first alert.
        alert.parent = parent.thread_root
    if report is not None:
        claimed = AlertReport.objects.filter(pk=report.pk, status=AlertReport.Status.NEW).update(
            status=AlertReport.Status.USED, handled_by_id=by.pk, handled_at=timezone.now()
        )
        if claimed != 1:
            raise DraftError(_("This report has already been handled."), code="report_handled")
        alert.report = report
    if not alert.message.strip() and not alert.sms_text.strip():
        fill_texts(alert)
    alert.save()
    alert.to_stores.set(list(stores))
    if incidents:
        alert.incidents.set(incidents)
    return alert


@transaction.atomic
def draft_update(
    *, alert: Alert, by: User, fields: Mapping[str, Any], stores: Iterable[Store]
) -> Alert:
    """Save the composer's fields on a draft; refused once it has been sent."""
    network_open_required()
    alert = _locked_draft(alert)
    changed = [name for name in DRAFT_FIELDS if name in fields]
    for name in changed:
        setattr(alert, name, fields[name])
    alert.save(update_fields=[*changed, "updated_at"])
    alert.to_stores.set(list(stores))
    return alert


@transaction.atomic
def draft_discard(*, alert: Alert, by: User) -> None:
    """Throw a draft away, with its uploaded photos; its report goes back to the waiting list."""
    network_open_required()
    alert = _locked_draft(alert)
    names = _own_files(AlertPhoto.objects.filter(alert=alert))
    if alert.report_id is not None:
        AlertReport.objects.filter(pk=alert.report_id, status=AlertReport.Status.USED).update(
            status=AlertReport.Status.NEW, handled_by_id=None, handled_at=None
        )
    alert.delete()
    transaction.on_commit(lambda: _delete(names))


def _locked_draft(alert: Alert) -> Alert:
    locked = Alert.objects.select_for_update().filter(pk=alert.pk).first()
    if locked is None or not locked.is_draft:
        raise DraftError(
            _("This alert has already been sent: it can no longer be changed."), code="sent"
        )
    return locked


# --- Photos ----------------------------------------------------------------------------------


def _storage() -> Storage:
    return cast(FileField, AlertPhoto._meta.get_field("display")).storage


def _own_files(photos: Iterable[AlertPhoto]) -> list[str]:
    return [
        str(f.name) for photo in photos for f in (photo.display, photo.thumbnail) if f and f.name
    ]


def _delete(names: list[str]) -> None:
    storage = _storage()
    for name in names:
        storage.delete(name)


def evidence_choices(*, alert: Alert, membership: Membership) -> list[Evidence]:
    """The ready photos of the draft's incidents the sender may see (internal ones only at
    full visibility), not yet on the alert."""
    incidents = list(
        visible_incidents(membership=membership).filter(pk__in=alert.incidents.values("pk"))
    )
    full = {
        i.pk
        for i in incidents
        if visibility_of(membership=membership, incident=i) is Visibility.FULL
    }
    taken = AlertPhoto.objects.filter(alert=alert, evidence__isnull=False).values("evidence_id")
    evidence = Evidence.objects.filter(
        incident_id__in=[i.pk for i in incidents],
        kind=Evidence.Kind.PHOTO,
        status=Evidence.Status.READY,
    ).exclude(pk__in=taken)
    return [e for e in evidence if e.incident_id in full or not e.is_internal]


def _room_for_one_more(alert: Alert) -> int:
    photos = AlertPhoto.objects.filter(alert=alert)
    if photos.count() >= MAX_PHOTOS:
        raise DraftError(
            _("An alert carries at most %(count)d photos.") % {"count": MAX_PHOTOS},
            code="too_many",
        )
    return (photos.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def photo_add_evidence(
    *, alert: Alert, membership: Membership, by: User, evidence_id: int
) -> AlertPhoto:
    """One of the draft's incidents' photos on the alert (its files stay the evidence's)."""
    network_open_required()
    alert = _locked_draft(alert)
    evidence = next(
        (e for e in evidence_choices(alert=alert, membership=membership) if e.pk == evidence_id),
        None,
    )
    if evidence is None:
        raise DraftError(_("This photo cannot be added to the alert."), code="evidence")
    return AlertPhoto.objects.create(
        alert=alert,
        evidence=evidence,
        caption=evidence.caption,
        width=evidence.width,
        height=evidence.height,
        position=_room_for_one_more(alert),
        added_by_id=by.pk,
    )


def photo_upload(*, alert: Alert, by: User, upload: IO[bytes], caption: str) -> AlertPhoto:
    """A photo uploaded with the alert: checked as evidence is, kept only as a display size
    and a thumbnail of its pixels (no original, no metadata)."""
    network_open_required()
    try:
        checked = images.image_check(upload, PHOTO_RULES)
        rendered = photo_render(checked.data)
    except images.ImageError as error:
        raise DraftError(error.message, code=error.code) from None
    except EvidenceError as error:
        raise DraftError(error.message, code=error.code) from None
    storage = _storage()
    display = storage.save(alert_photo_path(AlertPhoto(), ""), ContentFile(rendered.display))
    thumbnail = storage.save(alert_photo_path(AlertPhoto(), ""), ContentFile(rendered.thumbnail))
    try:
        return _photo_create(
            alert=alert,
            by=by,
            display=display,
            thumbnail=thumbnail,
            width=rendered.width,
            height=rendered.height,
            caption=caption.strip()[:200],
        )
    except BaseException:
        _delete([display, thumbnail])
        raise


@transaction.atomic
def _photo_create(
    *,
    alert: Alert,
    by: User,
    display: str,
    thumbnail: str,
    width: int,
    height: int,
    caption: str,
) -> AlertPhoto:
    alert = _locked_draft(alert)
    return AlertPhoto.objects.create(
        alert=alert,
        display=display,
        thumbnail=thumbnail,
        width=width,
        height=height,
        caption=caption,
        position=_room_for_one_more(alert),
        added_by_id=by.pk,
    )


@transaction.atomic
def photo_remove(*, alert: Alert, photo_id: int) -> None:
    network_open_required()
    alert = _locked_draft(alert)
    photo = AlertPhoto.objects.filter(alert=alert, pk=photo_id).first()
    if photo is None:
        return
    names = _own_files([photo])
    photo.delete()
    transaction.on_commit(lambda: _delete(names))
