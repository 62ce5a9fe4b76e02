"""The fonts the toolkit renders with, and the fallback chain between them.

Only the files listed in `FACES` are ever opened, all from `static/fonts/` (see the README there
for where each comes from and its licence). For each character the chain picks the first font
whose character map has it; a character that no font has is dropped, so neither Pillow nor
WeasyPrint ever draws a missing-glyph box.

Pillow lays text out with raqm (HarfBuzz shaping, FriBiDi), which its wheels carry: without it
Arabic would come out unjoined and Hebrew backwards, so `pillow_font` refuses to run without it.
"""

from __future__ import annotations

import base64
import functools
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from PIL import ImageFont, features

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"

# The subsetter reports every table it touches at INFO level; one SVG would flood the logs.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

# Colour emoji fonts carry bitmaps at one size only; Pillow draws them at that size and we scale.
EMOJI_STRIKE = 109


@dataclass(frozen=True, slots=True)
class Face:
    """One font file of the allow-list."""

    key: str
    filename: str
    family: str  # the @font-face family name in the print templates
    weight: int
    emoji: bool = False

    @property
    def path(self) -> Path:
        return FONT_DIR / self.filename


SANS = Face("sans", "NotoSans-Regular.ttf", "P4P Sans", 400)
SANS_BOLD = Face("sans-bold", "NotoSans-Bold.ttf", "P4P Sans", 700)
ARABIC = Face("arabic", "NotoSansArabic-Regular.ttf", "P4P Arabic", 400)
ARABIC_BOLD = Face("arabic-bold", "NotoSansArabic-Bold.ttf", "P4P Arabic", 700)
HEBREW = Face("hebrew", "NotoSansHebrew-Regular.ttf", "P4P Hebrew", 400)
HEBREW_BOLD = Face("hebrew-bold", "NotoSansHebrew-Bold.ttf", "P4P Hebrew", 700)
CJK = Face("cjk", "NotoSansCJKsc-Regular-subset.otf", "P4P CJK", 400)
EMOJI = Face("emoji", "NotoColorEmoji-subset.ttf", "P4P Emoji", 400, emoji=True)

FACES: tuple[Face, ...] = (
    SANS,
    SANS_BOLD,
    ARABIC,
    ARABIC_BOLD,
    HEBREW,
    HEBREW_BOLD,
    CJK,
    EMOJI,
)

# Latin, Greek and Cyrillic come from Noto Sans; there is no bold CJK file (it would double the
# largest font), so bold CJK text uses the regular weight.
CHAIN_REGULAR: tuple[Face, ...] = (SANS, ARABIC, HEBREW, CJK, EMOJI)
CHAIN_BOLD: tuple[Face, ...] = (SANS_BOLD, ARABIC_BOLD, HEBREW_BOLD, CJK, EMOJI)

# The CSS font-family list of the print templates: the same chain, nothing from the system.
CSS_FAMILIES = ", ".join(f'"{face.family}"' for face in CHAIN_REGULAR)


def chain(*, bold: bool) -> tuple[Face, ...]:
    return CHAIN_BOLD if bold else CHAIN_REGULAR


@functools.cache
def coverage(face: Face) -> frozenset[int]:
    """The code points the font maps to a glyph."""
    font = TTFont(face.path, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def face_for(char: str, faces: tuple[Face, ...]) -> Face | None:
    code = ord(char)
    for face in faces:
        if code in coverage(face):
            return face
    return None


def require_raqm() -> None:
    if not features.check_feature("raqm"):
        raise RuntimeError(
            "Pillow was built without raqm: right-to-left and complex scripts cannot be laid "
            "out. Install Pillow from its wheels (they include raqm) or build it with libraqm."
        )


@functools.lru_cache(maxsize=256)
def pillow_font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    """The font at a pixel size, laid out by raqm; emoji fonts only at their bitmap size."""
    require_raqm()
    if face.emoji:
        size = EMOJI_STRIKE
    return ImageFont.truetype(str(face.path), size, layout_engine=ImageFont.Layout.RAQM)


def font_face_css() -> str:
    """@font-face rules for WeasyPrint, relative to the static directory."""
    rules = []
    for face in FACES:
        rules.append(
            "@font-face { "
            f'font-family: "{face.family}"; font-weight: {face.weight}; font-style: normal; '
            f'src: url("fonts/{face.filename}"); }}'
        )
    return "\n".join(rules)


def embedded_font_css(used: dict[Face, str]) -> str:
    """@font-face rules carrying, as data: URLs, subsets of our fonts with just the characters
    used: an SVG then shows the same letters in any browser, whatever fonts it has."""
    rules = []
    for face, characters in sorted(used.items(), key=lambda item: item[0].key):
        if face.emoji or not characters.strip():
            continue
        data = base64.b64encode(_woff2_subset(face, "".join(sorted(set(characters))))).decode()
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
            f'src: url(data:font/woff2;base64,{data}) format("woff2"); }}'
        )
    return "\n".join(rules)


@functools.lru_cache(maxsize=64)
def _woff2_subset(face: Face, characters: str) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # joining forms and marks, for Arabic
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence entries
    font = TTFont(face.path, lazy=False)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    finally:
        font.close()
