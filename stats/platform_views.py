"""The platform's crime statistics (public site, platform admins): read only from the rollup's
tables; a button runs the rollup now, its progress shown while it goes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from networks.access import platform_admin_required
from networks.csv import csv_bytes

from .charts import PREVIOUS, Series, bar_chart, line_chart
from .models import RollupRun
from .network_tables import change_text
from .platform_figures import PlatformFigures, platform_figures
from .rollup import latest_run, rollup_start


def _charts(figures: PlatformFigures) -> dict[str, Any]:
    years = [str(year) for year, *_rest in figures.years]
    charts = {
        "years": bar_chart(
            ident="chart-years",
            title=_("Incidents by year"),
            categories=years,
            series=[
                Series(_("All incidents"), [n for _y, n, _d, _o in figures.years]),
                Series(_("In daytime"), [d for _y, _n, d, _o in figures.years], PREVIOUS),
            ],
        ),
        "partners": line_chart(
            ident="chart-platform-partners",
            title=_("Active partners across the networks"),
            labels=[month.strftime("%m/%y") for month, _n in figures.partners],
            series=[Series(_("Active partners"), [n for _m, n in figures.partners])],
        ),
    }
    if len(figures.year_types) >= 2:
        last, before = figures.year_types[-1], figures.year_types[-2]
        charts["types"] = bar_chart(
            ident="chart-platform-types",
            title=_("Incidents by type"),
            categories=[label for label, _counts in figures.types],
            series=[
                Series(str(last), [counts[-1] for _l, counts in figures.types]),
                Series(str(before), [counts[-2] for _l, counts in figures.types], PREVIOUS),
            ],
        )
    return charts


@require_GET
@platform_admin_required
def platform_stats(request: HttpRequest) -> HttpResponse:
    figures = platform_figures()
    return render(
        request,
        "stats/platform.html",
        {"figures": figures, "charts": _charts(figures), "run": latest_run()},
    )


@require_POST
@platform_admin_required
def platform_stats_rollup(request: HttpRequest) -> HttpResponse:
    run = rollup_start(trigger=RollupRun.Trigger.ASKED, by=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("The figures of %(count)s networks are being rolled up.") % {"count": run.networks_total},
    )
    return redirect("platform_stats")


@require_GET
@platform_admin_required
def platform_stats_progress(request: HttpRequest) -> HttpResponse:
    run = latest_run()
    if run is None:
        return JsonResponse({"status": "none"})
    return JsonResponse(
        {
            "status": run.status,
            "percent": run.percent,
            "done": run.networks_done,
            "failed": run.networks_failed,
            "total": run.networks_total,
        }
    )


@require_GET
@platform_admin_required
def platform_stats_csv(request: HttpRequest, table: str) -> HttpResponse:
    figures = platform_figures()
    rows: list[list[object]]
    if table == "networks":
        rows = [
            [
                _("Network"),
                _("Place"),
                _("Incidents"),
                _("A year before"),
                _("Change"),
                _("Active partners"),
                _("Alerts sent"),
                _("Acknowledged (%)"),
            ]
        ]
        rows += [
            [
                n.name,
                n.place,
                int(n.incidents.current),
                int(n.incidents.previous),
                change_text(n.incidents),
                n.active_partners,
                n.alerts_sent,
                "" if n.acknowledgement_rate is None else f"{n.acknowledgement_rate:.0f}",
            ]
            for n in figures.networks
        ]
    elif table == "places":
        rows = [
            [
                _("Country"),
                _("State or province"),
                _("Networks"),
                _("Incidents"),
                _("A year before"),
                _("Change"),
            ]
        ]
        rows += [
            [
                p.country,
                p.region,
                p.networks,
                int(p.incidents.current),
                int(p.incidents.previous),
                change_text(p.incidents),
            ]
            for p in figures.places
        ]
    elif table == "years":
        rows = [[_("Year"), _("Incidents"), _("In daytime"), _("Organised (3 or more suspects)")]]
        rows += [list(row) for row in figures.years]
    else:
        raise Http404
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="platform-{table}.csv"'
    response["Cache-Control"] = "no-store"
    return response
