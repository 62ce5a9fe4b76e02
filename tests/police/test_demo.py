"""`seed_demo` gives each demo network police partnerships that look used: contacts (the demo
officer among the first store's), meetings with follow-ups, security profiles, five published
plans a store; in Southern California a plan signed off, one waiting, a patrol request
accepted and one to answer; once, and without telling anyone by email."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import User
from networks.demo import demo_email
from networks.models import Membership, Network
from police.desk_selectors import officer_counts
from police.models import (
    FollowUp,
    Meeting,
    PatrolRequest,
    PlanAcknowledgement,
    PlanVersion,
    PoliceContact,
    ResponsePlan,
    Scenario,
    SecurityProfile,
)
from tests.conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_settings")]
SLUGS = ("socal", "gta")


def _counts() -> dict[str, tuple[int, ...]]:
    counts: dict[str, tuple[int, ...]] = {}
    for slug in SLUGS:
        with schema_context(Network.objects.get(slug=slug).schema_name):
            counts[slug] = (
                PoliceContact.objects.count(),
                Meeting.objects.count(),
                FollowUp.objects.count(),
                SecurityProfile.objects.count(),
                ResponsePlan.objects.count(),
                PlanVersion.objects.count(),
                PlanAcknowledgement.objects.count(),
                PatrolRequest.objects.count(),
            )
    return counts


def test_seeding_twice_gives_the_same_partnerships_and_sends_nothing(
    django_capture_on_commit_callbacks,
) -> None:
    # The police services queue their emails and tasks for after the commit: none is left.
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("seed_demo")
    assert [c for c in callbacks if c.__module__.startswith("police.")] == []
    assert mail.outbox == []
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    for slug in SLUGS:
        contacts, meetings, follow_ups, profiles, plans, versions, acks, patrols = first[slug]
        assert profiles >= 3 and meetings == 2 * profiles and follow_ups == 3 * meetings // 2
        assert plans == versions == len(Scenario.values) * profiles
        assert profiles <= contacts <= 3 * profiles
        assert acks == 1
        assert patrols == (2 if slug == "socal" else 0)


def test_the_demo_officer_finds_work_on_their_desk() -> None:
    call_command("seed_demo")
    for slug in SLUGS:
        network = Network.objects.get(slug=slug)
        police = User.objects.get(email=demo_email("police", slug))
        owner = User.objects.get(email=demo_email("owner", slug))
        staff = User.objects.get(email=demo_email("staff", slug))
        with schema_context(network.schema_name):
            first_store = Membership.objects.get(user_id=owner.pk).store
            assert first_store is not None
            # The officer is one of the first store's contacts, known as a network member.
            officer = PoliceContact.objects.get(store=first_store, email=police.email)
            assert officer.member_user_id == police.pk
            assert PoliceContact.objects.filter(member_user_id=police.pk).count() == 1
            # One follow-up of theirs due within days; one of the store's done.
            due = FollowUp.objects.get(contact=officer, done_at__isnull=True)
            today = timezone.localdate(timezone.now(), network.zone)
            assert today < due.due_on <= today + dt.timedelta(days=7)
            assert FollowUp.objects.filter(store=first_store, done_at__isnull=False).exists()
            # Only the first store's profile is shared.
            shared = SecurityProfile.objects.filter(shared_with_police=True)
            assert list(shared.values_list("store_id", flat=True)) == [first_store.pk]
            assert shared.get().alarm_company
            # The staff member read one plan of their store.
            ack = PlanAcknowledgement.objects.get()
            assert ack.user_id == staff.pk and ack.version.plan.store_id == first_store.pk

            membership = Membership.objects.get(user_id=police.pk)
            counts = officer_counts(membership=membership, now=timezone.now())
            assert counts.follow_ups_due == 1
            assert counts.plans_to_review > 0

            if slug != "socal":
                assert not PatrolRequest.objects.exists()
                assert not PlanVersion.objects.exclude(review=PlanVersion.Review.PENDING).exists()
                continue
            robbery = PlanVersion.objects.get(
                plan__store=first_store, plan__scenario=Scenario.ROBBERY
            )
            assert robbery.review == PlanVersion.Review.APPROVED
            assert robbery.reviewed_by_id == police.pk and robbery.reviewer_agency
            smash = PlanVersion.objects.get(
                plan__store=first_store, plan__scenario=Scenario.SMASH_AND_GRAB
            )
            assert smash.review == PlanVersion.Review.PENDING
            accepted = PatrolRequest.objects.get(status=PatrolRequest.Status.ACCEPTED)
            assert accepted.store == first_store and accepted.answered_by_id == police.pk
            waiting = PatrolRequest.objects.get(status=PatrolRequest.Status.OPEN)
            assert waiting.store != first_store and waiting.starts_at > timezone.now()
            assert counts.patrols_open == 1
        # And the pages show it.
        desk = client_for(network, police).get("/police/")
        assert desk.status_code == 200
        assert len(desk.context["desk"].follow_ups) == 1
        for person in (owner, staff, User.objects.get(email=demo_email("coordinator", slug))):
            assert client_for(network, person).get("/dashboard/").status_code == 200
