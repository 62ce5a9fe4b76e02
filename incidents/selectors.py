"""Reads for the incident logbook: the filtered, searched, keyset-paginated lists, the
"to finish" list, counts for the dashboards and the access log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import Membership, Store
from networks.prepared import Prepared

from .access import own_store_id, visible_incidents
from .derived import identifier_compact, search_config
from .models import AccessLogEntry, Incident, IncidentRevision

PAGE_SIZE = 50
# Plates and serials are searched as substrings (trigram index) from this many characters.
IDENTIFIER_MIN_LENGTH = 3


class Scope:
    STORE = "store"  # the member's own store's logbook
    NETWORK = "network"  # shared incidents of every store


@dataclass(frozen=True)
class Page:
    incidents: list[Incident]
    next_cursor: str | None


def logbook(*, membership: Membership, scope: str, filters: dict[str, Any]) -> QuerySet[Incident]:
    """The incidents a member sees in a list, filtered; newest first.

    `filters` holds the cleaned data of `LogbookFilterForm` (absent or empty keys are ignored).
    """
    incidents = visible_incidents(membership=membership)
    if scope == Scope.STORE and membership.is_store_member:
        incidents = incidents.filter(store_id=own_store_id(membership=membership))
    else:
        incidents = incidents.filter(is_shared=True)
    if not filters.get("voided"):
        incidents = incidents.filter(voided_at__isnull=True)
    elif filters.get("voided") == "only":
        incidents = incidents.filter(voided_at__isnull=False)
    zone = timezone.get_current_timezone()
    if day := filters.get("since"):
        incidents = incidents.filter(started_at__gte=_start_of(day, zone))
    if day := filters.get("until"):
        incidents = incidents.filter(started_at__lt=_start_of(day + dt.timedelta(days=1), zone))
    if kind := filters.get("kind"):
        incidents = incidents.filter(kind=kind)
    if store_id := filters.get("store"):
        incidents = incidents.filter(store_id=store_id)
    if logged_by := filters.get("logged_by"):
        incidents = incidents.filter(logged_by_id=logged_by)
    if filters.get("has_suspects"):
        incidents = incidents.filter(has_suspects=True)
    if filters.get("has_vehicle"):
        incidents = incidents.filter(has_vehicles=True)
    if filters.get("has_loss"):
        incidents = incidents.filter(anything_taken=True)
    own_store = scope == Scope.STORE and membership.is_store_member
    # A network list holds shared incidents only, and no one finishes another store's.
    if own_store and (shared := filters.get("shared")) in ("yes", "no"):
        incidents = incidents.filter(is_shared=shared == "yes")
    if own_store and filters.get("to_finish"):
        incidents = incidents.filter(is_complete=False)
    if text := (filters.get("q") or "").strip():
        incidents = incidents.filter(_matching(text))
    return incidents.select_related("store").order_by("-started_at", "-id")


def _start_of(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone)


def _matching(text: str) -> Q:
    words = Q(search_vector=SearchQuery(text, config=search_config(), search_type="websearch"))
    compact = identifier_compact(text)
    if len(compact) >= IDENTIFIER_MIN_LENGTH:
        return words | Q(identifiers__contains=compact)
    return words


def page_of(*, incidents: QuerySet[Incident], cursor: str | None) -> Page:
    """One page after `cursor` (keyset on started_at, id: as fast on page 2,000 as on 1)."""
    position = cursor_parse(cursor)
    if position is not None:
        started_at, pk = position
        incidents = incidents.filter(
            Q(started_at__lt=started_at) | Q(started_at=started_at, pk__lt=pk)
        )
    rows = list(incidents[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    next_cursor = cursor_of(rows[-1]) if more and rows else None
    return Page(incidents=rows, next_cursor=next_cursor)


def cursor_of(incident: Incident) -> str:
    return f"{incident.started_at.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%S.%f')}_{incident.pk}"


def cursor_parse(cursor: str | None) -> tuple[dt.datetime, int] | None:
    """A cursor from the query string, or None for anything that is not one of ours."""
    if not cursor or len(cursor) > 40:
        return None
    moment, _sep, pk = cursor.partition("_")
    try:
        started_at = dt.datetime.strptime(moment, "%Y%m%dT%H%M%S.%f").replace(tzinfo=dt.UTC)
        return started_at, int(pk)
    except ValueError:
        return None


def to_finish(*, membership: Membership) -> QuerySet[Incident]:
    """Quick logs waiting to be completed by this member (the owner sees the whole store's)."""
    if not membership.is_store_member:
        return Incident.objects.none()
    incidents = Incident.objects.filter(
        store_id=own_store_id(membership=membership), is_complete=False, voided_at__isnull=True
    )
    if membership.role == Membership.Role.STORE_STAFF:
        incidents = incidents.filter(logged_by_id=membership.user_id)
    return incidents.order_by("-started_at", "-id")


def shared_since(*, membership: Membership, since: dt.datetime) -> QuerySet[Incident]:
    """Shared incidents of other stores since a moment (for a store member's dashboard)."""
    incidents = Incident.objects.filter(
        is_shared=True, voided_at__isnull=True, started_at__gte=since
    )
    if membership.is_store_member:
        incidents = incidents.exclude(store_id=own_store_id(membership=membership))
    return incidents


def revisions_of(*, incident: Incident) -> QuerySet[IncidentRevision]:
    return incident.revisions.order_by("at", "id")


def access_log(*, membership: Membership) -> QuerySet[AccessLogEntry]:
    """The access log the owner (their store's) or the coordinator (every store's) reads."""
    entries = AccessLogEntry.objects.select_related("incident", "store")
    if membership.role == Membership.Role.STORE_OWNER:
        store_id = own_store_id(membership=membership)
        return entries.filter(Q(store_id=store_id) | Q(incident__store_id=store_id))
    if membership.role == Membership.Role.COORDINATOR:
        return entries
    return entries.none()


# Run on every logbook page, cached or not (networks.prepared): one query, users joined from
# the public schema, on the search path.
_LOGGERS = Prepared(
    lambda store_id: Membership.objects.filter(store_id=store_id).values_list(
        "user_id", "user__full_name", "user__email"
    )
)
_STORE_NAMES = Prepared(
    lambda _unused: Store.objects.order_by("display_name").values_list("pk", "display_name")
)


def store_loggers(*, store_id: int) -> list[tuple[int, str]]:
    """The store's members, for the owner's "logged by" filter."""
    # The name as User.get_full_name gives it; the order is stable (it is part of a cache key).
    return sorted(
        {(pk, full_name or email) for pk, full_name, email in _LOGGERS.rows(store_id)},
        key=lambda row: (row[1], row[0]),
    )


def filter_choices(
    *, membership: Membership, scope: str
) -> tuple[list[tuple[int, str]] | None, list[tuple[int, str]] | None]:
    """The store and "logged by" choices of a list's filters: stores on the network list,
    the store's own people on its owner's logbook (None where the filter is not offered)."""
    if scope != Scope.STORE:
        return store_names(), None
    if membership.role == Membership.Role.STORE_OWNER:
        return None, store_loggers(store_id=own_store_id(membership=membership))
    return None, None


def store_names() -> list[tuple[int, str]]:
    """Every store of the network, by name, for the network list's store filter."""
    return [(pk, name) for pk, name in _STORE_NAMES.rows(0)]


def field_labels(revision: IncidentRevision) -> list[str]:
    """The changed fields of a revision, in the reader's language."""
    labels = {
        "suspects": _("suspects"),
        "vehicles": _("vehicles"),
        "items": _("items taken"),
    }
    names = []
    for name in revision.fields:
        if name in labels:
            names.append(str(labels[name]))
            continue
        try:
            names.append(str(getattr(Incident._meta.get_field(name), "verbose_name", name)))
        except FieldDoesNotExist:
            names.append(name)
    return names


WEEK_DAYS = 7


@dataclass(frozen=True)
class DashboardCounts:
    to_finish: int = 0
    store_this_month: int = 0
    shared_this_week: int = 0
    voided_this_week: int = 0


def dashboard_counts(*, membership: Membership, now: dt.datetime | None = None) -> DashboardCounts:
    """The dashboard's incident counts for one member, in one query. "This week" is today and
    the seven days before (as the list's "From" filter counts them); "shared" leaves out the
    member's own store (they know their own)."""
    today = timezone.localtime(now or timezone.now()).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    week_ago = today - dt.timedelta(days=WEEK_DAYS)
    month_start = today.replace(day=1)
    standing = Q(voided_at__isnull=True)
    shared = standing & Q(is_shared=True, started_at__gte=week_ago)
    counts: dict[str, Any] = {
        "shared_this_week": Count("pk", filter=shared),
        "voided_this_week": Count("pk", filter=Q(voided_at__gte=week_ago)),
    }
    if membership.is_store_member:
        own = standing & Q(store_id=membership.store_id)
        finish = own & Q(is_complete=False)
        if membership.role == Membership.Role.STORE_STAFF:
            finish &= Q(logged_by_id=membership.user_id)
        counts |= {
            "shared_this_week": Count("pk", filter=shared & ~Q(store_id=membership.store_id)),
            "to_finish": Count("pk", filter=finish),
            "store_this_month": Count("pk", filter=own & Q(started_at__gte=month_start)),
        }
    return DashboardCounts(**visible_incidents(membership=membership).aggregate(**counts))
