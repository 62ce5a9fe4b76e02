"""The network's crime-statistics page: the coordinator reads everything, police everything
but the stores most affected, store people nothing; each chart's table downloads as CSV; a
period nobody can read falls back with a message."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.models import Incident
from tests.conftest import People, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_exempt")]


def _incident(
    people: People,
    *,
    days_ago: int,
    kind: str = "smash",
    shared: bool = True,
    method: str = "Hammer on the showcase",
) -> Incident:
    with schema_context(people.network.schema_name):
        return Incident.objects.create(
            store=people.store,
            kind=kind,
            summary="Smash at the front",
            started_at=timezone.now() - dt.timedelta(days=days_ago),
            is_shared=shared,
            method=method,
            logged_by_id=people.owner.pk,
        )


def test_the_coordinator_reads_every_figure_and_the_stores_most_affected(
    north_people: People,
) -> None:
    people = north_people
    _incident(people, days_ago=3)
    _incident(people, days_ago=4, kind="casing")
    _incident(people, days_ago=370)
    page = client_for(people.network, people.coordinator).get("/stats/")
    assert page.status_code == 200
    figures = page.context["figures"]
    assert figures.total.current == 2 and figures.total.previous == 1
    text = page.content.decode()
    assert "Incidents by type" in text and "<svg" in text
    assert "Stores most affected" in text and people.store.display_name in text
    assert "Hammer on the showcase" in text


def test_police_read_the_figures_without_the_stores_named(north_people: People) -> None:
    people = north_people
    _incident(people, days_ago=3)
    page = client_for(people.network, people.police).get("/stats/")
    assert page.status_code == 200
    assert page.context["figures"].total.current == 1
    assert "Stores most affected" not in page.content.decode()
    assert client_for(people.network, people.police).get("/stats/stores.csv").status_code == 404


@pytest.mark.parametrize("role", ["owner", "staff", "other_store_owner"])
def test_store_people_get_a_404(north_people: People, role: str) -> None:
    client = client_for(north_people.network, getattr(north_people, role))
    assert client.get("/stats/").status_code == 404
    assert client.get("/stats/by_type.csv").status_code == 404


def test_each_chart_downloads_its_table_as_csv(north_people: People) -> None:
    people = north_people
    _incident(people, days_ago=2, method="=HYPERLINK('http://x')")
    client = client_for(people.network, people.coordinator)
    page = client.get("/stats/")
    for name, table in page.context["tables"].items():
        response = client.get(f"/stats/{name}.csv?{page.context['period_query']}")
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == table.columns
        assert len(rows) == len(table.rows) + 1
    methods = client.get("/stats/methods.csv").content.decode("utf-8-sig")
    # A formula typed as a method is text in a spreadsheet.
    assert "'=HYPERLINK('http://x')" in methods
    assert client.get("/stats/nothing.csv").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2026-13-01&to=2026-01-01", "Dates are written YYYY-MM-DD"),
        ("from=2026-05-01&to=2026-01-01", "ends before it starts"),
        ("from=1990-01-01&to=2026-01-01", "at most three years"),
        ("period=forever", "Unknown period"),
        ("from=" + "9" * 500 + "&to=x", "Dates are written YYYY-MM-DD"),
    ],
)
def test_a_period_nobody_can_read_falls_back_with_a_message(
    north_people: People, query: str, message: str
) -> None:
    page = client_for(north_people.network, north_people.coordinator).get(f"/stats/?{query}")
    assert page.status_code == 200
    assert message in page.content.decode()
    assert page.context["figures"].period.preset == "12m"


def test_a_chosen_period_is_compared_with_the_same_dates_a_year_before(
    north_people: People,
) -> None:
    people = north_people
    zone = zoneinfo.ZoneInfo(people.network.timezone)
    with schema_context(people.network.schema_name):
        for year in (2025, 2026):
            Incident.objects.create(
                store=people.store,
                kind="robbery",
                summary="Robbery",
                started_at=dt.datetime(year, 3, 15, 14, tzinfo=zone),
                logged_by_id=people.owner.pk,
            )
    page = client_for(people.network, people.coordinator).get(
        "/stats/?from=2026-03-01&to=2026-03-31"
    )
    figures = page.context["figures"]
    assert (figures.total.current, figures.total.previous) == (1, 1)
    assert figures.previous.first == dt.date(2025, 3, 1)
    (row,) = page.context["tables"]["by_type"].rows
    assert row[:3] == ["Robbery", 1, 1]
    assert '<span class="change ">+0%</span>' in page.content.decode()
