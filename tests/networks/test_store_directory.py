"""The stores directory ("Member stores"): active partners by default, each with its pledge
status; coordinators and police may list the others, store people may not."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from pledges.models import Pledge
from pledges.services import pledge_transition
from tests.conftest import People, client_for
from tests.factories import StoreFactory, UserFactory
from tests.pledges.conftest import new_store_details, pledge_for, sign

pytestmark = pytest.mark.usefixtures("mfa_exempt")


@pytest.fixture
def stores_in_every_state(north_people: People) -> dict[str, str]:
    """North Gems active (the named owner's), one new store per other state, and North Gold,
    which the coordinator registered and which has not pledged."""
    pledge_for(north_people)
    names = {"active": "North Gems"}
    with schema_context(north_people.network.schema_name):
        for number, state in enumerate(("pending", "suspended", "revoked", "withdrawn")):
            name = f"{state.title()} Jewels"
            signer = UserFactory.create(email=f"{state}@example.test")
            pledge = sign(
                signer,
                new_store_details(display_name=name, address_line1=f"{number} Birch Road"),
            )
            steps = {
                "pending": [],
                "suspended": ["approved", "suspended"],
                "revoked": ["approved", "revoked"],
                "withdrawn": ["withdrawn"],
            }[state]
            for action in steps:
                pledge = pledge_transition(
                    pledge=pledge, action=action, by=north_people.coordinator, reason="Test"
                )
            assert pledge.status == state
            names[state] = name
    names["none"] = north_people.other_store.display_name
    return names


def _listed(response) -> dict[str, str]:
    return {store.display_name: status for store, status, _label in response.context["rows"]}


@pytest.mark.parametrize("role", ["owner", "staff", "coordinator", "police"])
def test_the_directory_lists_only_active_partners_by_default_with_their_status(
    north_people: People, stores_in_every_state: dict[str, str], role: str
) -> None:
    response = client_for(north_people.network, getattr(north_people, role)).get("/stores/")
    assert _listed(response) == {"North Gems": "active"}
    body = response.content.decode()
    assert "badge-success" in body
    for state in ("pending", "suspended", "revoked", "withdrawn", "none"):
        assert stores_in_every_state[state] not in body


@pytest.mark.parametrize("role", ["coordinator", "police"])
@pytest.mark.parametrize("state", ["pending", "suspended", "revoked", "withdrawn", "none"])
def test_coordinators_and_police_can_list_the_stores_in_any_other_state(
    north_people: People, stores_in_every_state: dict[str, str], role: str, state: str
) -> None:
    client = client_for(north_people.network, getattr(north_people, role))
    response = client.get(f"/stores/?status={state}")
    assert _listed(response) == {stores_in_every_state[state]: state}


def test_every_store_is_listed_with_its_status_on_request(
    north_people: People, stores_in_every_state: dict[str, str]
) -> None:
    client = client_for(north_people.network, north_people.police)
    response = client.get("/stores/?status=all")
    listed = _listed(response)
    assert listed == {name: state for state, name in stores_in_every_state.items()}
    body = response.content.decode()
    for label in ("Pending", "Suspended", "Revoked", "Withdrawn", "Not pledged"):
        assert label in body
    # The filter says how many stores each choice holds.
    assert "Active (1)" in body
    assert "All stores (6)" in body


@pytest.mark.parametrize("query", ["status=revoked", "status=all", "status=none"])
def test_store_people_see_only_active_partners_whatever_they_ask(
    north_people: People, stores_in_every_state: dict[str, str], query: str
) -> None:
    client = client_for(north_people.network, north_people.other_store_owner)
    response = client.get(f"/stores/?{query}")
    assert response.status_code == 200
    assert set(_listed(response)) == {"North Gems", north_people.other_store.display_name}
    assert 'name="status"' not in response.content.decode()


def test_a_store_member_always_sees_their_own_store_with_its_status(
    north_people: People,
) -> None:
    pledge_for(north_people, active=False)
    response = client_for(north_people.network, north_people.owner).get("/stores/")
    assert _listed(response)["North Gems"] == "pending"


@pytest.mark.parametrize("query", ["status=deleted", "status=", "status=%00", "status=ALL"])
def test_an_unknown_filter_falls_back_to_active_partners(
    north_people: People, stores_in_every_state: dict[str, str], query: str
) -> None:
    client = client_for(north_people.network, north_people.coordinator)
    response = client.get(f"/stores/?{query}")
    assert response.status_code == 200
    assert _listed(response) == {"North Gems": "active"}


def test_the_network_home_counts_active_partners_only(
    north_people: People, stores_in_every_state: dict[str, str]
) -> None:
    response = client_for(north_people.network).get("/")
    assert response.context["store_count"] == 1


def test_a_store_page_shows_its_pledge_status(
    north_people: People, stores_in_every_state: dict[str, str]
) -> None:
    with schema_context(north_people.network.schema_name):
        suspended = Pledge.objects.get(store__display_name="Suspended Jewels").store
    client = client_for(north_people.network, north_people.police)
    body = client.get(f"/stores/{suspended.pk}/").content.decode()
    assert "Suspended" in body
    assert "United States" in body


def test_the_directory_costs_the_same_for_few_or_many_stores(
    north_people: People, django_assert_max_num_queries
) -> None:
    pledge_for(north_people)
    client = client_for(north_people.network, north_people.coordinator)
    client.get("/stores/?status=all")
    with django_assert_max_num_queries(16):
        client.get("/stores/?status=all")
    with schema_context(north_people.network.schema_name):
        for _ in range(20):
            StoreFactory.create()
    with django_assert_max_num_queries(16):
        response = client.get("/stores/?status=all")
    assert len(response.context["rows"]) == 22
