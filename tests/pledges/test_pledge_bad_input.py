"""Whatever people type or upload in the pledge form: a correct save, or a message next to the
field with what they typed still there. Never a 500."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pytest
from django.test import Client
from django_tenants.utils import schema_context
from PIL import Image

from networks.models import Store
from pledges.models import Pledge
from tests.conftest import People, client_for
from tests.pledges.conftest import form_data, image_file

ARABIC = "مجوهرات الخليج"
HEBREW = "תכשיטי הנמל"
EMOJI = "Harbor Gems 💎✨"
MIXED = "Gold Ювелир 金の店"
FLAG = "Harbor Gems 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


@pytest.fixture
def client(north_people: People, outsider) -> Client:
    return client_for(north_people.network, outsider)


def post(client: Client, **fields: Any):
    response = client.post("/pledge/", form_data(**fields))
    assert response.status_code in (200, 302), response.status_code
    return response


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def saved_store() -> Store | None:
    with schema_context("north"):
        return Store.objects.filter(pledge__isnull=False).first()


def error_next_to(response, field: str) -> str:
    """The error list rendered for `field` (empty if none)."""
    form = response.context["form"]
    return " ".join(form.errors.get(field, []))


# --- Names and addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "saved_as"),
    [
        ("H", "H"),
        ("H" * 80, "H" * 80),
        ("H" * 200, "H" * 200),
        (ARABIC, ARABIC),
        (HEBREW, HEBREW),
        (EMOJI, EMOJI),
        (MIXED, MIXED),
        (FLAG, FLAG),
        ("  Harbor \t  Gems  ", "Harbor Gems"),
        ("Cafe\u0301 Bijoux", "Café Bijoux"),
        ("Zoë & Co. <b>Gems</b>", "Zoë & Co. <b>Gems</b>"),
    ],
)
def test_names_are_saved_as_typed_and_shown_correctly(
    client: Client, value: str, saved_as: str
) -> None:
    response = post(client, display_name=value)
    assert response.status_code == 302, response.context["form"].errors
    store = saved_store()
    assert store is not None
    assert store.display_name == saved_as
    page = client.get("/store/").content.decode()
    assert f"<bdi>{html.escape(saved_as, quote=False)}</bdi>" in page.replace("&#x27;", "'")
    assert "<b>Gems</b>" not in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "This field is required."),
        ("     ", "This field is required."),
        ("\t\n", "This field is required."),
        ("H" * 201, "at most 200 characters"),
        ("H" * 300, "at most 200 characters (it has 300)"),
        ("💎💎💎", "at least one letter or digit"),
        ("---", "at least one letter or digit"),
        ("Hаrbor Gems", "look-alike letters"),  # noqa: RUF001 - a Cyrillic a, on purpose
        ("Harbor\u202eGems", "invisible control characters"),
        ("Harbor\x07Gems", "invisible control characters"),
    ],
)
def test_names_that_cannot_be_used_are_refused_next_to_the_field(
    client: Client, value: str, message: str
) -> None:
    response = post(client, display_name=value)
    assert response.status_code == 200
    assert message in error_next_to(response, "display_name")
    assert saved_store() is None


def test_a_nul_character_is_refused_not_a_500(client: Client) -> None:
    response = post(client, display_name="Harbor\x00Gems", address_line1="1\x00 Main")
    assert response.status_code == 200
    assert "invisible control characters" in error_next_to(response, "display_name")
    assert "invisible control characters" in error_next_to(response, "address_line1")


@pytest.mark.parametrize("field", ["legal_name", "address_line1", "city", "signature_name"])
@pytest.mark.parametrize("value", [ARABIC, HEBREW, EMOJI, MIXED, "x" * 80])
def test_every_text_field_takes_any_script(client: Client, field: str, value: str) -> None:
    response = post(client, **{field: value})
    assert response.status_code == 302, response.context["form"].errors


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("legal_name", 200),
        ("address_line1", 200),
        ("address_line2", 200),
        ("city", 100),
        ("region", 100),
        ("postal_code", 20),
        ("signature_name", 150),
        ("website", 200),
    ],
)
def test_over_long_values_are_refused_next_to_the_field(client: Client, field: str, limit: int):
    value = "https://" + "a" * limit + ".example" if field == "website" else "a" * (limit + 1)
    response = post(client, **{field: value})
    assert response.status_code == 200
    assert error_next_to(response, field)
    assert saved_store() is None


def test_a_refused_form_keeps_everything_that_was_typed(client: Client) -> None:
    typed = {
        "legal_name": ARABIC + " ذ.م.م",
        "display_name": "💎💎",
        "address_line1": HEBREW + " 12",
        "city": MIXED,
        "phone": "not a phone",
        "website": "harbor gems dot com",
        "staff_count": "-3",
        "signature_name": "Zoë <O'Brien>",
        "consent": None,
        "commitment_2": None,
    }
    response = post(client, **typed)
    assert response.status_code == 200
    page = page_of(response)
    for name in ("legal_name", "display_name", "address_line1", "city", "phone", "website"):
        assert f'value="{typed[name]}"' in page, name
    assert 'value="-3"' in page
    assert 'value="Zoë <O\'Brien>"' in page
    form = response.context["form"]
    assert set(form.errors) >= {
        "display_name",
        "phone",
        "website",
        "staff_count",
        "consent",
        "commitment_2",
    }
    # The boxes that were ticked stay ticked; the one that was not is marked.
    assert re.search(r'<input[^>]*name="commitment_1"[^>]*checked', page)
    assert not re.search(r'<input[^>]*name="commitment_2"[^>]*checked', page)
    assert re.search(r'<input[^>]*name="commitment_2"[^>]*aria-invalid="true"', page)


def test_inputs_follow_the_direction_of_the_text_typed(client: Client) -> None:
    page = client.get("/pledge/").content.decode()
    for name in ("legal_name", "display_name", "address_line1", "city", "signature_name"):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*dir="auto"', page), name
    assert re.search(r'<input[^>]*name="phone"[^>]*dir="ltr"', page)


# --- Phone, website, staff ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("(562) 555-0142", "+1 562-555-0142"),
        ("562.555.0142", "+1 562-555-0142"),
        ("+1 562 555 0142", "+1 562-555-0142"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
def test_phone_numbers_are_checked_and_kept_in_international_format(
    client: Client, typed: str, saved: str
) -> None:
    assert post(client, phone=typed).status_code == 302
    store = saved_store()
    assert store is not None
    assert store.phone == saved


@pytest.mark.parametrize(
    "typed", ["12", "555", "not a phone", "+1 000 000 0000", "9" * 40, "📞", "", "   "]
)
def test_bad_phone_numbers_are_refused_next_to_the_field(client: Client, typed: str) -> None:
    response = post(client, phone=typed)
    assert response.status_code == 200
    assert error_next_to(response, "phone")
    assert saved_store() is None


@pytest.mark.parametrize(
    "typed", ["javascript:alert(1)", "ftp://files.example", "not a url", "http://", "💎"]
)
def test_websites_people_cannot_open_are_refused(client: Client, typed: str) -> None:
    response = post(client, website=typed)
    assert response.status_code == 200
    assert error_next_to(response, "website") == "Enter a valid URL."


@pytest.mark.parametrize("typed", ["0", "-1", "1.5", "ten", "99999999999999999999", ""])
def test_impossible_staff_counts_are_refused(client: Client, typed: str) -> None:
    response = post(client, staff_count=typed)
    assert response.status_code == 200
    assert error_next_to(response, "staff_count")


# --- The pledge part -------------------------------------------------------------------------


def test_each_unticked_commitment_gets_its_own_message(client: Client) -> None:
    response = post(client, commitment_1=None, commitment_4=None, consent=None, signature_name=" ")
    form = response.context["form"]
    assert "Tick this commitment" in error_next_to(response, "commitment_1")
    assert "Tick this commitment" in error_next_to(response, "commitment_4")
    assert not form.errors.get("commitment_2")
    assert error_next_to(response, "consent")
    assert error_next_to(response, "signature_name")


def test_extra_or_forged_fields_are_ignored(client: Client) -> None:
    response = post(client, commitment_99="on", status="active", country="FR", store="1")
    assert response.status_code == 302
    with schema_context("north"):
        pledge = Pledge.objects.get()
        assert pledge.status == Pledge.Status.PENDING
        assert pledge.store.country == "US"


def test_a_garbled_version_number_is_a_message(client: Client) -> None:
    response = post(client, version="abc")
    assert response.status_code == 200
    assert response.context["form"].errors["version"]


# --- Logos -----------------------------------------------------------------------------------


def upload(client: Client, logo: io.BytesIO):
    response = client.post("/pledge/", {**form_data(), "logo": logo})
    assert response.status_code in (200, 302)
    return response


@pytest.mark.parametrize(
    ("fmt", "mode"), [("PNG", "RGBA"), ("PNG", "P"), ("JPEG", "RGB"), ("JPEG", "CMYK")]
)
def test_png_jpeg_and_webp_logos_are_accepted(client: Client, fmt: str, mode: str) -> None:
    assert upload(client, image_file(fmt, (120, 80), mode=mode)).status_code == 302
    store = saved_store()
    assert store is not None
    with store.logo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "PNG"
        assert not image.info.get("exif")


def test_a_webp_logo_is_accepted(client: Client) -> None:
    assert upload(client, image_file("WEBP", (64, 64))).status_code == 302


def test_a_large_logo_is_scaled_down(client: Client) -> None:
    assert upload(client, image_file("PNG", (4000, 3000))).status_code == 302
    store = saved_store()
    assert store is not None
    with store.logo.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) == 1024


def truncated_jpeg() -> io.BytesIO:
    whole = image_file("JPEG", (400, 300)).getvalue()
    cut = io.BytesIO(whole[: len(whole) // 2])
    cut.name = "photo.jpg"
    return cut


def huge_png() -> io.BytesIO:
    # 6000 by 5000 = 30 megapixels, a few kilobytes once compressed.
    return image_file("PNG", (6000, 5000), mode="1", name="poster.png")


def text_named_png() -> io.BytesIO:
    fake = io.BytesIO(b"this is not an image at all\n" * 10)
    fake.name = "logo.png"
    return fake


def oversized_file() -> io.BytesIO:
    data = image_file("PNG", (10, 10)).getvalue() + b"\0" * (5 * 1024 * 1024)
    big = io.BytesIO(data)
    big.name = "logo.png"
    return big


def empty_file() -> io.BytesIO:
    empty = io.BytesIO(b"")
    empty.name = "logo.png"
    return empty


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: image_file("GIF", (20, 20), mode="P"), "as a PNG, JPEG or WebP image"),
        (lambda: image_file("BMP", (20, 20)), "as a PNG, JPEG or WebP image"),
        (truncated_jpeg, "damaged or incomplete"),
        (huge_png, "too many pixels"),
        (text_named_png, "as a PNG, JPEG or WebP image"),
        (oversized_file, "larger than 5 MB"),
        (empty_file, "The submitted file is empty."),
    ],
)
def test_hostile_logos_are_refused_at_upload_with_a_message(
    client: Client, make: Any, message: str
) -> None:
    response = upload(client, make())
    assert response.status_code == 200
    assert message in error_next_to(response, "logo")
    assert "choose it again" in response.content.decode()
    # The rest of what was typed is still there.
    assert 'value="Harbor Gems"' in response.content.decode()
    assert saved_store() is None
