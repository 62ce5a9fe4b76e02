"""Writes of a store's police contacts, its meetings with them and the follow-ups agreed there,
and the reminders sent when a follow-up falls due. The owner's pages, the demo data and the
daily reminder task all come through here."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import users_by_id
from networks.closure import network_open_required
from networks.mail import mail_send
from networks.models import Membership, Store
from networks.phones import phone_e164
from networks.schemas import current_network
from networks.templatetags.portal import network_origin

from .models import FollowUp, Meeting, PoliceContact

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

CONTACT_FIELDS = ("name", "agency", "unit", "rank", "phone", "email", "preferred", "notes")
MEETING_FIELDS = ("held_on", "kind", "attendees", "discussed")
# Three follow-ups fit on a phone's screen below the meeting; more go in a second meeting.
MAX_FOLLOW_UPS = 3


class PoliceRecordError(ValidationError):
    """A change the owner's pages refuse; the message is meant for the person making it."""


# --- Phone numbers ----------------------------------------------------------------------------


# --- Contacts ---------------------------------------------------------------------------------


def member_user_id_of(*, email: str) -> int | None:
    """The network's active law-enforcement member whose account has this email, if any."""
    from accounts.models import User

    if not email:
        return None
    user_ids = list(User.objects.filter(email__iexact=email.strip()).values_list("pk", flat=True))
    if not user_ids:
        return None
    return (
        Membership.objects.filter(
            user_id__in=user_ids, role=Membership.Role.LAW_ENFORCEMENT, is_active=True
        )
        .values_list("user_id", flat=True)
        .first()
    )


