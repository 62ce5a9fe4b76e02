"""Every role's dashboard leads to its police work, with counts: the officer's desk at the top
of theirs, the owner's patrols, plans, follow-ups, contacts and profile, the staff's plans to
acknowledge, the coordinator's signed-off partners; and a "Police" entry in the navigation."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.models import Incident, IncidentType
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
from tests.conftest import People, client_for
from tests.pledges.conftest import pledge_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")


def _text(html: str) -> str:
    """The page's text as read aloud: each count followed by its label."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _patrol(store, *, days: int, status: str = PatrolRequest.Status.OPEN) -> PatrolRequest:
    starts = timezone.now() + dt.timedelta(days=days)
    return PatrolRequest.objects.create(
        store=store,
        reason=PatrolRequest.Reason.AWAY,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=4),
        status=status,
    )


def _version(store, scenario: str, review: str, number: int = 1) -> PlanVersion:
    plan, _created = ResponsePlan.objects.get_or_create(
        store=store,
        scenario=scenario,
        defaults={"before": "b", "during": "d", "after": "a", "calls": "c"},
    )
    return PlanVersion.objects.create(
        plan=plan, number=number, before="b", during="d", after="a", calls="c", review=review
    )


def _nav(html: str) -> str:
    return html.split('class="nav-list"')[1].split("</ul>")[0]


def test_police_dashboard_puts_the_desk_first_with_counts_and_links(north_people: People) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        _patrol(people.store, days=1)
        _patrol(people.other_store, days=2)
        Incident.objects.create(
            store=people.store,
            kind=IncidentType.CASING,
            started_at=timezone.now() - dt.timedelta(days=3),
            summary="Filmed the door",
            is_shared=True,
            logged_by_id=people.owner.pk,
        )
        _version(people.store, Scenario.ROBBERY, PlanVersion.Review.PENDING)
        contact = PoliceContact.objects.create(
            store=people.store, name="Officer", agency="PD", member_user_id=people.police.pk
        )
        meeting = Meeting.objects.create(
            store=people.store, held_on=timezone.localdate(), discussed="x"
        )
        FollowUp.objects.create(
            meeting=meeting,
            store=people.store,
            text="Send the patrol schedule",
            due_on=timezone.localdate() - dt.timedelta(days=1),
            contact=contact,
        )
    body = client_for(people.network, people.police).get("/dashboard/").content.decode()
    grid = body.split('class="grid grid-2"')[1]
    assert grid.index("police-desk-title") < grid.index("incidents-title")
    text = _text(body)
    assert "2 patrol requests to answer" in text
    assert "1 casing warning in 14 days" in text
    assert "1 response plan to review" in text
    assert "1 follow-up of yours due this week" in text
    assert "1 of your follow-ups is overdue." in text
    assert 'href="/police/"' in body
    assert 'href="/police/plans/review/"' in body
    assert 'href="/police/contacts/follow-ups/mine/"' in body
    assert "Coming to this page" not in body


def test_owner_dashboard_counts_the_stores_police_work(north_people: People) -> None:
    people = north_people
    pledge_for(people)
    with schema_context(people.network.schema_name):
        _patrol(people.store, days=1)
        _patrol(people.store, days=2, status=PatrolRequest.Status.ACCEPTED)
        _patrol(people.store, days=-5, status=PatrolRequest.Status.ACCEPTED)  # over
        _patrol(people.other_store, days=1)  # another store's
        _version(people.store, Scenario.ROBBERY, PlanVersion.Review.CHANGES)
        _version(people.store, Scenario.CASING, PlanVersion.Review.PENDING)
        _version(people.store, Scenario.DISTRACTION, PlanVersion.Review.APPROVED)
        _version(people.other_store, Scenario.CASING, PlanVersion.Review.PENDING)
        contact = PoliceContact.objects.create(store=people.store, name="Det. A", agency="PD")
        meeting = Meeting.objects.create(
            store=people.store, held_on=dt.date(2026, 5, 6), discussed="x"
        )
        FollowUp.objects.create(
            meeting=meeting, store=people.store, text="Fix the buzzer", due_on=timezone.localdate()
        )
        FollowUp.objects.create(
            meeting=meeting,
            store=people.store,
            text="Later",
            due_on=timezone.localdate() + dt.timedelta(days=30),
            contact=contact,
        )
        SecurityProfile.objects.create(store=people.store, shared_with_police=True)
    body = client_for(people.network, people.owner).get("/dashboard/").content.decode()
    text = _text(body)
    assert "1 patrol request waiting for an answer" in text
    assert "1 patrol request answered" in text
    assert "1 plan the police asked you to change" in text
    assert "1 plan waiting for police review" in text
    assert "1 plan signed off by police" in text
    assert "1 follow-up due this week" in text
    assert "Police contacts 1 contact" in text
    assert "Last meeting 6 May 2026" in text
    assert "Shared with the network's police" in text
    for url in (
        "/police/contacts/",
        "/police/contacts/meetings/",
        "/police/profile/",
        "/police/plans/",
    ):
        assert f'href="{url}"' in body


