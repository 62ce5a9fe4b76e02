"""Text that always fits: cleaning, font fallback, bidirectional order, fitting and drawing.

A text is cleaned (control, zero-width and direction-override characters removed, spaces
collapsed), every character is given the first font of the chain that has it (characters no
font has are dropped), and the line is cut into runs of one font and one direction, put in
visual order with a small implementation of the Unicode bidirectional algorithm (strong types,
numbers, neutrals; no explicit embeddings, since those characters are removed). Each run is then
shaped by raqm, so Arabic joins and Hebrew reads right to left, in the same call that draws it.

Fitting: one line, shrinking from the largest size down to the smallest; then two lines at the
smallest size; then the second line is cut with an ellipsis. The result never leaves its box.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw

from toolkit.fonts import EMOJI, EMOJI_STRIKE, Face, chain, coverage, face_for, pillow_font

# Longest text considered: the fitter ellipsises long before, this bounds the work.
MAX_CHARS = 400
ELLIPSIS = "\u2026"

# Vertical metrics, in font sizes: the line box reaches ASCENT above the baseline and DESCENT
# below it (enough for stacked accents and Arabic descenders); lines are LEADING apart.
ASCENT = 1.0
DESCENT = 0.34
LEADING = 1.22
EMOJI_SCALE = 0.9

Ink = int | tuple[int, ...] | str

_SPACES = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def _dropped(code: int) -> bool:
    return (
        0xFE00 <= code <= 0xFE0F  # variation selectors: emoji are drawn in their default form
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0x1F1E6 <= code <= 0x1F1FF  # regional indicators (flags): not in the emoji subset
    )


def clean_text(text: str) -> str:
    """The text with control, format (zero-width, bidi override) and private characters
    removed, any whitespace turned into one space, and no combining mark without a base."""
    text = unicodedata.normalize("NFC", text[: MAX_CHARS * 2])
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if char in _SPACES or category in ("Zs", "Zl", "Zp"):
            if out and out[-1] != " ":
                out.append(" ")
        elif category in _DROPPED_CATEGORIES or _dropped(ord(char)):
            continue
        elif category[0] != "M" or (out and out[-1] != " "):
            out.append(char)
    return "".join(out).strip()[:MAX_CHARS].strip()


def prepare(text: str, *, bold: bool = False) -> str:
    """Clean the text and keep only what a font of the chain can draw."""
    faces = chain(bold=bold)
    out: list[str] = []
    previous: Face | None = None
    for char in clean_text(text):
        if char == " ":
            if out and out[-1] != " ":
                out.append(char)
            continue
        if unicodedata.category(char)[0] == "M":
            if previous is not None and ord(char) in coverage(previous):
                out.append(char)
            continue
        face = face_for(char, faces)
        if face is None:
            continue
        out.append(char)
        previous = face
    return "".join(out).strip()


# --- Bidirectional order -----------------------------------------------------------------


def _bidi_type(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "L"
    if kind in ("R", "AL"):
        return "R"
    if kind in ("EN", "AN"):
        return "EN"
    if kind in ("ES", "CS", "ET", "NSM"):
        return kind
    return "N"


def paragraph_rtl(text: str) -> bool:
    """Right to left when the first strong character is (rule P2 of UAX #9)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def bidi_levels(text: str, *, rtl: bool) -> list[int]:
    """Embedding levels of the characters of one line (UAX #9 without explicit embeddings)."""
    base = "R" if rtl else "L"
    types = [_bidi_type(char) for char in text]
    for i, kind in enumerate(types):  # W1: a mark takes the type of what it sits on
        if kind == "NSM":
            types[i] = types[i - 1] if i else base
    for i in range(1, len(types) - 1):  # W4: 1,000 and 12-34 stay numbers
        if types[i] in ("ES", "CS") and types[i - 1] == "EN" and types[i + 1] == "EN":
            types[i] = "EN"
    for i, kind in enumerate(types):  # W5: $100, 100 %
        if kind == "ET":
            j = i
            while j < len(types) and types[j] == "ET":
                j += 1
            if (i and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
                types[i] = "EN"
    strong = base
    for i, kind in enumerate(types):  # W7: numbers after left-to-right text are left to right
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            types[i] = "L"
    types = ["N" if kind in ("ES", "CS", "ET") else kind for kind in types]
    i = 0
    while i < len(types):  # N1, N2: neutrals between two equal directions take it
        if types[i] != "N":
            i += 1
            continue
        j = i
        while j < len(types) and types[j] == "N":
            j += 1
        before = base if i == 0 else ("R" if types[i - 1] == "EN" else types[i - 1])
        after = base if j == len(types) else ("R" if types[j] == "EN" else types[j])
        resolved = before if before == after else base
        for k in range(i, j):
            types[k] = resolved
        i = j
    if rtl:
        return [1 if kind == "R" else 2 for kind in types]
    return [0 if kind == "L" else 1 if kind == "R" else 2 for kind in types]


@dataclass(frozen=True, slots=True)
class Run:
    """Characters of one font and one direction, in logical order."""

    text: str
    face: Face
    rtl: bool


@functools.lru_cache(maxsize=4096)
def layout_line(text: str, *, bold: bool, rtl: bool) -> tuple[Run, ...]:
    """The runs of a prepared line, in visual order from left to right."""
    if not text:
        return ()
    faces = chain(bold=bold)
    levels = bidi_levels(text, rtl=rtl)
    assigned: list[Face] = []
    for char in text:
        previous = assigned[-1] if assigned else None
        sticky = unicodedata.category(char)[0] == "M" or _bidi_type(char) not in ("L", "R")
        if previous is not None and sticky and ord(char) in coverage(previous):
            assigned.append(previous)
        else:
            assigned.append(face_for(char, faces) or faces[0])
    pieces: list[tuple[str, Face, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or assigned[i] != assigned[start] or levels[i] != levels[start]:
            pieces.append((text[start:i], assigned[start], levels[start]))
            start = i
    for level in range(max(p[2] for p in pieces), 0, -1):  # L2: reverse from the highest level
        i = 0
        while i < len(pieces):
            if pieces[i][2] < level:
                i += 1
                continue
            j = i
            while j < len(pieces) and pieces[j][2] >= level:
                j += 1
            pieces[i:j] = pieces[i:j][::-1]
            i = j
    return tuple(Run(text, face, level % 2 == 1) for text, face, level in pieces)


# --- Measuring and drawing ---------------------------------------------------------------


def _direction(run: Run) -> str:
    return "rtl" if run.rtl else "ltr"


def run_width(run: Run, size: int) -> float:
    if run.face.emoji:
        font = pillow_font(run.face, EMOJI_STRIKE)
        return font.getlength(run.text, direction=_direction(run)) * _emoji_factor(size)
    return pillow_font(run.face, size).getlength(run.text, direction=_direction(run))


def _emoji_factor(size: int) -> float:
    return size * EMOJI_SCALE / EMOJI_STRIKE


def line_width(text: str, size: int, *, bold: bool, rtl: bool) -> float:
    return sum(run_width(run, size) for run in layout_line(text, bold=bold, rtl=rtl))


@functools.lru_cache(maxsize=256)
def emoji_sprite(text: str, size: int, rtl: bool = False) -> tuple[Image.Image, int]:
    """Colour emoji drawn at the font's bitmap size, scaled; with the baseline's offset."""
    font = pillow_font(EMOJI, EMOJI_STRIKE)
    ascent, descent = font.getmetrics()
    direction = "rtl" if rtl else "ltr"
    width = max(1, math.ceil(font.getlength(text, direction=direction)))
    strip = Image.new("RGBA", (width, ascent + descent))
    ImageDraw.Draw(strip).text(
        (0, ascent), text, font=font, embedded_color=True, anchor="ls", direction=direction
    )
    factor = _emoji_factor(size)
    scaled = strip.resize(
        (max(1, round(width * factor)), max(1, round((ascent + descent) * factor))),
        Image.Resampling.LANCZOS,
    )
    return scaled, round(ascent * factor)


def draw_runs(
    image: Image.Image,
    runs: tuple[Run, ...],
    *,
    x: float,
    baseline: float,
    size: int,
    fill: Ink,
) -> None:
    draw = ImageDraw.Draw(image)
    for run in runs:
        width = run_width(run, size)
        if run.face.emoji:
            sprite, ascent = emoji_sprite(run.text, size, run.rtl)
            image.paste(sprite, (round(x), round(baseline) - ascent), sprite)
        else:
            draw.text(
                (x, baseline),
                run.text,
                font=pillow_font(run.face, size),
                fill=fill,
                anchor="ls",
                direction=_direction(run),
            )
        x += width


# --- Fitting -----------------------------------------------------------------------------


def graphemes(text: str) -> Iterator[int]:
    """Offsets where a cut does not split a character from its marks."""
    for i in range(1, len(text)):
        if unicodedata.category(text[i])[0] != "M":
            yield i
    yield len(text)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def _breaks(text: str) -> list[int]:
    """Offsets where a line may end: at spaces, after hyphens and slashes, around CJK."""
    out = []
    for i in range(1, len(text)):
        before, char = text[i - 1], text[i]
        if unicodedata.category(char)[0] == "M":
            continue
        if (
            char == " "
            or before in "-/\u2010\u2013\u2014"
            or ((_is_cjk(char) or _is_cjk(before)) and before != " ")
        ):
            out.append(i)
    out.append(len(text))
    return out


def _longest(candidates: list[int], fits: Callable[[int], bool]) -> int | None:
    """The largest candidate offset for which fits(offset) holds (fits is monotone)."""
    low, high, best = 0, len(candidates) - 1, None
    while low <= high:
        middle = (low + high) // 2
        if fits(candidates[middle]):
            best = candidates[middle]
            low = middle + 1
        else:
            high = middle - 1
    return best


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    runs: tuple[Run, ...]
    width: float


@dataclass(frozen=True, slots=True)
class Fitted:
    """Lines of text at one size that fit a box."""

    lines: tuple[Line, ...]
    size: int
    rtl: bool
    truncated: bool

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        return self.size * (ASCENT + DESCENT + LEADING * (len(self.lines) - 1))


def fit_text(
    text: str,
    *,
    width: float,
    height: float,
    max_size: int,
    min_size: int,
    max_lines: int = 2,
    bold: bool = False,
) -> Fitted:
    """Fit text in a box: shrink to min_size, then wrap to max_lines, then ellipsise."""
    text = prepare(text, bold=bold)
    rtl = paragraph_rtl(text)
    if not text:
        return Fitted((), min_size, rtl, truncated=False)

    def measure(candidate: str, size: int) -> float:
        return line_width(candidate, size, bold=bold, rtl=rtl)

    def line(candidate: str, size: int) -> Line:
        candidate = candidate.strip()
        return Line(candidate, layout_line(candidate, bold=bold, rtl=rtl), measure(candidate, size))

    tallest = max(1, math.floor(height / (ASCENT + DESCENT)))
    top = min(max_size, tallest)
    smallest = min(min_size, top)
    full = measure(text, top)
    if full <= width:
        return Fitted((line(text, top),), top, rtl, truncated=False)
    size = min(top, math.floor(top * width / full))
    while size >= smallest and measure(text, size) > width:
        size -= 1
    if size >= smallest:
        return Fitted((line(text, size),), size, rtl, truncated=False)

    size = smallest

    def at_size(candidate: str) -> float:
        return measure(candidate, size)

    room = 1 + math.floor((height / size - ASCENT - DESCENT) / LEADING)
    lines: list[str] = []
    rest = text
    while rest and len(lines) < min(max_lines, room) - 1:
        end = _first_line(rest, width, at_size)
        lines.append(rest[:end].strip())
        rest = rest[end:].strip()
    truncated = False
    if rest:
        if at_size(rest) > width:
            truncated = True
            rest = _ellipsised(rest, width, at_size)
        lines.append(rest)
    return Fitted(tuple(line(item, size) for item in lines), size, rtl, truncated)


def _first_line(text: str, width: float, measure: Callable[[str], float]) -> int:
    """Where the first line ends: at the last break that fits, else inside a long word."""
    end = _longest(_breaks(text), lambda offset: measure(text[:offset].rstrip()) <= width)
    if end is None:
        end = _longest(list(graphemes(text)), lambda offset: measure(text[:offset]) <= width)
    return end or next(graphemes(text))


def _ellipsised(text: str, width: float, measure: Callable[[str], float]) -> str:
    """The text cut so that it and an ellipsis fit: after a word if that wastes little room."""

    def fits(offset: int) -> bool:
        return measure(text[:offset].rstrip() + ELLIPSIS) <= width

    end = _longest(list(graphemes(text)), fits)
    after_word = _longest(_breaks(text), fits)
    if after_word and measure(text[:after_word].rstrip() + ELLIPSIS) >= 0.7 * width:
        end = after_word
    return (text[:end].rstrip() if end else "") + ELLIPSIS


Align = Literal["center", "start", "left", "right"]


def placed_lines(
    fitted: Fitted,
    box: tuple[float, float, float, float],
    *,
    align: Align = "center",
) -> list[tuple[Line, float, float]]:
    """Each line with its left edge and baseline inside box (x, y, width, height), the lines
    centred vertically."""
    x, y, box_width, box_height = box
    top = y + (box_height - fitted.height) / 2
    if align == "start":
        align = "right" if fitted.rtl else "left"
    placed = []
    for i, line in enumerate(fitted.lines):
        if align == "left":
            left = x
        elif align == "right":
            left = x + box_width - line.width
        else:
            left = x + (box_width - line.width) / 2
        placed.append((line, left, top + fitted.size * (ASCENT + LEADING * i)))
    return placed


def draw_fitted(
    image: Image.Image,
    fitted: Fitted,
    box: tuple[float, float, float, float],
    *,
    fill: Ink,
    align: Align = "center",
) -> None:
    """Draw fitted lines inside box (x, y, width, height)."""
    for line, left, baseline in placed_lines(fitted, box, align=align):
        draw_runs(image, line.runs, x=left, baseline=baseline, size=fitted.size, fill=fill)
