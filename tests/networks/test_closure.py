"""A network that has closed: its host shows one page to everyone, nothing writes in its
schema, and platform admins can still take its data out."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from accounts.models import User
from networks.closure import NetworkClosedError
from networks.models import Membership, Network, Store
from networks.services import invitation_create, membership_grant, store_create
from pledges.models import Pledge
from pledges.services import pledge_transition
from tests.conftest import PASSWORD, People, client_for
from tests.factories import UserFactory
from tests.pledges.conftest import new_store_details, pledge_for, sign
from toolkit.services import toolkit_download_record

PATHS = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/dashboard/",
    "/stores/",
    "/members/",
    "/pledge/",
    "/store/",
    "/pledges/",
    "/pledges/export.csv",
    "/join/some-token/",
    "/toolkit/",
    "/no/such/page/",
]


def close(network: Network) -> None:
    Network.objects.filter(pk=network.pk).update(is_active=False)


@pytest.fixture
def closed_north(north_people: People) -> Iterator[People]:
    close(north_people.network)
    yield north_people
    Network.objects.filter(pk=north_people.network.pk).update(is_active=True)


def _closed_page(response) -> bool:
    return response.status_code == 410 and "is closed" in response.content.decode()


@pytest.mark.parametrize("path", PATHS)
def test_every_page_of_a_closed_network_says_it_is_closed_to_visitors(
    closed_north: People, path: str
) -> None:
    assert _closed_page(client_for(closed_north.network).get(path))


@pytest.mark.parametrize("who", ["owner", "staff", "coordinator", "police"])
@pytest.mark.parametrize("path", ["/dashboard/", "/members/", "/pledges/export.csv", "/toolkit/"])
def test_members_of_a_closed_network_reach_nothing_of_it(
    closed_north: People, who: str, path: str, mfa_exempt: None
) -> None:
    client = client_for(closed_north.network, getattr(closed_north, who))
    response = client.get(path)
    assert _closed_page(response)
    assert "North Gems" not in response.content.decode()


def test_nobody_logs_in_on_a_closed_networks_host(closed_north: People) -> None:
    client = client_for(closed_north.network)
    response = client.post(
        "/accounts/login/", {"login": closed_north.owner.email, "password": PASSWORD}
    )
    assert _closed_page(response)
    assert "_auth_user_id" not in client.session


def test_a_pledge_or_an_invitation_cannot_be_sent_to_a_closed_network(
    closed_north: People, outsider: User
) -> None:
    client = client_for(closed_north.network, outsider)
    assert _closed_page(client.post("/pledge/", {"signature_name": "Ana"}))
    owner = client_for(closed_north.network, closed_north.owner)
    assert _closed_page(owner.post("/store/invitations/", {"email": "new@example.test"}))
    with schema_context("north"):
        assert not Pledge.objects.filter(signed_by_id=outsider.pk).exists()


def test_static_files_and_the_health_check_still_answer_on_a_closed_network(
    closed_north: People,
) -> None:
    client = client_for(closed_north.network)
    assert client.get("/healthz").status_code == 200
    response: Any = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)  # read to the end, which closes the file


def test_the_closed_page_keeps_the_sites_security_headers(closed_north: People) -> None:
    response = client_for(closed_north.network).get("/")
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"


def test_other_networks_and_the_public_site_are_not_affected(
    closed_north: People, lakeshore_people: People
) -> None:
    member = client_for(lakeshore_people.network, lakeshore_people.owner)
    assert member.get("/dashboard/").status_code == 200
    assert client_for(None).get("/").status_code == 200


def test_a_network_opened_again_answers_as_before(north_people: People) -> None:
    close(north_people.network)
    client = client_for(north_people.network, north_people.owner)
    assert client.get("/dashboard/").status_code == 410
    Network.objects.filter(pk=north_people.network.pk).update(is_active=True)
    assert client.get("/dashboard/").status_code == 200


# --- Services refuse to write ----------------------------------------------------------------


def test_services_refuse_to_write_in_a_closed_network(closed_north: People, outsider: User) -> None:
    people = closed_north
    with schema_context("north"):
        writes = [
            lambda: sign(outsider, new_store_details()),
            lambda: invitation_create(
                email="new@example.test",
                role=Membership.Role.STORE_STAFF,
                by=people.owner,
                store=people.store,
            ),
            lambda: membership_grant(
                user=outsider, role=Membership.Role.STORE_STAFF, store=people.store
            ),
            lambda: store_create(
                legal_name="X",
                display_name="X",
                address_line1="1 Main St",
                city="Salem",
                country="US",
            ),
            lambda: toolkit_download_record(
                store_id=people.store.pk, item="badge", variant="256", user_id=people.owner.pk
            ),
        ]
        for write in writes:
            with pytest.raises(NetworkClosedError, match="North Valley Jewelers Network is closed"):
                write()
        assert not Store.objects.filter(display_name="X").exists()
        assert not Membership.objects.filter(user_id=outsider.pk).exists()


def test_a_coordinator_cannot_change_a_pledge_of_a_closed_network(north_people: People) -> None:
    pledge = pledge_for(north_people)
    close(north_people.network)
    with schema_context("north"), pytest.raises(NetworkClosedError):
        pledge_transition(
            pledge=pledge, action="suspended", by=north_people.coordinator, reason="Closed"
        )
    with schema_context("north"):
        assert Pledge.objects.get(pk=pledge.pk).status == Pledge.Status.ACTIVE


def test_services_still_write_in_an_open_network(north_people: People) -> None:
    with schema_context("north"):
        store = store_create(
            legal_name="Y",
            display_name="Y",
            address_line1="2 Main St",
            city="Salem",
            country="US",
        )
    assert store.pk


# --- Platform admins export its data ---------------------------------------------------------


@pytest.fixture
def platform_client(public_client: Client, settings) -> Client:
    admin = UserFactory.create(email="root@platform.test", is_staff=True)
    settings.PORTAL_MFA_EXEMPT_EMAILS = [admin.email]
    public_client.force_login(admin)
    return public_client


def test_a_platform_admin_exports_a_closed_networks_data_as_json(
    north_people: People, platform_client: Client
) -> None:
    pledge = pledge_for(north_people)
    close(north_people.network)
    response = platform_client.get("/platform/networks/north/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="north-export-')
    assert response["Content-Disposition"].endswith('.json"')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["network"]["active"] is False
    assert {store["display_name"] for store in data["stores"]} == {"North Gems", "North Gold"}
    assert north_people.coordinator.email in {m["email"] for m in data["members"]}
    assert [p["verification_code"] for p in data["pledges"]] == [pledge.verification_code]


@pytest.mark.parametrize("kind", ["stores", "members", "pledges"])
def test_a_platform_admin_exports_each_kind_as_csv(
    north_people: People, platform_client: Client, kind: str
) -> None:
    pledge_for(north_people)
    close(north_people.network)
    response = platform_client.get(f"/platform/networks/north/export-{kind}.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) > 1
    assert all(len(row) == len(rows[0]) for row in rows)


def test_the_overview_links_to_each_networks_export(
    north_people: People, platform_client: Client
) -> None:
    close(north_people.network)
    body = platform_client.get("/platform/").content.decode()
    assert "/platform/networks/north/export.json" in body
    assert "/platform/networks/north/export-members.csv" in body


@pytest.mark.parametrize("who", ["coordinator", "owner", "outsider"])
def test_nobody_but_platform_admins_exports_a_network(
    north_people: People, outsider: User, who: str, mfa_exempt: None
) -> None:
    close(north_people.network)
    user = outsider if who == "outsider" else getattr(north_people, who)
    client = client_for(None, user)
    assert client.get("/platform/networks/north/export.json").status_code == 404
    assert client.get("/platform/networks/north/export-members.csv").status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_before_an_export(north: Network) -> None:
    response = client_for(None).get("/platform/networks/north/export.json")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/platform/networks/nowhere/export.json",
        "/platform/networks/public/export.json",
        "/platform/networks/north/export-secrets.csv",
    ],
)
def test_unknown_networks_and_kinds_are_a_404(
    north: Network, platform_client: Client, path: str
) -> None:
    assert platform_client.get(path).status_code == 404


def test_the_export_is_not_served_on_a_networks_own_host(north_people: People) -> None:
    admin = UserFactory.create(email="root2@platform.test", is_staff=True)
    client = client_for(north_people.network, admin)
    assert client.get("/platform/networks/north/export.json").status_code == 404
