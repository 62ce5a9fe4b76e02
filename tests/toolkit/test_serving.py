"""Every toolkit file downloads as what it claims to be, once rendered it is served from
storage, and a change of what is drawn gives a new file."""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree

import pypdfium2
import pytest
from django.conf import settings
from django.test import Client
from django_tenants.utils import schema_context
from PIL import Image

from networks.models import Store
from tests.conftest import People, client_for
from tests.pledges.conftest import _media_root, image_file, pledge_for  # noqa: F401
from toolkit import selectors
from toolkit.models import ToolkitDownload
from toolkit.render import BADGE_SIZES, LANGUAGES, PAPERS, SOCIAL_FORMATS

pytestmark = pytest.mark.usefixtures("mfa_exempt")

TRIM = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}


def toolkit_files() -> list[Path]:
    return sorted(Path(settings.MEDIA_ROOT).glob("north/toolkit/??/*.*"))


def body(response) -> bytes:
    """The whole file; reading to the end closes it (the test client wraps the stream)."""
    return b"".join(response.streaming_content)


def download(client: Client, store: Store, item: str, **params: str):
    return client.get(f"/toolkit/{store.pk}/download/{item}/", params)


@pytest.fixture
def owner(north_people: People) -> Client:
    pledge_for(north_people)
    return client_for(north_people.network, north_people.owner)


@pytest.mark.parametrize("size", BADGE_SIZES)
def test_badge_png_is_a_transparent_square_of_each_size(owner, north_people, size):
    response = download(owner, north_people.store, "badge", size=str(size))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(body(response)))
    assert image.format == "PNG"
    assert image.size == (size, size)
    assert image.mode == "RGBA"
    corner = image.getpixel((0, 0))
    assert isinstance(corner, tuple)
    assert corner[3] == 0  # transparent around the card


def test_badge_svg_is_xml(owner, north_people):
    response = download(owner, north_people.store, "badge-svg")
    assert response["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(body(response))  # noqa: S314 - our own output
    assert root.tag.endswith("svg")


@pytest.mark.parametrize("fmt", SOCIAL_FORMATS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_social_graphics_have_their_format(owner, north_people, fmt, lang):
    response = download(owner, north_people.store, f"social-{fmt}", lang=lang)
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(body(response))).size == SOCIAL_FORMATS[fmt]


def test_email_banner_is_600_by_100(owner, north_people):
    response = download(owner, north_people.store, "banner")
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(body(response))).size == (600, 100)


@pytest.mark.parametrize("kind", ["window", "window-full", "counter", "poster"])
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_signs_are_pdfs_on_the_chosen_paper(owner, north_people, kind, paper, lang):
    response = download(owner, north_people.store, f"sign-{kind}", paper=paper, lang=lang)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = body(response)
    assert pdf.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(pdf)
    left, bottom, right, top = document[0].get_trimbox()
    assert right - left == pytest.approx(TRIM[paper][0], abs=0.1)
    assert top - bottom == pytest.approx(TRIM[paper][1], abs=0.1)
    attachment = response["Content-Disposition"]
    assert attachment == (f'attachment; filename="north-gems-sign-{kind}-{paper}-{lang}.pdf"')


def test_the_light_and_the_full_colour_window_signs_are_two_files(owner, north_people):
    light = body(download(owner, north_people.store, "sign-window", paper="a4", lang="fr"))
    full = body(download(owner, north_people.store, "sign-window-full", paper="a4", lang="fr"))
    assert light != full
    assert len(toolkit_files()) == 2
    # Served again from storage, each under its own key.
    assert body(download(owner, north_people.store, "sign-window", paper="a4", lang="fr")) == light
    assert len(toolkit_files()) == 2


def test_filenames_are_ascii_whatever_the_store_is_called(owner, north_people):
    with schema_context("north"):
        Store.objects.filter(pk=north_people.store.pk).update(
            display_name="Bijouterie Élégance 東京"
        )
    response = download(owner, north_people.store, "banner")
    body(response)
    assert response["Content-Disposition"] == (
        'attachment; filename="bijouterie-elegance-banner-en.png"'
    )


