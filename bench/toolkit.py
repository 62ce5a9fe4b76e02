"""Toolkit rendering: badge, social square and window sign, beside bare Pillow and WeasyPrint.

    make bench-toolkit
    # or: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/toolkit.py

In one run: p50 and p95 of a 1024 px badge PNG, a 1080 x 1080 social graphic and a Letter
window sign PDF; a bare Pillow draw of a 1080 x 1080 canvas with the same text and a bare
WeasyPrint render of a one-paragraph page, so the ratios hold on a noisy machine; and the
cached download through the Django view, which is not measured yet (see `cached_download`).
Targets (from the toolkit issue): square graphic p50 <= 1.3 x the bare Pillow baseline, sign PDF
p50 <= 250 ms, cached download p95 <= 10 ms.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path, and this file's name would hide the
# toolkit app: the project root goes first instead.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()
for _logger in ("weasyprint", "weasyprint.progress"):  # its progress log is for the CLI
    logging.getLogger(_logger).setLevel(logging.ERROR)

from PIL import Image, ImageDraw  # noqa: E402
from weasyprint import HTML  # noqa: E402

from bench.common import RESULTS, figure, p50, p95, report, timings_ms  # noqa: E402
from toolkit.fonts import SANS, SANS_BOLD, pillow_font  # noqa: E402
from toolkit.render import (  # noqa: E402
    PartnerArtwork,
    render_badge_png,
    render_sign_pdf,
    render_social_png,
)
from toolkit.render.artwork import NAVY  # noqa: E402
from toolkit.render.social import LAYOUTS, text_blocks  # noqa: E402
from toolkit.render.text import ASCENT, LEADING  # noqa: E402

BENCH = "toolkit"
RUNS = 50
SQUARE_RATIO = 1.3
SIGN_P50_MS = 250.0
DOWNLOAD_P95_MS = 10.0

ART = PartnerArtwork(
    display_name="Maison Laurent Joaillerie",
    network_name="Southern California Jewelers Network",
    partner_since_year=2024,
    verification_code="7KQ4-MZ3P",
    verify_url="https://partners.example/verify/7KQ4-MZ3P/",
    language="en",
)
PARAGRAPH = (
    "<p>Jewelers pledge to stay vigilant, log every suspicious incident and share what they "
    "see with the other stores of their area and the police, within minutes.</p>"
)


def bare_square() -> Callable[[], bytes]:
    """The same lines at the same sizes and places, drawn on a plain canvas: no fitting, no
    fallback, no background, no mark."""
    items = []
    for block, _ in text_blocks(ART, LAYOUTS["square"]):
        fitted = block.fit()
        font = pillow_font(SANS_BOLD if block.bold else SANS, fitted.size)
        x, y = block.box[0], block.box[1]
        for i, line in enumerate(fitted.lines):
            baseline = y + fitted.size * (ASCENT + LEADING * i)
            items.append(((x, baseline), line.text, font, block.fill))

    def draw() -> bytes:
        image = Image.new("RGB", (1080, 1080), NAVY)
        canvas = ImageDraw.Draw(image)
        for position, text, font, fill in items:
            canvas.text(position, text, font=font, fill=fill, anchor="ls")
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()

    return draw


def bare_weasyprint() -> bytes:
    pdf: bytes = HTML(string=PARAGRAPH).write_pdf()
    return pdf


def cached_download() -> list[float] | None:
    """Timings of a cached toolkit download through the Django view: not written yet.

    Once the view exists: warm its cache, then return `timings_ms(lambda: client.get(url))`.
    """
    return None


def _pair(
    name: str, samples: list[float], target: str, met: bool, baseline: float | None = None
) -> list[dict[str, Any]]:
    return [
        figure(f"{name} p50", p50(samples), "ms", target, met, baseline),
        figure(f"{name} p95", p95(samples), "ms", "measured", True, baseline),
    ]


def main() -> None:
    badge = timings_ms(lambda: render_badge_png(art=ART, size=1024), runs=RUNS)
    square = timings_ms(lambda: render_social_png(art=ART, format="square"), runs=RUNS)
    pillow = timings_ms(bare_square(), runs=RUNS)
    sign = timings_ms(
        lambda: render_sign_pdf(art=ART, kind="window", paper="letter", language="en"),
        runs=RUNS,
    )
    weasy = timings_ms(bare_weasyprint, runs=RUNS)

    bare_pillow, bare_weasy = p50(pillow), p50(weasy)
    figures = [
        *_pair("badge PNG 1024", badge, "measured", True),
        *_pair(
            "social square 1080x1080",
            square,
            f"p50 <= {SQUARE_RATIO}x baseline",
            p50(square) <= SQUARE_RATIO * bare_pillow,
            bare_pillow,
        ),
        figure("bare Pillow 1080x1080 p50", bare_pillow, "ms", "baseline", True),
        *_pair(
            "window sign PDF Letter",
            sign,
            f"p50 <= {SIGN_P50_MS:g} ms",
            p50(sign) <= SIGN_P50_MS,
            bare_weasy,
        ),
        figure("bare WeasyPrint paragraph p50", bare_weasy, "ms", "baseline", True),
    ]
    download = cached_download()
    if download is not None:
        figures.append(
            figure(
                "cached download p95",
                p95(download),
                "ms",
                f"p95 <= {DOWNLOAD_P95_MS:g} ms",
                p95(download) <= DOWNLOAD_P95_MS,
            )
        )
    report(BENCH, figures)
    if download is None:
        _report_pending(figures, "cached download p95", f"p95 <= {DOWNLOAD_P95_MS:g} ms")


def _report_pending(figures: list[dict[str, Any]], name: str, target: str) -> None:
    """A figure not measured yet: printed as such and written with value null, met false."""
    pending = {
        "name": name,
        "value": None,
        "unit": "ms",
        "target": target,
        "baseline": None,
        "met": False,
    }
    width = max(len(item["name"]) for item in [*figures, pending])
    print(f"{name:<{width}}  {'not measured yet':>22}  {target:<22} False")
    (RESULTS / f"{BENCH}.json").write_text(json.dumps([*figures, pending], indent=2) + "\n")


if __name__ == "__main__":
    main()
