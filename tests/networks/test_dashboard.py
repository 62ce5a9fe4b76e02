"""Each role's dashboard leads to the work that waits for them, with counts; a login lands
there, and the coordinators' navigation counts the pledges waiting for them on every page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import User
from incidents.models import Incident
from incidents.services import incident_create, incident_share, incident_void
from networks.models import Membership
from networks.services import invitation_create
from pledges.models import Acknowledgement, Pledge, PledgeVersion
from pledges.services import acknowledgement_record, pledge_version_publish
from tests.conftest import PASSWORD, People, client_for
from tests.factories import MembershipFactory, UserFactory
from tests.pledges.conftest import new_store_details, pledge_for, sign

pytestmark = pytest.mark.usefixtures("mfa_exempt")


def _newcomer(email: str, *, confirmed: bool) -> User:
    user = UserFactory.create(email=email, verified=False)
    EmailAddress.objects.create(user=user, email=email, verified=confirmed, primary=True)
    return user


def _pending_pledges(people: People, *, confirmed: int, unconfirmed: int) -> None:
    with schema_context(people.network.schema_name):
        for number in range(confirmed + unconfirmed):
            signer = _newcomer(f"new{number}@example.test", confirmed=number < confirmed)
            sign(
                signer,
                new_store_details(
                    display_name=f"New Store {number}", address_line1=f"{number} Oak Street"
                ),
            )
        new = Pledge.objects.filter(store__display_name__startswith="New Store")
        assert set(new.values_list("status", flat=True)) == {Pledge.Status.PENDING}


# --- Coordinator -----------------------------------------------------------------------------


def test_coordinator_dashboard_counts_the_pledges_waiting_for_a_decision_and_links_to_them(
    north_people: People,
) -> None:
    _pending_pledges(north_people, confirmed=2, unconfirmed=1)
    response = client_for(north_people.network, north_people.coordinator).get("/dashboard/")
    body = response.content.decode()
    work = response.context["work"]
    assert (work.awaiting_decision, work.awaiting_email) == (2, 1)
    assert "Pledges need you" in body
    assert "2 new pledges are waiting for your decision." in body
    assert 'href="/pledges/?status=pending"' in body
    assert 'href="/members/"' in body
    assert 'href="/stores/"' in body


def test_coordinator_dashboard_has_no_banner_when_nothing_waits(north_people: People) -> None:
    _pending_pledges(north_people, confirmed=0, unconfirmed=1)
    body = client_for(north_people.network, north_people.coordinator).get("/dashboard/")
    assert "Pledges need you" not in body.content.decode()


def test_coordinators_navigation_counts_waiting_pledges_on_every_page(
    north_people: People,
) -> None:
    _pending_pledges(north_people, confirmed=3, unconfirmed=0)
    client = client_for(north_people.network, north_people.coordinator)
    for path in ("/dashboard/", "/stores/", "/members/", "/pledges/"):
        response = client.get(path)
        assert response.context["pledges_waiting"] == 3
        assert 'class="nav-count">3<' in response.content.decode()


def test_nobody_else_sees_the_pledge_count(north_people: People) -> None:
    _pending_pledges(north_people, confirmed=1, unconfirmed=0)
    for person in (north_people.owner, north_people.staff, north_people.police):
        response = client_for(north_people.network, person).get("/dashboard/")
        assert response.context["pledges_waiting"] == 0
        assert "nav-count" not in response.content.decode()


# --- Store owner -----------------------------------------------------------------------------


def test_owner_dashboard_puts_their_pledge_toolkit_and_team_first(north_people: People) -> None:
    pledge = pledge_for(north_people)
    with schema_context(north_people.network.schema_name):
        second = UserFactory.create(email="second-staff@north.test")
        MembershipFactory.create(
            user=second, role=Membership.Role.STORE_STAFF, store=north_people.store
        )
        acknowledgement_record(pledge=pledge, user=north_people.staff)
        invitation_create(
            email="newhire@example.test",
            role=Membership.Role.STORE_STAFF,
            by=north_people.owner,
            store=north_people.store,
        )
    response = client_for(north_people.network, north_people.owner).get("/dashboard/")
    body = response.content.decode()
    team = response.context["team"]
    assert (team.staff, team.invitations_open, team.acknowledgements_missing) == (2, 1, 1)
    # Their pledge (with its toolkit and the invitation of staff) comes before everything else.
    pledge_card = body.index('id="your-pledge-title"')
    assert pledge_card < body.index('href="/incidents/quick/"')
    assert pledge_card < body.index('id="team-title"')
    quick_log = body.index('href="/incidents/quick/"')
    assert body.index('href="/toolkit/"', pledge_card) < quick_log
    assert body.index('href="/store/#team-title"', pledge_card) < quick_log
    assert "Active" in body
    assert 'href="/store/"' in body
    assert 'href="/toolkit/"' in body
    assert 'href="/store/#team-title"' in body
    assert f'href="/stores/{north_people.store.pk}/"' not in body


def test_owner_without_a_pledge_is_offered_to_take_it(north_people: People) -> None:
    body = client_for(north_people.network, north_people.owner).get("/dashboard/")
    text = body.content.decode()
    assert "has not taken the pledge yet" in text
    assert 'href="/pledge/"' in text
    assert 'href="/toolkit/"' not in text


def test_owner_of_a_pending_pledge_gets_no_toolkit_link(north_people: People) -> None:
    pledge_for(north_people, active=False)
    text = client_for(north_people.network, north_people.owner).get("/dashboard/")
    assert "Pending" in text.content.decode()
    assert 'href="/toolkit/"' not in text.content.decode()


def test_owner_is_asked_to_reaffirm_when_the_pledge_text_changed(north_people: People) -> None:
    pledge_for(north_people)
    client = client_for(north_people.network, north_people.owner)
    assert "The pledge text has changed" not in client.get("/dashboard/").content.decode()
    with schema_context(north_people.network.schema_name):
        current = PledgeVersion.objects.order_by("-number").first()
        assert current is not None
        pledge_version_publish(
            introduction=current.introduction + " Updated.",
            commitments=list(current.commitments),
            data_terms=current.data_terms,
            by=north_people.coordinator,
        )
    body = client.get("/dashboard/").content.decode()
    assert "The pledge text has changed" in body
    assert 'href="/store/reaffirm/"' in body


# --- Store staff -----------------------------------------------------------------------------


def test_staff_dashboard_asks_for_the_acknowledgement_until_it_is_given(
    north_people: People,
) -> None:
    pledge = pledge_for(north_people)
    client = client_for(north_people.network, north_people.staff)
    before = client.get("/dashboard/").content.decode()
    assert "Next step: acknowledge the pledge" in before
    assert 'href="/store/#text-title"' in before
    assert 'href="/toolkit/"' in before
    with schema_context(north_people.network.schema_name):
        acknowledgement_record(pledge=pledge, user=north_people.staff)
        assert Acknowledgement.objects.filter(user_id=north_people.staff.pk).exists()
    after = client.get("/dashboard/").content.decode()
    assert "Next step: acknowledge the pledge" not in after
    assert "You have acknowledged your store's pledge" in after


# --- Police ----------------------------------------------------------------------------------


def test_police_dashboard_says_what_they_can_do_today_and_opens_their_desk(
    north_people: People,
) -> None:
    pledge_for(north_people)
    _incident(north_people, days_ago=2, shared=True)
    _incident(north_people, days_ago=1, shared=False)
    body = client_for(north_people.network, north_people.police).get("/dashboard/")
    text = body.content.decode()
    assert body.context["partner_count"] == 1
    assert "What you can do today" in text
    assert 'href="/stores/"' in text
    assert body.context["incidents"].shared_this_week == 1
    assert "1 incident shared this week" in _counts(text)
    assert 'href="/incidents/network/"' in text
    assert "Coming to this page" not in text
    assert "Open your desk" in text and 'href="/police/"' in text
    assert "incident logbook" not in text
    for waiting in ("patrol requests to answer", "response plans to review"):
        assert waiting in text


# --- Incidents on every dashboard ------------------------------------------------------------


def _incident(
    people: People,
    *,
    days_ago: float,
    shared: bool,
    store_owner: User | None = None,
    complete: bool = True,
    by: User | None = None,
) -> Incident:
    owner = store_owner or people.owner
    with schema_context(people.network.schema_name):
        membership = Membership.objects.select_related("store").get(user_id=(by or owner).pk)
        incident = incident_create(
            membership=membership,
            by=by or owner,
            fields={
                "kind": "casing",
                "started_at": timezone.now() - dt.timedelta(days=days_ago),
                "summary": f"Seen {days_ago} days ago",
            },
            is_complete=complete,
        )
        return incident_share(incident=incident, by=owner, shared=shared)


def _counts(html: str) -> str:
    """The page's text as read aloud: each count followed by its label."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_owner_dashboard_counts_incidents_to_finish_this_month_and_shared_by_others(
    north_people: People,
) -> None:
    people = north_people
    _incident(people, days_ago=0.1, shared=False, complete=False, by=people.staff)
    _incident(people, days_ago=0.2, shared=True)
    _incident(people, days_ago=3, shared=True, store_owner=people.other_store_owner)
    _incident(people, days_ago=9, shared=True, store_owner=people.other_store_owner)
    _incident(people, days_ago=2, shared=False, store_owner=people.other_store_owner)
    response = client_for(people.network, people.owner).get("/dashboard/")
    counts = response.context["incidents"]
    assert counts.to_finish == 1
    assert counts.shared_this_week == 1  # other stores' only, shared only, the last 7 days
    assert counts.store_this_month >= 1  # both of today's, unless the month began today
    html = response.content.decode()
    text = _counts(html)
    assert "1 quick log to finish" in text
    assert "1 shared by other stores this week" in text
    for link in ("/incidents/to-finish/", "/incidents/access-log/", "/incidents/quick/"):
        assert f'href="{link}"' in html


