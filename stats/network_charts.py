"""The network dashboard's charts, drawn from its figures (stats.charts)."""

from __future__ import annotations

from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .charts import PREVIOUS, Series, bar_chart, heat_map, line_chart
from .network_figures import NetworkFigures
from .network_tables import WEEKDAYS


def network_charts(figures: NetworkFigures, *, with_stores: bool) -> dict[str, SafeString]:
    this, before = _("This period"), _("A year before")
    months = [formats.date_format(row.month, "M") for row in figures.by_month]
    charts = {
        "by_type": bar_chart(
            ident="chart-by-type",
            title=_("Incidents by type"),
            categories=[row.label for row in figures.by_type],
            series=[
                Series(this, [row.count.current for row in figures.by_type]),
                Series(before, [row.count.previous for row in figures.by_type], PREVIOUS),
            ],
        ),
        "by_month": line_chart(
            ident="chart-by-month",
            title=_("Incidents by month"),
            labels=months,
            series=[
                Series(this, [row.count.current for row in figures.by_month]),
                Series(before, [row.count.previous for row in figures.by_month], PREVIOUS),
            ],
        ),
        "when": heat_map(
            ident="chart-when",
            title=_("Day of the week and hour"),
            grid=figures.heat,
            row_labels=[str(day)[:3] for day in WEEKDAYS],
            col_labels=[f"{hour:02d}" for hour in range(24)],
        ),
        "losses": bar_chart(
            ident="chart-losses",
            title=_("Losses by type"),
            categories=[row.label for row in figures.by_type if row.loss],
            series=[Series(this, [float(row.loss) for row in figures.by_type if row.loss])],
        ),
        "partners": line_chart(
            ident="chart-partners",
            title=_("Active partners at the end of each month"),
            labels=[formats.date_format(month, "M") for month, _a, _n in figures.partners],
            series=[Series(_("Active partners"), [active for _m, active, _n in figures.partners])],
        ),
        "downloads": bar_chart(
            ident="chart-downloads",
            title=_("Toolkit downloads"),
            categories=[formats.date_format(month, "M Y") for month, _n in figures.downloads],
            series=[Series(_("Downloads"), [count for _m, count in figures.downloads])],
        ),
    }
    if with_stores:
        charts["stores"] = bar_chart(
            ident="chart-stores",
            title=_("Stores most affected"),
            categories=[store.name for store in figures.stores],
            series=[Series(_("Shared incidents"), [store.incidents for store in figures.stores])],
        )
    return charts
