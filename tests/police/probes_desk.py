"""How the isolation crawler attacks the police app's desk pages, and what it plants for them
in each store (see tests/police/probes.py).

The desk and the overview name no object: they list what the other parts plant (patrol
requests, plan versions, follow-ups, shared incidents), whose markers must not show to another
network's members."""

from __future__ import annotations

from collections.abc import Callable

from tests.security.crawler import MEMBER, Probe, Side

PLANTERS: list[Callable[[Side], None]] = []
PROBES: dict[str, Probe] = {
    "tenant:police_desk": Probe(MEMBER),
    "tenant:police_overview": Probe(MEMBER),
}
