"""Who reaches each pledge page, and who gets a 404 (the same answer as for a missing page)."""

from __future__ import annotations

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from networks.models import Invitation, Membership
from networks.services import invitation_create
from pledges.models import Pledge
from tests.conftest import People, client_for, host_of
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("mfa_exempt")

EVERYONE = [
    "anonymous",
    "owner",
    "staff",
    "other_store_owner",
    "coordinator",
    "police",
    "outsider",
    "other_network_coordinator",
]


@pytest.fixture
def visit(north_people: People, lakeshore_people: People, outsider):
    def client(who: str) -> Client:
        if who == "anonymous":
            return client_for(north_people.network)
        if who == "outsider":
            return client_for(north_people.network, outsider)
        if who == "other_network_coordinator":
            return client_for(north_people.network, lakeshore_people.coordinator)
        return client_for(north_people.network, getattr(north_people, who))

    return client


def expected(table: dict[str, int], who: str) -> int:
    return table.get(who, 404)


# --- Pages -----------------------------------------------------------------------------------

PLEDGE_START = {
    "anonymous": 200,
    "owner": 302,  # their store has pledged: on to /store/
    "staff": 302,
    "other_store_owner": 200,  # their store has not pledged yet: the form
    "coordinator": 200,  # a page that explains this account cannot sign for a store
    "police": 200,
    "outsider": 200,
    "other_network_coordinator": 200,
}
STORE = {"owner": 200, "staff": 200, "other_store_owner": 302, "anonymous": 302}
# Store people are sent on to their own store's toolkit, /toolkit/<store id>/.
TOOLKIT = {"owner": 302, "staff": 302, "coordinator": 200, "anonymous": 302}
COORDINATOR_ONLY = {"coordinator": 200, "anonymous": 302}


@pytest.mark.parametrize("who", EVERYONE)
def test_pledge_flow_page(north_pledge: Pledge, visit, who: str) -> None:
    response = visit(who).get("/pledge/")
    assert response.status_code == PLEDGE_START[who], who
    if response.status_code == 302:
        assert response["Location"] == "/store/"


@pytest.mark.parametrize("who", EVERYONE)
def test_store_page(north_pledge: Pledge, visit, who: str) -> None:
    response = visit(who).get("/store/")
    assert response.status_code == expected(STORE, who), who
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/?next=/store/")
    if who == "other_store_owner":
        assert response["Location"] == "/pledge/"


@pytest.mark.parametrize("who", EVERYONE)
def test_toolkit_page(north_pledge: Pledge, visit, who: str) -> None:
    assert visit(who).get("/toolkit/").status_code == expected(TOOLKIT, who), who


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("path", ["/pledges/", "/pledges/export.csv", "/pledges/text/", "detail"])
def test_coordinator_pages(north_pledge: Pledge, visit, who: str, path: str) -> None:
    if path == "detail":
        path = f"/pledges/{north_pledge.pk}/"
    response = visit(who).get(path)
    assert response.status_code == expected(COORDINATOR_ONLY, who), (who, path)


@pytest.mark.parametrize("who", EVERYONE)
def test_logo_pages(north_pledge: Pledge, visit, who: str) -> None:
    # No logo uploaded: even the people who may see it get a 404, like everyone else.
    assert visit(who).get("/store/logo/").status_code in (404, 302)
    assert visit(who).get(f"/pledges/{north_pledge.pk}/logo/").status_code in (404, 302)


def test_a_missing_pledge_and_another_networks_pledge_look_the_same(
    north_pledge: Pledge, lakeshore_pledge: Pledge, north_people: People, lakeshore_people
) -> None:
    client = client_for(north_people.network, north_people.coordinator)
    assert client.get("/pledges/999999/").status_code == 404
    # North's coordinator on Lakeshore's host sees nothing of Lakeshore's pledges.
    on_lakeshore = client_for(lakeshore_people.network, north_people.coordinator)
    assert on_lakeshore.get(f"/pledges/{lakeshore_pledge.pk}/").status_code == 404
    assert on_lakeshore.get("/pledges/").status_code == 404
    assert on_lakeshore.get("/store/").status_code == 404


def test_the_other_networks_owner_gets_404_on_this_networks_store_page(
    north_pledge: Pledge, lakeshore_pledge: Pledge, north_people: People, lakeshore_people
) -> None:
    client = client_for(north_people.network, lakeshore_people.owner)
    assert client.get("/store/").status_code == 404
    assert client.get("/toolkit/").status_code == 404


# --- Actions ---------------------------------------------------------------------------------


