"""The live partner count and the wall of partners on the public site."""

from __future__ import annotations

import itertools

import pytest
from django.template.loader import render_to_string
from django_tenants.utils import schema_context

from networks.models import Network
from pledges.directory import landing_partner_context, partner_count, partner_wall
from pledges.models import Pledge
from pledges.services import StoreDetails, current_version, pledge_take, pledge_transition
from tests.factories import UserFactory

# The actions that bring a freshly signed (pending) pledge to each state.
STEPS = {
    "pending": [],
    "active": ["approved"],
    "suspended": ["approved", "suspended"],
    "revoked": ["approved", "revoked"],
    "withdrawn": ["approved", "withdrawn"],
}
_street_numbers = itertools.count(100)


def take_pledge(
    network: Network,
    name: str,
    *,
    status: str = "active",
    listed: bool = True,
    city: str = "Springfield",
) -> Pledge:
    """A store of `network` that signed the pledge and then went to `status`."""
    with schema_context(network.schema_name):
        owner = UserFactory.create()
        decider = UserFactory.create()
        pledge = pledge_take(
            user=owner,
            store=StoreDetails(
                legal_name=f"{name} LLC",
                display_name=name,
                address_line1=f"{next(_street_numbers)} Main Street",
                city=city,
                country=network.country,
            ),
            commitments=[item["key"] for item in current_version().commitments],
            signature_name=owner.full_name or "Store Owner",
            consented=True,
            listed_publicly=listed,
        )
        for action in STEPS[status]:
            if action == "approved" and pledge.status == Pledge.Status.ACTIVE:
                continue
            pledge = pledge_transition(pledge=pledge, action=action, by=decider, reason="Test")
        assert pledge.status == status
        return pledge


@pytest.fixture
def every_state(north: Network) -> None:
    take_pledge(north, "Active Listed", status="active", listed=True)
    take_pledge(north, "Active Unlisted", status="active", listed=False)
    for status in ("pending", "suspended", "revoked", "withdrawn"):
        take_pledge(north, f"{status.title()} Listed", status=status, listed=True)


@pytest.mark.usefixtures("every_state")
def test_partner_count_counts_only_active_pledges() -> None:
    assert partner_count() == 2


@pytest.mark.usefixtures("every_state")
def test_wall_shows_only_active_partners_who_chose_to_be_listed() -> None:
    assert [listing.display_name for listing in partner_wall()] == ["Active Listed"]


def test_count_and_wall_add_up_across_networks(north: Network, lakeshore: Network) -> None:
    take_pledge(north, "North Star Jewelers")
    take_pledge(lakeshore, "Lakeshore Diamonds")
    take_pledge(lakeshore, "Quiet Gold", listed=False)
    assert partner_count() == 3
    assert {listing.display_name for listing in partner_wall()} == {
        "North Star Jewelers",
        "Lakeshore Diamonds",
    }


def test_partners_of_a_closed_network_are_not_counted(north: Network) -> None:
    take_pledge(north, "Closed Network Gems")
    Network.objects.filter(pk=north.pk).update(is_active=False)
    assert partner_count() == 0
    assert partner_wall() == []


def test_a_suspended_partner_leaves_the_wall_and_comes_back_when_reinstated(
    north: Network,
) -> None:
    pledge = take_pledge(north, "Back Again Jewelers")
    assert partner_count() == 1
    with schema_context(north.schema_name):
        admin = UserFactory.create()
        pledge = pledge_transition(pledge=pledge, action="suspended", by=admin, reason="Late")
        assert partner_count() == 0
        pledge_transition(pledge=pledge, action="reinstated", by=admin)
    assert [listing.display_name for listing in partner_wall()] == ["Back Again Jewelers"]


@pytest.mark.usefixtures("every_state")
def test_landing_page_passes_the_partner_context(public_client) -> None:
    response = public_client.get("/")
    assert response.status_code == 200
    assert response.context["partner_count"] == 2
    assert [listing.display_name for listing in response.context["partner_wall"]] == [
        "Active Listed"
    ]
    assert response.context["partner_wall_more"] == 0


def test_wall_says_how_many_more_when_it_is_cut(north: Network, monkeypatch) -> None:
    monkeypatch.setattr("pledges.directory.PARTNER_WALL_SIZE", 2)
    for index in range(3):
        take_pledge(north, f"Partner {index}")
    context = landing_partner_context()
    assert context["partner_count"] == 3
    assert len(context["partner_wall"]) == 2  # type: ignore[arg-type]
    assert context["partner_wall_more"] == 1


@pytest.mark.usefixtures("every_state")
def test_partners_partial_shows_the_count_and_the_listed_names(settings) -> None:
    settings.ROOT_URLCONF = "config.urls_public"
    html = render_to_string("pledges/public/_partners.html", landing_partner_context())
    assert '<span class="stat-value">2</span>' in html
    assert "jewelers are partners today" in html
    assert "Active Listed" in html
    for hidden in ("Active Unlisted", "Pending Listed", "Suspended Listed", "Revoked Listed"):
        assert hidden not in html


def test_partners_partial_escapes_store_names(north: Network, settings) -> None:
    settings.ROOT_URLCONF = "config.urls_public"
    take_pledge(north, "<script>alert(1)</script> Gems")
    html = render_to_string("pledges/public/_partners.html", landing_partner_context())
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_partners_partial_invites_the_first_partners_when_there_are_none(
    db: None, settings
) -> None:
    settings.ROOT_URLCONF = "config.urls_public"
    html = render_to_string("pledges/public/_partners.html", landing_partner_context())
    assert '<span class="stat-value">0</span>' in html
    assert "Be among the first partners." in html
