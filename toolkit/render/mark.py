"""The movement's mark: a faceted gem inside a gold-rimmed navy shield, drawn in code.

One geometry, in a 100 x 120 unit box, feeds both the raster mark (Pillow polygons drawn four
times larger and scaled down, for smooth edges) and the vector one (SVG paths, used by the
badge SVG and the print templates).
"""

from __future__ import annotations

import functools

from PIL import Image, ImageDraw

from toolkit.render.artwork import GOLD, GOLD_DARK, GOLD_LIGHT, NAVY, NAVY_SOFT, hex_colour

WIDTH = 100.0
HEIGHT = 120.0
ASPECT = WIDTH / HEIGHT

Point = tuple[float, float]
Colour = tuple[int, int, int]


def _bezier(a: Point, control: Point, b: Point, steps: int = 24) -> list[Point]:
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        out.append(
            (
                (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * control[0] + t**2 * b[0],
                (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * control[1] + t**2 * b[1],
            )
        )
    return out


def _shield(inset: float) -> list[Point]:
    """A heater shield: flat top with a shallow notch, straight sides, curved to a point."""
    left, right = 2 + inset, WIDTH - 2 - inset
    top = 4 + inset
    shoulder = 52.0
    tip = (WIDTH / 2, HEIGHT - 2 - inset * 1.5)
    points: list[Point] = [(left, top), (WIDTH / 2, top + 5), (right, top), (right, shoulder)]
    points += _bezier((right, shoulder), (right, 96 - inset * 0.4), tip)
    points += _bezier(tip, (left, 96 - inset * 0.4), (left, shoulder))
    return points


def _half_shield(inset: float) -> list[Point]:
    """The right half of the shield, a lighter navy, as in a shield parted down the middle."""
    return [point for point in _shield(inset) if point[0] >= WIDTH / 2 - 1e-6]


# The gem: a brilliant seen from the side, its crown and pavilion split into facets.
_TABLE_Y, _GIRDLE_Y, _CULET = 40.0, 53.0, (50.0, 88.0)
_T = [(34.0, _TABLE_Y), (44.0, _TABLE_Y), (56.0, _TABLE_Y), (66.0, _TABLE_Y)]
_G = [(20.0, _GIRDLE_Y), (36.0, _GIRDLE_Y), (50.0, _GIRDLE_Y), (64.0, _GIRDLE_Y), (80.0, _GIRDLE_Y)]

SHAPES: tuple[tuple[Colour, tuple[Point, ...]], ...] = (
    (GOLD, tuple(_shield(0))),
    (NAVY, tuple(_shield(5))),
    (NAVY_SOFT, tuple(_half_shield(5))),
    # crown, lit from the upper left
    (GOLD_LIGHT, (_G[0], _T[0], _G[1])),
    (GOLD, (_T[0], _T[1], _G[1])),
    (GOLD_LIGHT, (_T[1], _G[2], _G[1])),
    (GOLD_LIGHT, (_T[1], _T[2], _G[2])),
    (GOLD, (_T[2], _G[3], _G[2])),
    (GOLD, (_T[2], _T[3], _G[3])),
    (GOLD_DARK, (_T[3], _G[4], _G[3])),
    # pavilion
    (GOLD, (_G[0], _G[1], _CULET)),
    (GOLD_LIGHT, (_G[1], _G[2], _CULET)),
    (GOLD, (_G[2], _G[3], _CULET)),
    (GOLD_DARK, (_G[3], _G[4], _CULET)),
)
# Thin navy lines between the facets, so the gem reads as cut.
FACET_LINES: tuple[tuple[Point, Point], ...] = (
    (_G[0], _G[4]),
    (_T[0], _G[1]),
    (_T[1], _G[1]),
    (_T[2], _G[3]),
    (_T[3], _G[3]),
    (_T[1], _G[2]),
    (_T[2], _G[2]),
    (_G[1], _CULET),
    (_G[2], _CULET),
    (_G[3], _CULET),
)
GEM_OUTLINE: tuple[Point, ...] = (_T[0], _T[3], _G[4], _CULET, _G[0])
FACET_LINE_WIDTH = 1.1


def mark_image(height: int) -> Image.Image:
    """The mark as an RGBA image of the given height (transparent around the shield).

    Not cached: its only callers are the cached backgrounds of the badge, banner and social
    graphics, which ask for it once per size.
    """
    supersample = 4
    width = max(1, round(height * ASPECT))
    scale = height * supersample / HEIGHT
    big = Image.new("RGBA", (width * supersample, height * supersample))
    draw = ImageDraw.Draw(big)
    for colour, points in SHAPES:
        draw.polygon([(x * scale, y * scale) for x, y in points], fill=colour)
    line = max(1, round(FACET_LINE_WIDTH * scale))
    for (x1, y1), (x2, y2) in FACET_LINES:
        draw.line([(x1 * scale, y1 * scale), (x2 * scale, y2 * scale)], fill=NAVY, width=line)
    outline = [(x * scale, y * scale) for x, y in GEM_OUTLINE]
    draw.line([*outline, outline[0]], fill=NAVY, width=line, joint="curve")
    return big.resize((width, height), Image.Resampling.LANCZOS)


def _path(points: tuple[Point, ...] | list[Point]) -> str:
    first, *rest = points
    return f"M{first[0]:.2f} {first[1]:.2f}" + "".join(f"L{x:.2f} {y:.2f}" for x, y in rest) + "Z"


@functools.cache
def mark_svg_group() -> str:
    """SVG elements of the mark in its own 100 x 120 unit coordinates."""
    parts = [
        f'<path fill="{hex_colour(colour)}" d="{_path(points)}"/>' for colour, points in SHAPES
    ]
    lines = "".join(f"M{x1:.2f} {y1:.2f}L{x2:.2f} {y2:.2f}" for (x1, y1), (x2, y2) in FACET_LINES)
    parts.append(
        f'<path fill="none" stroke="{hex_colour(NAVY)}" stroke-width="{FACET_LINE_WIDTH}" '
        f'stroke-linejoin="round" stroke-linecap="round" d="{lines}{_path(GEM_OUTLINE)}"/>'
    )
    return "".join(parts)


def mark_svg(*, x: float, y: float, height: float) -> str:
    """The mark placed at (x, y) with the given height, inside another SVG."""
    scale = height / HEIGHT
    return f'<g transform="translate({x:.2f} {y:.2f}) scale({scale:.4f})">{mark_svg_group()}</g>'


def mark_svg_document() -> str:
    """A standalone SVG of the mark (for the print templates)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
        'height="100%" role="img" aria-label="Partner for Protection">'
        f"{mark_svg_group()}</svg>"
    )
