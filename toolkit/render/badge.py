"""The partner badge: a navy card with the mark, the store, its network and a verification QR.

PNG with a transparent background outside the card, in 256, 512 and 1024 px; and an SVG of the
same layout. The card, its border and the mark do not depend on the store and are drawn once
per size.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

from toolkit.render.artwork import (
    GOLD,
    MIST,
    NAVY,
    WHITE,
    PartnerArtwork,
    hex_colour,
    png_bytes,
)
from toolkit.render.layout import TextBlock, scaled, svg_fonts
from toolkit.render.mark import ASPECT, mark_image, mark_svg
from toolkit.render.qr import qr_image, qr_modules, qr_svg_path
from toolkit.render.text import Align, clean_text
from toolkit.render.wording import WORDMARK, wording

BADGE_SIZES = (256, 512, 1024)
SVG_SIZE = 1024

# Fractions of the side.
CARD_MARGIN = 0.015
CARD_RADIUS = 0.085
BORDER_INSET = 0.035
BORDER_WIDTH = 0.006
MARK_TOP, MARK_HEIGHT = 0.06, 0.21
DIVIDER_Y = 0.64
QR_SIDE, QR_RIGHT, QR_CENTRE_Y = 0.26, 0.895, 0.805


@dataclass(frozen=True, slots=True)
class _Slot:
    """A text box in fractions of the side, with its largest and smallest sizes."""

    box: tuple[float, float, float, float]
    largest: float
    smallest: float
    fill: tuple[int, int, int]
    bold: bool = False
    lines: int = 1
    align: Align = "center"

    def block(self, text: str, size: int) -> TextBlock:
        return TextBlock(
            text,
            scaled(self.box, size),
            max(1, round(self.largest * size)),
            max(1, round(self.smallest * size)),
            self.fill,
            bold=self.bold,
            max_lines=self.lines,
            align=self.align,
        )


_LEFT_WIDTH = QR_RIGHT - QR_SIDE - 0.13
SLOTS = {
    "wordmark": _Slot((0.1, 0.285, 0.8, 0.05), 0.04, 0.02, GOLD, bold=True),
    "name": _Slot((0.085, 0.345, 0.83, 0.16), 0.085, 0.046, WHITE, bold=True, lines=2),
    "since": _Slot((0.1, 0.51, 0.8, 0.055), 0.042, 0.024, GOLD),
    "network": _Slot((0.1, 0.565, 0.8, 0.05), 0.034, 0.022, MIST),
    "verify": _Slot((0.11, 0.69, _LEFT_WIDTH, 0.045), 0.034, 0.02, MIST, align="left"),
    "code": _Slot((0.11, 0.74, _LEFT_WIDTH, 0.08), 0.07, 0.03, WHITE, bold=True, align="left"),
    "url": _Slot((0.11, 0.83, _LEFT_WIDTH, 0.06), 0.028, 0.018, MIST, lines=2, align="left"),
}


def text_blocks(art: PartnerArtwork, size: int) -> list[TextBlock]:
    words = wording(art.language)
    texts = {
        "wordmark": WORDMARK,
        "name": art.display_name,
        "since": words.since.format(year=art.partner_since_year),
        "network": art.network_name,
        "verify": words.verify_label,
        "code": art.verification_code,
        "url": art.verify_display,
    }
    return [slot.block(texts[key], size) for key, slot in SLOTS.items()]


@functools.lru_cache(maxsize=len(BADGE_SIZES) + 1)
def _card(size: int) -> Image.Image:
    supersample = 4
    big = size * supersample
    mask = Image.new("L", (big, big))
    margin = round(CARD_MARGIN * big)
    ImageDraw.Draw(mask).rounded_rectangle(
        (margin, margin, big - margin - 1, big - margin - 1),
        radius=round(CARD_RADIUS * big),
        fill=255,
    )
    ring = Image.new("L", (big, big))
    inset = round(BORDER_INSET * big)
    ImageDraw.Draw(ring).rounded_rectangle(
        (inset, inset, big - inset - 1, big - inset - 1),
        radius=round((CARD_RADIUS - BORDER_INSET + CARD_MARGIN) * big),
        outline=255,
        width=max(supersample, round(BORDER_WIDTH * big)),
    )
    card = Image.new("RGBA", (size, size), (*NAVY, 0))
    card.putalpha(mask.resize((size, size), Image.Resampling.BOX))
    card.paste((*GOLD, 255), (0, 0, size, size), ring.resize((size, size), Image.Resampling.BOX))
    mark = mark_image(round(MARK_HEIGHT * size))
    card.alpha_composite(mark, ((size - mark.width) // 2, round(MARK_TOP * size)))
    ImageDraw.Draw(card).line(
        ((0.12 * size, DIVIDER_Y * size), (0.88 * size, DIVIDER_Y * size)),
        fill=(*GOLD, 255),
        width=max(1, round(0.003 * size)),
    )
    return card


def _qr_geometry(art: PartnerArtwork, size: int) -> tuple[int, int, int, int]:
    """Module size, tile side and tile position, in whole pixels."""
    modules = qr_modules(art.verify_url)
    module = max(1, int(QR_SIDE * size) // modules)
    side = module * modules
    left = round(QR_RIGHT * size) - side
    top = round(QR_CENTRE_Y * size - side / 2)
    return module, side, left, top


def render_badge_image(*, art: PartnerArtwork, size: int) -> Image.Image:
    if size not in BADGE_SIZES:
        raise ValueError(f"badge size must be one of {BADGE_SIZES}")
    image = _card(size).copy()
    for block in text_blocks(art, size):
        block.draw(image)
    module, _, left, top = _qr_geometry(art, size)
    image.paste(qr_image(art.verify_url, module, NAVY, WHITE), (left, top))
    return image


def render_badge_png(*, art: PartnerArtwork, size: int) -> bytes:
    return png_bytes(render_badge_image(art=art, size=size))


def render_badge_svg(*, art: PartnerArtwork) -> str:
    size = SVG_SIZE
    margin = CARD_MARGIN * size
    inset = BORDER_INSET * size
    mark_height = MARK_HEIGHT * size
    module, side, left, top = _qr_geometry(art, size)
    blocks = text_blocks(art, size)
    fits = [block.fit() for block in blocks]
    texts = "".join(block.svg(fitted) for block, fitted in zip(blocks, fits, strict=True))
    navy, gold = hex_colour(NAVY), hex_colour(GOLD)
    title = escape(f"Partner for Protection: {clean_text(art.display_name)}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}" role="img">'
        f"<title>{title}</title>{svg_fonts(fits)}"
        f'<rect x="{margin:.1f}" y="{margin:.1f}" width="{size - 2 * margin:.1f}" '
        f'height="{size - 2 * margin:.1f}" rx="{CARD_RADIUS * size:.1f}" fill="{navy}"/>'
        f'<rect x="{inset:.1f}" y="{inset:.1f}" width="{size - 2 * inset:.1f}" '
        f'height="{size - 2 * inset:.1f}" '
        f'rx="{(CARD_RADIUS - BORDER_INSET + CARD_MARGIN) * size:.1f}" fill="none" '
        f'stroke="{gold}" stroke-width="{BORDER_WIDTH * size:.1f}"/>'
        + mark_svg(x=(size - mark_height * ASPECT) / 2, y=MARK_TOP * size, height=mark_height)
        + f'<line x1="{0.12 * size:.1f}" y1="{DIVIDER_Y * size:.1f}" x2="{0.88 * size:.1f}" '
        f'y2="{DIVIDER_Y * size:.1f}" stroke="{gold}" stroke-width="{0.003 * size:.1f}"/>'
        f"<g>{texts}</g>"
        f'<rect x="{left}" y="{top}" width="{side}" height="{side}" fill="{hex_colour(WHITE)}"/>'
        f'<path fill="{navy}" shape-rendering="crispEdges" '
        f'd="{qr_svg_path(art.verify_url, x=left, y=top, module=module)}"/>'
        "</svg>"
    )
