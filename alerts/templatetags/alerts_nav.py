"""The navigation's "Alerts (3)": asked once per page a member opens, outside the cached
header (templates/base.html puts the count in the header's cache key)."""

from __future__ import annotations

from typing import Any

from django import template

from alerts.inbox_selectors import unread_count

register = template.Library()


@register.simple_tag
def alerts_unread(membership: Any) -> int:
    # Anonymous visitors, outsiders and the public site ask nothing of the database.
    if membership is None or not getattr(membership, "user_id", None):
        return 0
    return unread_count(user_id=membership.user_id)