def test_staff_dashboard_puts_the_quick_log_first_and_counts_their_own_to_finish(
    north_people: People,
) -> None:
    people = north_people
    _incident(people, days_ago=0.1, shared=False, complete=False, by=people.staff)
    _incident(people, days_ago=0.1, shared=False, complete=False)  # the owner's
    response = client_for(people.network, people.staff).get("/dashboard/")
    text = response.content.decode()
    assert response.context["incidents"].to_finish == 1
    assert text.index('href="/incidents/quick/"') < text.index('id="your-store-title"')
    assert 'href="/incidents/access-log/"' not in text


def test_coordinator_dashboard_counts_shared_and_voided_incidents(north_people: People) -> None:
    people = north_people
    _incident(people, days_ago=1, shared=True)
    voided = _incident(people, days_ago=2, shared=True, store_owner=people.other_store_owner)
    _incident(people, days_ago=1, shared=False)
    with schema_context(people.network.schema_name):
        incident_void(incident=voided, by=people.other_store_owner, reason="Logged twice")
    response = client_for(people.network, people.coordinator).get("/dashboard/")
    counts = response.context["incidents"]
    assert (counts.shared_this_week, counts.voided_this_week) == (1, 1)
    html = response.content.decode()
    text = _counts(html)
    assert "1 incident shared this week" in text and "1 voided this week" in text
    assert 'href="/incidents/network/?voided=only"' in html
    assert 'href="/incidents/retention/"' in html


