"""Who may see or change which of a store's police-partnership records. Views call these
first thing; missing and forbidden are the same 404.

- The store's owner keeps everything of their store: contacts, meetings and follow-ups, the
  security profile, patrol requests, response plans.
- The store's staff read the store's published plans (and acknowledge them) and see its
  patrol requests (they are the ones on duty when the patrol comes by).
- The network's law-enforcement members see every patrol request and answer the open ones,
  read and review published plan versions, read a security profile once its owner shares it,
  and see the follow-ups assigned to them. Reading a store's private records goes through the
  incidents app's stated purpose and access log.
- The coordinator keeps the network's plan templates and sees which stores have a plan signed
  off by police, nothing of what the plans say.
- Other stores see nothing of these.
"""

from __future__ import annotations

import hashlib

from django.http import Http404

from networks.models import Membership, Store

from .models import (
    CalendarFeed,
    FollowUp,
    Meeting,
    PatrolRequest,
    PlanTemplate,
    PlanVersion,
    PoliceContact,
    ResponsePlan,
    SecurityProfile,
)

Role = Membership.Role


def is_owner(*, membership: Membership) -> bool:
    return membership.role == Role.STORE_OWNER and membership.store_id is not None


def is_police(*, membership: Membership) -> bool:
    return membership.role == Role.LAW_ENFORCEMENT


def is_coordinator(*, membership: Membership) -> bool:
    return membership.role == Role.COORDINATOR


def owner_store(*, membership: Membership) -> Store:
    """The owner's own store; 404 for everyone else."""
    if not is_owner(membership=membership) or membership.store is None:
        raise Http404
    return membership.store


def team_store(*, membership: Membership) -> Store:
    """The store of its owner or staff; 404 for everyone else."""
    if not membership.is_store_member or membership.store is None:
        raise Http404
    return membership.store


def police_required(*, membership: Membership) -> None:
    if not is_police(membership=membership):
        raise Http404


def coordinator_required(*, membership: Membership) -> None:
    if not is_coordinator(membership=membership):
        raise Http404


# --- Contacts, meetings, follow-ups (the owner's) ---------------------------------------------


def contact_for_owner(*, membership: Membership, contact_id: int) -> PoliceContact:
    store = owner_store(membership=membership)
    contact = PoliceContact.objects.filter(pk=contact_id, store=store).first()
    if contact is None:
        raise Http404
    return contact


def meeting_for_owner(*, membership: Membership, meeting_id: int) -> Meeting:
    store = owner_store(membership=membership)
    meeting = Meeting.objects.filter(pk=meeting_id, store=store).first()
    if meeting is None:
        raise Http404
    return meeting


def follow_up_for_member(*, membership: Membership, follow_up_id: int) -> FollowUp:
    """A follow-up its store's owner may tick off, or the police member it is assigned to."""
    follow_up = (
        FollowUp.objects.select_related("meeting", "store", "contact")
        .filter(pk=follow_up_id)
        .first()
    )
    if follow_up is None:
        raise Http404
    if is_owner(membership=membership) and follow_up.store_id == membership.store_id:
        return follow_up
    if (
        is_police(membership=membership)
        and follow_up.contact is not None
        and follow_up.contact.member_user_id == membership.user_id
    ):
        return follow_up
    raise Http404


# --- Security profile ------------------------------------------------------------------------


def profile_for_police(*, membership: Membership, store_id: int) -> SecurityProfile:
    """A store's profile, for a law-enforcement member, once its owner has shared it."""
    police_required(membership=membership)
    profile = (
        SecurityProfile.objects.select_related("store")
        .filter(store_id=store_id, shared_with_police=True)
        .first()
    )
    if profile is None:
        raise Http404
    return profile


# --- Patrol requests -------------------------------------------------------------------------


def patrol_for_member(*, membership: Membership, patrol_id: int) -> PatrolRequest:
    """A request its store's team or any of the network's police may open."""
    patrol = PatrolRequest.objects.select_related("store").filter(pk=patrol_id).first()
    if patrol is None:
        raise Http404
    if is_police(membership=membership):
        return patrol
    if membership.is_store_member and membership.store_id == patrol.store_id:
        return patrol
    raise Http404


def patrol_for_owner(*, membership: Membership, patrol_id: int) -> PatrolRequest:
    """A request of the owner's store, to change or withdraw."""
    store = owner_store(membership=membership)
    patrol = PatrolRequest.objects.select_related("store").filter(pk=patrol_id, store=store).first()
    if patrol is None:
        raise Http404
    return patrol


def patrol_for_police(*, membership: Membership, patrol_id: int) -> PatrolRequest:
    """A request for a law-enforcement member to answer."""
    police_required(membership=membership)
    patrol = PatrolRequest.objects.select_related("store").filter(pk=patrol_id).first()
    if patrol is None:
        raise Http404
    return patrol


def feed_of_token(*, token: str) -> CalendarFeed:
    """The calendar feed a token opens (the token is the only key: calendar apps do not log
    in). Only its hash is stored."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    feed = CalendarFeed.objects.filter(token_hash=digest).first()
    if feed is None:
        raise Http404
    return feed


def calendar_reader_required(*, membership: Membership) -> None:
    """Patrol calendars are for a store's team (its requests) and the network's police."""
    if not (membership.is_store_member or is_police(membership=membership)):
        raise Http404


def membership_of_feed(*, token: str) -> Membership:
    """Whose calendar a feed token opens, as they stand now: an active member still allowed a
    calendar (someone who left, or moved to a role without one, gets a 404)."""
    feed = feed_of_token(token=token)
    membership = (
        Membership.objects.select_related("store", "user")
        .filter(user_id=feed.user_id, is_active=True)
        .first()
    )
    if membership is None:
        raise Http404
    if not membership.user.is_active:
        raise Http404
    calendar_reader_required(membership=membership)
    return membership


# --- Response plans --------------------------------------------------------------------------


def template_for_coordinator(*, membership: Membership, template_id: int) -> PlanTemplate:
    coordinator_required(membership=membership)
    template = PlanTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise Http404
    return template


def plan_for_owner(*, membership: Membership, plan_id: int) -> ResponsePlan:
    store = owner_store(membership=membership)
    plan = ResponsePlan.objects.select_related("store").filter(pk=plan_id, store=store).first()
    if plan is None:
        raise Http404
    return plan


def version_for_member(*, membership: Membership, version_id: int) -> PlanVersion:
    """A published version its store's team may read, or the network's police may review."""
    version = (
        PlanVersion.objects.select_related("plan", "plan__store").filter(pk=version_id).first()
    )
    if version is None:
        raise Http404
    if is_police(membership=membership):
        return version
    if membership.is_store_member and membership.store_id == version.plan.store_id:
        return version
    raise Http404


def version_for_reviewer(*, membership: Membership, version_id: int) -> PlanVersion:
    """A published version for a law-enforcement member to sign off or send back."""
    police_required(membership=membership)
    return version_for_member(membership=membership, version_id=version_id)


def version_for_team(*, membership: Membership, version_id: int) -> PlanVersion:
    """A published version of the member's own store's plan, to acknowledge."""
    store = team_store(membership=membership)
    version = (
        PlanVersion.objects.select_related("plan", "plan__store")
        .filter(pk=version_id, plan__store=store)
        .first()
    )
    if version is None:
        raise Http404
    return version
