"""What other apps' pages ask of the alerts desk: whether the reader may send alerts."""

from __future__ import annotations

from typing import Any

from django import template

from alerts.access import is_sender

register = template.Library()


@register.simple_tag(takes_context=True)
def is_alert_sender(context: dict[str, Any]) -> bool:
    """For a "Make an alert" link: the coordinator and deputies (one query for the latter)."""
    membership = context.get("membership")
    return membership is not None and is_sender(membership=membership)
