"""What every item of the toolkit is drawn from, the palette, and small shared helpers."""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import re
from dataclasses import dataclass, fields
from typing import Literal
from urllib.parse import urlsplit

from PIL import Image

logger = logging.getLogger(__name__)

Language = Literal["en", "fr", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "fr", "es")
# "window" is the light, ink-saving window sign for home and office printers; "window-full" is
# the same sign in full colour, navy to the edge, for a print shop.
SignKind = Literal["window", "window-full", "counter", "poster"]
SIGN_KINDS: tuple[SignKind, ...] = ("window", "window-full", "counter", "poster")
Paper = Literal["letter", "a4"]
PAPERS: tuple[Paper, ...] = ("letter", "a4")

# Bump when the look of any item changes, so content keys (and caches built on them) change.
RENDER_VERSION = "2"

# The portal's colours (static/css/portal.css): deep navy, gold on dark backgrounds only.
NAVY = (18, 35, 63)
NAVY_SOFT = (30, 58, 99)
NAVY_DEEP = (11, 23, 43)
GOLD = (217, 180, 90)
GOLD_LIGHT = (243, 220, 155)
GOLD_DARK = (168, 130, 48)
WHITE = (255, 255, 255)
MIST = (205, 215, 230)

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,15}$")
LOGO_MAX_SIDE = 2048


@dataclass(frozen=True, slots=True)
class PartnerArtwork:
    """One store's toolkit, in plain values: the serving code builds it from its models."""

    display_name: str
    network_name: str
    partner_since_year: int
    verification_code: str
    verify_url: str
    logo_png: bytes | None = None
    language: Language = "en"

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {self.language!r}")
        if not 2000 <= self.partner_since_year <= 2100:
            raise ValueError(f"implausible partner_since_year {self.partner_since_year}")
        if not CODE_RE.match(self.verification_code):
            raise ValueError(f"malformed verification code {self.verification_code!r}")
        parts = urlsplit(self.verify_url)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or len(self.verify_url) > 300
            or any(ord(char) <= 32 or ord(char) == 127 for char in self.verify_url)
            or self.verification_code not in parts.path
        ):
            raise ValueError(f"verify_url must be an http(s) URL with the code: {self.verify_url}")

    @property
    def verify_display(self) -> str:
        """The verification address as printed: without the scheme or a trailing slash."""
        parts = urlsplit(self.verify_url)
        return f"{parts.netloc}{parts.path}".rstrip("/")

    def content_key(self, item: str) -> str:
        """A key for one rendered item, changing whenever its bytes could change."""
        digest = hashlib.sha256(f"{RENDER_VERSION}\0{item}".encode())
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, bytes):
                value = hashlib.sha256(value).hexdigest()
            digest.update(f"\0{field.name}={value}".encode())
        return digest.hexdigest()


def sign_languages_default(*, country: str) -> tuple[Language, ...]:
    """The sign languages offered first: English and French in Canada, English elsewhere."""
    return ("en", "fr") if country.upper() == "CA" else ("en",)


def hex_colour(colour: tuple[int, int, int]) -> str:
    """A palette colour as SVG and CSS write it, e.g. "#12233f"."""
    return "#{:02x}{:02x}{:02x}".format(*colour)


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def logo_in_box(logo_png: bytes | None, width: int, height: int) -> Image.Image | None:
    """The stored logo scaled to fit the box, or None (a broken logo is left out, not fatal).

    Logos are checked and normalised at upload (toolkit.logos); this only reads that output.
    """
    if not logo_png:
        return None
    return _logo_in_box(logo_png, width, height)


@functools.lru_cache(maxsize=16)
def _logo_in_box(logo_png: bytes, width: int, height: int) -> Image.Image | None:
    try:
        with Image.open(io.BytesIO(logo_png), formats=["PNG"]) as source:
            if max(source.size) > LOGO_MAX_SIDE:
                raise ValueError(f"logo of {source.size} was not normalised")
            image = source.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("Leaving out a logo that cannot be read", exc_info=True)
        return None
    scale = min(width / image.width, height / image.height)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)
