"""How the isolation crawler (tests/security/) attacks the pages config/ itself serves."""

from __future__ import annotations

from tests.security.crawler import PLATFORM, PUBLIC, Probe

PROBES = {
    "tenant:set_language": Probe(PUBLIC),
    "public:set_language": Probe(PUBLIC),
    "tenant:healthz": Probe(PUBLIC),
    "public:healthz": Probe(PUBLIC),
    "public:home": Probe(PUBLIC),
    "tenant:favicon": Probe(PUBLIC),
    "public:favicon": Probe(PUBLIC),
    # Sends each person on to their own first page: never to another network's.
    "tenant:after_login": Probe(PUBLIC),
    "public:after_login": Probe(PUBLIC),
    "public:platform_overview": Probe(PLATFORM),
}