def test_owner_dashboard_says_the_profile_is_not_shared(north_people: People) -> None:
    with schema_context(north_people.network.schema_name):
        SecurityProfile.objects.create(store=north_people.store)
    body = client_for(north_people.network, north_people.owner).get("/dashboard/")
    assert "Not shared with the police" in body.content.decode()


def test_staff_dashboard_counts_the_plans_waiting_for_their_acknowledgement(
    north_people: People,
) -> None:
    people = north_people
    pledge_for(people)
    with schema_context(people.network.schema_name):
        _version(people.store, Scenario.ROBBERY, PlanVersion.Review.APPROVED)
        read_old = _version(people.store, Scenario.CASING, PlanVersion.Review.APPROVED)
        PlanAcknowledgement.objects.create(version=read_old, user_id=people.staff.pk)
        _version(people.store, Scenario.CASING, PlanVersion.Review.PENDING, number=2)
        read = _version(people.store, Scenario.DISTRACTION, PlanVersion.Review.PENDING)
        PlanAcknowledgement.objects.create(version=read, user_id=people.staff.pk)
        _version(people.other_store, Scenario.ROBBERY, PlanVersion.Review.PENDING)
    response = client_for(people.network, people.staff).get("/dashboard/")
    assert response.context["police_staff"].plans_to_read == 2
    assert "2 plans to read and acknowledge" in _text(response.content.decode())


def test_coordinator_dashboard_counts_partners_with_a_signed_off_plan(north_people: People) -> None:
    people = north_people
    pledge_for(people)
    with schema_context(people.network.schema_name):
        _version(people.store, Scenario.ROBBERY, PlanVersion.Review.APPROVED)
        # Not an active partner: not counted either way.
        _version(people.other_store, Scenario.ROBBERY, PlanVersion.Review.APPROVED)
        _patrol(people.other_store, days=1)
    body = client_for(people.network, people.coordinator).get("/dashboard/").content.decode()
    text = _text(body)
    assert "1 / 1 active partners with a plan signed off by police" in text
    assert "1 patrol request waiting for the police" in text
    assert 'href="/police/overview/"' in body
    assert 'href="/police/plans/templates/"' in body


@pytest.mark.parametrize(
    ("role", "police_url"),
    [
        ("owner", "/police/"),
        ("staff", "/police/"),
        ("coordinator", "/police/overview/"),
        ("police", "/police/"),
    ],
)
def test_every_role_has_police_in_the_navigation(
    north_people: People, role: str, police_url: str
) -> None:
    client = client_for(north_people.network, getattr(north_people, role))
    assert f'href="{police_url}">Police</a>' in _nav(client.get("/dashboard/").content.decode())
    here = _nav(client.get(police_url).content.decode())
    assert f'href="{police_url}" aria-current="page">Police</a>' in here


@pytest.mark.parametrize("role", ["coordinator", "owner", "staff", "police"])
def test_dashboard_police_counts_stay_cheap(
    north_people: People, role: str, django_assert_max_num_queries
) -> None:
    people = north_people
    pledge_for(people)
    with schema_context(people.network.schema_name):
        for days in range(1, 20):
            _patrol(people.store, days=days)
        for scenario in Scenario.values:
            _version(people.store, scenario, PlanVersion.Review.PENDING)
    client = client_for(people.network, getattr(people, role))
    client.get("/dashboard/")
    with django_assert_max_num_queries(20):
        assert client.get("/dashboard/").status_code == 200