@pytest.mark.parametrize(
    ("role", "incidents_url"),
    [
        ("owner", "/incidents/"),
        ("staff", "/incidents/"),
        ("coordinator", "/incidents/network/"),
        ("police", "/incidents/network/"),
    ],
)
def test_every_role_has_incidents_in_the_navigation(
    north_people: People, role: str, incidents_url: str
) -> None:
    body = client_for(north_people.network, getattr(north_people, role)).get("/dashboard/")
    nav = body.content.decode().split('class="nav-list"')[1].split("</ul>")[0]
    assert f'href="{incidents_url}">Incidents</a>' in nav


# --- Cost ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "owner", "staff", "police"])
def test_dashboard_costs_the_same_for_few_or_many_pledges_and_people(
    north_people: People, role: str, django_assert_max_num_queries
) -> None:
    pledge_for(north_people)
    client = client_for(north_people.network, getattr(north_people, role))
    client.get("/dashboard/")  # warm the session and caches
    with django_assert_max_num_queries(20):
        small = client.get("/dashboard/")
    _pending_pledges(north_people, confirmed=10, unconfirmed=10)
    with schema_context(north_people.network.schema_name):
        for _ in range(15):
            MembershipFactory.create(store=north_people.store, role=Membership.Role.STORE_STAFF)
    with django_assert_max_num_queries(20):
        large = client.get("/dashboard/")
    assert small.status_code == large.status_code == 200


# --- Landing after login ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "owner", "staff", "police"])
def test_a_member_logging_in_on_their_network_lands_on_the_dashboard(
    north_people: People, role: str
) -> None:
    person = getattr(north_people, role)
    client = client_for(north_people.network)
    response = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing["Location"] == "/dashboard/"


def test_someone_without_a_membership_lands_on_the_network_home(
    north_people: People, outsider: User
) -> None:
    client = client_for(north_people.network)
    response = client.post("/accounts/login/", {"login": outsider.email, "password": PASSWORD})
    assert client.get(response["Location"])["Location"] == "/"


def test_a_platform_admin_logging_in_on_the_public_site_lands_on_the_platform(
    public_client, settings
) -> None:
    admin = UserFactory.create(email="platform@example.test", is_staff=True)
    settings.PORTAL_MFA_EXEMPT_EMAILS = [admin.email]
    response = public_client.post("/accounts/login/", {"login": admin.email, "password": PASSWORD})
    assert public_client.get(response["Location"])["Location"] == "/platform/"
