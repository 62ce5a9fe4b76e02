"""The officer's desk lists what waits for a law-enforcement member (open patrol requests by
date, recent shared incidents and casing warnings, plans to review, their follow-ups due),
each with a count and a link; the coordinator's overview says how far each store's police
partnership goes without showing what its records say; and `partnership_counts` counts for the
network's statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.models import AlertReport, Deputy
from incidents.models import Incident, IncidentType
from networks.models import Membership
from police.desk_selectors import officer_desk, partnership_counts
from police.models import (
    FollowUp,
    Meeting,
    PatrolRequest,
    PlanVersion,
    PoliceContact,
    ResponsePlan,
    Scenario,
)
from tests.conftest import People, client_for
from tests.pledges.conftest import pledge_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

SECTIONS = ("version one", "during text", "after text", "calls text")


def _patrol(store, *, days: int, status: str = PatrolRequest.Status.OPEN, **extra) -> PatrolRequest:
    starts = timezone.now() + dt.timedelta(days=days)
    return PatrolRequest.objects.create(
        store=store,
        reason=PatrolRequest.Reason.EVENT,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        details=extra.pop("details", "Trunk show, side door"),
        status=status,
        **extra,
    )


def _incident(
    people: People, *, kind: str, days_ago: int, shared: bool = True, **extra
) -> Incident:
    return Incident.objects.create(
        store=people.other_store,
        kind=kind,
        started_at=timezone.now() - dt.timedelta(days=days_ago),
        summary=extra.pop("summary", f"{kind} {days_ago} days ago"),
        is_shared=shared,
        logged_by_id=people.other_store_owner.pk,
        **extra,
    )


def _version(store, scenario: str, *, review: str = PlanVersion.Review.PENDING, number: int = 1):
    plan, _created = ResponsePlan.objects.get_or_create(
        store=store,
        scenario=scenario,
        defaults=dict(zip(("before", "during", "after", "calls"), SECTIONS, strict=True)),
    )
    return PlanVersion.objects.create(
        plan=plan,
        number=number,
        before=f"Secret plan words {scenario} {number}",
        during="d",
        after="a",
        calls="c",
        review=review,
        reviewed_at=None if review == PlanVersion.Review.PENDING else timezone.now(),
    )


def _follow_up(people: People, *, contact: PoliceContact, due_in: int, done: bool = False):
    meeting = Meeting.objects.create(
        store=contact.store, held_on=timezone.localdate(), discussed="Walked the back door"
    )
    return FollowUp.objects.create(
        meeting=meeting,
        store=contact.store,
        text=f"Check the camera angle ({due_in})",
        due_on=timezone.localdate() + dt.timedelta(days=due_in),
        contact=contact,
        done_at=timezone.now() if done else None,
    )


# --- The officer's desk ----------------------------------------------------------------------


def test_officer_desk_lists_what_waits_with_counts_and_links(north_people: People) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        later = _patrol(people.store, days=5)
        sooner = _patrol(people.other_store, days=1)
        _patrol(people.store, days=2, status=PatrolRequest.Status.ACCEPTED)
        _patrol(people.store, days=-3)  # open, but its time has passed
        casing = _incident(
            people, kind=IncidentType.CASING, days_ago=2, summary="Two men filmed the door"
        )
        _incident(people, kind=IncidentType.GRAB, days_ago=3, summary="Grab at the counter")
        _incident(people, kind=IncidentType.GRAB, days_ago=20, summary="Too old to show")
        _incident(
            people, kind=IncidentType.CASING, days_ago=1, shared=False, summary="Kept private"
        )
        waiting = _version(people.store, Scenario.ROBBERY)
        _version(people.store, Scenario.CASING, review=PlanVersion.Review.APPROVED)
        # Replaced by a newer version: only the newer one waits.
        _version(people.other_store, Scenario.ROBBERY)
        newer = _version(people.other_store, Scenario.ROBBERY, number=2)
        mine = PoliceContact.objects.create(
            store=people.store, name="Officer", agency="PD", member_user_id=people.police.pk
        )
        someone_else = PoliceContact.objects.create(store=people.store, name="Other", agency="PD")
        overdue = _follow_up(people, contact=mine, due_in=-2)
        soon = _follow_up(people, contact=mine, due_in=6)
        _follow_up(people, contact=mine, due_in=9)  # not this week
        _follow_up(people, contact=mine, due_in=1, done=True)
        _follow_up(people, contact=someone_else, due_in=1)

    response = client_for(people.network, people.police).get("/police/")
    assert response.status_code == 200
    desk = response.context["desk"]
    assert [p.pk for p in desk.patrols] == [sooner.pk, later.pk]
    assert [i.pk for i in desk.casing] == [casing.pk]
    assert [i.summary for i in desk.incidents] == ["Grab at the counter"]
    assert {v.pk for v in desk.plans} == {waiting.pk, newer.pk}
    assert [f.pk for f in desk.follow_ups] == [overdue.pk, soon.pk]
    counts = desk.counts
    assert (counts.patrols_open, counts.incidents, counts.casing) == (2, 2, 1)
    assert (counts.plans_to_review, counts.follow_ups_due, counts.follow_ups_overdue) == (2, 2, 1)
    assert counts.casing_reports is None  # not a deputy: reports are not theirs to read
    body = response.content.decode()
    assert f'href="/incidents/{casing.pk}/"' in body
    assert f'href="/police/patrols/{sooner.pk}/"' in body
    assert 'href="/police/patrols/"' in body
    assert "Too old to show" not in body and "Kept private" not in body
    assert "/incidents/network/?kind=casing&amp;since=" in body
    # The plan's page, where the review form is (the review address itself takes only POST).
    assert f'href="/police/plans/versions/{waiting.pk}/"' in body
    assert f'href="/police/plans/versions/{waiting.pk}/review/"' not in body
    assert 'href="/police/contacts/follow-ups/mine/"' in body
    assert "Overdue" in body


def test_a_deputy_officer_sees_the_casing_warnings_waiting_in_the_reports(
    north_people: People,
) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        Deputy.objects.create(user_id=people.police.pk, appointed_by_id=people.coordinator.pk)
        AlertReport.objects.create(is_casing_warning=True, text="Three casing reports nearby")
        AlertReport.objects.create(text="A member's own report")
    response = client_for(people.network, people.police).get("/police/")
    assert response.context["desk"].counts.casing_reports == 1
    assert "1 casing warning waits in the reports" in response.content.decode()


def test_officer_desk_is_empty_but_friendly(north_people: People) -> None:
    body = client_for(north_people.network, north_people.police).get("/police/").content.decode()
    assert "No patrol request is waiting." in body
    assert "No plan is waiting for your review." in body


def test_only_the_networks_police_get_the_desk(
    north_people: People, lakeshore_people: People, outsider
) -> None:
    with schema_context(north_people.network.schema_name):
        _patrol(north_people.store, days=1, details="North trunk show")
    # The other network's officer sees their own network's desk, never this one's.
    other = client_for(lakeshore_people.network, lakeshore_people.police).get("/police/")
    assert other.context["desk"].counts.patrols_open == 0
    assert (
        client_for(north_people.network, lakeshore_people.police).get("/police/").status_code == 404
    )
    assert client_for(north_people.network, outsider).get("/police/").status_code == 404
    anonymous = client_for(north_people.network).get("/police/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_a_store_team_gets_their_stores_police_page(north_people: People) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        _patrol(people.store, days=1)
        _patrol(people.other_store, days=1)
        _version(people.store, Scenario.ROBBERY, review=PlanVersion.Review.CHANGES)
    owner = client_for(people.network, people.owner).get("/police/")
    assert owner.status_code == 200
    assert "desk" not in owner.context
    counts = owner.context["police_owner"]
    assert (counts.patrols_open, counts.plans_changes_asked) == (1, 1)
    staff = client_for(people.network, people.staff).get("/police/")
    assert staff.context["police_staff"].plans_to_read == 1


def test_the_coordinators_police_page_is_the_overview(north_people: People) -> None:
    response = client_for(north_people.network, north_people.coordinator).get("/police/")
    assert response.status_code == 302 and response["Location"] == "/police/overview/"


# --- The coordinator's overview --------------------------------------------------------------


def test_overview_says_how_far_each_partner_goes_without_private_text(
    north_people: People,
) -> None:
    people = north_people
    pledge_for(people)  # people.store is an active partner; other_store is not
    with schema_context(people.network.schema_name):
        PoliceContact.objects.create(store=people.store, name="Det. Secret Name", agency="PD")
        Meeting.objects.create(
            store=people.store, held_on=dt.date(2026, 3, 4), discussed="Secret meeting words"
        )
        Meeting.objects.create(store=people.store, held_on=dt.date(2026, 1, 2), discussed="x")
        _version(people.store, Scenario.ROBBERY, review=PlanVersion.Review.APPROVED)
        _version(people.store, Scenario.CASING, review=PlanVersion.Review.APPROVED)
        # Signed off, then replaced by a version not reviewed yet: no longer signed off.
        _version(people.store, Scenario.NIGHT_ALARM, review=PlanVersion.Review.APPROVED)
        _version(people.store, Scenario.NIGHT_ALARM, number=2)
        _patrol(people.store, days=1, details="Secret patrol details")
        _patrol(people.store, days=2, status=PatrolRequest.Status.ACCEPTED)
        _patrol(people.store, days=3, status=PatrolRequest.Status.DECLINED)
    response = client_for(people.network, people.coordinator).get("/police/overview/")
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert row.store == people.store
    assert row.has_contacts and row.last_meeting == dt.date(2026, 3, 4)
    assert (row.scenarios_signed_off, row.patrols_made, row.patrols_answered) == (2, 3, 2)
    body = response.content.decode()
    assert "3 made, 2 answered" in body
    for private in (
        "Secret plan words",
        "Secret meeting words",
        "Secret patrol details",
        "Det. Secret Name",
    ):
        assert private not in body


@pytest.mark.parametrize("role", ["owner", "staff", "police"])
def test_only_the_coordinator_gets_the_overview(north_people: People, role: str) -> None:
    client = client_for(north_people.network, getattr(north_people, role))
    assert client.get("/police/overview/").status_code == 404


def test_partnership_counts_for_a_period(north_people: People) -> None:
    people = north_people
    now = timezone.now()
    with schema_context(people.network.schema_name):
        made = [_patrol(people.store, days=1) for _ in range(3)]
        PatrolRequest.objects.filter(pk=made[0].pk).update(created_at=now - dt.timedelta(days=40))
        PatrolRequest.objects.filter(pk=made[1].pk).update(
            status=PatrolRequest.Status.ACCEPTED, answered_at=now - dt.timedelta(hours=1)
        )
        _version(people.store, Scenario.ROBBERY, review=PlanVersion.Review.APPROVED)
        _version(people.store, Scenario.CASING, review=PlanVersion.Review.APPROVED)
        _version(people.other_store, Scenario.ROBBERY, review=PlanVersion.Review.APPROVED)
        replaced = _version(people.other_store, Scenario.ROBBERY, number=2)
        counts = partnership_counts(
            since=now - dt.timedelta(days=30), until=now + dt.timedelta(days=1)
        )
        assert (counts.patrols_made, counts.patrols_answered) == (2, 1)
        assert counts.stores_with_reviewed_plan == 1
        # Before the newer version was published, the other store's sign-off stood.
        PlanVersion.objects.filter(pk=replaced.pk).update(published_at=now + dt.timedelta(days=2))
        later = partnership_counts(
            since=now - dt.timedelta(days=30), until=now + dt.timedelta(days=1)
        )
        assert later.stores_with_reviewed_plan == 2


def test_desk_reads_cost_the_same_for_many_rows(
    north_people: People, django_assert_max_num_queries
) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        membership_of_police = Membership.objects.get(user_id=people.police.pk)
        for days in range(1, 30):
            _patrol(people.store, days=days)
            _incident(people, kind=IncidentType.CASING, days_ago=days % 10)
        with django_assert_max_num_queries(10):
            desk = officer_desk(membership=membership_of_police, now=timezone.now())
            assert len(desk.patrols) == 10
