"""The partner toolkit page: for the people of a store whose pledge is active, and for
coordinators; a 404 for everyone else."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from pledges.services import pledge_transition
from tests.conftest import People, client_for
from tests.pledges.conftest import pledge_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")


def get(people: People, who: str):
    return client_for(people.network, getattr(people, who)).get("/toolkit/")


@pytest.mark.parametrize("who", ["owner", "staff"])
def test_the_stores_people_find_their_code_and_link(north_people: People, who: str):
    pledge = pledge_for(north_people)
    response = get(north_people, who)
    assert response.status_code == 200
    body = response.content.decode()
    assert pledge.verification_code in body
    assert f"http://localhost/verify/{pledge.verification_code}/" in body
    assert "Coming to this page" in body
    assert "Nothing to download yet" in body


def test_coordinators_see_what_the_toolkit_holds(north_people: People):
    pledge_for(north_people)
    response = get(north_people, "coordinator")
    assert response.status_code == 200
    assert "For coordinators" in response.content.decode()


@pytest.mark.parametrize("who", ["police", "other_store_owner"])
def test_others_in_the_network_get_404(north_people: People, who: str):
    pledge_for(north_people)
    assert get(north_people, who).status_code == 404


def test_outsiders_and_other_networks_get_404(north_people: People, lakeshore_people, outsider):
    pledge_for(north_people)
    assert client_for(north_people.network, outsider).get("/toolkit/").status_code == 404
    other = client_for(north_people.network, lakeshore_people.owner)
    assert other.get("/toolkit/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(north_people: People):
    response = client_for(north_people.network).get("/toolkit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/toolkit/")


@pytest.mark.parametrize("state", ["pending", "suspended", "revoked", "none"])
def test_a_store_without_an_active_pledge_has_no_toolkit(north_people: People, state: str):
    if state != "none":
        pledge = pledge_for(north_people, active=state != "pending")
        if state in ("suspended", "revoked"):
            with schema_context("north"):
                pledge_transition(
                    pledge=pledge, action=state, by=north_people.coordinator, reason="Closed"
                )
    for who in ("owner", "staff"):
        assert get(north_people, who).status_code == 404, who
