"""The SVG charts: well-formed, described for screen readers, drawn to scale, and safe with
any text a member typed (methods and plates become labels)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from stats.charts import CURRENT, HEAT, PREVIOUS, Series, bar_chart, heat_map, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own output


def _text(root: ET.Element, tag: str) -> str:
    found = root.find(f"{SVG}{tag}")
    assert found is not None and found.text is not None
    return found.text


def _attr(element: ET.Element, name: str) -> str:
    value = element.get(name)
    assert value is not None
    return value


def test_bars_are_drawn_to_scale_with_both_periods_and_a_description() -> None:
    svg = bar_chart(
        ident="by-type",
        title="Incidents by type",
        categories=["Casing", "Robbery"],
        series=[Series("2026", [10, 5]), Series("2025", [4, 0], PREVIOUS)],
    )
    root = _parse(svg)
    assert _text(root, "title") == "Incidents by type"
    assert "Casing: 2026 10, 2025 4; Robbery: 2026 5, 2025 0" in _text(root, "desc")
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "12"]
    widths = {(r.get("fill"), float(_attr(r, "width"))) for r in bars}
    longest = max(w for _, w in widths)
    assert (CURRENT, longest) in widths
    assert (CURRENT, longest / 2) in widths
    assert (PREVIOUS, longest * 0.4) in widths
    assert (PREVIOUS, 0.0) in widths


def test_nothing_to_draw_gives_an_empty_chart_not_a_division_error() -> None:
    for svg in (
        bar_chart(ident="a", title="Empty", categories=["Casing"], series=[Series("2026", [0])]),
        line_chart(ident="b", title="Empty", labels=["Jan"], series=[Series("2026", [0])]),
        heat_map(
            ident="c",
            title="Empty",
            grid=[[0] * 24] * 7,
            row_labels=list("MTWTFSS"),
            col_labels=[str(h) for h in range(24)],
        ),
    ):
        _parse(svg)


def test_typed_text_in_labels_is_escaped_and_creates_no_element() -> None:
    hostile = '<script>alert(1)</script><a href="javascript:x">'
    svg = bar_chart(ident="m", title=hostile, categories=[hostile], series=[Series(hostile, [1])])
    root = _parse(svg)
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}a"))
    assert "&lt;script&gt;" in svg and "<script>" not in svg


def test_the_heat_map_shades_the_busiest_hour_darkest_and_empty_hours_lightest() -> None:
    grid = [[0] * 24 for _ in range(7)]
    grid[5][14] = 9
    grid[1][2] = 3
    svg = heat_map(
        ident="h",
        title="When",
        grid=grid,
        row_labels=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        col_labels=[f"{h:02d}" for h in range(24)],
    )
    cells = {_text(cell, "title"): cell.get("fill") for cell in _parse(svg).iter(f"{SVG}rect")}
    assert cells["Sat 14: 9"] == HEAT[-1]
    assert cells["Mon 00: 0"] == HEAT[0]
    assert cells["Tue 02: 3"] not in (HEAT[0], HEAT[-1])
    assert re.search(r"Sat 14: 9", _text(_parse(svg), "desc"))


def test_a_line_chart_puts_each_month_on_its_line() -> None:
    svg = line_chart(
        ident="m",
        title="By month",
        labels=["Jan", "Feb", "Mar"],
        series=[Series("2026", [2, 4, 0]), Series("2025", [1, 1, 1], PREVIOUS)],
    )
    root = _parse(svg)
    lines = list(root.iter(f"{SVG}polyline"))
    assert [line.get("stroke") for line in lines] == [CURRENT, PREVIOUS]
    ys = [float(p.split(",")[1]) for p in _attr(lines[0], "points").split()]
    # Feb is the peak (top of the plot), Mar is zero (its bottom), Jan halfway.
    assert ys[1] < ys[0] < ys[2]
    assert abs((ys[0] - ys[1]) - (ys[2] - ys[0])) < 0.2


def test_a_long_category_name_is_cut_to_fit_and_never_drawn_off_the_chart() -> None:
    name = "Fraud or counterfeit payment by a very long description of the method used"
    svg = bar_chart(
        ident="x", title="By type", categories=[name, "Casing"], series=[Series("2026", [3, 1])]
    )
    labels = [t.text or "" for t in _parse(svg).iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert labels[0].endswith("…") and name.startswith(labels[0][:-1])
    assert labels[1] == "Casing"
    # The whole name is still in the description screen readers read.
    assert name in _text(_parse(svg), "desc")