def _check_contact(contact: PoliceContact) -> None:
    problems: dict[str, list[str]] = {}
    if contact.phone:
        try:
            contact.phone = phone_e164(contact.phone, region=contact.store.country)
        except ValidationError as error:
            problems["phone"] = error.messages
    try:
        contact.full_clean(exclude=["phone", "store"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            problems.setdefault(field, []).extend(messages)
    if problems:
        raise PoliceRecordError(problems)


@transaction.atomic
def contact_create(*, store: Store, by: User, fields: dict[str, object]) -> PoliceContact:
    """Add a police contact of the store; marked a network member when their email is one."""
    network_open_required()
    contact = PoliceContact(
        store=store,
        **{name: fields[name] for name in CONTACT_FIELDS if name in fields},
        created_by_id=by.pk,
    )
    _check_contact(contact)
    contact.member_user_id = member_user_id_of(email=contact.email)
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: PoliceContact, by: User, fields: dict[str, object]) -> PoliceContact:
    """Change a contact; the network-member match follows their email."""
    network_open_required()
    contact = PoliceContact.objects.select_related("store").select_for_update().get(pk=contact.pk)
    changed = ["updated_at"]
    for name in CONTACT_FIELDS:
        if name in fields and getattr(contact, name) != fields[name]:
            setattr(contact, name, fields[name])
            changed.append(name)
    _check_contact(contact)
    if "phone" not in changed:
        changed.append("phone")  # normalised by the check
    member_user_id = member_user_id_of(email=contact.email)
    if member_user_id != contact.member_user_id:
        contact.member_user_id = member_user_id
        changed.append("member_user_id")
    contact.save(update_fields=changed)
    return contact


@transaction.atomic
def contact_delete(*, contact: PoliceContact) -> None:
    """Remove a contact. Meetings they attended stay; their follow-ups become the store's."""
    network_open_required()
    contact.delete()


# --- Meetings and follow-ups ------------------------------------------------------------------


def network_today() -> dt.date:
    return timezone.localdate(timezone.now(), current_network().zone)


def _check_meeting(
    meeting: Meeting, contacts: Iterable[PoliceContact], follow_ups: list[FollowUp]
) -> None:
    problems: dict[str, list[str]] = {}
    if isinstance(meeting.held_on, dt.date) and meeting.held_on > network_today():
        problems["held_on"] = [
            _("The log is of what happened: give the date of a meeting held today or before.")
        ]
    if any(contact.store_id != meeting.store_id for contact in contacts):
        problems["contacts"] = [_("Choose among your store's police contacts.")]
    if len(follow_ups) > MAX_FOLLOW_UPS:
        problems["__all__"] = [
            _("A meeting takes at most %(count)d follow-ups.") % {"count": MAX_FOLLOW_UPS}
        ]
    try:
        meeting.full_clean(exclude=["store"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            problems.setdefault(field, []).extend(messages)
    for index, follow_up in enumerate(follow_ups, start=1):
        key = f"follow_up_{index}"
        if not follow_up.text.strip():
            problems.setdefault(f"{key}_text", []).append(_("Say what is to be done."))
        if len(follow_up.text) > FollowUp._meta.get_field("text").max_length:  # type: ignore[operator]
            problems.setdefault(f"{key}_text", []).append(
                _("Keep it under %(count)d characters.") % {"count": 300}
            )
        if not isinstance(follow_up.due_on, dt.date):
            problems.setdefault(f"{key}_due_on", []).append(_("Give the date it is due."))
        elif isinstance(meeting.held_on, dt.date) and follow_up.due_on < meeting.held_on:
            problems.setdefault(f"{key}_due_on", []).append(
                _("A follow-up falls due on the day of the meeting or later.")
            )
        if follow_up.contact is not None and follow_up.contact.store_id != meeting.store_id:
            problems.setdefault(f"{key}_contact", []).append(
                _("Choose among your store's police contacts.")
            )
    if problems:
        raise PoliceRecordError(problems)


@transaction.atomic
def meeting_create(
    *,
    store: Store,
    by: User,
    fields: dict[str, object],
    contacts: list[PoliceContact],
    follow_ups: list[dict[str, object]],
) -> Meeting:
    """Log a meeting (held today or before) with the contacts who were there and up to three
    follow-ups, each due on the meeting's day or later, each the store's or a contact's."""
    network_open_required()
    meeting = Meeting(
        store=store,
        **{name: fields[name] for name in MEETING_FIELDS if name in fields},
        created_by_id=by.pk,
    )
    items = [
        FollowUp(  # type: ignore[misc]  # checked in _check_meeting
            store=store,
            text=str(item.get("text") or ""),
            due_on=item.get("due_on"),
            contact=item.get("contact"),
        )
        for item in follow_ups
    ]
    _check_meeting(meeting, contacts, items)
    meeting.save()
    meeting.contacts.set(contacts)
    for item in items:
        item.meeting = meeting
    FollowUp.objects.bulk_create(items)
    return meeting


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp, by: User) -> bool:
    """Tick a follow-up off; False when someone already had."""
    network_open_required()
    done = FollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True).update(
        done_at=timezone.now(), done_by_id=by.pk
    )
    follow_up.refresh_from_db(fields=["done_at", "done_by_id"])
    return done == 1


# --- Reminders --------------------------------------------------------------------------------


def _owner_emails(store_id: int) -> list[str]:
    owner_ids = Membership.objects.filter(
        store_id=store_id, role=Membership.Role.STORE_OWNER, is_active=True
    ).values_list("user_id", flat=True)
    return sorted(user.email for user in users_by_id(owner_ids).values() if user.is_active)


def _police_email(user_id: int | None) -> str:
    if user_id is None:
        return ""
    still_member = Membership.objects.filter(
        user_id=user_id, role=Membership.Role.LAW_ENFORCEMENT, is_active=True
    ).exists()
    user = users_by_id([user_id]).get(user_id)
    if not still_member or user is None or not user.is_active:
        return ""
    return str(user.email)


def follow_up_remind(*, follow_up_id: int, today: dt.date) -> bool:
    """Send a due follow-up's one reminder: to the store's owners, and to the police member it
    is assigned to. Claimed before sending, so two runs at once send it once."""
    network_open_required()
    claimed = FollowUp.objects.filter(
        pk=follow_up_id, done_at__isnull=True, reminded_on__isnull=True, due_on__lte=today
    ).update(reminded_on=today)
    if claimed != 1:
        return False
    follow_up = FollowUp.objects.select_related("meeting", "store", "contact").get(pk=follow_up_id)
    network = current_network()
    origin = network_origin(network)
    context: dict[str, object] = {
        "network": network,
        "follow_up": follow_up,
        "meeting": follow_up.meeting,
        "store": follow_up.store,
        "contact": follow_up.contact,
    }
    try:
        owners = _owner_emails(follow_up.store_id)
        if owners:
            mail_send(
                template="police_follow_up",
                context={
                    **context,
                    "for_police": False,
                    "url": f"{origin}{reverse('police_meetings')}",
                },
                to=owners,
                language=network.language,
            )
        police = _police_email(follow_up.contact.member_user_id if follow_up.contact else None)
        if police:
            mail_send(
                template="police_follow_up",
                context={
                    **context,
                    "for_police": True,
                    "url": f"{origin}{reverse('police_follow_ups_mine')}",
                },
                to=[police],
                language=network.language,
            )
    except Exception:
        # Give the claim back: tomorrow's run tries again rather than the reminder being lost.
        FollowUp.objects.filter(pk=follow_up_id, reminded_on=today).update(reminded_on=None)
        logger.exception("follow-up reminder %s not sent", follow_up_id)
        return False
    return True


def follow_ups_remind(*, today: dt.date) -> int:
    """Remind every open follow-up due by `today` not yet reminded; how many were sent."""
    network_open_required()
    due = FollowUp.objects.filter(
        done_at__isnull=True, reminded_on__isnull=True, due_on__lte=today
    ).values_list("pk", flat=True)
    return sum(follow_up_remind(follow_up_id=pk, today=today) for pk in list(due))
