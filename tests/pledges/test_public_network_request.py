"""Asking for a network where none covers you: the public "start a network" form."""

from __future__ import annotations

from typing import Any

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


@pytest.mark.parametrize(
    "slug",
    [
        *("admin", "www", "public", "static", "mail", "api", "accounts", "login", "verify"),
        *("support", "media", "platform", "smtp", "ftp", "help", "status", "docs", "blog"),
    ],
)
def test_a_reserved_address_is_refused(public_client: Client, slug: str) -> None:
    response = public_client.post(URL, valid(slug=slug))
    assert errors_of(response)["slug"] == ["This address is reserved. Choose another."]
    assert not NetworkRequest.objects.exists()


@pytest.mark.parametrize("slug", ["xn--80ak6aa92e", "XN--JWELERS-B1A", "ab--cd"])
def test_a_punycode_look_alike_address_is_refused(public_client: Client, slug: str) -> None:
    response = public_client.post(URL, valid(slug=slug))
    assert errors_of(response)["slug"] == ["This address is reserved. Choose another."]
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


# --- The country list and the web address made from the name ----------------------------------

CHECK_URL = "/networks/request/address/"


def test_the_country_is_chosen_from_a_list_in_the_readers_language(
    public_client: Client,
) -> None:
    body = public_client.get(URL).content.decode()
    assert '<select name="country"' in body
    assert '<option value="DE">Germany</option>' in body
    assert '<option value="CA">Canada</option>' in body
    french = public_client.get(URL, headers={"accept-language": "fr"}).content.decode()
    assert '<option value="DE">Allemagne</option>' in french


def test_the_finders_country_is_chosen_in_advance(public_client: Client) -> None:
    body = public_client.get(URL, {"country": "ca"}).content.decode()
    assert '<option value="CA" selected>Canada</option>' in body


def test_a_country_not_on_the_list_is_refused(public_client: Client) -> None:
    response = public_client.post(URL, valid(country="ZZ"))
    assert "country" in errors_of(response)
    assert not NetworkRequest.objects.exists()


def test_a_request_sent_without_an_address_gets_one_made_from_the_name(
    public_client: Client,
) -> None:
    response = public_client.post(
        URL, valid(slug="", network_name="Réseau des bijoutiers de l'Estrie")
    )
    assert response.status_code == 302
    assert NetworkRequest.objects.get().slug == "reseau-des-bijoutiers-de-lestrie"


def test_an_address_made_from_the_name_is_checked_and_shown_when_taken(
    public_client: Client, north: Network
) -> None:
    response = public_client.post(URL, valid(slug="", network_name="North"))
    assert errors_of(response)["slug"] == ["This address is already taken."]
    assert 'name="slug" value="north"' in response.content.decode()


def test_a_name_with_no_latin_letters_asks_for_an_address(public_client: Client) -> None:
    response = public_client.post(URL, valid(slug="", network_name="Ювелиры Москвы"))
    assert errors_of(response)["slug"] == ["Choose a web address for the network."]


def test_the_page_checks_the_address_with_a_script_file_and_no_inline_script(
    public_client: Client,
) -> None:
    body = public_client.get(URL).content.decode()
    assert '<script src="/static/js/network_request.js" defer></script>' in body
    assert "<script>" not in body
    assert 'data-slug-check="/networks/request/address/"' in body
    script: Any = public_client.get("/static/js/network_request.js")
    assert b"fetch(" in b"".join(script.streaming_content)  # read to the end: closes the file


def test_the_live_check_makes_the_address_from_the_name(public_client: Client) -> None:
    response = public_client.get(CHECK_URL, {"name": "Tri-County Jewelers Network"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "slug": "tri-county-jewelers-network",
        "suggested": "tri-county-jewelers-network",
        "available": True,
        "message": "tri-county-jewelers-network.localhost is free.",
    }


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("support", "This address is reserved. Choose another."),
        ("xn--80ak6aa92e", "This address is reserved. Choose another."),
        ("north", "This address is already taken."),
        ("a b", "Use 3 to 40 lowercase letters"),
        ("", "Choose a web address for the network."),
    ],
)
def test_the_live_check_says_why_an_address_cannot_be_had(
    public_client: Client, north: Network, slug: str, message: str
) -> None:
    data = public_client.get(CHECK_URL, {"slug": slug}).json()
    assert data["available"] is False
    assert data["message"].startswith(message)


def test_the_live_check_prefers_the_typed_address_over_the_name(public_client: Client) -> None:
    data = public_client.get(CHECK_URL, {"name": "Tri-County", "slug": "Gem-Coast"}).json()
    assert (data["slug"], data["suggested"], data["available"]) == ("gem-coast", "tri-county", True)


def test_the_live_check_is_rate_limited(public_client: Client) -> None:
    for _attempt in range(60):
        assert public_client.get(CHECK_URL, {"slug": "gem-coast"}).status_code == 200
    response = public_client.get(CHECK_URL, {"slug": "gem-coast"})
    assert response.status_code == 429
    assert "checked when you send the form" in response.json()["message"]


def test_the_live_check_survives_odd_input(public_client: Client) -> None:
    for params in ({"slug": "\x00"}, {"name": "💎" * 500}, {"slug": "x" * 5000}, {}):
        assert public_client.get(CHECK_URL, params).status_code == 200
    assert public_client.post(CHECK_URL).status_code == 405
