"""The platform's figures across every network, read only from the rollup's tables
(stats.models): trends by year, by network and by state/province/country, daytime and
organised crime year over year, partners over time, each network's health.

Year over year compares the last 12 complete months with the 12 before: the current month
is still filling, and January would otherwise compare a few days with a whole year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max, Sum
from django.utils import timezone

from incidents.models import IncidentType
from networks.models import Network

from .models import NetworkMonth, NetworkRollup, NetworkYearType
from .network_figures import Change
from .periods import months_back

# The public panel shows no figure built from fewer incidents than this.
PUBLIC_MINIMUM = 5


@dataclass(frozen=True)
class Window:
    first: dt.date  # first month included
    last: dt.date  # last month included

    def year_before(self) -> Window:
        return Window(
            self.first.replace(year=self.first.year - 1), self.last.replace(year=self.last.year - 1)
        )


def comparison_window(today: dt.date) -> Window:
    last = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return Window(first=months_back(last, 11), last=last)


@dataclass(frozen=True)
class NetworkRow:
    network_id: int
    name: str
    slug: str
    place: str
    incidents: Change
    active_partners: int
    alerts_sent: int
    acknowledgement_rate: float | None
    rolled_up_at: dt.datetime | None


@dataclass(frozen=True)
class PlaceRow:
    country: str
    region: str
    networks: int
    incidents: Change


@dataclass
class PlatformFigures:
    window: Window
    incidents: Change = field(default_factory=lambda: Change(0, 0))
    daytime: Change = field(default_factory=lambda: Change(0, 0))
    organised: Change = field(default_factory=lambda: Change(0, 0))
    loss_total: Change = field(default_factory=lambda: Change(0, 0))
    years: list[tuple[int, int, int, int]] = field(default_factory=list)  # year, n, day, org
    year_types: list[int] = field(default_factory=list)
    types: list[tuple[str, list[int]]] = field(default_factory=list)  # label, per year
    networks: list[NetworkRow] = field(default_factory=list)
    places: list[PlaceRow] = field(default_factory=list)
    partners: list[tuple[dt.date, int]] = field(default_factory=list)
    active_partners: int = 0
    rolled_up_at: dt.datetime | None = None

    @property
    def daytime_share(self) -> float | None:
        n = self.incidents.current
        return self.daytime.current * 100 / n if n else None

    @property
    def organised_share(self) -> float | None:
        n = self.incidents.current
        return self.organised.current * 100 / n if n else None


def _window_sums(window: Window) -> dict[int, dict[str, int | Decimal]]:
    """Per network: the window's sums."""
    rows = (
        NetworkMonth.objects.filter(month__gte=window.first, month__lte=window.last)
        .values("network_id")
        .annotate(
            incidents=Sum("incidents"),
            daytime=Sum("daytime"),
            organised=Sum("organised"),
            loss=Sum("loss_total"),
            alerts=Sum("alerts_sent"),
            recipients=Sum("recipients"),
            acknowledged=Sum("acknowledged"),
        )
    )
    sums: dict[int, dict[str, int | Decimal]] = {}
    for row in rows:
        values: dict[str, Any] = dict(row)
        sums[values.pop("network_id")] = values
    return sums


