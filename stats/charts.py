"""Charts drawn on the server as SVG: the same markup goes into the page (where it scales to a
phone's width through its viewBox) and into the monthly PDF (WeasyPrint draws SVG), so a chart
never depends on a script or a canvas. Each chart has a <title> and a <desc> for screen
readers; the page shows the figures again in a table beside it.

Colours keep 3:1 against white for every mark (WCAG 1.4.11): the current period in the
portal's blue, the period a year before in dark amber, a pair a colour-blind reader still
tells apart. Text is escaped here: labels come from data people typed (methods, plates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CURRENT = "#0b5394"
PREVIOUS = "#9a5b00"
INK = "#1a2230"
MUTED = "#4a5566"
GRID = "#d3dae4"
# A presentation attribute, not a style attribute: the pages' CSP allows no inline style.
FONT = "system-ui, 'Noto Sans', sans-serif"
# Heat map: from the page's tint to its blue, in even steps of lightness.
# Units across: about a phone's width in CSS pixels, so 13-unit text reads at 13 px there; a
# wider screen scales the drawing up to the chart box's maximum width (static/css).
WIDTH = 400
HEAT = ("#f3f5f8", "#d6e4f2", "#a9c6e4", "#6f9fcf", "#3b78b5", "#0b5394")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]
    color: str = CURRENT


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def _svg(*, ident: str, title: str, desc: str, width: int, height: int, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
        f'<g font-family="{FONT}" font-size="13" fill="{INK}">' + "".join(body) + "</g></svg>"
    )


def _legend(series: Sequence[Series], *, y: int) -> list[str]:
    parts, x = [], 0
    for item in series:
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{item.color}"/>')
        parts.append(f'<text x="{x + 18}" y="{y}">{escape(item.label)}</text>')
        x += 30 + 8 * len(item.label)
    return parts


def bar_chart(
    *,
    ident: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    width: int = WIDTH,
) -> SafeString:
    """Horizontal bars, one group per category (one bar per series): long category names stay
    readable on a phone, where columns would squeeze them."""
    bar, gap = 14, 10
    # Room for the longest name (about 7 units a character at this size), at most 45% of the
    # width; longer names are cut with an ellipsis and read whole in the table beside.
    longest = max((len(name) for name in categories), default=0)
    label_width = int(min(max(80, 7 * longest + 14), width * 0.45))
    fits = (label_width - 14) // 7
    group = bar * len(series) + gap
    top = 28 if len(series) > 1 else 6
    height = top + group * len(categories) + 4
    peak = max((v for s in series for v in s.values), default=0) or 1
    span = width - label_width - 60
    body = _legend(series, y=14) if len(series) > 1 else []
    for row, name in enumerate(categories):
        y = top + row * group
        body.append(
            f'<text x="{label_width - 8}" y="{y + bar * len(series) / 2 + 4:.1f}" '
            f'text-anchor="end">{escape(_cut(name, fits))}</text>'
        )
        for index, item in enumerate(series):
            value = item.values[row] if row < len(item.values) else 0
            length = span * value / peak
            by = y + index * bar
            body.append(
                f'<rect x="{label_width}" y="{by}" width="{length:.1f}" height="{bar - 2}" '
                f'fill="{item.color}"/>'
            )
            body.append(
                f'<text x="{label_width + length + 4:.1f}" y="{by + bar - 4}" font-size="11" '
                f'fill="{MUTED}">{_number(value)}</text>'
            )
    desc = "; ".join(
        f"{name}: "
        + ", ".join(f"{s.label} {_number(s.values[i] if i < len(s.values) else 0)}" for s in series)
        for i, name in enumerate(categories)
    )
    return mark_safe(  # noqa: S308 - every text above went through escape()
        _svg(ident=ident, title=title, desc=desc, width=width, height=height, body=body)
    )


def line_chart(
    *, ident: str, title: str, labels: Sequence[str], series: Sequence[Series], width: int = WIDTH
) -> SafeString:
    """Months along the bottom, one line per series, the scale's top and zero marked."""
    left, right, top, bottom = 40, 22, 28, 26
    height = 220
    inner_w, inner_h = width - left - right, height - top - bottom
    peak = max((v for s in series for v in s.values), default=0) or 1
    count = max(len(labels), 1)
    step = inner_w / max(count - 1, 1)
    body = _legend(series, y=14)
    for fraction in (0, 0.5, 1):
        y = top + inner_h * (1 - fraction)
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{MUTED}">{_number(peak * fraction)}</text>'
        )
    # At most 12 labels: every month of a year, every other or third of longer periods.
    every = -(-count // 12)
    for i, name in enumerate(labels):
        if i % every:
            continue
        body.append(
            f'<text x="{left + i * step:.1f}" y="{height - 8}" text-anchor="middle" '
            f'font-size="11" fill="{MUTED}">{escape(name)}</text>'
        )
    for item in series:
        points = " ".join(
            f"{left + i * step:.1f},{top + inner_h * (1 - v / peak):.1f}"
            for i, v in enumerate(item.values)
        )
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{item.color}" stroke-width="2.5"/>'
        )
        for i, v in enumerate(item.values):
            body.append(
                f'<circle cx="{left + i * step:.1f}" cy="{top + inner_h * (1 - v / peak):.1f}" '
                f'r="3" fill="{item.color}"/>'
            )
    desc = "; ".join(
        f"{s.label}: " + ", ".join(f"{labels[i]} {_number(v)}" for i, v in enumerate(s.values))
        for s in series
    )
    return mark_safe(  # noqa: S308 - every text above went through escape()
        _svg(ident=ident, title=title, desc=desc, width=width, height=height, body=body)
    )


def heat_map(
    *,
    ident: str,
    title: str,
    grid: Sequence[Sequence[int]],
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    width: int = WIDTH,
) -> SafeString:
    """Rows (days of the week) by columns (hours): darker is more. Six shades, the darkest for
    the busiest cell, empty cells in the page's background."""
    left, top = 44, 18
    cols = max(len(col_labels), 1)
    cell_w = (width - left) / cols
    cell_h = 22
    height = top + cell_h * len(row_labels) + 4
    peak = max((v for row in grid for v in row), default=0)
    body = []
    for c, name in enumerate(col_labels):
        if c % 3 == 0:
            body.append(
                f'<text x="{left + c * cell_w + cell_w / 2:.1f}" y="12" text-anchor="middle" '
                f'font-size="11" fill="{MUTED}">{escape(name)}</text>'
            )
    for r, name in enumerate(row_labels):
        y = top + r * cell_h
        body.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(name)}</text>')
        for c in range(cols):
            value = grid[r][c] if r < len(grid) and c < len(grid[r]) else 0
            shade = HEAT[0] if not value or not peak else HEAT[1 + (len(HEAT) - 2) * value // peak]
            body.append(
                f'<rect x="{left + c * cell_w:.1f}" y="{y}" width="{cell_w - 1:.1f}" '
                f'height="{cell_h - 2}" fill="{shade}"><title>{escape(name)} '
                f"{escape(col_labels[c] if c < len(col_labels) else '')}: {value}</title></rect>"
            )
    busiest = sorted(
        ((grid[r][c], r, c) for r in range(len(grid)) for c in range(len(grid[r]))), reverse=True
    )[:3]
    desc = "; ".join(
        f"{row_labels[r]} {col_labels[c]}: {v}" for v, r, c in busiest if v and c < len(col_labels)
    )
    return mark_safe(  # noqa: S308 - every text above went through escape()
        _svg(ident=ident, title=title, desc=desc or "—", width=width, height=height, body=body)
    )
