"""The email-signature banner, 600 x 100: mark, store, network and verification code.

Opaque (email clients draw transparency inconsistently). Link it to the verification address
where the signature is set up; a QR code this small would not scan reliably.
"""

from __future__ import annotations

import functools

from PIL import Image, ImageDraw

from toolkit.render.artwork import GOLD, MIST, NAVY, WHITE, PartnerArtwork, png_bytes
from toolkit.render.layout import TextBlock
from toolkit.render.mark import mark_image
from toolkit.render.wording import WORDMARK, wording

BANNER_SIZE = (600, 100)
_DIVIDER_X = 448


@functools.cache
def _background() -> Image.Image:
    image = Image.new("RGB", BANNER_SIZE, NAVY)
    mark = mark_image(76)
    image.paste(mark, (16, 12), mark)
    draw = ImageDraw.Draw(image)
    draw.line(((_DIVIDER_X, 16), (_DIVIDER_X, 84)), fill=GOLD, width=2)
    draw.rectangle((0, 96, BANNER_SIZE[0], BANNER_SIZE[1]), fill=GOLD)
    return image


def text_blocks(art: PartnerArtwork) -> list[TextBlock]:
    words = wording(art.language)
    footer = f"{words.since.format(year=art.partner_since_year)} \u00b7 {art.network_name}"
    left, width = 92, 340
    right, right_width = _DIVIDER_X + 14, BANNER_SIZE[0] - _DIVIDER_X - 26
    return [
        TextBlock(WORDMARK, (left, 8, width, 18), 13, 9, GOLD, bold=True, align="left"),
        TextBlock(
            art.display_name,
            (left, 27, width, 42),
            27,
            16,
            WHITE,
            bold=True,
            max_lines=2,
            align="start",
        ),
        TextBlock(footer, (left, 70, width, 20), 13, 9, MIST, align="left"),
        TextBlock(words.verify_label, (right, 18, right_width, 20), 13, 8, MIST, align="left"),
        TextBlock(
            art.verification_code,
            (right, 42, right_width, 34),
            24,
            12,
            WHITE,
            bold=True,
            align="left",
        ),
    ]


def render_banner_image(*, art: PartnerArtwork) -> Image.Image:
    image = _background().copy()
    for block in text_blocks(art):
        block.draw(image)
    return image


def render_banner_png(*, art: PartnerArtwork) -> bytes:
    return png_bytes(render_banner_image(art=art))
