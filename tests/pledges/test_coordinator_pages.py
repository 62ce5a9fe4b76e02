"""The coordinators' pledge pages: the list with its filters and counts, one pledge with its
history and decisions, and publishing a new pledge text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django_tenants.utils import schema_context

from accounts.models import User
from networks.models import Network
from pledges.models import Pledge, PledgeEvent, PledgeVersion
from pledges.services import pledge_transition
from tests.conftest import People, client_for
from tests.factories import UserFactory
from tests.pledges.conftest import new_store_details, pledge_for, sign

pytestmark = pytest.mark.usefixtures("mfa_exempt")


@pytest.fixture
def coordinator(north_people: People) -> Client:
    return client_for(north_people.network, north_people.coordinator)


@pytest.fixture
def three_pledges(north_people: People) -> dict[str, Pledge]:
    """North Gems (active, Springfield), Harbor Gems (pending, Long Beach, signed 2025-01-10)
    and Pine Jewels (declined, so revoked, Fresno)."""
    active = pledge_for(north_people)
    with schema_context("north"):
        harbor = sign(UserFactory.create(email="harbor@example.test"), new_store_details())
        Pledge.objects.filter(pk=harbor.pk).update(
            signed_at=dt.datetime(2025, 1, 10, 18, 0, tzinfo=dt.UTC)
        )
        pine = sign(
            UserFactory.create(email="pine@example.test"),
            new_store_details(display_name="Pine Jewels", address_line1="1 Elm", city="Fresno"),
        )
        pine = pledge_transition(
            pledge=pine, action="declined", by=north_people.coordinator, reason="Closed"
        )
    return {"active": active, "pending": harbor, "revoked": pine}


def test_the_list_shows_every_pledge_and_the_counts_by_status(coordinator, three_pledges):
    response = coordinator.get("/pledges/")
    body = response.content.decode()
    for name in ("North Gems", "Harbor Gems", "Pine Jewels"):
        assert name in body
    counts = {value: count for value, _label, count in response.context["counts"]}
    assert counts == {"pending": 1, "active": 1, "suspended": 0, "revoked": 1, "withdrawn": 0}


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("status=pending", {"Harbor Gems"}),
        ("status=active", {"North Gems"}),
        ("status=suspended", set()),
        ("city=long+beach", {"Harbor Gems"}),
        ("city=FRESNO&status=revoked", {"Pine Jewels"}),
        ("signed_from=2025-01-10&signed_to=2025-01-10", {"Harbor Gems"}),
        ("signed_to=2025-01-09", set()),
        ("signed_from=2025-01-11", {"North Gems", "Pine Jewels"}),
    ],
)
def test_the_filters_narrow_the_list(coordinator, three_pledges, query: str, shown: set[str]):
    response = coordinator.get(f"/pledges/?{query}")
    listed = {pledge.store.display_name for pledge, _signer in response.context["rows"]}
    assert listed == shown


@pytest.mark.parametrize(
    "query",
    [
        "status=deleted",
        "signed_from=2025-13-45",
        "signed_from=yesterday&signed_to=%00",
        "signed_from=2025-02-01&signed_to=2025-01-01",
        "city=" + "x" * 500,
        "city=%E2%80%AE",
        "page=-1",
        "page=abc",
        "page=99999",
        "status=active&status=pending",
    ],
)
def test_bad_filters_give_a_message_never_an_error(coordinator, three_pledges, query: str):
    response = coordinator.get(f"/pledges/?{query}")
    assert response.status_code == 200
    export = coordinator.get(f"/pledges/export.csv?{query}")
    assert export.status_code == 200


def test_a_reversed_date_range_is_explained(coordinator, three_pledges):
    response = coordinator.get("/pledges/?signed_from=2025-02-01&signed_to=2025-01-01")
    assert "on or after the first one" in response.content.decode()


def test_the_list_pages_through_many_pledges(coordinator, north_people):
    with schema_context("north"):
        for number in range(55):
            sign(
                UserFactory.create(email=f"many{number}@example.test"),
                new_store_details(display_name=f"Store {number}", address_line1=f"{number} Elm"),
            )
    first = coordinator.get("/pledges/")
    assert len(first.context["rows"]) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = coordinator.get("/pledges/?page=2")
    assert len(second.context["rows"]) == 5


# --- One pledge ------------------------------------------------------------------------------


def test_the_detail_shows_the_store_signer_and_history(coordinator, three_pledges, north_people):
    pine = three_pledges["revoked"]
    body = coordinator.get(f"/pledges/{pine.pk}/").content.decode()
    assert "Pine Jewels" in body
    assert "pine@example.test" in body
    assert "Signed" in body
    assert "Revoked" in body
    assert "Declined" in body
    assert "Reason: Closed" in body
    assert north_people.coordinator.full_name in body
    # A revoked pledge has nothing left to decide.
    assert 'name="action"' not in body


def test_the_detail_offers_only_the_actions_the_state_allows(coordinator, three_pledges):
    pending = coordinator.get(f"/pledges/{three_pledges['pending'].pk}/")
    assert [a for a, _label, _form in pending.context["actions"]] == ["approved", "declined"]
    active = coordinator.get(f"/pledges/{three_pledges['active'].pk}/")
    assert [a for a, _label, _form in active.context["actions"]] == ["suspended", "revoked"]


def test_a_pending_pledge_shows_its_details_before_approve_and_decline(coordinator, three_pledges):
    body = coordinator.get(f"/pledges/{three_pledges['pending'].pk}/").content.decode()
    decision = body.index('id="decide-title"')
    for details in ('id="store-title"', 'id="pledge-title"', "412 Pine Avenue"):
        assert body.index(details) < decision
    assert ">Approve</button>" in body
    assert ">Decline</button>" in body
    assert "Why decline this pledge?" in body
    assert ">Revoke</button>" not in body


def test_an_active_pledge_offers_suspend_and_revoke_not_decline(coordinator, three_pledges):
    body = coordinator.get(f"/pledges/{three_pledges['active'].pk}/").content.decode()
    assert ">Revoke</button>" in body
    assert "Why revoke this pledge?" in body
    assert ">Decline</button>" not in body


def test_the_coordinator_declines_a_pending_pledge_with_a_reason(
    coordinator, three_pledges, north_people, django_capture_on_commit_callbacks
):
    harbor = three_pledges["pending"]
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/pledges/{harbor.pk}/decide/",
            {"action": "declined", "declined-reason": "Not a jeweler: a pawn shop"},
            follow=True,
        )
    body = response.content.decode()
    assert "the pledge is declined" in body
    with schema_context("north"):
        harbor.refresh_from_db()
        assert harbor.status == Pledge.Status.REVOKED
        event = PledgeEvent.objects.filter(pledge=harbor).latest("id")
        assert (event.kind, event.reason) == ("declined", "Not a jeweler: a pawn shop")
    assert "Declined" in body
    assert [m.to for m in mail.outbox] == [["harbor@example.test"]]


@pytest.mark.parametrize(("which", "action"), [("pending", "declined"), ("active", "revoked")])
def test_declining_or_revoking_without_a_reason_is_refused(
    coordinator, three_pledges, which: str, action: str
):
    pledge = three_pledges[which]
    response = coordinator.post(
        f"/pledges/{pledge.pk}/decide/", {"action": action, f"{action}-reason": "  "}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your decision was not recorded" in body
    assert "Give a reason: the store will see it." in body
    with schema_context("north"):
        assert Pledge.objects.get(pk=pledge.pk).status == which


def test_a_refused_decision_keeps_what_was_typed(coordinator, three_pledges):
    harbor = three_pledges["pending"]
    typed = "Address does not exist. " * 90  # longer than a reason may be
    response = coordinator.post(
        f"/pledges/{harbor.pk}/decide/", {"action": "declined", "declined-reason": typed}
    )
    assert response.status_code == 200
    assert typed.strip() in response.content.decode()
    with schema_context("north"):
        assert Pledge.objects.get(pk=harbor.pk).status == Pledge.Status.PENDING


def test_the_coordinator_approves_a_pending_pledge(
    coordinator, three_pledges, north_people, django_capture_on_commit_callbacks
):
    harbor = three_pledges["pending"]
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/pledges/{harbor.pk}/decide/", {"action": "approved", "approved-reason": ""}
        )
    assert response.status_code == 302
    with schema_context("north"):
        harbor.refresh_from_db()
        assert harbor.status == Pledge.Status.ACTIVE
        event = PledgeEvent.objects.filter(pledge=harbor).latest("id")
        assert (event.kind, event.actor_id) == ("approved", north_people.coordinator.pk)
    assert [m.to for m in mail.outbox] == [["harbor@example.test"]]


def test_suspending_without_a_reason_is_refused_and_keeps_the_page(coordinator, three_pledges):
    active = three_pledges["active"]
    response = coordinator.post(
        f"/pledges/{active.pk}/decide/", {"action": "suspended", "suspended-reason": "   "}
    )
    assert response.status_code == 200
    assert "Give a reason: the store will see it." in response.content.decode()
    with schema_context("north"):
        assert Pledge.objects.get(pk=active.pk).status == Pledge.Status.ACTIVE


def test_suspending_and_reinstating_with_reasons(coordinator, three_pledges):
    active = three_pledges["active"]
    coordinator.post(
        f"/pledges/{active.pk}/decide/",
        {"action": "suspended", "suspended-reason": "Logbook empty since March"},
    )
    coordinator.post(
        f"/pledges/{active.pk}/decide/",
        {"action": "reinstated", "reinstated-reason": "Logbook kept again"},
    )
    with schema_context("north"):
        kinds = list(
            PledgeEvent.objects.filter(pledge=active).order_by("id").values_list("kind", "reason")
        )
    assert kinds[-2:] == [
        ("suspended", "Logbook empty since March"),
        ("reinstated", "Logbook kept again"),
    ]


@pytest.mark.parametrize("action", ["", "withdrawn", "deleted", "approved"])
def test_actions_the_coordinator_cannot_take_are_refused_plainly(
    coordinator, three_pledges, action: str
) -> None:
    active = three_pledges["active"]
    response = coordinator.post(
        f"/pledges/{active.pk}/decide/", {"action": action, f"{action}-reason": "x"}, follow=True
    )
    assert response.status_code == 200
    with schema_context("north"):
        assert Pledge.objects.get(pk=active.pk).status == Pledge.Status.ACTIVE


# --- The pledge text -------------------------------------------------------------------------


def test_the_text_page_shows_the_current_version(coordinator, north_people):
    body = coordinator.get("/pledges/text/").content.decode()
    assert "Current text: version 1" in body
    assert "Raise awareness of crime against jewelers" in body


def test_the_coordinator_publishes_a_new_version(coordinator, north_pledge, north_people):
    response = coordinator.post(
        "/pledges/text/",
        {
            "introduction": "We, the undersigned, pledge:",
            "commitments": "Watch.\n\n  Log every incident.  \nShare within minutes.\n",
            "data_terms": "Used only to prevent crime.",
        },
    )
    assert response.status_code == 302
    with schema_context("north"):
        version = PledgeVersion.objects.order_by("-number").first()
        assert version is not None
        assert version.number == 2
        assert [c["text"] for c in version.commitments] == [
            "Watch.",
            "Log every incident.",
            "Share within minutes.",
        ]
        assert version.published_by_id == north_people.coordinator.pk
        assert Pledge.objects.get(pk=north_pledge.pk).version.number == 1
    assert (
        "1 store follows an earlier version" in coordinator.get("/pledges/text/").content.decode()
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"introduction": "", "commitments": "a", "data_terms": "b"}, "introduction"),
        ({"introduction": "a", "commitments": "  \n \n", "data_terms": "b"}, "commitments"),
        ({"introduction": "a", "commitments": "x\n" * 21, "data_terms": "b"}, "commitments"),
        ({"introduction": "a", "commitments": "x" * 501, "data_terms": "b"}, "commitments"),
        ({"introduction": "a", "commitments": "b", "data_terms": "   "}, "data_terms"),
    ],
)
def test_an_incomplete_text_is_refused_next_to_the_field(
    coordinator, north_people, data: dict[str, str], field: str
) -> None:
    response = coordinator.post("/pledges/text/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    with schema_context("north"):
        assert PledgeVersion.objects.count() == 1


def test_publishing_the_unchanged_text_is_refused(coordinator, north_people):
    initial = coordinator.get("/pledges/text/").context["form"].initial
    response = coordinator.post("/pledges/text/", initial)
    assert response.status_code == 200
    assert "Nothing changed" in response.content.decode()


def test_dates_in_the_list_are_days_in_the_networks_time_zone(
    coordinator, three_pledges, north_people
) -> None:
    Network.objects.filter(pk=north_people.network.pk).update(timezone="America/Los_Angeles")
    late_evening_in_california = dt.datetime(2025, 1, 11, 3, 0, tzinfo=dt.UTC)
    with schema_context("north"):
        Pledge.objects.filter(pk=three_pledges["pending"].pk).update(
            signed_at=late_evening_in_california
        )
    on_the_10th = coordinator.get("/pledges/?signed_from=2025-01-10&signed_to=2025-01-10")
    assert len(on_the_10th.context["rows"]) == 1
    on_the_11th = coordinator.get("/pledges/?signed_from=2025-01-11&signed_to=2025-01-11")
    assert len(on_the_11th.context["rows"]) == 0


def test_the_owner_of_a_declined_pledge_reads_that_it_was_declined_and_why(
    three_pledges, north_people
):
    pine = three_pledges["revoked"]
    signer = User.objects.get(pk=pine.signed_by_id)
    body = client_for(north_people.network, signer).get("/store/").content.decode()
    assert "The network's coordinator declined the pledge" in body
    assert "The coordinator's reason: Closed" in body
