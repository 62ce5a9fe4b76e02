"""Placeholder: this part's probes and planters (see tests/alerts/probes.py)."""

from __future__ import annotations

from collections.abc import Callable

from tests.security.crawler import Probe, Side

PLANTERS: list[Callable[[Side], None]] = []
PROBES: dict[str, Probe] = {}
