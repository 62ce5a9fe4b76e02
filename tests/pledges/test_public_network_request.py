"""Asking for a network where none covers you: the public "start a network" form."""

from __future__ import annotations

import pytest
from django.test import Client

from networks.models import Network
from pledges.models import NetworkRequest
from pledges.network_requests import network_request_create

URL = "/networks/request/"


def valid(**changes: str) -> dict[str, str]:
    data = {
        "organiser_name": "Ana Ruiz",
        "organiser_email": "ana@ruizjewelers.example",
        "organiser_phone": "",
        "network_name": "Tri-County Jewelers Network",
        "slug": "tri-county",
        "country": "us",
        "region": "Oregon",
        "cities": "Salem, Eugene ;  Corvallis,, salem",
        "expected_members": "12",
        "message": "Three stores were hit last spring.",
        "company_website": "",
    }
    data.update(changes)
    return data


def errors_of(response) -> dict[str, list[str]]:
    return {field: list(messages) for field, messages in response.context["form"].errors.items()}


def test_the_form_has_a_honeypot_out_of_sight(public_client: Client) -> None:
    body = public_client.get(URL).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in body
    assert 'name="company_website" id="id_company_website" value="" tabindex="-1"' in body


def test_a_valid_request_lands_with_the_platform_admins(public_client: Client) -> None:
    response = public_client.post(URL, valid())
    assert response.status_code == 302
    assert response["Location"] == "/networks/request/thanks/"
    request = NetworkRequest.objects.get()
    assert request.status == NetworkRequest.Status.PENDING
    assert request.slug == "tri-county"
    assert request.country == "US"
    assert request.cities == "Salem, Eugene, Corvallis"
    assert request.expected_members == 12
    assert request.organiser_phone == ""
    thanks = public_client.get(response["Location"])
    assert thanks.status_code == 200
    assert "your request has reached us" in thanks.content.decode()


def test_the_phone_is_optional_but_kept_when_given(public_client: Client) -> None:
    public_client.post(URL, valid(organiser_phone="+1 503-555-0100"))
    assert NetworkRequest.objects.get().organiser_phone == "+1 503-555-0100"


