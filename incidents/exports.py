"""Exports of the logbook: the filtered list as CSV, the logbook PDF, one incident's packet.

A small export is answered at once; a large one (more than `DIRECT_LIMIT` incidents) becomes
an `IncidentExport` that a task builds with its progress. Every export is written to the
access log when it is asked for: who, when, what (and the filters), and the police purpose.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.selectors import users_by_id
from networks.closure import network_open_required
from networks.csv import csv_bytes
from networks.models import Membership, Network, Store

from . import selectors
from .access import Visibility, visibility_of
from .forms import LogbookFilterForm
from .models import AccessLogEntry, Incident, IncidentExport
from .services import access_record

if TYPE_CHECKING:
    from accounts.models import User

# Asking again for the same large export while it is prepared shows that one.
REUSE_WITHIN = dt.timedelta(minutes=10)
# Up to this many incidents an export is answered in the request; more go to a task.
DIRECT_LIMIT = 50
FORMATS = (IncidentExport.Format.CSV, IncidentExport.Format.LOGBOOK_PDF)
ACTIONS = {
    IncidentExport.Format.CSV: AccessLogEntry.Action.CSV,
    IncidentExport.Format.LOGBOOK_PDF: AccessLogEntry.Action.LOGBOOK_PDF,
}
# Query-string keys the filters read (anything else in a stored export's params is dropped).
PARAM_KEYS = (
    "scope",
    *LogbookFilterForm.base_fields,
)
Params = Mapping[str, list[str]]


class ExportError(Exception):
    """An export job that cannot be built any more (its member left the network)."""


# --- What an export holds ------------------------------------------------------------------


def export_params(query: Any) -> dict[str, list[str]]:
    """The filters of a query string (a QueryDict), as JSON for `IncidentExport.params`."""
    return {key: query.getlist(key)[:5] for key in PARAM_KEYS if key in query}


def export_scope(*, membership: Membership, params: Params) -> str:
    asked = (params.get("scope") or [""])[0]
    if asked == selectors.Scope.STORE and membership.is_store_member:
        return selectors.Scope.STORE
    if asked == selectors.Scope.NETWORK or not membership.is_store_member:
        return selectors.Scope.NETWORK
    return selectors.Scope.STORE


def export_filters(*, membership: Membership, params: Params) -> tuple[str, dict[str, Any]]:
    """The scope and the valid filters, read as the logbook's list reads them."""
    from django.http import QueryDict

    scope = export_scope(membership=membership, params=params)
    stores, loggers = selectors.filter_choices(membership=membership, scope=scope)
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, list(values))
    return scope, LogbookFilterForm(query, stores=stores, loggers=loggers).filters()


def export_incidents(*, membership: Membership, params: Params) -> QuerySet[Incident]:
    scope, filters = export_filters(membership=membership, params=params)
    return selectors.logbook(membership=membership, scope=scope, filters=filters)


def export_store(*, membership: Membership, params: Params) -> Store | None:
    """The store whose logbook an export reads, for the access log and the cover."""
    scope, filters = export_filters(membership=membership, params=params)
    if scope == selectors.Scope.STORE:
        return membership.store
    store_id = filters.get("store")
    return Store.objects.filter(pk=store_id).first() if store_id else None


def export_detail(*, count: int, params: Params) -> str:
    """What was exported, for the access log: how many incidents and with which filters."""
    shown = [f"{key}={','.join(values)}" for key, values in sorted(params.items()) if any(values)]
    text = _("%(count)s incidents") % {"count": count}
    return f"{text}; {'; '.join(shown)}" if shown else text


def export_filename(*, network: Network, format: str, at: dt.datetime | None = None) -> str:
    day = (at or timezone.now()).astimezone(network.zone).date().isoformat()
    ext = "csv" if format == IncidentExport.Format.CSV else "pdf"
    return f"incidents-{slugify(network.slug)}-{day}.{ext}"


# --- CSV --------------------------------------------------------------------------------------


def csv_header(*, currency: str) -> list[str]:
    return [
        _("Incident"),
        _("Store"),
        _("Type"),
        _("Started"),
        _("Ended"),
        _("Where"),
        _("Where exactly"),
        _("Summary"),
        _("What happened"),
        _("Number of suspects"),
        _("Method"),
        _("Vehicles (plates)"),
        _("Items taken"),
        _("Something was taken"),
        _("Police were called"),
        _("Police agency"),
        _("Police report number"),
        _("Officer"),
        _("Injuries"),
        _("Total retail value taken (%(currency)s)") % {"currency": currency},
        _("Internal notes"),
        _("Logged by"),
        _("Shared with the network"),
        _("Voided"),
    ]


def csv_rows(
    *,
    incidents: QuerySet[Incident],
    visibility: Callable[[Incident], Visibility],
    network: Network,
    on_row: Callable[[int], None] | None = None,
) -> Iterator[Sequence[object]]:
    """The header, then one row per incident as its reader may see it (at `REDACTED`, no
    values, internal notes or staff names). Cells are neutralised by `csv_bytes`."""
    zone = network.zone

    def when(moment: dt.datetime | None) -> str:
        return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    yes, no = _("yes"), _("no")
    yield csv_header(currency=network.currency)
    rows = incidents.select_related("store").prefetch_related("vehicles", "items")
    done = 0
    for chunk in _chunks(rows.iterator(chunk_size=500), 500):
        names = users_by_id(incident.logged_by_id for incident in chunk)
        for incident in chunk:
            full = visibility(incident) is Visibility.FULL
            logger = names.get(incident.logged_by_id)
            yield [
                incident.pk,
                incident.store.display_name,
                incident.get_kind_display(),
                when(incident.started_at),
                when(incident.ended_at),
                incident.get_location_display() if incident.location else "",
                incident.location_detail,
                incident.summary,
                incident.narrative,
                "" if incident.suspect_count is None else incident.suspect_count,
                incident.method,
                " / ".join(v.plate for v in incident.vehicles.all() if v.plate),
                " / ".join(item.description for item in incident.items.all()),
                yes if incident.anything_taken else no,
                yes if incident.police_called else no,
                incident.police_agency,
                incident.police_report_number,
                incident.police_officer,
                incident.injuries,
                _amount(incident.loss_total) if full else "",
                incident.internal_notes if full else "",
                logger.get_full_name() if full and logger is not None else "",
                yes if incident.is_shared else no,
                when(incident.voided_at),
            ]
            done += 1
            if on_row is not None:
                on_row(done)


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _chunks(rows: Iterator[Incident], size: int) -> Iterator[list[Incident]]:
    chunk: list[Incident] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- Building a file ---------------------------------------------------------------------


