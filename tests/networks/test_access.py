"""Who reaches which network page, and who gets a 404."""

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context

from tests.conftest import People, client_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

MEMBER_PAGES = ["/dashboard/", "/stores/"]


def get(people: People, who: str, path: str) -> int:
    return client_for(people.network, getattr(people, who)).get(path).status_code


@pytest.mark.parametrize("who", ["owner", "staff", "coordinator", "police"])
@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_every_member_reaches_member_pages(north_people: People, who: str, path: str) -> None:
    assert get(north_people, who, path) == 200


@pytest.mark.parametrize("path", [*MEMBER_PAGES, "/members/"])
def test_outsider_gets_404_on_private_pages(north_people: People, outsider, path: str) -> None:
    assert client_for(north_people.network, outsider).get(path).status_code == 404


@pytest.mark.parametrize("path", [*MEMBER_PAGES, "/members/"])
def test_anonymous_visitor_is_sent_to_log_in(north_people: People, path: str) -> None:
    response = client_for(north_people.network).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_network_home_is_open_to_anyone(north_people: People) -> None:
    response = client_for(north_people.network).get("/")
    assert response.status_code == 200
    assert "North Valley Jewelers Network" in response.content.decode()


def test_only_coordinator_sees_member_list(north_people: People) -> None:
    assert get(north_people, "coordinator", "/members/") == 200
    for who in ("owner", "staff", "police"):
        assert get(north_people, who, "/members/") == 404, who


def test_member_list_names_the_networks_people(north_people: People) -> None:
    page = client_for(north_people.network, north_people.coordinator).get("/members/")
    body = page.content.decode()
    assert north_people.staff.email in body
    assert north_people.police.email in body


def test_store_people_see_their_own_store_and_not_another(north_people: People) -> None:
    own = f"/stores/{north_people.store.pk}/"
    other = f"/stores/{north_people.other_store.pk}/"
    for who in ("owner", "staff"):
        assert get(north_people, who, own) == 200, who
        assert get(north_people, who, other) == 404, who


def test_coordinator_and_police_see_any_store(north_people: People) -> None:
    for who in ("coordinator", "police"):
        assert get(north_people, who, f"/stores/{north_people.other_store.pk}/") == 200


def test_missing_and_forbidden_store_look_the_same(north_people: People) -> None:
    missing = client_for(north_people.network, north_people.staff).get("/stores/999999/")
    forbidden = client_for(north_people.network, north_people.staff).get(
        f"/stores/{north_people.other_store.pk}/"
    )
    assert missing.status_code == forbidden.status_code == 404


def test_police_see_the_store_but_not_its_people(north_people: People) -> None:
    page = client_for(north_people.network, north_people.police).get(
        f"/stores/{north_people.store.pk}/"
    )
    assert north_people.staff.email not in page.content.decode()


def test_member_of_one_network_gets_404_in_the_other(
    north_people: People, lakeshore_people: People
) -> None:
    for who in ("owner", "staff", "coordinator", "police"):
        user = getattr(north_people, who)
        client = client_for(lakeshore_people.network, user)
        for path in [*MEMBER_PAGES, "/members/", f"/stores/{lakeshore_people.store.pk}/"]:
            assert client.get(path).status_code == 404, (who, path)


def test_session_from_network_a_shows_nothing_of_network_b(
    north_people: People, lakeshore_people: People
) -> None:
    # Log in on A's host, then replay the very same session cookie on B's host.
    on_a = client_for(north_people.network)
    assert on_a.login(email=north_people.coordinator.email, password="correct-horse-battery-2026")
    assert on_a.get("/members/").status_code == 200
    on_b = client_for(lakeshore_people.network)
    on_b.cookies = on_a.cookies
    for path in ["/dashboard/", "/stores/", "/members/"]:
        response = on_b.get(path)
        assert response.status_code == 404, path
    home = on_b.get("/").content.decode()
    assert lakeshore_people.staff.email not in home
    assert north_people.network.name not in home


def test_stores_of_other_network_are_not_listed(
    north_people: People, lakeshore_people: People
) -> None:
    client = client_for(north_people.network, north_people.police)
    body = client.get("/stores/?status=all").content.decode()
    assert "North Gems" in body
    assert "Lakeshore Gems" not in body


def test_store_ids_do_not_cross_networks(north_people: People, lakeshore_people: People) -> None:
    with schema_context(lakeshore_people.network.schema_name):
        lakeshore_store_id = lakeshore_people.other_store.pk
    client = client_for(north_people.network, north_people.coordinator)
    response = client.get(f"/stores/{lakeshore_store_id}/")
    # Ids are per network: the same number may name a North store, never a Lakeshore one.
    assert "Lakeshore" not in response.content.decode()


def test_unknown_host_gets_404(db) -> None:
    assert client_for(None).get("/", HTTP_HOST="nowhere.localhost").status_code == 404


def test_platform_overview_is_for_platform_admins_only(public_client, north_people, outsider):
    assert (
        public_client.get(reverse("platform_overview", urlconf="config.urls_public")).status_code
        == 302
    )
    public_client.force_login(north_people.coordinator)
    assert public_client.get("/platform/").status_code == 404
    public_client.force_login(outsider)
    assert public_client.get("/platform/").status_code == 404
