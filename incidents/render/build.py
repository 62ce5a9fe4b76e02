"""From the models (and the files in storage) to the plain data the printed documents draw.

What a reader may see is decided here, once, from their `Visibility` of each incident: at
`REDACTED` (a member of another store) the internal notes, staff names, values and loss
totals and internal evidence never reach the data, so no template can print them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.files.storage import default_storage
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.selectors import users_by_id
from incidents.access import Visibility
from incidents.models import Evidence, Incident, IncidentRevision, StolenItem, Suspect, Vehicle
from networks.models import Network, Store

from .data import (
    Detail,
    IncidentBlock,
    ItemLine,
    LogbookData,
    PacketData,
    Paper,
    Picture,
    SuspectBlock,
    TimelineEntry,
    VehicleBlock,
)

logger = logging.getLogger(__name__)

LETTER_COUNTRIES = frozenset({"US", "CA", "MX"})
WHEN_FORMAT = "j M Y, H:i"
DAY_FORMAT = "j M Y"
PICTURE_KINDS = (Evidence.Kind.PHOTO, Evidence.Kind.CLIP)
CHILD_LABELS = {
    "suspects": gettext_lazy("Suspects"),
    "vehicles": gettext_lazy("Vehicles"),
    "items": gettext_lazy("Items taken"),
}

VisibilityOf = Callable[[Incident], Visibility]


class _Format:
    """Times in the network's zone, amounts in its currency, in the active language."""

    def __init__(self, network: Network) -> None:
        self.zone = network.zone
        self.currency = network.currency or "USD"

    def when(self, moment: dt.datetime | None) -> str:
        return "" if moment is None else date_format(moment.astimezone(self.zone), WHEN_FORMAT)

    def day(self, day: dt.date) -> str:
        return date_format(day, DAY_FORMAT)

    def money(self, amount: Decimal) -> str:
        return f"{number_format(amount, 2, use_l10n=True, force_grouping=True)} {self.currency}"


def paper_for(network: Network) -> Paper:
    return "letter" if network.country.upper() in LETTER_COUNTRIES else "a4"


def _read(name: str | None) -> bytes | None:
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as stored:
            data: bytes = stored.read()
            return data
    except OSError:
        logger.warning("Evidence file %s cannot be read", name)
        return None


def _pictures(evidence: Iterable[Evidence], *, full: bool, large: bool) -> tuple[Picture, ...]:
    pictures = []
    for item in evidence:
        if item.kind not in PICTURE_KINDS or item.redacted_at is not None:
            continue
        if item.status == Evidence.Status.REDACTED or (item.is_internal and not full):
            continue
        data = None
        if item.status == Evidence.Status.READY:
            names = (item.display.name, item.thumbnail.name) if large else (item.thumbnail.name,)
            data = next((read for name in names if (read := _read(name)) is not None), None)
        label = str(item.get_kind_display())
        if item.status != Evidence.Status.READY:
            label = f"{label} ({item.get_status_display()})"
        pictures.append(Picture(data=data, caption=item.caption, label=label))
    return tuple(pictures)


def _label(model: Any, name: str) -> str:
    return str(capfirst(model._meta.get_field(name).verbose_name))


def _choice(obj: Any, name: str) -> str:
    display = getattr(obj, f"get_{name}_display", None)
    return str(display()) if display is not None else str(getattr(obj, name))


def _suspect(suspect: Suspect) -> SuspectBlock:
    details = tuple(
        Detail(_label(Suspect, name), _choice(suspect, name))
        for name in Suspect.DETAIL_FIELDS
        if str(getattr(suspect, name)).strip()
    )
    return SuspectBlock(position=suspect.position, details=details, is_thin=suspect.is_thin)


def _vehicle(vehicle: Vehicle) -> VehicleBlock:
    plate = vehicle.plate
    if plate and vehicle.plate_is_partial:
        plate = f"{plate} ({_('partial')})"
    if plate and vehicle.plate_region:
        plate = f"{plate}, {vehicle.plate_region}"
    words = [vehicle.colour, vehicle.make, vehicle.model]
    if vehicle.body:
        words.append(_choice(vehicle, "body").lower())
    details = tuple(
        Detail(_label(Vehicle, name), getattr(vehicle, name))
        for name in ("direction", "marks")
        if getattr(vehicle, name)
    )
    return VehicleBlock(
        position=vehicle.position,
        plate=plate,
        description=" ".join(word for word in words if word),
        details=details,
    )