def test_a_filled_honeypot_gets_thanks_and_nothing_is_saved(public_client: Client) -> None:
    response = public_client.post(URL, valid(company_website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/networks/request/thanks/"
    assert not NetworkRequest.objects.exists()


def test_a_filled_honeypot_wins_even_over_invalid_fields(public_client: Client) -> None:
    response = public_client.post(URL, {"company_website": "x", "slug": "!!"})
    assert response.status_code == 302
    assert not NetworkRequest.objects.exists()


def test_a_refused_form_keeps_what_was_typed(public_client: Client) -> None:
    response = public_client.post(URL, valid(organiser_email="not-an-email"))
    assert response.status_code == 200
    assert set(errors_of(response)) == {"organiser_email"}
    body = response.content.decode()
    assert 'value="not-an-email"' in body
    assert 'value="Tri-County Jewelers Network"' in body
    assert "Three stores were hit last spring." in body
    assert 'aria-invalid="true"' in body
    assert not NetworkRequest.objects.exists()


def test_missing_fields_are_named(public_client: Client) -> None:
    response = public_client.post(URL, {})
    assert response.status_code == 200
    assert set(errors_of(response)) == {
        "organiser_name",
        "organiser_email",
        "network_name",
        "slug",
        "country",
        "expected_members",
    }


@pytest.mark.parametrize("slug", ["admin", "www", "public", "static", "mail", "api"])
def test_a_reserved_address_is_refused(public_client: Client, slug: str) -> None:
    response = public_client.post(URL, valid(slug=slug))
    assert "slug" in errors_of(response)
    assert not NetworkRequest.objects.exists()


@pytest.mark.parametrize(
    "slug", ["ab", "-abc", "abc-", "1abc", "ab_c", "tri county", "x" * 41, "é-ville", "💎💎💎"]
)
def test_a_malformed_address_is_refused(public_client: Client, slug: str) -> None:
    response = public_client.post(URL, valid(slug=slug))
    assert response.status_code == 200
    assert "slug" in errors_of(response)


@pytest.mark.parametrize("slug", ["network-template", "pg-catalog", "north"])
def test_an_address_whose_schema_exists_is_refused(
    public_client: Client, north: Network, slug: str
) -> None:
    response = public_client.post(URL, valid(slug=slug))
    assert errors_of(response)["slug"] == ["This address is already taken."]


def test_an_address_already_asked_for_is_refused(public_client: Client) -> None:
    public_client.post(URL, valid())
    response = public_client.post(URL, valid(organiser_email="other@example.test"))
    assert errors_of(response)["slug"] == [
        "Someone has already asked for a network at this address; it awaits a decision."
    ]
    assert NetworkRequest.objects.count() == 1


def test_an_address_of_a_declined_request_can_be_asked_for_again(public_client: Client) -> None:
    public_client.post(URL, valid())
    NetworkRequest.objects.update(status=NetworkRequest.Status.DECLINED)
    assert public_client.post(URL, valid()).status_code == 302
    assert NetworkRequest.objects.count() == 2


def test_the_address_is_taken_in_lower_case(public_client: Client) -> None:
    public_client.post(URL, valid(slug="  Tri-County "))
    assert NetworkRequest.objects.get().slug == "tri-county"


def test_the_service_refuses_a_duplicate_too(db: None) -> None:
    fields = {k: v for k, v in valid().items() if k != "company_website"}
    fields["expected_members"] = 3  # type: ignore[assignment]
    network_request_create(**fields)  # type: ignore[arg-type]
    with pytest.raises(Exception, match="already asked"):
        network_request_create(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    [
        "Z",
        "شبكة صاغة القاهرة",
        "רשת הצורפים של חיפה",
        "💎 Gem City Network 💍",
        "Réseau des bijoutiers de Québec",
        "x" * 200,
    ],
)
def test_short_long_rtl_and_emoji_names_are_accepted(public_client: Client, name: str) -> None:
    response = public_client.post(URL, valid(network_name=name, organiser_name=name[:150]))
    assert response.status_code == 302
    request = NetworkRequest.objects.get()
    assert request.network_name == name
    assert request.organiser_name == name[:150]


@pytest.mark.parametrize("field", ["organiser_name", "network_name", "region", "cities"])
def test_a_300_character_value_is_refused_and_kept(public_client: Client, field: str) -> None:
    long_value = "Ω" * 300 if field != "cities" else ", ".join(["Springfield"] * 50)
    response = public_client.post(URL, valid(**{field: long_value}))
    assert response.status_code == 200
    if field == "cities":
        assert "cities" in errors_of(response)
    else:
        assert field in errors_of(response)
        assert long_value in response.content.decode()
    assert not NetworkRequest.objects.exists()


def test_line_breaks_in_names_are_flattened(public_client: Client) -> None:
    public_client.post(URL, valid(network_name="Tri-County\r\nJewelers"))
    assert NetworkRequest.objects.get().network_name == "Tri-County Jewelers"


@pytest.mark.parametrize(
    "changes",
    [
        {"expected_members": "-3"},
        {"expected_members": "0"},
        {"expected_members": "1e9"},
        {"expected_members": "99999999999999999999999"},
        {"expected_members": "twelve"},
        {"country": "USA"},
        {"country": "1"},
        {"country": "ÜS"},
        {"organiser_email": "a@" + "b" * 300 + ".example"},
        {"organiser_name": "\x00"},
        {"network_name": "   "},
        {"message": "m" * 5000},
    ],
)
def test_bad_values_are_refused_without_a_crash(
    public_client: Client, changes: dict[str, str]
) -> None:
    response = public_client.post(URL, valid(**changes))
    assert response.status_code == 200
    assert errors_of(response)
    assert not NetworkRequest.objects.exists()


def test_a_flood_of_requests_is_rate_limited(public_client: Client) -> None:
    for _attempt in range(20):
        assert public_client.post(URL, {}).status_code == 200
    response = public_client.post(URL, valid())
    assert response.status_code == 429
    assert not NetworkRequest.objects.exists()


def test_only_get_and_post_are_answered(public_client: Client) -> None:
    assert public_client.put(URL).status_code == 405
