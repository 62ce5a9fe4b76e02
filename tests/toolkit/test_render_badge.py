"""The badge: transparent PNGs in three sizes and an SVG, with every name kept on the card."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from toolkit.render import BADGE_SIZES, PartnerArtwork, render_badge_png, render_badge_svg
from toolkit.render.badge import _qr_geometry, text_blocks
from toolkit.render.qr import QUIET_ZONE, qr_matrix

ART = PartnerArtwork(
    display_name="Maison Laurent Joaillerie",
    network_name="Southern California Jewelers Network",
    partner_since_year=2024,
    verification_code="7KQ4-MZ3P",
    verify_url="https://partners.example/verify/7KQ4-MZ3P/",
)
HOSTILE_NAMES = {
    "1": "X",
    "80": ("Northside Fine Jewelry " * 4)[:80],
    "300": ("Joaillerie " * 30)[:300],
    "arabic": "مجوهرات الأمانة",
    "hebrew": "תכשיטי הזהב של ירושלים",
    "cjk": "金店珠宝" * 30,
    "emoji": "💎" * 40,
    "controls": "Bijou\u200b\u202e\x00\x1b[2J\u2066terie\ufeff",
    "markup": '<script>alert("x")</script> & <b>Co</b>',
    "blank": "\u200b\u200d \x00",
}


@pytest.mark.parametrize("size", BADGE_SIZES)
def test_badge_png_is_square_rgba_with_transparent_corners(size: int) -> None:
    image = Image.open(io.BytesIO(render_badge_png(art=ART, size=size)))
    assert image.format == "PNG" and image.mode == "RGBA" and image.size == (size, size)
    assert image.getpixel((0, 0))[3] == 0  # type: ignore[index]
    assert image.getpixel((size - 1, size - 1))[3] == 0  # type: ignore[index]
    assert image.getpixel((size // 2, size // 2))[3] == 255  # type: ignore[index]


def test_other_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="badge size"):
        render_badge_png(art=ART, size=300)


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_every_name_fits_its_box_on_the_card(name: str) -> None:
    art = replace(ART, display_name=name)
    for size in BADGE_SIZES:
        for block in text_blocks(art, size):
            x, y, width, height = block.box
            assert x >= 0 and y >= 0 and x + width <= size and y + height <= size
            fitted = block.fit()
            assert all(line.width <= width for line in fitted.lines), (size, block.text)
            assert fitted.height <= height
    image = Image.open(io.BytesIO(render_badge_png(art=art, size=256)))
    assert image.size == (256, 256)


def test_badge_qr_is_the_verification_matrix() -> None:
    image = Image.open(io.BytesIO(render_badge_png(art=ART, size=1024))).convert("RGB")
    module, _, left, top = _qr_geometry(ART, 1024)
    matrix = qr_matrix(ART.verify_url)
    assert module >= 6
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            r, _, _ = image.getpixel(  # type: ignore[misc]
                (
                    left + (x + QUIET_ZONE) * module + module // 2,
                    top + (y + QUIET_ZONE) * module + module // 2,
                )
            )
            assert (r < 128) == dark, (x, y)


def test_small_badge_qr_keeps_whole_pixel_modules() -> None:
    module, side, _, _ = _qr_geometry(ART, 256)
    assert module >= 2 and side % module == 0


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_badge_svg_is_well_formed_and_carries_no_markup_from_the_name(name: str) -> None:
    svg = render_badge_svg(art=replace(ART, display_name=name))
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    assert tags <= {"svg", "title", "style", "rect", "path", "g", "line", "text", "image"}
    for image in root.iter("{http://www.w3.org/2000/svg}image"):  # emoji, drawn by us
        assert image.get("href", "").startswith("data:image/png;base64,")
    assert root.get("viewBox") == "0 0 1024 1024"


def test_badge_svg_shows_the_store_and_the_code() -> None:
    root = ET.fromstring(render_badge_svg(art=ART))  # noqa: S314 - our own output
    texts = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Maison Laurent Joaillerie" in texts and "7KQ4-MZ3P" in texts
    assert "Partner since 2024" in texts


@pytest.mark.parametrize("name", ["金店珠宝", "مجوهرات الأمانة", "Κοσμήματα Ювелир"])
def test_badge_svg_carries_the_fonts_its_text_needs(name: str) -> None:
    root = ET.fromstring(render_badge_svg(art=replace(ART, display_name=name)))  # noqa: S314
    style = root.find("{http://www.w3.org/2000/svg}style")
    assert style is not None and style.text
    fonts: dict[str, set[int]] = {}
    for family, data in re.findall(r'font-family: "([^"]+)";[^}]*base64,([^)]+)\)', style.text):
        cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
        fonts[family] = set(cmap) | fonts.get(family, set())
    for text in root.iter("{http://www.w3.org/2000/svg}text"):
        family = text.get("font-family", "").split("'")[1]
        assert {ord(char) for char in text.text or ""} <= fonts[family], (family, text.text)
