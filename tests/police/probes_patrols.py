"""How the isolation crawler attacks the police app's patrols pages, and what it plants for them
in each store (see tests/police/probes.py): an answered patrol request with every text marked,
and the owner's private calendar feed (its token is the key the feed URL is tried with)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from police.models import PatrolRequest
from police.patrol_services import calendar_feed_renew
from tests.security.crawler import MEMBER, OBJECT, PUBLIC, Probe, Side


def _plant_patrol(side: Side) -> None:
    tag = side.tag
    start = timezone.now() + dt.timedelta(days=2)
    side.objects["patrol_request"] = PatrolRequest.objects.create(
        store=side.store,
        reason=PatrolRequest.Reason.AWAY,
        starts_at=start,
        ends_at=start + dt.timedelta(days=5),
        times=side.mark(f"Patrol times {tag} each evening at closing"),
        details=side.mark(f"Patrol details {tag} owner at the trade show"),
        status=PatrolRequest.Status.ACCEPTED,
        requested_by_id=side.owner.pk,
        answered_by_id=side.coordinator.pk,
        answered_by_name=side.mark(f"Officer {tag} Patrolman"),
        answered_at=timezone.now(),
        answer_note=side.mark(f"Patrol note {tag} we pass by at 6 pm"),
        sequence=1,
    )
    side.objects["patrol_feed_token"] = calendar_feed_renew(user=side.owner)


def _patrol(side: Side) -> dict[str, Any]:
    return {"patrol_id": side.patrol_request.pk}


PLANTERS: list[Callable[[Side], None]] = [_plant_patrol]
PROBES: dict[str, Probe] = {
    "tenant:police_patrols": Probe(MEMBER),
    "tenant:police_patrol_new": Probe(MEMBER),
    "tenant:police_patrol_detail": Probe(OBJECT, _patrol),
    "tenant:police_patrol_answer": Probe(OBJECT, _patrol),
    "tenant:police_patrol_withdraw": Probe(OBJECT, _patrol),
    "tenant:police_calendar": Probe(MEMBER),
    "tenant:police_calendar_feed": Probe(MEMBER),
    "tenant:police_calendar_ics": Probe(
        PUBLIC, lambda side: {"token": side.patrol_feed_token}, secret=True
    ),
}
