"""The private .ics feed: what a calendar app polling a person's address gets, read back with
the icalendar library as a calendar app would. Stable UIDs, SEQUENCE bumped on every change,
the request's state as STATUS, times in UTC; nothing typed can break out of its property; the
person's membership is checked again on every fetch."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django_tenants.utils import schema_context
from icalendar import Calendar

from networks.models import Membership
from police.ics import FeedEvent, render_ics
from police.models import PatrolRequest
from police.patrol_services import (
    calendar_feed_renew,
    patrol_request_answer,
    patrol_request_withdraw,
)
from tests.conftest import People, client_for
from tests.police.test_patrols import make_patrol

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_exempt")]

INJECTION = "Back door\nBEGIN:VEVENT\nSUMMARY:Fake; event, here\r\nEND:VEVENT\\ done"


def _token(people: People, user: Any) -> str:
    with schema_context(people.network.schema_name):
        return calendar_feed_renew(user=user)


def _feed(people: People, token: str) -> Any:
    return client_for(people.network).get(f"/police/patrols/calendar/{token}.ics")


def _events(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_owners_feed_carries_their_stores_requests_with_stable_uids_and_sequences(
    north_people: People,
) -> None:
    people = north_people
    patrol = make_patrol(people)
    make_patrol(people, store=people.other_store)
    token = _token(people, people.owner)
    events = _events(_feed(people, token))
    assert len(events) == 1
    ((uid, event),) = events.items()
    assert uid == f"patrol-{patrol.pk}@north.{uid.split('@north.')[1]}"
    assert event["STATUS"] == "TENTATIVE"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == patrol.starts_at
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert "DTSTART:" in _feed(people, token).content.decode()  # written as UTC, no TZID
    assert event.decoded("DTEND") == patrol.ends_at
    assert "Each evening at closing" in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(f"/police/patrols/{patrol.pk}/")

    with schema_context("north"):
        patrol_request_answer(patrol=patrol, by=people.police, accept=True, note="At 6 pm.")
    event = _events(_feed(people, token))[uid]
    assert (event["STATUS"], int(event["SEQUENCE"])) == ("CONFIRMED", 1)
    assert "At 6 pm." in str(event["DESCRIPTION"])
    with schema_context("north"):
        patrol_request_withdraw(patrol=patrol, by=people.owner)
    event = _events(_feed(people, token))[uid]
    assert (event["STATUS"], int(event["SEQUENCE"])) == ("CANCELLED", 2)


def test_the_police_feed_carries_every_stores_open_and_accepted_requests(
    north_people: People,
) -> None:
    people = north_people
    ours = make_patrol(people)
    theirs = make_patrol(people, store=people.other_store, days_ahead=3)
    with schema_context("north"):
        patrol_request_answer(patrol=theirs, by=people.police, accept=True, note="")
    events = _events(_feed(people, _token(people, people.police)))
    statuses = {uid.split("@")[0]: str(event["STATUS"]) for uid, event in events.items()}
    assert statuses == {f"patrol-{ours.pk}": "TENTATIVE", f"patrol-{theirs.pk}": "CONFIRMED"}
    summaries = " ".join(str(event["SUMMARY"]) for event in events.values())
    assert "North Gems" in summaries and "North Gold" in summaries


def test_text_typed_into_a_request_stays_inside_one_escaped_property(
    north_people: People,
) -> None:
    people = north_people
    patrol = make_patrol(
        people, times=INJECTION[:200], details=INJECTION + '\n<script>alert("x")</script>'
    )
    with schema_context("north"):
        patrol_request_answer(
            patrol=patrol, by=people.police, accept=True, note="Yes;\nBEGIN:VALARM, ok"
        )
    response = _feed(people, _token(people, people.owner))
    raw = response.content.decode()
    # No line of the feed starts what was typed: each stays inside its escaped property.
    lines = raw.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    assert not [line for line in lines if line.startswith(("BEGIN:VALARM", "SUMMARY:Fake"))]
    assert all(line.startswith(" ") or ":" in line or line == "" for line in lines)
    assert "\\;" in raw and "\\," in raw
    events = _events(response)
    assert len(events) == 1
    (event,) = events.values()
    description = str(event["DESCRIPTION"])
    assert INJECTION.replace("\r\n", "\n") in description
    assert '<script>alert("x")</script>' in description  # text, for a calendar to show as text
    assert "Yes;\nBEGIN:VALARM, ok" in description
    assert not event.walk("VALARM")


def test_render_ics_is_a_pure_function_of_plain_values() -> None:
    moment = dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    body = render_ics(
        name="Patrols, north; test",
        events=[
            FeedEvent(
                uid="patrol-1@north.example",
                sequence=3,
                status="declined",
                starts_at=moment,
                ends_at=moment + dt.timedelta(hours=2),
                changed_at=moment,
                created_at=moment,
                summary="Line one\nBEGIN:VEVENT",
                description="\x00bell\x07",
                location="",
                url="https://north.example/police/patrols/1/",
            )
        ],
    )
    text = body.decode()
    assert "DTSTART:20261202T010000Z" in text
    assert "STATUS:CANCELLED" in text and "SEQUENCE:3" in text
    assert "\x00" not in text and "\x07" not in text
    assert Calendar.from_ical(body).walk("VEVENT")[0]["SUMMARY"] == "Line one\nBEGIN:VEVENT"


def test_a_feed_answers_404_once_its_person_leaves_or_changes_role(
    north_people: People,
) -> None:
    people = north_people
    make_patrol(people)
    token = _token(people, people.staff)
    assert len(_events(_feed(people, token))) == 1
    with schema_context("north"):
        membership = Membership.objects.get(user=people.staff)
        membership.store = people.other_store
        membership.save(update_fields=["store"])
    assert _events(_feed(people, token)) == {}  # now sees the other store's (none)
    with schema_context("north"):
        Membership.objects.filter(user=people.staff).update(
            role=Membership.Role.COORDINATOR, store=None
        )
    assert _feed(people, token).status_code == 404
    with schema_context("north"):
        Membership.objects.filter(user=people.staff).update(
            role=Membership.Role.STORE_STAFF, store=people.store, is_active=False
        )
    assert _feed(people, token).status_code == 404
    people.staff.is_active = False
    people.staff.save(update_fields=["is_active"])
    with schema_context("north"):
        Membership.objects.filter(user=people.staff).update(is_active=True)
    assert _feed(people, token).status_code == 404


def test_wrong_tokens_and_other_networks_tokens_open_nothing(
    north_people: People, lakeshore_people: People
) -> None:
    make_patrol(north_people)
    token = _token(north_people, north_people.owner)
    assert _feed(lakeshore_people, token).status_code == 404
    assert _feed(north_people, token[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 404
    assert _feed(north_people, "").status_code == 404
    assert (
        client_for(north_people.network).post(f"/police/patrols/calendar/{token}.ics").status_code
        == 405
    )
    with schema_context("north"):
        assert PatrolRequest.objects.count() == 1
