"""How the isolation crawler attacks the crime-statistics pages: network pages without an
object (the chart's name is not an id). The incidents the incidents app plants, shared ones
included (their methods and plates are what the dashboard lists), are what must not leak."""

from __future__ import annotations

from tests.security.crawler import MEMBER, PLATFORM, Probe

PROBES: dict[str, Probe] = {
    "tenant:stats_dashboard": Probe(MEMBER),
    "tenant:stats_csv": Probe(MEMBER, lambda side: {"chart": "methods"}),
}

PROBES.update(
    {
        "public:platform_stats": Probe(PLATFORM),
        "public:platform_stats_rollup": Probe(PLATFORM),
        "public:platform_stats_progress": Probe(PLATFORM),
        "public:platform_stats_csv": Probe(PLATFORM, lambda side: {"table": "networks"}),
    }
)

PROBES["tenant:stats_report"] = Probe(MEMBER, lambda side: {"year": 2026, "month": 1})
