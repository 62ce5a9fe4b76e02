"""The network's crime statistics: the dashboard (coordinator; police read-only) and each
chart's figures as CSV."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from networks.access import network_member_required
from networks.csv import csv_bytes
from networks.models import Membership
from networks.schemas import current_network

from .access import stats_reader
from .network_charts import network_charts
from .network_figures import network_figures
from .network_tables import csv_rows, network_tables
from .periods import PRESETS, Period, period_from
from .report import monthly_report_pdf, report_months

Role = Membership.Role


def _period(request: HttpRequest) -> tuple[Period, str, Any]:
    network = current_network()
    params = {key: request.GET.get(key, "")[:40] for key in ("from", "to", "period")}
    period, problem = period_from(
        {k: v for k, v in params.items() if v}, today=timezone.localdate(timezone=network.zone)
    )
    return period, problem, network


@require_GET
@network_member_required()
def network_dashboard(request: HttpRequest) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    with_stores = stats_reader(membership=membership)
    period, problem, network = _period(request)
    figures = network_figures(period=period, zone=network.zone, with_stores=with_stores)
    tables = network_tables(figures, with_stores=with_stores)
    query = urlencode({"from": period.first.isoformat(), "to": period.last.isoformat()})
    return render(
        request,
        "stats/network.html",
        {
            "figures": figures,
            "tables": tables,
            "charts": network_charts(figures, with_stores=with_stores),
            "with_stores": with_stores,
            "problem": problem,
            "presets": PRESETS,
            "period_query": query,
            "report_months": report_months(network)[:12] if with_stores else [],
        },
    )


@require_GET
@network_member_required(Role.COORDINATOR)
def monthly_report(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """A past month's report, as emailed to the coordinators."""
    network = current_network()
    try:
        wanted = dt.date(year, month, 1)
    except ValueError:
        raise Http404 from None
    if wanted not in report_months(network):
        raise Http404
    pdf = monthly_report_pdf(network=network, month=wanted, language=translation.get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{network.slug}-report-{wanted:%Y-%m}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@network_member_required()
def network_csv(request: HttpRequest, chart: str) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    with_stores = stats_reader(membership=membership)
    period, _problem, network = _period(request)
    figures = network_figures(period=period, zone=network.zone, with_stores=with_stores)
    table = network_tables(figures, with_stores=with_stores).get(chart)
    if table is None:
        raise Http404
    response = HttpResponse(csv_bytes(csv_rows(table)), content_type="text/csv; charset=utf-8")
    filename = f"{network.slug}-{chart}-{period.first:%Y-%m-%d}-{period.last:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