def platform_figures(*, today: dt.date | None = None) -> PlatformFigures:
    today = today or timezone.localdate()
    window = comparison_window(today)
    figures = PlatformFigures(window=window)
    now, before = _window_sums(window), _window_sums(window.year_before())

    def total(sums: dict[int, dict[str, int | Decimal]], key: str) -> float:
        return float(sum(row[key] or 0 for row in sums.values()))

    figures.incidents = Change(total(now, "incidents"), total(before, "incidents"))
    figures.daytime = Change(total(now, "daytime"), total(before, "daytime"))
    figures.organised = Change(total(now, "organised"), total(before, "organised"))
    figures.loss_total = Change(total(now, "loss"), total(before, "loss"))

    figures.years = [
        (row["month__year"], row["n"], row["day"], row["org"])
        for row in NetworkMonth.objects.values("month__year")
        .annotate(n=Sum("incidents"), day=Sum("daytime"), org=Sum("organised"))
        .order_by("month__year")
        if row["n"]
    ]
    _types(figures)
    latest = _latest_partners()
    figures.active_partners = sum(latest.values())
    rolled = dict(NetworkRollup.objects.values_list("network_id", "rolled_up_at"))
    figures.rolled_up_at = max(rolled.values(), default=None)
    places: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0])
    for network in (
        Network.objects.filter(is_active=True).exclude(schema_name="public").order_by("name")
    ):
        mine, earlier = now.get(network.pk, {}), before.get(network.pk, {})
        recipients = int(mine.get("recipients") or 0)
        figures.networks.append(
            NetworkRow(
                network_id=network.pk,
                name=network.name,
                slug=network.slug,
                place=", ".join(p for p in (network.region, network.country) if p),
                incidents=Change(
                    float(mine.get("incidents") or 0), float(earlier.get("incidents") or 0)
                ),
                active_partners=latest.get(network.pk, 0),
                alerts_sent=int(mine.get("alerts") or 0),
                acknowledgement_rate=(
                    int(mine.get("acknowledged") or 0) * 100 / recipients if recipients else None
                ),
                rolled_up_at=rolled.get(network.pk),
            )
        )
        place = places[(network.country, network.region)]
        place[0] += 1
        place[1] += float(mine.get("incidents") or 0)
        place[2] += float(earlier.get("incidents") or 0)
    figures.places = sorted(
        (
            PlaceRow(country=country, region=region, networks=int(n), incidents=Change(a, b))
            for (country, region), (n, a, b) in places.items()
        ),
        key=lambda row: (-row.incidents.current, row.country, row.region),
    )
    figures.partners = [
        (row["month"], row["n"])
        for row in NetworkMonth.objects.filter(
            month__gte=window.first.replace(year=window.first.year - 1)
        )
        .values("month")
        .annotate(n=Sum("active_partners"))
        .order_by("month")
    ]
    return figures


def _types(figures: PlatformFigures) -> None:
    per: dict[str, dict[int, int]] = defaultdict(dict)
    years: set[int] = set()
    for row in NetworkYearType.objects.values("kind", "year").annotate(n=Sum("incidents")):
        per[row["kind"]][row["year"]] = row["n"]
        years.add(row["year"])
    figures.year_types = sorted(years)[-4:]
    labels = dict(IncidentType.choices)
    figures.types = sorted(
        (
            (str(labels.get(kind, kind)), [counts.get(year, 0) for year in figures.year_types])
            for kind, counts in per.items()
        ),
        key=lambda item: -sum(item[1]),
    )


def _latest_partners() -> dict[int, int]:
    """Each network's active partners at the end of its latest rolled-up month."""
    latest = NetworkMonth.objects.values("network_id").annotate(last=Max("month"))
    wanted = {(row["network_id"], row["last"]) for row in latest}
    found: dict[int, int] = {}
    for network_id, month, active in NetworkMonth.objects.filter(
        month__in={month for _n, month in wanted}
    ).values_list("network_id", "month", "active_partners"):
        if (network_id, month) in wanted:
            found[network_id] = active
    return found


@dataclass(frozen=True)
class PublicFigure:
    value: str
    label: str


def public_figures(*, today: dt.date | None = None) -> dict[str, object]:
    """The landing page's own figures: the last 12 complete months across every network, each
    shown only when built from at least PUBLIC_MINIMUM incidents."""
    window = comparison_window(today or timezone.localdate())
    sums = NetworkMonth.objects.filter(month__gte=window.first, month__lte=window.last).aggregate(
        incidents=Sum("incidents"), daytime=Sum("daytime"), organised=Sum("organised")
    )
    before = NetworkMonth.objects.filter(
        month__gte=window.year_before().first, month__lte=window.year_before().last
    ).aggregate(incidents=Sum("incidents"))
    incidents = sums["incidents"] or 0
    earlier = before["incidents"] or 0
    shown = incidents >= PUBLIC_MINIMUM
    return {
        "window": window,
        "shown": shown,
        "incidents": incidents if shown else None,
        "change": Change(incidents, earlier) if shown and earlier >= PUBLIC_MINIMUM else None,
        "daytime_share": (sums["daytime"] or 0) * 100 / incidents if shown else None,
        "organised_share": (sums["organised"] or 0) * 100 / incidents if shown else None,
        "networks": Network.objects.filter(is_active=True).exclude(schema_name="public").count(),
        "partners": sum(_latest_partners().values()),
    }
