"""The patrol calendar page: the coming weeks day by day, the store's requests for its team,
every open and accepted request for the network's police; months and weeks to page through;
and the page where a person makes or replaces their private calendar address."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import User
from police.models import CalendarFeed
from police.patrol_services import patrol_request_answer, patrol_request_withdraw
from tests.conftest import People, client_for
from tests.police.test_patrols import make_patrol

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_exempt")]


def _day_heading(day: dt.date) -> str:
    return f'<time datetime="{day:%Y-%m-%d}">'


def test_the_owner_sees_their_stores_requests_day_by_day_and_police_see_the_networks(
    north_people: People,
) -> None:
    people = north_people
    ours = make_patrol(people, days_ahead=3)
    theirs = make_patrol(people, store=people.other_store, days_ahead=4)
    declined = make_patrol(people, days_ahead=6)
    withdrawn = make_patrol(people, days_ahead=7)
    with schema_context("north"):
        patrol_request_answer(patrol=declined, by=people.police, accept=False, note="No units.")
        patrol_request_withdraw(patrol=withdrawn, by=people.owner)
    owner = client_for(people.network, people.owner).get("/police/patrols/calendar/")
    assert owner.status_code == 200
    page = owner.content.decode()
    assert f"/police/patrols/{ours.pk}/" in page
    assert f"/police/patrols/{declined.pk}/" in page  # the store sees the refusal
    assert f"/police/patrols/{theirs.pk}/" not in page
    assert f"/police/patrols/{withdrawn.pk}/" not in page
    # A four-day request shows under each of its days.
    zone = people.network.zone
    first_day = timezone.localtime(ours.starts_at, zone).date()
    for offset in range(4):
        assert _day_heading(first_day + dt.timedelta(days=offset)) in page
    assert page.count(f"/police/patrols/{ours.pk}/") >= 4

    staff = client_for(people.network, people.staff).get("/police/patrols/calendar/")
    assert f"/police/patrols/{ours.pk}/" in staff.content.decode()

    police = client_for(people.network, people.police).get("/police/patrols/calendar/")
    page = police.content.decode()
    assert f"/police/patrols/{ours.pk}/" in page and f"/police/patrols/{theirs.pk}/" in page
    assert "North Gold" in page
    assert f"/police/patrols/{declined.pk}/" not in page
    assert f"/police/patrols/{withdrawn.pk}/" not in page


def test_months_and_weeks_page_through_and_nonsense_shows_the_coming_weeks(
    north_people: People,
) -> None:
    people = north_people
    later = make_patrol(people, days_ahead=40)
    client = client_for(people.network, people.owner)
    coming = client.get("/police/patrols/calendar/").content.decode()
    assert f"/police/patrols/{later.pk}/" not in coming
    following = re.search(r'href="\?(start=[\d-]+)" rel="next"', coming)
    assert following is not None
    second = client.get(f"/police/patrols/calendar/?{following[1]}").content.decode()
    third_link = re.search(r'href="\?(start=[\d-]+)" rel="next"', second)
    assert third_link is not None
    two_later = client.get(f"/police/patrols/calendar/?{third_link[1]}").content.decode()
    assert f"/police/patrols/{later.pk}/" in second + two_later
    month = timezone.localtime(later.starts_at, people.network.zone).strftime("%Y-%m")
    by_month = client.get(f"/police/patrols/calendar/?month={month}")
    assert f"/police/patrols/{later.pk}/" in by_month.content.decode()
    assert 'rel="prev"' in by_month.content.decode()
    for nonsense in ("month=2026-13", "month=99999-01", "start=2026-02-30", "start=x", "month="):
        response = client.get(f"/police/patrols/calendar/?{nonsense}")
        assert response.status_code == 200


def test_the_coordinator_and_outsiders_have_no_patrol_calendar(
    north_people: People, outsider: User
) -> None:
    people = north_people
    for user in (people.coordinator, outsider):
        client = client_for(people.network, user)
        assert client.get("/police/patrols/calendar/").status_code == 404
        assert client.get("/police/patrols/calendar/feed/").status_code == 404
        assert client.post("/police/patrols/calendar/feed/").status_code == 404
    anonymous = client_for(people.network).get("/police/patrols/calendar/")
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_a_person_makes_a_calendar_address_shown_once_and_replacing_it_kills_the_old(
    north_people: People,
) -> None:
    people = north_people
    make_patrol(people)
    client = client_for(people.network, people.owner)
    page = client.get("/police/patrols/calendar/feed/")
    assert "Make my calendar address" in page.content.decode()
    made = client.post("/police/patrols/calendar/feed/")
    assert made["Cache-Control"].startswith("max-age=0") or "no-store" in made["Cache-Control"]
    first = re.search(r'value="(https?://[^"]+\.ics)"', made.content.decode())
    assert first is not None
    first_path = urlsplit(first[1]).path
    token = first_path.rsplit("/", 1)[1].removesuffix(".ics")
    with schema_context("north"):
        stored = CalendarFeed.objects.get(user_id=people.owner.pk)
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    # The address is not shown again.
    again = client.get("/police/patrols/calendar/feed/").content.decode()
    assert token not in again and "Replace my calendar address" in again
    anonymous = client_for(people.network)
    assert anonymous.get(first_path).status_code == 200
    replaced = client.post("/police/patrols/calendar/feed/").content.decode()
    second = re.search(r'value="(https?://[^"]+\.ics)"', replaced)
    assert second is not None and second[1] != first[1]
    assert anonymous.get(first_path).status_code == 404
    second_path = urlsplit(second[1]).path
    assert anonymous.get(second_path).status_code == 200
    with schema_context("north"):
        assert CalendarFeed.objects.filter(user_id=people.owner.pk).count() == 1
