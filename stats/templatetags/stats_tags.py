"""How a dashboard table shows a value: numbers grouped, money with two decimals, a change
over the year before as +12% or "new", times in the network's zone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html

from stats.network_figures import Change
from stats.network_tables import change_text

register = template.Library()


@register.simple_tag
def cell(value: object) -> str:
    if isinstance(value, Change):
        return change(value)
    if isinstance(value, Decimal):
        return intcomma(f"{value:.2f}")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return intcomma(value)
    if isinstance(value, dt.datetime):
        return date_filter(value, "j M Y")
    return format_html("<bdi>{}</bdi>", "—" if value is None else value)


@register.simple_tag
def change(value: Change, neutral: bool = False) -> str:
    """More crime shows in red, less in green; `neutral` for figures where more is not worse
    (alerts sent)."""
    text = change_text(value)
    tone = "is-up" if (value.percent or 0) > 0 or value.is_new else "is-down"
    if neutral or (value.percent is None and not value.is_new) or value.percent == 0:
        tone = ""
    return format_html('<span class="change {}">{}</span>', tone, text)


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"
