"""A logbook for a police review, as a PDF: a pure function of `LogbookData`.

A long logbook is laid out in parts of `PART_SIZE` incidents and the pages joined into one
PDF, so the task that builds it can show how far it got (`on_progress(done, total)`, in
incidents). Each block says "Incident n of N" where a page number would not carry across.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .common import LOGBOOK_PICTURES, THUMB_SIDE, page_context, shown, shows_values
from .data import IncidentBlock, LogbookData

PART_SIZE = 20

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class _Entry:
    position: int
    block: IncidentBlock
    pictures: list[Any]
    show_values: bool


def _part_html(logbook: LogbookData, start: int, cover: bool) -> str:
    blocks = logbook.incidents[start : start + PART_SIZE]
    entries = [
        _Entry(
            position=start + offset + 1,
            block=block,
            pictures=shown(block.pictures, side=THUMB_SIDE, limit=LOGBOOK_PICTURES),
            show_values=shows_values(block),
        )
        for offset, block in enumerate(blocks)
    ]
    title = f"{_('Incident logbook')} — {logbook.store_name or logbook.network_name}"
    context = {
        **page_context(language=logbook.language, paper=logbook.paper, title=title),
        "logbook": logbook,
        "cover": cover,
        "entries": entries,
        "total": len(logbook.incidents),
    }
    return render_to_string("incidents/print/logbook.html", context)


def render_logbook_html_parts(*, logbook: LogbookData) -> Iterator[str]:
    """The logbook's parts, each a whole HTML document; the first has the cover."""
    with translation.override(logbook.language):
        yield _part_html(logbook, 0, cover=True)
        for start in range(PART_SIZE, len(logbook.incidents), PART_SIZE):
            yield _part_html(logbook, start, cover=False)


def render_logbook_pdf(*, logbook: LogbookData, on_progress: Progress | None = None) -> bytes:
    from toolkit.render.signs import htmls_to_pdf  # WeasyPrint is slow to import

    total = len(logbook.incidents)

    def rendered(parts: int) -> None:
        if on_progress is not None:
            on_progress(min(total, parts * PART_SIZE), total)

    # The print templates' <style> holds no one's words (templates/incidents/print/base.html).
    return htmls_to_pdf(
        render_logbook_html_parts(logbook=logbook), on_rendered=rendered, constant_style=True
    )
