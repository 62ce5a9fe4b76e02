"""What the packet and the logbook share: the page, the fonts, the pictures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import mark_safe

from toolkit.fonts import CSS_FAMILIES

from .data import IncidentBlock, Paper, Picture
from .pictures import picture_uri

PAGE_SIZES: dict[Paper, str] = {"letter": "letter", "a4": "A4"}
# Printed about 56 mm wide in the packet and 30 mm in the logbook, at roughly 250 dpi.
STILL_SIDE = 560
THUMB_SIDE = 300
# A logbook shows this many thumbnails per incident; the packet every still.
LOGBOOK_PICTURES = 6


@dataclass(frozen=True, slots=True)
class ShownPicture:
    uri: str | None
    caption: str
    label: str


def shown(pictures: tuple[Picture, ...], *, side: int, limit: int | None = None) -> list[Any]:
    return [
        ShownPicture(picture_uri(p.data, max_side=side), p.caption, p.label)
        for p in pictures[:limit]
    ]


def page_context(*, language: str, paper: Paper, title: str) -> dict[str, Any]:
    return {
        "lang": language,
        "title": title[:200],
        "page_size": PAGE_SIZES[paper],
        "font_families": mark_safe(CSS_FAMILIES),  # noqa: S308 - our constant
    }


def shows_values(block: IncidentBlock) -> bool:
    return not block.redacted and any(item.unit_value is not None for item in block.items)