def _item(item: StolenItem, *, full: bool, fmt: _Format) -> ItemLine:
    values: dict[str, str | None] = {"unit_value": None, "line_total": None}
    if full:
        known = item.unit_value is not None
        values = {
            "unit_value": fmt.money(item.unit_value) if item.unit_value is not None else "",
            "line_total": fmt.money(item.line_total) if known else "",
        }
    return ItemLine(
        position=item.position,
        description=item.description,
        category=_choice(item, "category"),
        quantity=item.quantity,
        identifiers=tuple(Detail(str(capfirst(label)), value) for label, value in item.identifiers),
        **values,
    )


def _facts(incident: Incident, *, full: bool) -> tuple[Detail, ...]:
    yes, no = _("Yes"), _("No")
    facts = [Detail(_label(Incident, "police_called"), yes if incident.police_called else no)]
    for name in ("police_agency", "police_report_number", "police_officer"):
        if value := getattr(incident, name):
            facts.append(Detail(_label(Incident, name), value))
    if incident.suspect_count is not None:
        facts.append(Detail(_label(Incident, "suspect_count"), str(incident.suspect_count)))
    facts.append(Detail(_label(Incident, "anything_taken"), yes if incident.anything_taken else no))
    if incident.injuries:
        facts.append(Detail(_label(Incident, "injuries"), incident.injuries))
    if not incident.is_complete:
        facts.append(Detail(_("Status"), _("Quick log, not completed yet")))
    if full:
        facts.append(Detail(_("Shared with the network"), yes if incident.is_shared else no))
    return tuple(facts)


def _changed(fields: list[str], *, full: bool) -> str:
    names = []
    for name in fields:
        if name == "internal_notes" and not full:
            continue
        if name in CHILD_LABELS:
            names.append(str(CHILD_LABELS[name]))
            continue
        try:
            names.append(_label(Incident, name))
        except FieldDoesNotExist:  # a field since renamed: shown as it was stored
            names.append(name)
    return ", ".join(names)


def _timeline(
    incident: Incident, *, full: bool, fmt: _Format, names: dict[int, str]
) -> tuple[TimelineEntry, ...]:
    moments: list[tuple[dt.datetime, TimelineEntry]] = [
        (incident.started_at, TimelineEntry(fmt.when(incident.started_at), _("Incident started")))
    ]
    if incident.ended_at is not None:
        moments.append(
            (incident.ended_at, TimelineEntry(fmt.when(incident.ended_at), _("Incident ended")))
        )
    for revision in incident.revisions.all():
        note = ""
        if revision.kind in (IncidentRevision.Kind.EDITED, IncidentRevision.Kind.COMPLETED):
            changed = _changed(list(revision.fields or []), full=full)
            note = _("Changed: %(fields)s") % {"fields": changed} if changed else ""
        elif revision.kind == IncidentRevision.Kind.VOIDED and full:
            note = revision.note
        who = names.get(revision.by_id or 0, "") if full else ""
        entry = TimelineEntry(fmt.when(revision.at), revision.get_kind_display(), who, note)
        moments.append((revision.at, entry))
    moments.sort(key=lambda pair: pair[0])
    return tuple(entry for _moment, entry in moments)


def _block(
    incident: Incident,
    *,
    visibility: Visibility,
    fmt: _Format,
    names: dict[int, str],
    large_pictures: bool,
) -> IncidentBlock:
    full = visibility is Visibility.FULL
    location = _choice(incident, "location") if incident.location else ""
    if detail := incident.location_detail:
        location = f"{location} — {detail}" if location else detail
    voided = ""
    if incident.voided_at is not None:
        voided = _("Voided on %(date)s") % {"date": fmt.when(incident.voided_at)}
        if full and incident.void_reason:
            voided = f"{voided}: {incident.void_reason}"
    items = tuple(_item(item, full=full, fmt=fmt) for item in incident.items.all())
    return IncidentBlock(
        number=incident.pk,
        kind=_choice(incident, "kind"),
        store_name=incident.store.display_name,
        started=fmt.when(incident.started_at),
        ended=fmt.when(incident.ended_at),
        location=location,
        summary=incident.summary,
        narrative=incident.narrative,
        method=incident.method,
        facts=_facts(incident, full=full),
        suspects=tuple(_suspect(suspect) for suspect in incident.suspects.all()),
        vehicles=tuple(_vehicle(vehicle) for vehicle in incident.vehicles.all()),
        items=items,
        loss_total=fmt.money(incident.loss_total) if full and items else None,
        internal_notes=incident.internal_notes if full else None,
        logged_by=names.get(incident.logged_by_id, "") if full else None,
        voided=voided,
        timeline=_timeline(incident, full=full, fmt=fmt, names=names),
        pictures=_pictures(incident.evidence.all(), full=full, large=large_pictures),
        redacted=not full,
    )


