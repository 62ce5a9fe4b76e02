"""Every chart's figures as a table: the same rows feed the table beside the chart (readable
by a screen reader, copyable into a spreadsheet) and the chart's CSV download."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alerts.models import Severity

from .network_figures import Change, NetworkFigures

WEEKDAYS = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]]


def change_text(change: Change) -> str:
    """A year-over-year change as people read it: +12%, -3%, "new" over a zero base."""
    if change.is_new:
        return _("new")
    if change.percent is None:
        return "—"
    return f"{change.percent:+.0f}%"


def _month(day: dt.date) -> str:
    return formats.date_format(day, "M Y")


def network_tables(figures: NetworkFigures, *, with_stores: bool) -> dict[str, Table]:
    this, before = _("This period"), _("A year before")
    tables = [
        Table(
            "by_type",
            _("Incidents by type"),
            [_("Type"), this, before, _("Change")],
            [[r.label, r.count.current, r.count.previous, r.count] for r in figures.by_type],
        ),
        Table(
            "by_month",
            _("Incidents by month"),
            [_("Month"), this, before, _("Change")],
            [
                [_month(r.month), r.count.current, r.count.previous, r.count]
                for r in figures.by_month
            ],
        ),
        Table(
            "when",
            _("Day of the week and hour"),
            [_("Day"), *[f"{hour:02d}:00" for hour in range(24)]],
            [[str(day), *figures.heat[index]] for index, day in enumerate(WEEKDAYS)],
        ),
        Table(
            "losses",
            _("Losses by type"),
            [_("Type"), _("Total"), _("Median loss")],
            [[r.label, r.loss, r.median_loss] for r in figures.by_type if r.loss],
        ),
        Table(
            "methods",
            _("Most common methods"),
            [_("Method"), _("Incidents")],
            [[text, count] for text, count in figures.methods],
        ),
        Table(
            "plates",
            _("Plates seen more than once"),
            [_("Plate"), _("Incidents"), _("Last seen"), _("Vehicles")],
            [[p.plate, p.incidents, p.last_seen, ", ".join(p.vehicles)] for p in figures.plates],
        ),
        Table(
            "vehicles",
            _("Vehicles seen more than once"),
            [_("Vehicle"), _("Incidents")],
            [[text, count] for text, count in figures.vehicles],
        ),
        Table(
            "alerts",
            _("Alerts sent"),
            [_("Severity"), this],
            [
                [str(label), figures.alerts_by_severity.get(value, 0)]
                for value, label in Severity.choices
            ],
        ),
        Table(
            "partners",
            _("Partners over time"),
            [_("Month"), _("Active partners at the end of the month"), _("New partners")],
            [[_month(month), active, new] for month, active, new in figures.partners],
        ),
        Table(
            "downloads",
            _("Toolkit downloads"),
            [_("Month"), _("Downloads")],
            [[_month(month), count] for month, count in figures.downloads],
        ),
    ]
    if with_stores:
        tables.append(
            Table(
                "stores",
                _("Stores most affected"),
                [_("Store"), _("Shared incidents"), _("Losses")],
                [[s.name, s.incidents, s.loss] for s in figures.stores],
            )
        )
    return {table.name: table for table in tables}


def csv_rows(table: Table) -> Iterable[list[object]]:
    yield list(table.columns)
    for row in table.rows:
        yield [_csv_value(value) for value in row]


def _csv_value(value: Any) -> object:
    if isinstance(value, Change):
        return change_text(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return "" if value is None else value
