"""Patrol requests: a store's owner asks the network's police for extra patrols over a period,
police accept or decline once, the owner may withdraw; and each person's private calendar
feed address. Every change bumps the request's `sequence`, so calendar apps replace the event
they hold. Mail goes out after commit, through tasks that receive ids."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.mail import mail_send
from networks.models import Membership, Store
from networks.schemas import current_network
from networks.templatetags.portal import network_origin

from .models import CalendarFeed, PatrolRequest

if TYPE_CHECKING:
    from accounts.models import User

Status = PatrolRequest.Status
# A request is for a stretch of days, not a standing arrangement.
LONGEST = dt.timedelta(days=31)
# Owners fill the form in a little late ("since this morning"), never weeks late.
PAST_SLACK = dt.timedelta(days=1)
FURTHEST_AHEAD = dt.timedelta(days=366)


def next_quarter_hour(now: dt.datetime) -> dt.datetime:
    """A new request's default start: the next quarter hour not yet begun (at 10:30:31,
    10:45; at 10:30:00, 10:30)."""
    start = now.replace(second=0, microsecond=0)
    if start < now:
        start += dt.timedelta(minutes=1)
    return start + dt.timedelta(minutes=(15 - start.minute % 15) % 15)


PATROL_FIELDS = ("reason", "incident", "starts_at", "ends_at", "times", "details")


class PatrolRequestError(Exception):
    """A request refused, with what to tell the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def patrol_period_problems(
    *, starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime | None = None
) -> dict[str, str]:
    """What is wrong with a period, by field ("starts_at", "ends_at"); empty when it is fine."""
    now = now or timezone.now()
    problems: dict[str, str] = {}
    if starts_at < now - PAST_SLACK:
        problems["starts_at"] = _("The start is more than a day in the past.")
    elif starts_at > now + FURTHEST_AHEAD:
        problems["starts_at"] = _("The start is more than a year ahead.")
    if ends_at <= starts_at:
        problems["ends_at"] = _("The end must come after the start.")
    elif ends_at - starts_at > LONGEST:
        problems["ends_at"] = _(
            "A request can cover at most 31 days. For a longer absence, make one request "
            "for each month."
        )
    return problems


@transaction.atomic
def patrol_request_create(*, store: Store, by: User, fields: dict[str, Any]) -> PatrolRequest:
    """A new open request of `store`, made by its owner `by`; the network's police are told.
    `fields`: reason, starts_at, ends_at, and optionally times, details and incident (one of
    the store's incidents, e.g. the casing that prompted it)."""
    unknown = set(fields) - set(PATROL_FIELDS)
    if unknown:
        raise TypeError(f"unknown patrol request fields: {sorted(unknown)}")
    starts_at, ends_at = fields["starts_at"], fields["ends_at"]
    problems = patrol_period_problems(starts_at=starts_at, ends_at=ends_at)
    if problems:
        raise PatrolRequestError(" ".join(problems.values()))
    incident = fields.get("incident")
    if incident is not None and incident.store_id != store.pk:
        raise PatrolRequestError(_("That incident is not one of your store's."))
    if fields["reason"] not in PatrolRequest.Reason.values:
        raise PatrolRequestError(_("Choose a reason."))
    patrol = PatrolRequest.objects.create(
        store=store,
        reason=fields["reason"],
        incident=incident,
        starts_at=starts_at,
        ends_at=ends_at,
        times=fields.get("times") or "",
        details=fields.get("details") or "",
        requested_by_id=by.pk,
    )
    from .patrol_tasks import patrol_tell_police

    transaction.on_commit(lambda: patrol_tell_police.delay(patrol_id=patrol.pk))
    return patrol


@transaction.atomic
def patrol_request_answer(
    *, patrol: PatrolRequest, by: User, accept: bool, note: str
) -> PatrolRequest:
    """A law-enforcement member's answer to an open request. Claimed with a conditional
    update: of two officers answering at once, the second is told it is already answered."""
    now = timezone.now()
    claimed = PatrolRequest.objects.filter(pk=patrol.pk, status=Status.OPEN).update(
        status=Status.ACCEPTED if accept else Status.DECLINED,
        answered_by_id=by.pk,
        answered_by_name=(by.full_name or by.email)[:150],
        answered_at=now,
        answer_note=note[:500],
        sequence=F("sequence") + 1,
        updated_at=now,
    )
    patrol.refresh_from_db()
    if claimed != 1:
        if patrol.status == Status.WITHDRAWN:
            raise PatrolRequestError(_("The store has withdrawn this request."))
        raise PatrolRequestError(
            _("%(name)s has already answered this request.")
            % {"name": patrol.answered_by_name or _("Another officer")}
        )
    from .patrol_tasks import patrol_tell_owner

    transaction.on_commit(lambda: patrol_tell_owner.delay(patrol_id=patrol.pk))
    return patrol


