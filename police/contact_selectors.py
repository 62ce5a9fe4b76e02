"""Reads of a store's police contacts, meetings and follow-ups, for the owner's pages and the
law-enforcement member's list of what is theirs to do."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet

from networks.models import Store

from .models import FollowUp, Meeting, PoliceContact


def contacts_of(*, store: Store) -> QuerySet[PoliceContact]:
    return PoliceContact.objects.filter(store=store).order_by("name", "id")


def _open_first() -> QuerySet[FollowUp]:
    # Open ones first (by due date), then the done ones, most recently done first.
    return FollowUp.objects.select_related("contact").order_by(
        F("done_at").desc(nulls_first=True), "due_on", "id"
    )


def meetings_of(*, store: Store) -> QuerySet[Meeting]:
    """The store's meetings, latest first, each with its contacts and its follow-ups."""
    return (
        Meeting.objects.filter(store=store)
        .prefetch_related(
            Prefetch("contacts", queryset=PoliceContact.objects.order_by("name", "id")),
            Prefetch("follow_ups", queryset=_open_first()),
        )
        .order_by("-held_on", "-id")
    )


def open_follow_ups_of(*, store: Store) -> QuerySet[FollowUp]:
    """What is still to be done after the store's meetings, the soonest due first."""
    return (
        FollowUp.objects.filter(store=store, done_at__isnull=True)
        .select_related("meeting", "contact")
        .order_by("due_on", "id")
    )


@dataclass(frozen=True)
class Assigned:
    open: list[FollowUp]
    done: list[FollowUp]


def follow_ups_assigned_to(*, user_id: int, done_limit: int = 20) -> Assigned:
    """The follow-ups assigned to the contacts that are this law-enforcement member: every
    open one (soonest due first) and the latest done."""
    mine = FollowUp.objects.filter(contact__member_user_id=user_id).select_related(
        "meeting", "store", "contact"
    )
    return Assigned(
        open=list(mine.filter(done_at__isnull=True).order_by("due_on", "id")),
        done=list(mine.filter(done_at__isnull=False).order_by("-done_at", "-id")[:done_limit]),
    )
