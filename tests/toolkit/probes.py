"""How the isolation crawler (tests/security/) attacks the toolkit's pages and downloads."""

from __future__ import annotations

from tests.security.crawler import MEMBER, OBJECT, Probe, Side


def _store(side: Side) -> dict[str, int]:
    return {"store_id": side.store.pk}


PROBES = {
    "tenant:toolkit_home": Probe(MEMBER),
    "tenant:toolkit_store": Probe(OBJECT, _store),
    "tenant:toolkit_all": Probe(OBJECT, _store),
    "tenant:toolkit_download": Probe(OBJECT, lambda side: {**_store(side), "item": "badge"}),
    "tenant:toolkit_preview": Probe(OBJECT, lambda side: {**_store(side), "item": "sign-window"}),
}
