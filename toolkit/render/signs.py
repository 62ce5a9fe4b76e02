"""Store signage as print-ready PDFs, by WeasyPrint from the project's own templates.

The full-colour window sign and the counter card bleed 3 mm past the trim (their navy runs to
the edge), for a print shop that trims. The light window sign (white, navy and gold accents)
and the staff-room poster keep clear of the edge and have no bleed: a home or office printer
prints them at 100 % on plain Letter or A4, with nothing to trim and little ink. Fonts are the
project's, embedded as subsets; text stays text (selectable, searchable).

WeasyPrint fetches nothing but `data:` URLs and files under `static/`: see
`StaticOnlyURLFetcher`. Store names are fitted with the same fonts and the same fitting code
as the images, so a long name shrinks, wraps and is ellipsised the same way on paper.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from toolkit.fonts import CSS_FAMILIES, FONT_DIR, font_face_css
from toolkit.render.artwork import (
    LANGUAGES,
    PAPERS,
    SIGN_KINDS,
    Language,
    Paper,
    PartnerArtwork,
    SignKind,
    logo_in_box,
    png_bytes,
)
from toolkit.render.mark import mark_svg_document
from toolkit.render.qr import qr_svg
from toolkit.render.text import ASCENT, DESCENT, LEADING, Fitted, clean_text, fit_text
from toolkit.render.wording import MOVEMENT, WORDMARK, wording

fetch_log = logging.getLogger("toolkit.render.fetcher")

STATIC_DIR = FONT_DIR.parent.resolve()
STATIC_BASE_URL = STATIC_DIR.as_uri() + "/"
BLEED_MM = 3
MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True, slots=True)
class PaperSize:
    css: str  # @page size
    width_mm: float
    height_mm: float


PAPER_SIZES: dict[Paper, PaperSize] = {
    "letter": PaperSize("letter", 215.9, 279.4),
    "a4": PaperSize("A4", 210.0, 297.0),
}
BLEEDS: dict[SignKind, bool] = {
    "window": False,
    "window-full": True,
    "counter": True,
    "poster": False,
}


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a sign fits a text that comes from the store: a width in millimetres (that of A4,
    the narrower paper, so one fit serves both), sizes in points, lines, weight."""

    width_mm: float
    largest: int
    smallest: int
    lines: int = 1
    bold: bool = False


_WINDOW_SLOTS = {
    "store": Slot(168, 40, 22, lines=2, bold=True),
    "network": Slot(130, 13, 13, lines=2, bold=True),
    "code": Slot(58, 22, 12, bold=True),
    "url": Slot(58, 10, 7, lines=2),
}
SLOTS: dict[SignKind, dict[str, Slot]] = {
    "window": _WINDOW_SLOTS,
    "window-full": _WINDOW_SLOTS,
    "counter": {
        "store": Slot(112, 30, 16, lines=2, bold=True),
        "network": Slot(112, 11, 11),
        "code": Slot(78, 18, 10, bold=True),
        "url": Slot(78, 9, 7, lines=2),
    },
    "poster": {
        "store": Slot(108, 15, 10, bold=True),
        "network": Slot(92, 9, 9),
        "code": Slot(40, 9, 6, bold=True),
        "url": Slot(40, 9, 6),
    },
}


class StaticOnlyURLFetcher(URLFetcher):
    """Fetches `data:` URLs and files under static/; refuses everything else.

    Every decision goes to the `toolkit.render.fetcher` log: what was fetched at DEBUG, what
    was refused at WARNING (a refusal means a template or a text tried to reach out), each
    record carrying `fetch_url` (data: URLs shortened) and `fetch_allowed`.
    """

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            _fetch_logged(url, allowed=True)
            return super().fetch(url, headers)
        if scheme == "file":
            path = static_path(url)
            if path is not None:
                _fetch_logged(url, allowed=True)
                mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, body=path.read_bytes(), headers={"Content-Type": mime_type}
                )
        _fetch_logged(url, allowed=False)
        raise URLFetchingError(
            f"Refused to fetch {url[:200]!r}: print templates may only use data: URLs and the "
            "project's static files."
        )


def _fetch_logged(url: str, *, allowed: bool) -> None:
    shown = url[:48] + "..." if url[:5].lower() == "data:" and len(url) > 48 else url[:300]
    if allowed:
        fetch_log.debug("Fetched %s", shown, extra={"fetch_url": shown, "fetch_allowed": True})
    else:
        fetch_log.warning(
            "Refused to fetch %s", shown, extra={"fetch_url": shown, "fetch_allowed": False}
        )


