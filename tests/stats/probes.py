"""How the isolation crawler attacks the crime-statistics pages: network pages without an
object (the chart's name is not an id). The incidents the incidents app plants, shared ones
included (their methods and plates are what the dashboard lists), are what must not leak."""

from __future__ import annotations

from tests.security.crawler import MEMBER, Probe

PROBES: dict[str, Probe] = {
    "tenant:stats_dashboard": Probe(MEMBER),
    "tenant:stats_csv": Probe(MEMBER, lambda side: {"chart": "methods"}),
}
