"""How the isolation crawler (tests/security/) attacks the police app's pages, and the
police-partnership records it plants in each store to watch for leaks.

Each part of the app keeps its probes and planters in its own module beside this one
(probes_contacts, probes_profile, probes_patrols, probes_plans, probes_desk); this one
gathers them.
"""

from __future__ import annotations

from collections.abc import Callable

from django_tenants.utils import schema_context

from tests.security.crawler import Probe, Side

from . import probes_contacts, probes_desk, probes_patrols, probes_plans, probes_profile

_PARTS = (probes_contacts, probes_profile, probes_patrols, probes_plans, probes_desk)

PLANTERS: list[Callable[[Side], None]] = [planter for part in _PARTS for planter in part.PLANTERS]


def plant(side: Side) -> None:
    with schema_context(side.network.schema_name):
        for planter in PLANTERS:
            planter(side)


PROBES: dict[str, Probe] = {}
for _part in _PARTS:
    for _key, _probe in _part.PROBES.items():
        assert _key not in PROBES, f"{_key} is probed twice"
        PROBES[_key] = _probe