@pytest.fixture
def invitation(north_pledge: Pledge, north_people: People) -> Invitation:
    with schema_context(north_people.network.schema_name):
        invitation = invitation_create(
            email="new.hire@example.test",
            role=Membership.Role.STORE_STAFF,
            by=north_people.owner,
            store=north_people.store,
        )
        return invitation


def staff_membership_id(people: People) -> int:
    with schema_context(people.network.schema_name):
        return Membership.objects.get(user_id=people.staff.pk).pk


OWNER_ACTIONS = [
    ("/store/invitations/", {"email": "someone@example.test"}),
    ("/store/listing/", {"listed_publicly": ""}),
    ("/store/withdraw/", {"confirm": "on"}),
    ("/store/reaffirm/", {}),
]


@pytest.mark.parametrize("who", [w for w in EVERYONE if w != "owner"])
@pytest.mark.parametrize(("path", "data"), OWNER_ACTIONS)
def test_only_the_owner_manages_the_store(
    north_pledge: Pledge, visit, who: str, path: str, data: dict[str, str]
) -> None:
    response = visit(who).post(path, data)
    assert response.status_code == (302 if who == "anonymous" else 404), (who, path)
    with schema_context("north"):
        assert Pledge.objects.get(pk=north_pledge.pk).status == Pledge.Status.ACTIVE


@pytest.mark.parametrize("who", [w for w in EVERYONE if w != "owner"])
def test_only_the_owner_removes_staff_and_withdraws_invitations(
    north_people: People, invitation: Invitation, visit, who: str
) -> None:
    staff_id = staff_membership_id(north_people)
    expect = 302 if who == "anonymous" else 404
    assert visit(who).post(f"/store/staff/{staff_id}/remove/").status_code == expect, who
    assert visit(who).post(f"/store/invitations/{invitation.pk}/revoke/").status_code == expect
    with schema_context(north_people.network.schema_name):
        assert Membership.objects.get(pk=staff_id).is_active
        assert Invitation.objects.get(pk=invitation.pk).revoked_at is None


def test_an_owner_cannot_remove_another_stores_staff(north_pledge, north_people, visit) -> None:
    with schema_context(north_people.network.schema_name):
        other_staff = Membership.objects.create(
            user=UserFactory.create(email="other.staff@example.test"),
            role=Membership.Role.STORE_STAFF,
            store=north_people.other_store,
        )
    response = visit("owner").post(f"/store/staff/{other_staff.pk}/remove/")
    assert response.status_code == 404
    # Nor the owner themselves, through the staff endpoint.
    with schema_context(north_people.network.schema_name):
        owner_id = Membership.objects.get(user_id=north_people.owner.pk).pk
    assert visit("owner").post(f"/store/staff/{owner_id}/remove/").status_code == 404


@pytest.mark.parametrize("who", [w for w in EVERYONE if w != "coordinator"])
def test_only_coordinators_decide(north_pledge: Pledge, visit, who: str) -> None:
    response = visit(who).post(
        f"/pledges/{north_pledge.pk}/decide/", {"action": "revoked", "revoked-reason": "Closed"}
    )
    assert response.status_code == (302 if who == "anonymous" else 404), who
    with schema_context("north"):
        assert Pledge.objects.get(pk=north_pledge.pk).status == Pledge.Status.ACTIVE


@pytest.mark.parametrize("who", ["coordinator", "police", "outsider", "other_store_owner"])
def test_only_the_stores_people_acknowledge(north_pledge: Pledge, visit, who: str) -> None:
    assert visit(who).post("/store/acknowledge/").status_code in (404, 302)
    with schema_context("north"):
        assert not north_pledge.acknowledgements.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/store/invitations/",
        "/store/listing/",
        "/store/acknowledge/",
        "/store/staff/1/remove/",
        "/store/invitations/1/revoke/",
        "/pledges/1/decide/",
    ],
)
def test_state_changes_refuse_get(north_pledge: Pledge, visit, path: str) -> None:
    assert visit("owner").get(path).status_code == 405
    assert visit("coordinator").get(path).status_code == 405


def test_state_changes_need_the_csrf_token(north_pledge: Pledge, north_people: People) -> None:
    client = Client(HTTP_HOST=host_of(north_people.network), enforce_csrf_checks=True)
    client.force_login(north_people.owner)
    assert client.post("/store/listing/", {}).status_code == 403
    client.force_login(north_people.coordinator)
    response = client.post(f"/pledges/{north_pledge.pk}/decide/", {"action": "approved"})
    assert response.status_code == 403
