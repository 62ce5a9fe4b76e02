"""Social graphics at the posted sizes, their captions, and the email banner."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image, ImageDraw

from toolkit.logos import logo_normalise
from toolkit.render import (
    BANNER_SIZE,
    SOCIAL_FORMATS,
    PartnerArtwork,
    render_banner_png,
    render_social_png,
    social_caption,
)
from toolkit.render.banner import text_blocks as banner_blocks
from toolkit.render.social import LAYOUTS, text_blocks

ART = PartnerArtwork(
    display_name="Maison Laurent Joaillerie",
    network_name="Southern California Jewelers Network",
    partner_since_year=2024,
    verification_code="7KQ4-MZ3P",
    verify_url="https://partners.example/verify/7KQ4-MZ3P/",
)
NAMES = {
    "1": "X",
    "80": ("Northside Fine Jewelry " * 4)[:80],
    "300": ("Joaillerie " * 30)[:300],
    "arabic": "مجوهرات الأمانة",
    "hebrew": "תכשיטי הזהב של ירושלים",
    "cjk": "金店珠宝",
    "greek_cyrillic": "Κοσμήματα Ювелир",
    "emoji": "Gem 💎 Shop 💍✨",
    "controls": "Bijou\u200b\u202e\x00\x1b[2J\u2066terie\ufeff",
}


def _logo() -> bytes:
    image = Image.new("RGBA", (400, 200))
    ImageDraw.Draw(image).ellipse((10, 10, 190, 190), fill=(180, 30, 60, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return logo_normalise(out.getvalue()).png


@pytest.mark.parametrize("kind", SOCIAL_FORMATS)
def test_social_graphic_has_the_format_size(kind: str) -> None:
    image = Image.open(io.BytesIO(render_social_png(art=ART, format=kind)))  # type: ignore[arg-type]
    assert image.format == "PNG" and image.mode == "RGB"
    assert image.size == SOCIAL_FORMATS[kind]  # type: ignore[index]


def test_social_graphic_shows_the_logo_on_a_white_plate() -> None:
    art = replace(ART, logo_png=_logo())
    for kind, layout in LAYOUTS.items():
        image = Image.open(io.BytesIO(render_social_png(art=art, format=kind)))
        x, y, _, height = layout.logo
        assert image.getpixel((x + 6, y + height // 2)) == (255, 255, 255)
        plain = Image.open(io.BytesIO(render_social_png(art=ART, format=kind)))
        assert plain.getpixel((x + 6, y + height // 2)) != (255, 255, 255)


def test_a_logo_that_cannot_be_read_is_left_out_not_fatal() -> None:
    art = replace(ART, logo_png=b"\x89PNG\r\n\x1a\nnot really")
    assert render_social_png(art=art, format="square") == render_social_png(
        art=ART, format="square"
    )


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_every_name_fits_its_box_in_every_format(name: str) -> None:
    art = replace(ART, display_name=name)
    for kind, layout in LAYOUTS.items():
        width, height = layout.size
        for block, _ in text_blocks(art, layout):
            x, y, box_width, box_height = block.box
            assert x >= 0 and y >= 0 and x + box_width <= width and y + box_height <= height
            fitted = block.fit()
            assert all(line.width <= box_width for line in fitted.lines), (kind, block.text)
            assert fitted.height <= box_height
    render_social_png(art=art, format="story")


def test_caption_is_ready_to_paste_in_each_language() -> None:
    captions = {
        language: social_caption(art=ART, language=language) for language in ("en", "fr", "es")
    }
    assert len(set(captions.values())) == 3
    for caption in captions.values():
        assert "Maison Laurent Joaillerie" in caption and "#PartnerForProtection" in caption
        assert ART.verify_url in caption and "Southern California Jewelers Network" in caption
    assert "engagement" in captions["fr"] and "compromiso" in captions["es"]


def test_caption_leaves_out_invisible_and_control_characters() -> None:
    caption = social_caption(art=replace(ART, display_name="Bijou\u202e\u200bterie\x00"))
    assert caption.startswith("Bijouterie has taken")


def test_banner_is_600_by_100() -> None:
    image = Image.open(io.BytesIO(render_banner_png(art=ART)))
    assert image.size == BANNER_SIZE == (600, 100) and image.mode == "RGB"


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_every_name_fits_the_banner(name: str) -> None:
    art = replace(ART, display_name=name)
    for block in banner_blocks(art):
        x, y, width, height = block.box
        assert x >= 0 and y >= 0 and x + width <= 600 and y + height <= 100
        fitted = block.fit()
        assert all(line.width <= width for line in fitted.lines)
        assert fitted.height <= height
    render_banner_png(art=art)
