"""Signs are real print files: page size and bleed, embedded subset fonts, selectable text that
stays on the page, in three languages; and WeasyPrint fetches nothing but our static files.

The PDFs are read with poppler's command-line tools (pdfinfo, pdffonts, pdftotext).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from toolkit.fonts import FONT_DIR
from toolkit.render import (
    LANGUAGES,
    PAPERS,
    SIGN_KINDS,
    PartnerArtwork,
    render_sign_pdf,
    sign_languages_default,
)
from toolkit.render.signs import BLEEDS, StaticOnlyURLFetcher, html_to_pdf
from toolkit.render.wording import wording

ART = PartnerArtwork(
    display_name="Maison Laurent Joaillerie",
    network_name="Southern California Jewelers Network",
    partner_since_year=2024,
    verification_code="7KQ4-MZ3P",
    verify_url="https://partners.example/verify/7KQ4-MZ3P/",
)
LONG = replace(ART, display_name=("Joaillerie " * 30)[:300], network_name="N" * 200)
TRIM = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
BLEED_PT = 3 * 72 / 25.4


def _poppler(tool: str, *args: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} is needed to check the PDFs: install poppler-utils "
            "(apt-get install poppler-utils, or brew install poppler)"
        )
    return subprocess.run([path, *args], capture_output=True, text=True, check=True).stdout


def _write(folder: Path, name: str, pdf: bytes) -> Path:
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    return path


@pytest.fixture(scope="module")
def signs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """Every sign, paper and language, rendered once for the module."""
    folder = tmp_path_factory.mktemp("signs")
    return {
        (kind, paper, language): _write(
            folder,
            f"{kind}-{paper}-{language}",
            render_sign_pdf(art=ART, kind=kind, paper=paper, language=language),
        )
        for kind in SIGN_KINDS
        for paper in PAPERS
        for language in LANGUAGES
    }


def _box(info: str, name: str) -> tuple[float, float, float, float]:
    match = re.search(rf"^{name}:\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)", info, re.MULTILINE)
    assert match, info
    x0, y0, x1, y1 = (float(value) for value in match.groups())
    return x0, y0, x1, y1


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kind", SIGN_KINDS)
def test_page_is_the_paper_size_with_a_bleed_where_the_design_bleeds(
    signs: dict[tuple[str, str, str], Path], kind: str, paper: str
) -> None:
    info = _poppler("pdfinfo", "-box", str(signs[kind, paper, "en"]))
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    width, height = TRIM[paper]
    trim = _box(info, "TrimBox")
    assert trim[2] - trim[0] == pytest.approx(width, abs=0.05)
    assert trim[3] - trim[1] == pytest.approx(height, abs=0.05)
    media = _box(info, "MediaBox")
    bleed = BLEED_PT if BLEEDS[kind] else 0  # type: ignore[index]
    assert media[2] - media[0] == pytest.approx(width + 2 * bleed, abs=0.05)
    assert media[3] - media[1] == pytest.approx(height + 2 * bleed, abs=0.05)


def _fonts(path: Path) -> list[list[str]]:
    lines = _poppler("pdffonts", str(path)).splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


@pytest.mark.parametrize("kind", SIGN_KINDS)
def test_fonts_are_embedded_subsets_of_the_project_fonts(
    signs: dict[tuple[str, str, str], Path], kind: str
) -> None:
    for language in LANGUAGES:
        fonts = _fonts(signs[kind, "letter", language])
        assert fonts
        for name, *_, embedded, subset, unicode, _object, _generation in fonts:
            assert re.match(r"^[A-Z]{6}\+P4P-", name), name  # a subset of our fonts only
            assert (embedded, subset, unicode) == ("yes", "yes", "yes"), name


def _text(path: Path) -> str:
    return " ".join(_poppler("pdftotext", str(path), "-").replace("\u00a0", " ").split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_is_selectable_in_each_language(
    signs: dict[tuple[str, str, str], Path], language: str
) -> None:
    words = wording(language)  # type: ignore[arg-type]
    window = _text(signs["window", "a4", language])
    assert words.window_headline in window
    assert "Maison Laurent Joaillerie" in window and "7KQ4-MZ3P" in window
    assert words.scan_to_verify in window
    counter = _text(signs["counter", "a4", language])
    assert words.counter_staff_title in counter and words.counter_body in counter
    poster = _text(signs["poster", "letter", language])
    for crime in words.crimes:
        assert crime.title in poster
    assert words.safety_title in poster


def _page_image(path: Path, folder: Path) -> Image.Image:
    """The whole page (bleed included) at 20 dpi, as poppler rasterises it for a printer."""
    stem = folder / path.stem
    _poppler("pdftoppm", "-r", "20", "-singlefile", "-png", str(path), str(stem))
    with Image.open(f"{stem}.png") as image:
        return image.convert("L")


def _ink(image: Image.Image) -> float:
    """Share of the page covered by ink, 0 (white paper) to 1 (solid black)."""
    histogram = image.histogram()
    return sum((255 - level) * count for level, count in enumerate(histogram)) / (
        255 * image.width * image.height
    )


def _corners(image: Image.Image) -> list[int]:
    # One pixel in: the last row and column are partly off the page at 20 dpi.
    right, bottom = image.width - 2, image.height - 2
    return [image.getpixel(xy) for xy in ((1, 1), (right, 1), (1, bottom), (right, bottom))]  # type: ignore[misc]


@pytest.mark.parametrize("paper", PAPERS)
def test_the_default_window_sign_is_white_paper_with_little_ink_and_no_bleed(
    signs: dict[tuple[str, str, str], Path], tmp_path: Path, paper: str
) -> None:
    path = signs["window", paper, "en"]
    info = _poppler("pdfinfo", "-box", str(path))
    width, height = TRIM[paper]
    # A home printer prints it at 100 % on plain paper: the page is the sheet, nothing to trim.
    assert _box(info, "MediaBox") == pytest.approx((0, 0, width, height), abs=0.05)
    page = _page_image(path, tmp_path)
    assert min(_corners(page)) > 250
    assert _ink(page) < 0.12


@pytest.mark.parametrize("paper", PAPERS)
def test_the_full_colour_window_sign_is_navy_to_the_edge_with_a_bleed_for_a_print_shop(
    signs: dict[tuple[str, str, str], Path], tmp_path: Path, paper: str
) -> None:
    path = signs["window-full", paper, "en"]
    info = _poppler("pdfinfo", "-box", str(path))
    width, height = TRIM[paper]
    trim, media = _box(info, "TrimBox"), _box(info, "MediaBox")
    assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx((width, height), abs=0.05)
    assert (media[2] - media[0], media[3] - media[1]) == pytest.approx(
        (width + 2 * BLEED_PT, height + 2 * BLEED_PT), abs=0.05
    )
    page = _page_image(path, tmp_path)
    assert max(_corners(page)) < 60  # navy runs into the bleed
    assert _ink(page) > 0.6


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_window_signs_say_the_same_thing(
    signs: dict[tuple[str, str, str], Path], language: str
) -> None:
    for paper in PAPERS:
        assert _text(signs["window", paper, language]) == _text(
            signs["window-full", paper, language]
        )


def _words_outside_the_page(path: Path, kind: str, paper: str) -> list[str]:
    bleed = BLEED_PT if BLEEDS[kind] else 0  # type: ignore[index]
    width, height = TRIM[paper]
    outside = []
    html = _poppler("pdftotext", "-bbox", str(path), "-")
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    for x0, y0, x1, y1, word in re.findall(pattern, html):
        left, top, right, bottom = (float(x0), float(y0), float(x1), float(y1))
        margin = 5  # points: nothing is set closer to the trim than this
        if (
            left < bleed + margin
            or top < bleed + margin
            or right > bleed + width - margin
            or bottom > bleed + height - margin
        ):
            outside.append(word)
    return outside


@pytest.mark.parametrize("kind", SIGN_KINDS)
def test_long_names_and_long_translations_stay_on_the_page(tmp_path: Path, kind: str) -> None:
    for paper in PAPERS:
        for language in LANGUAGES:
            pdf = render_sign_pdf(art=LONG, kind=kind, paper=paper, language=language)  # type: ignore[arg-type]
            path = _write(tmp_path, f"{kind}-{paper}-{language}", pdf)
            assert re.search(r"^Pages:\s+1$", _poppler("pdfinfo", str(path)), re.MULTILINE)
            assert not _words_outside_the_page(path, kind, paper), (paper, language)
            assert "\u2026" in _poppler("pdftotext", str(path), "-")  # the name was cut


@pytest.mark.parametrize(
    ("name", "font"),
    [
        ("مجوهرات الأمانة", "P4P-Arabic"),
        ("תכשיטי הזהב", "P4P-Hebrew"),
        ("金店珠宝", "P4P-CJK"),
        ("Gem 💎 Shop", "P4P-Emoji"),
    ],
)
def test_each_script_is_set_in_its_own_font(tmp_path: Path, name: str, font: str) -> None:
    pdf = render_sign_pdf(
        art=replace(ART, display_name=name), kind="window", paper="letter", language="en"
    )
    names = [row[0] for row in _fonts(_write(tmp_path, "sign", pdf))]
    assert any(f"+{font}" in item for item in names), names


def test_markup_in_a_name_is_printed_not_interpreted(tmp_path: Path) -> None:
    art = replace(ART, display_name='<img src="http://127.0.0.1:9/x.png"> & Co')
    pdf = render_sign_pdf(art=art, kind="window", paper="letter", language="en")
    assert '<img src="http://127.0.0.1:9/x.png"> & Co' in _text(_write(tmp_path, "sign", pdf))


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/fonts.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        f"file://{FONT_DIR}/../../config/settings/base.py",
        f"file://elsewhere{FONT_DIR}/NotoSans-Regular.ttf",
        f"file://{FONT_DIR}/missing.ttf",
        "javascript:alert(1)",
    ],
)
def test_url_fetcher_refuses_anything_but_data_and_static_files(url: str) -> None:
    fetcher = StaticOnlyURLFetcher(allowed_protocols=("data", "file"))
    with pytest.raises((OSError, ValueError)):
        fetcher.fetch(url)


def test_url_fetcher_serves_data_urls_and_static_files() -> None:
    fetcher = StaticOnlyURLFetcher(allowed_protocols=("data", "file"))
    assert fetcher.fetch("data:text/plain;base64,SGk=").read() == b"Hi"
    font = FONT_DIR / "NotoSans-Regular.ttf"
    assert fetcher.fetch(font.as_uri()).read() == font.read_bytes()


def test_rendering_fetches_nothing_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    connections: list[Any] = []
    refused: list[str] = []
    original = StaticOnlyURLFetcher.fetch

    def fetch(self: StaticOnlyURLFetcher, url: str, headers: Any = None) -> Any:
        try:
            return original(self, url, headers)
        except Exception:
            refused.append(url)
            raise

    monkeypatch.setattr(socket.socket, "connect", lambda *args: connections.append(args))
    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", fetch)
    html_to_pdf(
        '<link rel="stylesheet" href="https://example.com/a.css">'
        '<img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd">'
        '<p style="background: url(http://example.com/b.png)">Hello</p>'
    )
    assert not connections
    assert set(refused) >= {
        "https://example.com/a.css",
        "http://127.0.0.1:9/x.png",
        "file:///etc/passwd",
    }


def test_unknown_sign_paper_or_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sign"):
        render_sign_pdf(art=ART, kind="billboard", paper="letter", language="en")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown sign"):
        render_sign_pdf(art=ART, kind="window", paper="letter", language="de")  # type: ignore[arg-type]


def test_canadian_networks_default_to_english_and_french() -> None:
    assert sign_languages_default(country="CA") == ("en", "fr")
    assert sign_languages_default(country="US") == ("en",)
