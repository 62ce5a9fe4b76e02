"""The network finder: a jeweler finds the network for their area and goes to pledge there."""

from __future__ import annotations

import pytest
from django.test import Client

from networks.models import Network
from pledges.directory import network_search


@pytest.fixture
def areas(north: Network, lakeshore: Network) -> None:
    Network.objects.filter(pk=north.pk).update(
        cities=["Long Beach", "Pasadena", "San José"], postal_prefixes=["908", "911"]
    )
    Network.objects.filter(pk=lakeshore.pk).update(
        cities=["Toronto", "Mississauga"], postal_prefixes=["M5A", "l5b"]
    )


def found(client: Client, **params: str) -> list[str]:
    response = client.get("/networks/", params)
    assert response.status_code == 200
    return [network.slug for network in response.context["results"]]


pytestmark = pytest.mark.usefixtures("areas")


def test_without_a_search_every_active_network_is_listed(public_client: Client) -> None:
    assert found(public_client) == ["lakeshore", "north"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("North Valley", ["north"]),
        ("jewellers", ["lakeshore"]),
        ("ontario", ["lakeshore"]),
        ("CALIFORNIA", ["north"]),
        ("long beach", ["north"]),
        ("  Long   Beach ", ["north"]),
        ("mississauga", ["lakeshore"]),
        ("san jose", ["north"]),
        ("us", ["north"]),
        ("canada", ["lakeshore"]),
        ("CA", ["lakeshore", "north"]),  # Canada, or California: both are offered
        ("ronto", []),
        ("valley jewelers", ["north"]),
        ("Long Beach, California", ["north"]),
        ("Toronto, ON", ["lakeshore"]),
    ],
)
def test_search_by_name_region_city_or_country(
    public_client: Client, query: str, expected: list[str]
) -> None:
    assert found(public_client, q=query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("90802", ["north"]),
        ("90802-1234", ["north"]),
        ("91106", ["north"]),
        ("M5A 3C4", ["lakeshore"]),
        ("m5a3c4", ["lakeshore"]),
        ("L5B 2C9", ["lakeshore"]),
        ("M5A", ["lakeshore"]),
        ("10001", []),
        ("9", []),
    ],
)
def test_search_by_postal_code_matches_a_networks_prefix(
    public_client: Client, query: str, expected: list[str]
) -> None:
    assert found(public_client, q=query) == expected


def test_a_place_name_is_not_read_as_a_postal_code(north: Network) -> None:
    Network.objects.filter(pk=north.pk).update(postal_prefixes=["M"])
    assert [n.slug for n in network_search(query="Mississauga")] == ["lakeshore"]


def test_country_filter(public_client: Client) -> None:
    assert found(public_client, country="CA") == ["lakeshore"]
    assert found(public_client, country="US", q="toronto") == []


def test_the_country_filter_offers_the_countries_with_networks(public_client: Client) -> None:
    body = public_client.get("/networks/").content.decode()
    assert '<option value="CA">Canada</option>' in body
    assert '<option value="US">United States</option>' in body


def test_an_inactive_network_is_not_offered(public_client: Client, north: Network) -> None:
    Network.objects.filter(pk=north.pk).update(is_active=False)
    assert found(public_client) == ["lakeshore"]
    assert found(public_client, q="long beach") == []


def test_each_network_links_to_its_own_pledge_page(public_client: Client) -> None:
    body = public_client.get("/networks/", {"q": "long beach"}).content.decode()
    assert 'href="http://north.localhost/pledge/"' in body
    assert "Take the pledge" in body


def test_no_match_offers_to_start_a_network(public_client: Client) -> None:
    response = public_client.get("/networks/", {"q": "Anchorage", "country": "US"})
    body = response.content.decode()
    assert response.context["results"] == []
    assert "No network covers this area yet." in body
    assert 'href="/networks/request/?q=Anchorage&amp;country=US"' in body


def test_the_request_form_starts_with_what_the_finder_knew(public_client: Client) -> None:
    response = public_client.get("/networks/request/", {"q": "Anchorage", "country": "us"})
    form = response.context["form"]
    assert form.initial == {"country": "US", "cities": "Anchorage"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 500},
        {"q": "💎 القاهرة 東京"},
        {"q": "\u202eevil"},
        {"q": "\x00"},
        {"q": "%"},
        {"q": "' OR 1=1 --"},
        {"q": ",,,;;"},
        {"country": "ZZ"},
        {"country": "x" * 300},
    ],
)
def test_odd_searches_get_an_answer(public_client: Client, params: dict[str, str]) -> None:
    assert public_client.get("/networks/", params).status_code == 200


def test_a_search_is_shown_escaped(public_client: Client) -> None:
    body = public_client.get("/networks/", {"q": "<b>bold</b>"}).content.decode()
    assert "<b>bold</b>" not in body
