"""How the isolation crawler attacks the police app's patrols pages, and what it plants for them
in each store (see tests/police/probes.py)."""

from __future__ import annotations

from collections.abc import Callable

from tests.security.crawler import Probe, Side

PLANTERS: list[Callable[[Side], None]] = []
PROBES: dict[str, Probe] = {}
