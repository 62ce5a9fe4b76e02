"""Text blocks placed in boxes: one description drawn by Pillow (PNG) or written as SVG."""

from __future__ import annotations

import base64
import functools
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PIL import Image

from toolkit.fonts import Face, embedded_font_css
from toolkit.render.artwork import hex_colour, png_bytes
from toolkit.render.text import (
    Align,
    Fitted,
    Run,
    draw_fitted,
    emoji_sprite,
    fit_text,
    placed_lines,
    run_width,
)

Box = tuple[float, float, float, float]
Colour = tuple[int, int, int]

# After the embedded subset of our own font (see svg_fonts), fonts a viewer may have.
SVG_FONTS = (
    "'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew', 'Noto Sans CJK SC', system-ui, sans-serif"
)


@dataclass(frozen=True, slots=True)
class TextBlock:
    text: str
    box: Box
    max_size: int
    min_size: int
    fill: Colour
    bold: bool = False
    max_lines: int = 1
    align: Align = "center"

    def fit(self) -> Fitted:
        return fit_text(
            self.text,
            width=self.box[2],
            height=self.box[3],
            max_size=self.max_size,
            min_size=self.min_size,
            max_lines=self.max_lines,
            bold=self.bold,
        )

    def draw(self, image: Image.Image) -> Fitted:
        fitted = self.fit()
        draw_fitted(image, fitted, self.box, fill=self.fill, align=self.align)
        return fitted

    def paste(self, image: Image.Image) -> None:
        """Draw a block whose text does not depend on the store, from a cached sprite."""
        sprite, left, top = _sprite(self)
        image.paste(sprite, (left, top), sprite)

    def svg(self, fitted: Fitted) -> str:
        """SVG elements of this block's fitted lines, placed by our own fonts' metrics, run by
        run.

        A viewer may have other fonts than ours: each run of text gets the width we measured
        (textLength), so the layout holds and nothing is drawn past the box; emoji are the
        colour bitmaps we draw in the PNGs, as images.
        """
        colour = hex_colour(self.fill)
        weight = 700 if self.bold else 400
        out = []
        for line, left, baseline in placed_lines(fitted, self.box, align=self.align):
            x = left
            for run in line.runs:
                width = run_width(run, fitted.size)
                if run.face.emoji:
                    sprite, ascent = emoji_sprite(run.text, fitted.size, run.rtl)
                    data = base64.b64encode(png_bytes(sprite)).decode()
                    out.append(
                        f'<image x="{x:.1f}" y="{baseline - ascent:.1f}" width="{sprite.width}" '
                        f'height="{sprite.height}" href="data:image/png;base64,{data}" '
                        f'xlink:href="data:image/png;base64,{data}"/>'
                    )
                elif run.text.strip():
                    out.append(_svg_text(run, x, baseline, fitted.size, weight, colour))
                x += width
        return "".join(out)


def _svg_text(run: Run, x: float, baseline: float, size: int, weight: int, colour: str) -> str:
    """One run as <text>, stretched or squeezed to the width our fonts give it."""
    words = run.text.strip()
    leading = run.text[: len(run.text) - len(run.text.lstrip())]
    trailing = run.text[len(run.text.rstrip()) :]
    left_spaces = trailing if run.rtl else leading  # drawn left of the words
    offset = run_width(Run(left_spaces, run.face, run.rtl), size) if left_spaces else 0.0
    width = run_width(Run(words, run.face, run.rtl), size)
    return (
        f'<text x="{x + offset + width / 2:.1f}" y="{baseline:.1f}" font-size="{size}" '
        f"font-family=\"'{run.face.family}', {SVG_FONTS}\" "
        f'font-weight="{weight}" fill="{colour}" text-anchor="middle" '
        f'direction="{"rtl" if run.rtl else "ltr"}" textLength="{width:.1f}" '
        f'lengthAdjust="spacingAndGlyphs">{escape(words)}</text>'
    )


def svg_fonts(fits: list[Fitted]) -> str:
    """A <style> embedding the subsets of our fonts that the fitted text needs."""
    used: dict[Face, str] = {}
    for fitted in fits:
        for line in fitted.lines:
            for run in line.runs:
                used[run.face] = used.get(run.face, "") + run.text
    return f"<style>{embedded_font_css(used)}</style>"


def scaled(box: tuple[float, float, float, float], size: float) -> Box:
    """A box given in fractions of a square canvas, in pixels."""
    return (box[0] * size, box[1] * size, box[2] * size, box[3] * size)


@functools.lru_cache(maxsize=64)
def _sprite(block: TextBlock) -> tuple[Image.Image, int, int]:
    """The block drawn once on a transparent layer of its own colour (so the edges blend
    cleanly when pasted), cropped to the ink, with where it goes."""
    x, y, width, height = block.box
    margin = block.max_size
    left, top = math.floor(x) - margin, math.floor(y) - margin
    layer = Image.new(
        "RGBA",
        (math.ceil(width) + 2 * margin + 1, math.ceil(height) + 2 * margin + 1),
        (*block.fill, 0),
    )
    inner = (x - left, y - top, width, height)
    draw_fitted(layer, block.fit(), inner, fill=block.fill, align=block.align)
    ink = layer.getbbox() or (0, 0, 1, 1)
    return layer.crop(ink), left + ink[0], top + ink[1]
