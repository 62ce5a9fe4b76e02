"""The monthly report of a network, as a PDF: the month against the same month a year
before, the twelve months up to it, drawn with the dashboard's own SVG charts (WeasyPrint
draws SVG, so the charts print sharp) through the toolkit's fonts and restricted fetcher.
Emailed to the coordinators early each month (stats.tasks.monthly_reports) and downloadable
for any past month."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from incidents.render.build import paper_for
from incidents.render.common import PAGE_SIZES
from networks.models import Network
from toolkit.fonts import CSS_FAMILIES

from .charts import PREVIOUS, Series, bar_chart, heat_map, line_chart
from .network_figures import network_figures
from .network_tables import WEEKDAYS, network_tables
from .periods import Period, months_back

# Units across a chart on paper: the page's text column (about 180 mm) shows 13-unit labels at
# about 10 pt.
PDF_WIDTH = 640
# Reports go back this far (and never before the network existed).
OLDEST = 36


def month_period(month: dt.date) -> Period:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return Period(first=month, last=following - dt.timedelta(days=1))


def twelve_months_to(month: dt.date) -> Period:
    return Period(first=months_back(month, 11), last=month_period(month).last)


def last_complete_month(network: Network) -> dt.date:
    today = timezone.localdate(timezone=network.zone)
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def report_months(network: Network) -> list[dt.date]:
    """The past months a report can be had for, newest first."""
    month = last_complete_month(network)
    created = timezone.localtime(network.created_at, network.zone).date().replace(day=1)
    # The demo and imported networks carry incidents from before they were created here.
    oldest = created.replace(year=created.year - 2)
    found: list[dt.date] = []
    while month >= oldest and len(found) < OLDEST:
        found.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return found


def report_context(*, network: Network, month: dt.date) -> dict[str, Any]:
    zone = network.zone
    figures = network_figures(period=month_period(month), zone=zone, with_stores=True)
    year = network_figures(period=twelve_months_to(month), zone=zone, with_stores=False)
    this, before = _("This month"), _("A year before")
    charts = {
        "by_type": bar_chart(
            ident="r-type",
            width=PDF_WIDTH,
            title=_("Incidents by type"),
            categories=[row.label for row in figures.by_type],
            series=[
                Series(this, [row.count.current for row in figures.by_type]),
                Series(before, [row.count.previous for row in figures.by_type], PREVIOUS),
            ],
        ),
        "trend": line_chart(
            ident="r-trend",
            width=PDF_WIDTH,
            title=_("Incidents, the twelve months to this one"),
            labels=[row.month.strftime("%m/%y") for row in year.by_month],
            series=[
                Series(_("These twelve months"), [row.count.current for row in year.by_month]),
                Series(before, [row.count.previous for row in year.by_month], PREVIOUS),
            ],
        ),
        "when": heat_map(
            ident="r-when",
            width=PDF_WIDTH,
            title=_("Day of the week and hour, the twelve months to this one"),
            grid=year.heat,
            row_labels=[str(day)[:3] for day in WEEKDAYS],
            col_labels=[f"{hour:02d}" for hour in range(24)],
        ),
    }
    return {
        "network": network,
        "month": month,
        "figures": figures,
        "year": year,
        "tables": network_tables(figures, with_stores=True),
        "charts": charts,
        "made_at": timezone.localtime(timezone.now(), zone),
        "movement": settings.PORTAL_NAME,
        "page_size": PAGE_SIZES[paper_for(network)],
        "font_families": mark_safe(CSS_FAMILIES),  # noqa: S308 - our constant
    }


def monthly_report_pdf(*, network: Network, month: dt.date, language: str) -> bytes:
    from toolkit.render.signs import html_to_pdf  # WeasyPrint is slow to import

    with translation.override(language), timezone.override(network.zone):
        html = render_to_string(
            "stats/report.html", {**report_context(network=network, month=month), "lang": language}
        )
    return html_to_pdf(html)
