"""The calling tree of a sent alert, as a PDF: a pure function of `CallingTreeData`."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from incidents.render.common import page_context

from .data import CallingTreeData

SEVERITY_CLASSES = {"urgent", "advisory", "update", "all_clear"}


def render_calling_tree_html(*, data: CallingTreeData) -> str:
    with translation.override(data.language):
        title = f"{_('Calling tree')} — {data.headline}"
        context = {
            **page_context(language=data.language, paper=data.paper, title=title),
            "tree": data,
            "severity_class": data.severity_key if data.severity_key in SEVERITY_CLASSES else "",
            "volunteer_count": len(data.sheets),
        }
        return render_to_string("alerts/pdf/calling_tree.html", context)


def render_calling_tree_pdf(*, data: CallingTreeData) -> bytes:
    from toolkit.render.signs import html_to_pdf  # WeasyPrint is slow to import

    # The template's <style> holds no one's words (templates/alerts/pdf/calling_tree.html).
    return html_to_pdf(render_calling_tree_html(data=data), constant_style=True)
