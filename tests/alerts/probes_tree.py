"""The printed calling tree's probe (alerts/tree_views.py): the sent alert planted by
tests/alerts/probes.py, whose PDF only its own network's senders may print."""

from __future__ import annotations

from collections.abc import Callable

from tests.security.crawler import OBJECT, Probe, Side

PLANTERS: list[Callable[[Side], None]] = []
PROBES: dict[str, Probe] = {
    "tenant:alert_calling_tree": Probe(OBJECT, lambda side: {"alert_id": side.alert_sent.pk}),
}
