"""Uploaded store logos: checked and normalised once, at upload, so rendering never has to.

The checks are the project's one image check (networks.images) with the logo's rules: a PNG,
JPEG or WebP (by its first bytes and by Pillow's own reading of it), at most `MAX_BYTES` long
and `MAX_PIXELS` large, the size read from the header before any pixel is decoded. An
accepted logo is turned upright (EXIF orientation), converted to sRGB (RGB, or RGBA if it has
transparency), scaled down to `STORED_MAX_SIDE` and written as a fresh PNG without metadata.

Anything that cannot be used raises `LogoError`, a `ValueError` whose message can be shown to
the person uploading.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from networks.images import ImageError, ImageRules, Readable, image_check, image_decode

MAX_BYTES = 5 * 1024 * 1024  # what the upload forms announce
# Far below Pillow's decompression-bomb threshold (about 89 million pixels).
MAX_PIXELS = 16_000_000
MAX_SIDE = 8_000
MIN_SIDE = 16
STORED_MAX_SIDE = 1024

# For every form that takes a logo: what it accepts, in the browser's file picker and in words.
ACCEPT = "image/png,image/jpeg,image/webp"
UPLOAD_HELP = format_lazy(
    gettext_lazy("A PNG, JPEG or WebP image of at most {size} MB and {megapixels} megapixels."),
    size=MAX_BYTES // (1024 * 1024),
    megapixels=MAX_PIXELS // 1_000_000,
)

RULES = ImageRules(
    formats=frozenset({"PNG", "JPEG", "WEBP"}),
    max_bytes=MAX_BYTES,
    max_pixels=MAX_PIXELS,
    max_side=MAX_SIDE,
    min_side=MIN_SIDE,
    messages={
        "too_large": gettext_lazy(
            "The logo file is larger than %(size)d MB. Please upload a smaller file."
        ),
        "empty": gettext_lazy("The logo file is empty."),
        "format": gettext_lazy(
            "Please upload the logo as a PNG, JPEG or WebP image (SVG, GIF and PDF are not "
            "accepted)."
        ),
        "too_many_pixels": gettext_lazy(
            "The logo has too many pixels. Please upload an image of at most %(megapixels)d "
            "million pixels and %(side)d pixels on its longer side, such as 2000 by 2000."
        ),
        "damaged": gettext_lazy(
            "The logo file is damaged or incomplete. Please export it again and retry."
        ),
        "too_small": gettext_lazy(
            "The logo is too small: it needs at least %(side)d pixels on each side."
        ),
    },
)

__all__ = ["ACCEPT", "MAX_BYTES", "UPLOAD_HELP", "Logo", "LogoError", "Readable", "logo_normalise"]


class LogoError(ImageError):
    """A logo that cannot be used; the message is meant for the person uploading it."""


@dataclass(frozen=True, slots=True)
class Logo:
    png: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.png).hexdigest()


def logo_normalise(source: bytes | Readable) -> Logo:
    """Check an uploaded logo and return it as a clean PNG, or raise LogoError."""
    try:
        checked = image_check(source, RULES)
        image = image_decode(checked, RULES, box=STORED_MAX_SIDE)
    except ImageError as error:
        raise LogoError(error.message, code=error.code) from None
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return Logo(png=out.getvalue(), width=image.width, height=image.height)
