"""The size of a piece of evidence's thumbnail, for the img tag's width and height (so the
page does not jump as thumbnails load)."""

from __future__ import annotations

from django import template

from incidents.evidence import thumbnail_size
from incidents.models import Evidence

register = template.Library()


@register.simple_tag
def evidence_thumbnail_size(evidence: Evidence) -> tuple[int, int] | None:
    if not evidence.width or not evidence.height:
        return None
    return thumbnail_size(evidence.width, evidence.height)