def _dates(filters: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    return filters.get("since"), filters.get("until")


def export_file(
    *,
    membership: Membership,
    params: Params,
    format: str,
    network: Network,
    on_progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The CSV or logbook PDF of the member's filtered logbook, in the network's language
    and time zone (the filters' dates are days there)."""
    from .render.build import logbook_data
    from .render.logbook import render_logbook_pdf

    def level(incident: Incident) -> Visibility:
        return visibility_of(membership=membership, incident=incident)

    with timezone.override(network.zone), translation.override(network.language or "en"):
        scope, filters = export_filters(membership=membership, params=params)
        incidents = selectors.logbook(membership=membership, scope=scope, filters=filters)
        total = incidents.count()
        if format == IncidentExport.Format.CSV:
            rows = csv_rows(
                incidents=incidents,
                visibility=level,
                network=network,
                on_row=(lambda done: on_progress(done, total)) if on_progress else None,
            )
            return csv_bytes(rows)
        since, until = _dates(filters)
        logbook = logbook_data(
            incidents=incidents,
            visibility_of=level,
            network=network,
            store=export_store(membership=membership, params=params),
            since=since,
            until=until,
        )
        return render_logbook_pdf(logbook=logbook, on_progress=on_progress)


# --- Services -------------------------------------------------------------------------------


def export_record(
    *,
    membership: Membership,
    user: User,
    format: str,
    params: Params,
    count: int,
    purpose: str = "",
) -> AccessLogEntry:
    """The access-log line of an export of the list."""
    return access_record(
        membership=membership,
        user=user,
        action=ACTIONS[IncidentExport.Format(format)],
        store=export_store(membership=membership, params=params),
        purpose=purpose,
        detail=export_detail(count=count, params=params),
    )


@transaction.atomic
def export_request(
    *,
    membership: Membership,
    user: User,
    format: str,
    params: Params,
    count: int,
    purpose: str = "",
) -> IncidentExport:
    """A large export: the job, its access-log line, and the task, enqueued on commit. The
    same export asked again while it is still being prepared is that one, not a second."""
    network_open_required()
    running = IncidentExport.objects.filter(
        requested_by_id=user.pk,
        format=format,
        params=dict(params),
        status__in=(IncidentExport.Status.QUEUED, IncidentExport.Status.RUNNING),
        created_at__gte=timezone.now() - REUSE_WITHIN,
    ).first()
    if running is not None:
        return running
    export = IncidentExport.objects.create(
        format=format, requested_by_id=user.pk, params=dict(params), total=count
    )
    export_record(
        membership=membership,
        user=user,
        format=format,
        params=params,
        count=count,
        purpose=purpose,
    )
    from .export_tasks import incident_export_build

    export_id = export.pk
    transaction.on_commit(lambda: incident_export_build.delay(export_id=export_id))
    return export


def export_build(*, export_id: int, network: Network) -> None:
    """Build a queued export: claimed by a conditional update, so a repeat run does nothing."""
    network_open_required()
    Status = IncidentExport.Status
    claimed = IncidentExport.objects.filter(pk=export_id, status=Status.QUEUED).update(
        status=Status.RUNNING, done=0
    )
    if claimed != 1:
        return
    export = IncidentExport.objects.get(pk=export_id)
    try:
        data = _export_write(export, network)
    except Exception:
        IncidentExport.objects.filter(pk=export_id).update(
            status=Status.FAILED, finished_at=timezone.now()
        )
        raise
    filename = export_filename(network=network, format=export.format)
    ext = filename.rsplit(".", 1)[-1]
    # Never guessable: the file is served only through the checking view.
    export.file.save(f"{uuid.uuid4().hex}.{ext}", ContentFile(data), save=False)
    IncidentExport.objects.filter(pk=export_id).update(
        status=Status.READY,
        file=export.file.name,
        file_name=filename,
        done=export.total,
        finished_at=timezone.now(),
    )


def _export_write(export: IncidentExport, network: Network) -> bytes:
    membership = (
        Membership.objects.select_related("store")
        .filter(user_id=export.requested_by_id, is_active=True)
        .first()
    )
    if membership is None:
        raise ExportError(f"export {export.pk}: its member left the network")
    last = {"done": -1}

    def progress(done: int, total: int) -> None:
        # One write per step that shows: a 2,000-row CSV does not update 2,000 times.
        step = max(1, total // 50)
        if done - last["done"] < step and done < total:
            return
        last["done"] = done
        IncidentExport.objects.filter(pk=export.pk).update(done=min(done, total), total=total)

    return export_file(
        membership=membership,
        params=export.params,
        format=export.format,
        network=network,
        on_progress=progress,
    )
