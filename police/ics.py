"""Patrol requests as an iCalendar feed (RFC 5545), a pure function: plain values in, bytes
out. Every text a person typed goes through the icalendar library's escaping (line breaks,
`;`, `,`, backslashes), so nothing typed can end a property or start an event of its own."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

STATUS = {
    "open": "TENTATIVE",
    "accepted": "CONFIRMED",
    "declined": "CANCELLED",
    "withdrawn": "CANCELLED",
}
# Control characters have no business in a calendar and some readers choke on them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    sequence: int
    status: str  # a PatrolRequest.Status value
    starts_at: dt.datetime
    ends_at: dt.datetime
    changed_at: dt.datetime
    created_at: dt.datetime
    summary: str
    description: str
    location: str
    url: str


def _text(value: str) -> str:
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def render_ics(*, name: str, events: Iterable[FeedEvent]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Partner for Protection//Patrol requests//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(name))
    calendar.add("x-published-ttl", "PT1H")
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("sequence", item.sequence)
        event.add("status", STATUS.get(item.status, "TENTATIVE"))
        event.add("dtstamp", _utc(item.changed_at))
        event.add("created", _utc(item.created_at))
        event.add("last-modified", _utc(item.changed_at))
        event.add("dtstart", _utc(item.starts_at))
        event.add("dtend", _utc(item.ends_at))
        event.add("summary", _text(item.summary))
        event.add("description", _text(item.description))
        if item.location:
            event.add("location", _text(item.location))
        event.add("url", item.url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
