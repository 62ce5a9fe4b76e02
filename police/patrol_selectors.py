"""Reads of patrol requests: the lists on each side, what a calendar (page or feed) shows, and
the counts the dashboards and navigation use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from networks.models import Membership, Store

from .access import is_police
from .models import PatrolRequest

Status = PatrolRequest.Status
# A calendar app keeps what it once got: withdrawn and declined requests stay in the feed a
# while, marked cancelled, so the event disappears from the person's calendar.
FEED_PAST = dt.timedelta(days=30)
FEED_AHEAD = dt.timedelta(days=400)


def open_patrols_for_police() -> QuerySet[PatrolRequest]:
    """Requests waiting for a police answer whose period has not ended, soonest first."""
    return (
        PatrolRequest.objects.select_related("store")
        .filter(status=Status.OPEN, ends_at__gte=timezone.now())
        .order_by("starts_at", "id")
    )


def answered_patrols_for_police(*, limit: int = 30) -> list[PatrolRequest]:
    """The latest answers, for police to see who took which request."""
    return list(
        PatrolRequest.objects.select_related("store")
        .filter(status__in=(Status.ACCEPTED, Status.DECLINED), ends_at__gte=timezone.now())
        .order_by("starts_at", "id")[:limit]
    )


def patrols_of_store(*, store: Store) -> QuerySet[PatrolRequest]:
    """Every request of a store, the latest period first."""
    return (
        PatrolRequest.objects.select_related("store")
        .filter(store=store)
        .order_by("-starts_at", "-id")
    )


def _scope(*, membership: Membership) -> QuerySet[PatrolRequest]:
    patrols = PatrolRequest.objects.select_related("store")
    if is_police(membership=membership):
        return patrols
    if membership.is_store_member and membership.store_id is not None:
        return patrols.filter(store_id=membership.store_id)
    return patrols.none()


def _shown_statuses(*, membership: Membership) -> tuple[str, ...]:
    # Police plan around what is asked and what is agreed; the store also sees refusals.
    if is_police(membership=membership):
        return (Status.OPEN, Status.ACCEPTED)
    return (Status.OPEN, Status.ACCEPTED, Status.DECLINED)


def patrols_in_period(
    *, membership: Membership, start: dt.datetime, end: dt.datetime
) -> list[PatrolRequest]:
    """What the calendar page shows between `start` and `end`: every request overlapping it."""
    return list(
        _scope(membership=membership)
        .filter(
            status__in=_shown_statuses(membership=membership),
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .order_by("starts_at", "id")
    )


def patrols_for_feed(*, membership: Membership) -> list[PatrolRequest]:
    """What a person's .ics feed carries: what their calendar page shows, plus the recent
    withdrawn and declined requests (as cancelled events)."""
    now = timezone.now()
    return list(
        _scope(membership=membership)
        .filter(ends_at__gt=now - FEED_PAST, starts_at__lt=now + FEED_AHEAD)
        .order_by("starts_at", "id")
    )


def is_shown_in_calendar(*, membership: Membership, patrol: PatrolRequest) -> bool:
    return patrol.status in _shown_statuses(membership=membership)


@dataclass(frozen=True)
class Day:
    date: dt.date
    patrols: list[PatrolRequest]


def agenda(
    *, patrols: list[PatrolRequest], first: dt.date, last: dt.date, zone: dt.tzinfo
) -> list[Day]:
    """The days from `first` to `last` that have a request running, each with its requests
    (a request spanning several days shows under each of them)."""
    days: list[Day] = []
    day = first
    while day <= last:
        running = [
            patrol
            for patrol in patrols
            if timezone.localtime(patrol.starts_at, zone).date()
            <= day
            <= timezone.localtime(patrol.ends_at - dt.timedelta(microseconds=1), zone).date()
        ]
        if running:
            days.append(Day(date=day, patrols=running))
        day += dt.timedelta(days=1)
    return days
