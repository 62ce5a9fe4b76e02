"""How the isolation crawler attacks the police app's contacts pages, and what it plants for them
in each store (see tests/police/probes.py): a police contact, a meeting with it and a
follow-up assigned to it, every text a marker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from police.models import FollowUp, Meeting, PoliceContact, Reach
from tests.security.crawler import MEMBER, OBJECT, Probe, Side


def _plant_contacts(side: Side) -> None:
    tag = side.tag
    contact = PoliceContact.objects.create(
        store=side.store,
        name=side.mark(f"Detective {tag} Contact"),
        agency=side.mark(f"Agency {tag} Police"),
        unit=side.mark(f"Unit {tag} Robbery"),
        rank=side.mark(f"Rank {tag}"),
        phone="+15555550142",
        email=side.mark(f"detective-{tag.lower()}@police.example"),
        preferred=Reach.EMAIL,
        notes=side.mark(f"Notes {tag}: ask for the night sergeant"),
        created_by_id=side.owner.pk,
    )
    meeting = Meeting.objects.create(
        store=side.store,
        held_on=dt.date(2026, 3, 2),
        kind=Meeting.Kind.WALKTHROUGH,
        attendees=side.mark(f"Attendees {tag}: the store manager"),
        discussed=side.mark(f"Discussed {tag}: the blind spot by the back door"),
        created_by_id=side.owner.pk,
    )
    meeting.contacts.set([contact])
    follow_up = FollowUp.objects.create(
        meeting=meeting,
        store=side.store,
        text=side.mark(f"Follow-up {tag}: move the camera above the safe"),
        due_on=dt.date(2026, 3, 20),
        contact=contact,
    )
    side.objects["police_contact"] = contact
    side.objects["police_meeting"] = meeting
    side.objects["police_follow_up"] = follow_up


def _kwargs(name: str, key: str) -> Callable[[Side], dict[str, Any]]:
    return lambda side: {name: getattr(side, key).pk}


PLANTERS: list[Callable[[Side], None]] = [_plant_contacts]
PROBES: dict[str, Probe] = {
    "tenant:police_contacts": Probe(MEMBER),
    "tenant:police_contact_new": Probe(MEMBER),
    "tenant:police_contact_edit": Probe(OBJECT, _kwargs("contact_id", "police_contact")),
    "tenant:police_contact_delete": Probe(OBJECT, _kwargs("contact_id", "police_contact")),
    "tenant:police_meetings": Probe(MEMBER),
    "tenant:police_meeting_new": Probe(MEMBER),
    "tenant:police_follow_ups_mine": Probe(MEMBER),
    "tenant:police_follow_up_done": Probe(OBJECT, _kwargs("follow_up_id", "police_follow_up")),
}
