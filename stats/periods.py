"""The period a dashboard shows and the same dates a year before, as local dates of the
network, turned into the instants a query needs.

A period is read from `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included) or a preset
(`?period=12m|ytd|last_year|90d`); anything else falls back to the last 12 months with a
message saying why, so a mistyped address never costs a 500.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PRESETS = {
    "12m": gettext_lazy("Last 12 months"),
    "ytd": gettext_lazy("This year so far"),
    "last_year": gettext_lazy("Last year"),
    "90d": gettext_lazy("Last 90 days"),
}
# Longer periods make a month chart nobody can read and a query nobody needs.
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    first: dt.date  # included
    last: dt.date  # included
    preset: str = ""

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def year_before(self) -> Period:
        return Period(first=_minus_year(self.first), last=_minus_year(self.last))

    def bounds(self, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        """The instants [start, end) of the period in the network's time zone."""
        start = dt.datetime.combine(self.first, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return start, end

    def months(self) -> list[dt.date]:
        """The first day of every month the period touches."""
        month = self.first.replace(day=1)
        found = []
        while month <= self.last:
            found.append(month)
            month = (month + dt.timedelta(days=32)).replace(day=1)
        return found


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def preset_period(name: str, *, today: dt.date) -> Period:
    if name == "ytd":
        return Period(first=today.replace(month=1, day=1), last=today, preset=name)
    if name == "last_year":
        return Period(
            first=dt.date(today.year - 1, 1, 1), last=dt.date(today.year - 1, 12, 31), preset=name
        )
    if name == "90d":
        return Period(first=today - dt.timedelta(days=89), last=today, preset=name)
    # The last 12 months: this month so far and the 11 full months before it.
    first = months_back(today.replace(day=1), 11)
    return Period(first=first, last=today, preset="12m")


def months_back(month: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months before `month`'s."""
    year, index = divmod(month.year * 12 + month.month - 1 - count, 12)
    return dt.date(year, index + 1, 1)


def period_from(params: dict[str, str], *, today: dt.date) -> tuple[Period, str]:
    """The period asked for and, when the request could not be read, why (else "")."""
    start, end = params.get("from", "").strip(), params.get("to", "").strip()
    if not start and not end:
        preset = params.get("period", "12m")
        if preset not in PRESETS:
            return preset_period("12m", today=today), _(
                "Unknown period: showing the last 12 months."
            )
        return preset_period(preset, today=today), ""
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return preset_period("12m", today=today), _(
            "Dates are written YYYY-MM-DD: showing the last 12 months."
        )
    if last < first:
        return preset_period("12m", today=today), _(
            "The period ends before it starts: showing the last 12 months."
        )
    if (last - first).days + 1 > MAX_DAYS or first.year < 1900 or last.year > 9998:
        return preset_period("12m", today=today), _(
            "A period is at most three years: showing the last 12 months."
        )
    return Period(first=first, last=last), ""
