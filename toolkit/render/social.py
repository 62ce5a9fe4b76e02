"""Social graphics at the sizes people post, and the caption that goes with them.

Each format has its own hand-placed layout. The background, its panels and the mark do not
depend on the store and are drawn once per format; a render copies them and adds the text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw

from toolkit.render.artwork import (
    GOLD,
    MIST,
    NAVY,
    NAVY_DEEP,
    WHITE,
    Language,
    PartnerArtwork,
    logo_in_box,
    png_bytes,
)
from toolkit.render.layout import Box, TextBlock
from toolkit.render.mark import mark_image
from toolkit.render.shapes import paste_logo_plate
from toolkit.render.text import clean_text
from toolkit.render.wording import HASHTAG, WORDMARK, wording

SocialFormat = Literal["square", "story", "link", "wide"]

PANEL = (24, 46, 80)


@dataclass(frozen=True, slots=True)
class Slot:
    box: Box
    largest: int
    smallest: int
    lines: int = 1


@dataclass(frozen=True, slots=True)
class SocialLayout:
    size: tuple[int, int]
    align: Literal["start", "center"]
    mark: tuple[int, int, int]  # x, y, height
    wordmark: Slot
    name: Slot
    message: Slot
    tagline: Slot
    footer: Slot
    hashtag: Slot
    logo: tuple[int, int, int, int]  # the plate
    panel: int = 0  # width of the darker left panel of the landscape formats
    footer_panel: int = 0  # top of the lighter footer panel of the portrait formats
    mark_without_logo: tuple[int, int, int] | None = None


LAYOUTS: dict[SocialFormat, SocialLayout] = {
    "square": SocialLayout(
        size=(1080, 1080),
        align="start",
        mark=(80, 80, 130),
        wordmark=Slot((215, 118, 500, 54), 36, 24),
        logo=(740, 70, 260, 150),
        name=Slot((80, 300, 920, 260), 104, 56, 2),
        message=Slot((80, 585, 920, 175), 42, 42, 3),
        tagline=Slot((80, 775, 920, 64), 44, 30),
        footer=Slot((80, 880, 920, 46), 32, 22),
        hashtag=Slot((80, 935, 920, 56), 38, 28),
        footer_panel=860,
    ),
    "story": SocialLayout(
        size=(1080, 1920),
        align="center",
        mark=(0, 230, 300),
        wordmark=Slot((90, 560, 900, 64), 46, 30),
        logo=(380, 660, 320, 180),
        name=Slot((80, 880, 920, 330), 124, 64, 2),
        message=Slot((90, 1235, 900, 240), 48, 48, 4),
        tagline=Slot((90, 1490, 900, 76), 52, 34),
        footer=Slot((90, 1610, 900, 52), 34, 24),
        hashtag=Slot((90, 1675, 900, 62), 42, 30),
        footer_panel=1585,
    ),
    "link": SocialLayout(
        size=(1200, 630),
        align="start",
        panel=380,
        mark=(85, 55, 250),
        mark_without_logo=(69, 120, 290),
        logo=(55, 345, 270, 230),
        wordmark=Slot((440, 55, 700, 44), 30, 20),
        name=Slot((440, 105, 700, 175), 82, 44, 2),
        message=Slot((440, 290, 700, 118), 31, 31, 3),
        tagline=Slot((440, 415, 700, 48), 34, 24),
        footer=Slot((440, 495, 700, 38), 26, 18),
        hashtag=Slot((440, 540, 700, 44), 30, 22),
    ),
    "wide": SocialLayout(
        size=(1600, 900),
        align="start",
        panel=500,
        mark=(110, 80, 340),
        mark_without_logo=(92, 170, 380),
        logo=(70, 480, 360, 330),
        wordmark=Slot((580, 90, 930, 56), 40, 26),
        name=Slot((580, 160, 930, 250), 112, 60, 2),
        message=Slot((580, 425, 930, 165), 43, 43, 3),
        tagline=Slot((580, 605, 930, 66), 46, 32),
        footer=Slot((580, 705, 930, 50), 34, 24),
        hashtag=Slot((580, 765, 930, 58), 40, 28),
    ),
}
# The pixel size of each format, in the order they are offered.
SOCIAL_FORMATS: dict[SocialFormat, tuple[int, int]] = {
    kind: layout.size for kind, layout in LAYOUTS.items()
}


@functools.lru_cache(maxsize=2 * len(LAYOUTS))
def _background(kind: SocialFormat, with_logo: bool) -> Image.Image:
    layout = LAYOUTS[kind]
    width, height = layout.size
    image = Image.new("RGB", layout.size, NAVY)
    draw = ImageDraw.Draw(image)
    if layout.footer_panel:  # straight edges: they cost the PNG encoder next to nothing
        draw.rectangle((0, layout.footer_panel, width, height), fill=PANEL)
    if layout.panel:
        draw.rectangle((0, 0, layout.panel, height), fill=NAVY_DEEP)
        draw.rectangle((layout.panel, 0, layout.panel + 3, height), fill=GOLD)
    draw.rectangle((0, height - 12, width, height), fill=GOLD)
    x, y, mark_height = layout.mark
    if layout.mark_without_logo and not with_logo:
        x, y, mark_height = layout.mark_without_logo
    mark = mark_image(mark_height)
    if layout.align == "center":
        x = (width - mark.width) // 2
    image.paste(mark, (x, y), mark)
    return image


def text_blocks(art: PartnerArtwork, layout: SocialLayout) -> list[tuple[TextBlock, bool]]:
    """The text blocks, each with whether it is the same for every store (drawn once)."""
    words = wording(art.language)
    align = layout.align

    def block(text: str, slot: Slot, fill: tuple[int, int, int], bold: bool = False) -> TextBlock:
        return TextBlock(
            text,
            slot.box,
            slot.largest,
            slot.smallest,
            fill,
            bold=bold,
            max_lines=slot.lines,
            align=align,
        )

    since = words.since.format(year=art.partner_since_year)
    return [
        (block(WORDMARK, layout.wordmark, GOLD, bold=True), True),
        (block(art.display_name, layout.name, WHITE, bold=True), False),
        (block(words.social_message, layout.message, WHITE), True),
        (block(words.social_tagline, layout.tagline, GOLD, bold=True), True),
        (block(f"{since} \u00b7 {art.network_name}", layout.footer, MIST), False),
        (block(HASHTAG, layout.hashtag, GOLD, bold=True), True),
    ]


def render_social_image(*, art: PartnerArtwork, format: SocialFormat) -> Image.Image:
    if format not in LAYOUTS:
        raise ValueError(f"social format must be one of {tuple(LAYOUTS)}")
    layout = LAYOUTS[format]
    _, _, width, height = layout.logo
    padding = max(12, height // 10)
    logo = logo_in_box(art.logo_png, width - 2 * padding, height - 2 * padding)
    image = _background(format, logo is not None).copy()
    if logo is not None:
        paste_logo_plate(image, logo, layout.logo, padding=padding, radius=height // 10)
    for block, static in text_blocks(art, layout):
        if static:
            block.paste(image)
        else:
            block.draw(image)
    return image


def render_social_png(*, art: PartnerArtwork, format: SocialFormat) -> bytes:
    return png_bytes(render_social_image(art=art, format=format))


def social_caption(*, art: PartnerArtwork, language: Language | None = None) -> str:
    """A ready caption to paste under the graphic, with the movement's hashtag."""
    words = wording(language or art.language)
    return words.caption.format(
        store=clean_text(art.display_name) or "Partner for Protection",
        network=clean_text(art.network_name),
        url=art.verify_url,
        hashtag=HASHTAG,
    )