@pytest.mark.parametrize(
    ("item", "preview_size"),
    [
        ("badge", (480, 480)),
        ("social-story", (270, 480)),
        ("sign-window", None),
        ("sign-window-full", None),
    ],
)
def test_previews_are_small_pngs(owner, north_people, item, preview_size):
    response = owner.get(f"/toolkit/{north_people.store.pk}/preview/{item}.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(body(response)))
    assert max(image.size) == 480
    if preview_size:
        assert image.size == preview_size


def test_a_second_download_is_served_from_storage_without_rendering(
    owner, north_people, monkeypatch
):
    first = body(download(owner, north_people.store, "sign-poster"))
    files = toolkit_files()
    assert len(files) == 1
    mtime = files[0].stat().st_mtime_ns

    def no_rendering(**kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr("toolkit.services.render_variant", no_rendering)
    second = body(download(owner, north_people.store, "sign-poster"))
    assert second == first
    assert toolkit_files() == files
    assert files[0].stat().st_mtime_ns == mtime


def test_files_land_in_the_networks_own_media_folder(owner, north_people):
    body(download(owner, north_people.store, "banner"))
    assert [path.relative_to(settings.MEDIA_ROOT).parts[:2] for path in toolkit_files()] == [
        ("north", "toolkit")
    ]


def test_renaming_the_store_gives_a_new_file(owner, north_people):
    first = body(download(owner, north_people.store, "badge"))
    with schema_context("north"):
        Store.objects.filter(pk=north_people.store.pk).update(display_name="North Diamonds")
    second = body(download(owner, north_people.store, "badge"))
    assert second != first
    assert len(toolkit_files()) == 2


def test_a_new_logo_gives_a_new_file(owner, north_people):
    first = body(download(owner, north_people.store, "social-square"))
    with schema_context("north"):
        store = Store.objects.get(pk=north_people.store.pk)
        logo = image_file(size=(200, 120))
        Image.new("RGB", (200, 120), (200, 30, 30)).save(logo, "PNG")
        logo.seek(0)
        from django.core.files.base import ContentFile

        store.logo.save("red.png", ContentFile(logo.read()), save=True)
    second = body(download(owner, north_people.store, "social-square"))
    assert second != first
    assert len(toolkit_files()) == 2


def test_a_new_template_version_gives_a_new_file(owner, north_people, monkeypatch):
    body(download(owner, north_people.store, "banner"))
    monkeypatch.setattr(selectors, "TEMPLATE_VERSION", "test-next")
    body(download(owner, north_people.store, "banner"))
    assert len(toolkit_files()) == 2


def test_each_download_is_counted(owner, north_people):
    body(download(owner, north_people.store, "badge", size="256"))
    body(download(owner, north_people.store, "badge", size="256"))
    body(download(owner, north_people.store, "sign-counter", lang="fr", paper="a4"))
    body(owner.get(f"/toolkit/{north_people.store.pk}/preview/banner.png"))  # not a download
    with schema_context("north"):
        rows = list(
            ToolkitDownload.objects.order_by("pk").values_list(
                "store_id", "item", "variant", "user_id"
            )
        )
    store, user = north_people.store.pk, north_people.owner.pk
    assert rows == [
        (store, "badge", "256-en", user),
        (store, "badge", "256-en", user),
        (store, "sign-counter", "a4-fr", user),
    ]


@pytest.mark.parametrize(
    ("item", "query"),
    [
        ("nothing", ""),
        ("all", ""),  # no ZIP prepared yet
        ("badge", "size=300"),
        ("badge", "size=99999999999999999999999999999"),
        ("badge", "size=-512"),
        ("badge", "size=512&size=256"),
        ("badge", "lang=de"),
        ("badge", "lang=%C3%A9"),
        ("badge", "paper=letter"),
        ("banner", "size=512"),
        ("sign-window", "paper=legal"),
        ("sign-window", "paper=A4%00"),
        ("sign-window", "utm_source=mail"),
        ("sign-%C3%A9", ""),
    ],
)
def test_bad_input_is_a_404(owner, north_people, item, query):
    url = f"/toolkit/{north_people.store.pk}/download/{item}/?{query}"
    assert owner.get(url).status_code == 404
    preview = f"/toolkit/{north_people.store.pk}/preview/{item}.png?{query}"
    assert owner.get(preview).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/toolkit/0/",
        "/toolkit/99999999999999999999999/",
        "/toolkit/9223372036854775808/download/badge/",
        "/toolkit/123456/preview/badge.png",
        "/toolkit/%E2%91%A0/",
        "/toolkit/1/download/badge/%00/",
    ],
)
def test_unknown_stores_are_a_404(owner, path):
    assert owner.get(path).status_code == 404


@pytest.mark.parametrize(
    "query", ["lang=xx", "paper=tabloid", "lang=en&lang=en&lang=fr&lang=es", "x=1"]
)
def test_bad_selection_on_the_page_is_a_404(owner, north_people, query):
    assert owner.get(f"/toolkit/{north_people.store.pk}/?{query}").status_code == 404