def static_path(url: str) -> Path | None:
    """The file a file: URL names, if it is a file under static/."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not path.is_relative_to(STATIC_DIR) or not path.is_file():
        return None
    return path


class _Engine:
    """One font configuration and one parsed @font-face sheet for the life of the process:
    registering the fonts is the slow part of a first render."""

    def __init__(self) -> None:
        self.fetcher = StaticOnlyURLFetcher(allowed_protocols=("data", "file"))
        self.font_config = FontConfiguration()
        self.fonts = CSS(
            string=font_face_css(),
            base_url=STATIC_BASE_URL,
            url_fetcher=self.fetcher,
            font_config=self.font_config,
        )
        self._styles: dict[str, CSS] = {}

    def style_apart(self, html: str) -> tuple[str, list[CSS]]:
        """The document without its <style> block, and that block parsed: our print templates'
        style is the same text for every document of a kind and paper, so it is parsed once
        per process rather than once per PDF. Only for templates whose <style> holds none of
        the people's words (a parsed sheet is kept by its text). Moved to a user stylesheet,
        it still wins over WeasyPrint's defaults, as the document's own sheet did."""
        start = html.find("<style>")
        end = html.find("</style>", start)
        if start < 0 or end < 0:
            return html, []
        text = html[start + len("<style>") : end]
        sheet = self._styles.get(text)
        if sheet is None:
            if len(self._styles) >= STYLES_KEPT:
                self._styles.clear()
            sheet = self._styles[text] = CSS(
                string=text,
                base_url=STATIC_BASE_URL,
                url_fetcher=self.fetcher,
                font_config=self.font_config,
            )
        return html[:start] + html[end + len("</style>") :], [sheet]


# Kinds of document times papers times languages' page counters: a handful in practice.
STYLES_KEPT = 32
_engine: _Engine | None = None
# Pango and fontconfig objects are shared by every render: one render at a time per process
# (Celery's prefork workers render in parallel across processes).
_engine_lock = threading.Lock()


def html_to_pdf(html: str, *, constant_style: bool = False) -> bytes:
    """A PDF of one of our templates' output, with the project's fonts and nothing fetched.
    `constant_style`: see `_Engine.style_apart`."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = _Engine()
        sheets: list[CSS] = []
        if constant_style:
            html, sheets = _engine.style_apart(html)
        document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=_engine.fetcher)
        pdf: bytes = document.write_pdf(
            stylesheets=[_engine.fonts, *sheets], font_config=_engine.font_config
        )
    return pdf


def htmls_to_pdf(
    htmls: Iterable[str],
    *,
    on_rendered: Callable[[int], None] | None = None,
    constant_style: bool = False,
) -> bytes:
    """One PDF of the pages of several of our templates' outputs, in order (a long document
    laid out in parts, so a task can report progress). `on_rendered(n)` is called after the
    n-th part is laid out. The first part's title and metadata are the PDF's."""
    global _engine
    pages = []
    first = None
    for number, html in enumerate(htmls, start=1):
        with _engine_lock:
            if _engine is None:
                _engine = _Engine()
            sheets: list[CSS] = []
            if constant_style:
                html, sheets = _engine.style_apart(html)
            document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=_engine.fetcher)
            rendered = document.render(
                stylesheets=[_engine.fonts, *sheets], font_config=_engine.font_config
            )
        first = first or rendered
        pages.extend(rendered.pages)
        if on_rendered is not None:
            on_rendered(number)
    if first is None:
        raise ValueError("no parts to render")
    with _engine_lock:
        pdf: bytes = first.copy(pages).write_pdf()
    return pdf


def _fit(text: str, slot: Slot) -> dict[str, Any]:
    """Lines and a size (in points) for the template, by the same fitting as the images."""
    fitted: Fitted = fit_text(
        text,
        width=slot.width_mm * MM * 0.97,  # room for Pillow's and Pango's metrics to differ
        height=slot.largest * (ASCENT + DESCENT + LEADING * (slot.lines - 1)),
        max_size=slot.largest,
        min_size=slot.smallest,
        max_lines=slot.lines,
        bold=slot.bold,
    )
    return {
        "lines": [line.text for line in fitted.lines],
        "size": fitted.size,
        "dir": "rtl" if fitted.rtl else "ltr",
    }


def _logo_src(art: PartnerArtwork) -> str | None:
    logo = logo_in_box(art.logo_png, 600, 400)
    if logo is None:
        return None
    return "data:image/png;base64," + base64.b64encode(png_bytes(logo)).decode()


def sign_context(
    *, art: PartnerArtwork, kind: SignKind, paper: Paper, language: Language
) -> dict[str, Any]:
    words = wording(language)
    size = PAPER_SIZES[paper]
    slots = SLOTS[kind]
    return {
        "lang": language,
        "title": f"{MOVEMENT} · {clean_text(art.display_name)}"[:200],
        "kind": kind,
        "page_size": size.css,
        "page_width": f"{size.width_mm}mm",
        "page_height": f"{size.height_mm}mm",
        "bleed": f"{BLEED_MM}mm" if BLEEDS[kind] else "",
        "font_families": mark_safe(CSS_FAMILIES),  # noqa: S308 - our constant
        "words": words,
        "headline": words.window_headline.replace(MOVEMENT, MOVEMENT.replace(" ", "\u00a0")),
        "wordmark": WORDMARK,
        "store": _fit(art.display_name, slots["store"]),
        "network": _fit(art.network_name, slots["network"]),
        "since": words.since.format(year=art.partner_since_year),
        "code": _fit(art.verification_code, slots["code"]),
        "verify_display": _fit(art.verify_display, slots["url"]),
        "mark_svg": mark_safe(mark_svg_document()),  # noqa: S308 - drawn by our code
        "qr_svg": mark_safe(qr_svg(art.verify_url)),  # noqa: S308 - drawn by our code
        "logo_src": _logo_src(art),
    }


def render_sign_html(
    *, art: PartnerArtwork, kind: SignKind, paper: Paper, language: Language
) -> str:
    if kind not in SIGN_KINDS or paper not in PAPERS or language not in LANGUAGES:
        raise ValueError(f"unknown sign {kind!r} / {paper!r} / {language!r}")
    context = sign_context(art=art, kind=kind, paper=paper, language=language)
    return render_to_string(f"toolkit/print/{kind}.html", context)


def render_sign_pdf(
    *, art: PartnerArtwork, kind: SignKind, paper: Paper, language: Language
) -> bytes:
    return html_to_pdf(render_sign_html(art=art, kind=kind, paper=paper, language=language))
