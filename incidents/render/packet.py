"""The police and insurer packet of one incident, as a PDF: a pure function of `PacketData`."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from .common import STILL_SIDE, page_context, shown, shows_values
from .data import PacketData


def render_packet_html(*, packet: PacketData) -> str:
    block = packet.incident
    with translation.override(packet.language):
        title = f"#{block.number} {block.kind} — {block.store_name}"
        context = {
            **page_context(language=packet.language, paper=packet.paper, title=title),
            "packet": packet,
            "pictures": shown(block.pictures, side=STILL_SIDE),
            "show_values": shows_values(block),
        }
        return render_to_string("incidents/print/packet.html", context)


def render_packet_pdf(*, packet: PacketData) -> bytes:
    from toolkit.render.signs import html_to_pdf  # WeasyPrint is slow to import

    # The print templates' <style> holds no one's words (templates/incidents/print/base.html).
    return html_to_pdf(render_packet_html(packet=packet), constant_style=True)
