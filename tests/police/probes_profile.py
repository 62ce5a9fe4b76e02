"""How the isolation crawler attacks the police app's profile pages, and what it plants for them
in each store (see tests/police/probes.py): a security profile shared with the network's
police, every text a marker."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from police.models import AlarmMonitoring, SecurityProfile
from tests.security.crawler import MEMBER, OBJECT, Probe, Side


def _plant_profile(side: Side) -> None:
    tag = side.tag
    side.objects["police_profile"] = SecurityProfile.objects.create(
        store=side.store,
        alarm_company=side.mark(f"Alarm {tag} Company"),
        alarm_monitoring=AlarmMonitoring.CENTRAL_STATION,
        holdup_alarm=side.mark(f"Holdup {tag}: under the counter"),
        camera_count=7,
        camera_coverage=side.mark(f"Cameras {tag}: entrance and showcases"),
        camera_retention_days=30,
        safes=side.mark(f"Safes {tag}: two in the office"),
        vault=side.mark(f"Vault {tag} behind the workshop"),
        opening_procedure=side.mark(f"Opening {tag}: two people, all-clear signal"),
        closing_procedure=side.mark(f"Closing {tag}: stock in the safe by 17:30"),
        staff_at_opening=2,
        staff_at_closing=3,
        home_security=side.mark(f"Home {tag}: patrol the house in August"),
        # Shared: the crawl checks that even a shared profile stays inside its network.
        shared_with_police=True,
        shared_at=timezone.now(),
        updated_by_id=side.owner.pk,
    )


PLANTERS: list[Callable[[Side], None]] = [_plant_profile]
PROBES: dict[str, Probe] = {
    "tenant:police_profile": Probe(MEMBER),
    "tenant:police_profile_share": Probe(MEMBER),
    "tenant:police_profiles_shared": Probe(MEMBER),
    "tenant:police_profile_view": Probe(
        OBJECT, lambda side: {"store_id": side.police_profile.store_id}
    ),
}