def _names(incidents: Iterable[Incident]) -> dict[int, str]:
    """The people who logged and changed the incidents, by user id (users live in public)."""
    ids: set[int] = set()
    for incident in incidents:
        ids.add(incident.logged_by_id)
        ids.update(r.by_id for r in incident.revisions.all() if r.by_id is not None)
    return {pk: user.get_full_name() for pk, user in users_by_id(ids).items()}


def with_children(incidents: QuerySet[Incident]) -> QuerySet[Incident]:
    return incidents.select_related("store").prefetch_related(
        "suspects",
        "vehicles",
        "items",
        Prefetch("revisions", queryset=IncidentRevision.objects.order_by("at", "id")),
        Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "id")),
    )


def _address(store: Store) -> tuple[str, ...]:
    town = " ".join(part for part in (store.city, store.region, store.postal_code) if part)
    return tuple(line for line in (store.address_line1, store.address_line2, town) if line)


def _now() -> dt.datetime:
    return timezone.now()


def packet_data(
    *,
    incident: Incident,
    visibility: Visibility,
    network: Network,
    language: str | None = None,
) -> PacketData:
    """The packet of one incident as `visibility` lets its reader see it."""
    language = language or network.language or "en"
    loaded = with_children(Incident.objects.filter(pk=incident.pk)).get()
    with translation.override(language):
        fmt = _Format(network)
        block = _block(
            loaded,
            visibility=visibility,
            fmt=fmt,
            names=_names([loaded]) if visibility is Visibility.FULL else {},
            large_pictures=True,
        )
        store = loaded.store
        return PacketData(
            language=language,
            paper=paper_for(network),
            network_name=network.name,
            store_name=store.display_name,
            store_address=_address(store) if visibility is Visibility.FULL else (),
            generated=fmt.when(_now()),
            zone_name=str(network.timezone),
            currency=fmt.currency,
            incident=block,
        )


def period_label(
    *, since: dt.date | None, until: dt.date | None, fmt: _Format, blocks: list[Incident]
) -> str:
    if since is None and until is None and blocks:
        days = [incident.started_at.astimezone(fmt.zone).date() for incident in blocks]
        since, until = min(days), max(days)
    if since and until:
        return f"{fmt.day(since)} \u2013 {fmt.day(until)}"
    if since:
        return _("From %(day)s") % {"day": fmt.day(since)}
    if until:
        return _("Until %(day)s") % {"day": fmt.day(until)}
    return _("All dates")


def logbook_data(
    *,
    incidents: QuerySet[Incident],
    visibility_of: VisibilityOf,
    network: Network,
    store: Store | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    language: str | None = None,
) -> LogbookData:
    """A logbook of `incidents` (in their order), each as `visibility_of` lets its reader see
    it. Without a `store`, the cover names the store when every incident is of the same one."""
    language = language or network.language or "en"
    loaded = list(with_children(incidents))
    stores = {incident.store_id: incident.store for incident in loaded}
    if store is None and len(stores) == 1:
        store = next(iter(stores.values()))
    levels = {incident.pk: visibility_of(incident) for incident in loaded}
    names = _names(i for i in loaded if levels[i.pk] is Visibility.FULL)
    with translation.override(language):
        fmt = _Format(network)
        blocks = tuple(
            _block(
                incident,
                visibility=levels[incident.pk],
                fmt=fmt,
                names=names,
                large_pictures=False,
            )
            for incident in loaded
        )
        every_full = all(level is Visibility.FULL for level in levels.values())
        total = sum((incident.loss_total for incident in loaded), Decimal("0"))
        return LogbookData(
            language=language,
            paper=paper_for(network),
            network_name=network.name,
            store_name=store.display_name if store is not None else None,
            period=period_label(since=since, until=until, fmt=fmt, blocks=loaded),
            generated=fmt.when(_now()),
            zone_name=str(network.timezone),
            currency=fmt.currency,
            incidents=blocks,
            loss_total=fmt.money(total) if every_full and loaded else None,
        )
