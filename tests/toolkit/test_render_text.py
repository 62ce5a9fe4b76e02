# ruff: noqa: RUF001 - the tests use letters of many scripts on purpose.
"""Text of any script fits its box, draws with a font that has every character, and reads in
the right direction."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, features

from toolkit.fonts import ARABIC, EMOJI, HEBREW, SANS, chain, coverage, pillow_font
from toolkit.render.text import (
    ELLIPSIS,
    bidi_levels,
    clean_text,
    draw_fitted,
    draw_runs,
    fit_text,
    layout_line,
    prepare,
)

SCRIPTS = {
    "latin": "Bijouterie Ève & Zoë Joaillerie",
    "vietnamese": "Tiệm vàng Ngọc Thẩm",
    "greek": "Κοσμήματα Αθηνά",
    "cyrillic": "Ювелирный дом Яхонт",
    "arabic": "مجوهرات الأمانة",
    "arabic_with_digits": "مجوهرات 24 قيراط",
    "hebrew": "תכשיטי הזהב של ירושלים",
    "chinese": "金店珠宝",
    "japanese": "宝石のミカド",
    "korean": "보석 가게 한빛",
    "emoji": "Gem 💎 Shop 💍✨",
    "mixed": "Diamant Ψ Алмаз الماس יהלום 钻石 💎",
}
NAMES = {"1": "X", "80": ("Northside Fine Jewelry " * 4)[:80], "300": ("Joaillerie " * 30)[:300]}


def test_clean_text_drops_control_zero_width_and_direction_override_characters() -> None:
    dirty = "A\u200bB\u200c\u200d\ufeffC\u202eD\u2066E\u00adF\x00G\x07H\x1b\x7fI\x85J\U000e0041K"
    cleaned = clean_text(dirty)
    assert cleaned == "ABCDEFGHI J" + "K"
    assert not [char for char in cleaned if unicodedata.category(char)[0] == "C"]


def test_clean_text_collapses_whitespace_and_drops_marks_without_a_base() -> None:
    assert clean_text("  Maison\t\n\u00a0 Dupont \u2028 ") == "Maison Dupont"
    assert clean_text("\u0301Bijou \u0301x") == "Bijou x"
    assert clean_text("Cafe\u0301") == "Café"  # composed, not dropped


def test_clean_text_bounds_the_work_on_huge_input() -> None:
    assert len(clean_text("x" * 1_000_000)) <= 400


@pytest.mark.parametrize("name", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_every_character_is_drawn_by_a_font_that_has_it(name: str) -> None:
    for bold in (False, True):
        text = prepare(name, bold=bold)
        assert text, name
        for run in layout_line(text, bold=bold, rtl=False):
            missing = [char for char in run.text if ord(char) not in coverage(run.face)]
            assert not missing, (run.face.filename, missing)


def test_characters_no_font_has_are_dropped_rather_than_drawn_as_boxes() -> None:
    assert prepare("Shop \U00013000 \u0f40 \ue000 \U0010fffd") == "Shop"


def test_emoji_are_kept_in_colour_and_flags_and_skin_tones_dropped() -> None:
    assert prepare("💎 Gems 👍🏽 🇺🇸") == "💎 Gems 👍"
    assert {run.face for run in layout_line("💎", bold=False, rtl=False)} == {EMOJI}
    image = Image.new("RGB", (120, 80), "white")
    draw_runs(
        image, layout_line("💎", bold=False, rtl=False), x=10, baseline=60, size=48, fill="black"
    )
    colours = [colour for _, colour in image.getcolors(120 * 80) or []]
    greys = [colour for colour in colours if isinstance(colour, tuple) and len(set(colour)) == 1]
    assert len(greys) < len(colours), "the emoji should be drawn in colour"


def test_pillow_lays_text_out_with_raqm() -> None:
    assert features.check_feature("raqm")
    assert pillow_font(SANS, 20).layout_engine == ImageFont.Layout.RAQM


def _ink(draw: Callable[[Image.Image], object]) -> Image.Image:
    image = Image.new("L", (700, 140), 0)
    draw(image)
    return image


def test_hebrew_reads_right_to_left() -> None:
    runs = layout_line("אב", bold=False, rtl=True)
    ours = _ink(lambda image: draw_runs(image, runs, x=10, baseline=100, size=80, fill=255))
    # The basic layout engine applies no bidirectional algorithm: it draws in the given order.
    basic = ImageFont.truetype(str(HEBREW.path), 80, layout_engine=ImageFont.Layout.BASIC)
    by_hand = _ink(
        lambda image: ImageDraw.Draw(image).text((10, 100), "בא", font=basic, fill=255, anchor="ls")
    )
    backwards = _ink(
        lambda image: ImageDraw.Draw(image).text((10, 100), "אב", font=basic, fill=255, anchor="ls")
    )
    assert ImageChops.difference(ours, by_hand).getbbox() is None
    assert ImageChops.difference(ours, backwards).getbbox() is not None


def test_arabic_letters_are_joined_not_drawn_in_isolated_forms() -> None:
    word = "مجوهرات"
    runs = layout_line(word, bold=False, rtl=True)
    assert [run.face for run in runs] == [ARABIC] and runs[0].rtl
    font = pillow_font(ARABIC, 80)
    # Lam and alef shaped together become one ligature, much narrower than the two letters.
    assert font.getlength("لا", direction="rtl") < 0.75 * (
        font.getlength("ل") + font.getlength("ا")
    )
    shaped = _ink(lambda image: draw_runs(image, runs, x=10, baseline=100, size=80, fill=255))

    def one_by_one(image: Image.Image) -> None:
        for i, char in enumerate(word):
            x = 10 + sum(font.getlength(c) for c in word[i + 1 :])
            ImageDraw.Draw(image).text((x, 100), char, font=font, fill=255, anchor="ls")

    letters = _ink(one_by_one)
    assert ImageChops.difference(shaped, letters).getbbox() is not None


def test_mixed_directions_are_put_in_visual_order() -> None:
    runs = layout_line("مجوهرات ABC 24", bold=False, rtl=True)
    assert runs[0].text.strip() == "ABC 24" and not runs[0].rtl
    assert runs[-1].text.strip() == "مجوهرات" and runs[-1].rtl
    assert bidi_levels("Shop 24", rtl=False) == [0] * 7
    assert bidi_levels("קפה 24", rtl=False)[-2:] == [2, 2]  # numbers after Hebrew


@pytest.mark.parametrize("length", NAMES.keys())
def test_names_of_1_80_and_300_characters_fit_their_box(length: str) -> None:
    fitted = fit_text(NAMES[length], width=800, height=200, max_size=90, min_size=40)
    assert fitted.lines and 40 <= fitted.size <= 90
    assert all(line.width <= 800 for line in fitted.lines)
    assert fitted.height <= 200
    if length == "1":
        assert fitted.size == 90 and len(fitted.lines) == 1
    if length == "300":
        assert fitted.size == 40 and len(fitted.lines) == 2
        assert fitted.truncated and fitted.lines[-1].text.endswith(ELLIPSIS)


def test_long_text_shrinks_then_wraps_then_is_cut() -> None:
    fit = functools.partial(fit_text, width=600, height=160, max_size=60, min_size=30)
    assert fit("Maison Dupont").size == 60
    shrunk = fit("Maison Dupont Joaillerie Horlogerie")
    assert len(shrunk.lines) == 1 and 30 <= shrunk.size < 60
    wrapped = fit("Maison Dupont Joaillerie Horlogerie Orfèvrerie Bijoux")
    assert len(wrapped.lines) == 2 and wrapped.size == 30 and not wrapped.truncated
    cut = fit("Maison Dupont " * 10)
    assert len(cut.lines) == 2 and cut.truncated and cut.text.endswith(ELLIPSIS)


@pytest.mark.parametrize(
    "name", [*SCRIPTS.values(), "金" * 120, "ا" * 300], ids=[*SCRIPTS, "cjk", "alef"]
)
def test_any_script_stays_inside_its_box_when_drawn(name: str) -> None:
    box = (100, 100, 500, 130)
    fitted = fit_text(name, width=500, height=130, max_size=70, min_size=28, bold=True)
    assert all(line.width <= 500 for line in fitted.lines)
    image = Image.new("RGBA", (700, 330))
    draw_fitted(image, fitted, box, fill=(255, 255, 255))
    left, top, right, bottom = image.getbbox() or (0, 0, 0, 0)
    slack = 0.25 * fitted.size  # accents above, descenders below the line box
    assert left >= 100 - 2 and right <= 600 + 2
    assert top >= 100 - slack and bottom <= 230 + slack


def test_only_the_project_fonts_are_in_the_chain() -> None:
    for face in chain(bold=False) + chain(bold=True):
        assert face.path.is_file() and face.path.parent.name == "fonts"