@transaction.atomic
def patrol_request_withdraw(*, patrol: PatrolRequest, by: User) -> PatrolRequest:
    """The owner no longer needs the patrols (open or accepted requests only)."""
    now = timezone.now()
    withdrawn = PatrolRequest.objects.filter(
        pk=patrol.pk, status__in=(Status.OPEN, Status.ACCEPTED)
    ).update(status=Status.WITHDRAWN, sequence=F("sequence") + 1, updated_at=now)
    was_accepted = patrol.status == Status.ACCEPTED
    patrol.refresh_from_db()
    if withdrawn != 1:
        raise PatrolRequestError(_("This request was already answered or withdrawn."))
    if was_accepted and patrol.answered_by_id:
        from .patrol_tasks import patrol_tell_officer

        # The officer who planned the patrols should not drive by for nothing.
        transaction.on_commit(lambda: patrol_tell_officer.delay(patrol_id=patrol.pk))
    return patrol


@transaction.atomic
def calendar_feed_renew(*, user: User) -> str:
    """A new private feed address for `user`; the old one stops working. Returns the token,
    which is shown once and never stored (only its hash is)."""
    token = secrets.token_urlsafe(32)
    digest = hashlib.sha256(token.encode()).hexdigest()
    CalendarFeed.objects.filter(user_id=user.pk).delete()
    CalendarFeed.objects.create(user_id=user.pk, token_hash=digest)
    return token


# --- Mail (called by the tasks) ---------------------------------------------------------------


def _emails_of(user_ids: list[int]) -> list[str]:
    from accounts.models import User

    return list(
        User.objects.filter(pk__in=user_ids, is_active=True)
        .order_by("pk")
        .values_list("email", flat=True)
    )


def patrol_request_tell_police(*, patrol_id: int) -> None:
    """Tell the network's law-enforcement members a new request waits for an answer."""
    patrol = PatrolRequest.objects.select_related("store").filter(pk=patrol_id).first()
    if patrol is None or patrol.status != Status.OPEN:
        return
    police_ids = list(
        Membership.objects.filter(role=Membership.Role.LAW_ENFORCEMENT, is_active=True).values_list(
            "user_id", flat=True
        )
    )
    network = current_network()
    origin = network_origin(network)
    for email in _emails_of(police_ids):
        mail_send(
            template="police_patrol_new",
            context={
                "patrol": patrol,
                "network": network,
                "patrol_url": f"{origin}/police/patrols/{patrol.pk}/",
            },
            to=[email],
            language=network.language,
        )


def patrol_request_tell_owner(*, patrol_id: int) -> None:
    """Tell the store's owner how the police answered."""
    patrol = PatrolRequest.objects.select_related("store").filter(pk=patrol_id).first()
    if patrol is None or patrol.status not in (Status.ACCEPTED, Status.DECLINED):
        return
    owner_ids = list(
        Membership.objects.filter(
            role=Membership.Role.STORE_OWNER, store_id=patrol.store_id, is_active=True
        ).values_list("user_id", flat=True)
    )
    network = current_network()
    origin = network_origin(network)
    for email in _emails_of(owner_ids):
        # The owner's language is not kept per person: the network's is theirs by default.
        mail_send(
            template="police_patrol_answered",
            context={
                "patrol": patrol,
                "network": network,
                "patrol_url": f"{origin}/police/patrols/{patrol.pk}/",
                "calendar_url": f"{origin}/police/patrols/calendar/",
            },
            to=[email],
            language=network.language,
        )


def patrol_request_tell_officer(*, patrol_id: int) -> None:
    """Tell the officer who accepted a request that the store has withdrawn it."""
    patrol = PatrolRequest.objects.select_related("store").filter(pk=patrol_id).first()
    if patrol is None or patrol.status != Status.WITHDRAWN or not patrol.answered_by_id:
        return
    still_police = Membership.objects.filter(
        user_id=patrol.answered_by_id, role=Membership.Role.LAW_ENFORCEMENT, is_active=True
    ).exists()
    if not still_police:
        return
    network = current_network()
    for email in _emails_of([patrol.answered_by_id]):
        mail_send(
            template="police_patrol_withdrawn",
            context={
                "patrol": patrol,
                "network": network,
                "patrol_url": f"{network_origin(network)}/police/patrols/{patrol.pk}/",
            },
            to=[email],
            language=network.language,
        )
