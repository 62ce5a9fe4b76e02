"""Anyone can check a partner's verification code on the public site."""

from __future__ import annotations

import pytest
from django.test import Client

from networks.models import Network
from pledges.directory import verification_code_normalise
from tests.pledges.test_public_directory import take_pledge


def page(client: Client, path: str) -> tuple[int, str]:
    response = client.get(path)
    return response.status_code, response.content.decode()


def test_an_active_partner_is_confirmed(public_client: Client, north: Network) -> None:
    pledge = take_pledge(north, "Harbor Gems", city="Long Beach")
    status, body = page(public_client, f"/verify/{pledge.verification_code}/")
    assert status == 200
    assert "Harbor Gems" in body
    assert "North Valley Jewelers Network" in body
    assert "Partner in good standing" in body
    assert "Partner since" in body
    assert pledge.activated_at is not None
    assert pledge.activated_at.strftime("%Y") in body


@pytest.mark.parametrize(
    ("state", "says"),
    [
        ("suspended", "pledge is suspended"),
        ("revoked", "It is no longer a partner."),
        ("withdrawn", "withdrawn from the pledge. It is no longer a partner."),
        ("pending", "It is not a partner yet."),
    ],
)
def test_a_pledge_not_in_good_standing_says_so_plainly(
    public_client: Client, north: Network, state: str, says: str
) -> None:
    pledge = take_pledge(north, f"{state.title()} Jewelers", status=state)
    status, body = page(public_client, f"/verify/{pledge.verification_code}/")
    assert status == 200
    assert f"{state.title()} Jewelers" in body
    assert says in body
    assert "Partner in good standing" not in body


def test_a_partner_that_chose_not_to_be_listed_can_still_be_verified(
    public_client: Client, north: Network
) -> None:
    pledge = take_pledge(north, "Quiet Gold", listed=False)
    _status, body = page(public_client, f"/verify/{pledge.verification_code}/")
    assert "Quiet Gold" in body
    assert "Partner in good standing" in body


def test_a_partner_of_a_closed_network_is_not_vouched_for(
    public_client: Client, north: Network
) -> None:
    pledge = take_pledge(north, "Left Behind Jewelers")
    Network.objects.filter(pk=north.pk).update(is_active=False)
    _status, body = page(public_client, f"/verify/{pledge.verification_code}/")
    assert "network has closed" in body
    assert "Partner in good standing" not in body


def test_an_unknown_code_is_not_a_partner(public_client: Client, db: None) -> None:
    status, body = page(public_client, "/verify/ZZZZ-ZZZZ/")
    assert status == 200
    assert "Not a partner" in body
    assert "ZZZZ-ZZZZ" in body


@pytest.mark.parametrize(
    "typed",
    [
        "{code_lower}",
        "{code_nodash}",
        "{code_spaced}",
        " {code_lower} ",
        "{code_fullwidth}",
    ],
)
def test_a_code_is_found_however_it_is_typed(
    public_client: Client, north: Network, typed: str
) -> None:
    pledge = take_pledge(north, "Typed Any Way Gems")
    code = pledge.verification_code
    variants = {
        "code_lower": code.lower(),
        "code_nodash": code.replace("-", ""),
        "code_spaced": " ".join(code.replace("-", "")),
        "code_fullwidth": "".join(chr(ord(ch) + 0xFEE0) if ch != "-" else ch for ch in code),
    }
    status, body = page(public_client, f"/verify/{typed.format(**variants)}/")
    assert status == 200
    assert "Typed Any Way Gems" in body


def test_the_lookup_form_sends_to_the_codes_own_page(public_client: Client, north: Network) -> None:
    pledge = take_pledge(north, "Form Lookup Gems")
    response = public_client.get("/verify/", {"code": pledge.verification_code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/verify/{pledge.verification_code}/"


def test_the_lookup_page_shows_the_form(public_client: Client, db: None) -> None:
    status, body = page(public_client, "/verify/")
    assert status == 200
    assert 'name="code"' in body
    assert "Not a partner" not in body


@pytest.mark.parametrize(
    "typed",
    [
        "x" * 500,
        "💎💎💎💎-💎💎💎💎",
        "القاهرة",
        "<script>alert(1)</script>",
        "O0O0-I1I1",
        "' OR 1=1",
    ],
)
def test_odd_input_in_the_form_is_not_a_partner(public_client: Client, typed: str) -> None:
    response = public_client.get("/verify/", {"code": typed})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Not a partner" in body
    assert "<script>alert(1)</script>" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/verify/" + "A" * 500 + "/",
        "/verify/%F0%9F%92%8E/",
        "/verify/%D8%A7%D9%84%D9%82%D8%A7%D9%87%D8%B1%D8%A9/",
        "/verify/%3Cscript%3E/",
        "/verify/%00/",
        "/verify/ABCD-EFG/",
    ],
)
def test_odd_paths_are_not_a_partner(public_client: Client, path: str) -> None:
    status, body = page(public_client, path)
    assert status == 200
    assert "Not a partner" in body
    assert "<script>" not in body


def test_a_code_with_slashes_is_simply_not_found(public_client: Client, db: None) -> None:
    assert public_client.get("/verify/..%2F..%2Fetc/").status_code == 404


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("abcd-efgh", "ABCD-EFGH"),
        ("ABCDEFGH", "ABCD-EFGH"),
        ("  ab cd ef gh ", "ABCD-EFGH"),
        ("abcd—efgh", "ABCD-EFGH"),
        ("ABCD-EFG", None),
        ("ABCD-EFGHJ", None),
        ("O0O0-I1I1", None),
        ("", None),
        ("A" * 500, None),
    ],
)
def test_codes_are_normalised(raw: str, code: str | None) -> None:
    assert verification_code_normalise(raw) == code


def test_walking_through_codes_is_rate_limited(public_client: Client, db: None) -> None:
    for _attempt in range(60):
        assert public_client.get("/verify/ZZZZ-ZZZZ/").status_code == 200
    assert public_client.get("/verify/ZZZZ-ZZZZ/").status_code == 429
