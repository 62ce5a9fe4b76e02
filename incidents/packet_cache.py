"""Rendered packets, kept while what they show is unchanged.

A packet takes WeasyPrint about 150 ms of CPU; a police officer, an insurer's adjuster and the
owner opening the same incident in the same hour need one rendering, not three. The key holds
everything the packet is drawn from: the incident's version (`updated_at`, which every write
through the services moves, and `redacted_at`, which retention sets), the store's version,
its evidence (id,
status, whether internal, caption), the reader's visibility and language, and the network's
name, currency and time zone. The cache's own keys carry the network's schema
(`networks.cache.make_key`), so one network never reads another's packet.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from networks.models import Network

from .access import Visibility
from .models import Incident
from .render.build import packet_data
from .render.packet import render_packet_pdf

KEEP_SECONDS = 24 * 60 * 60


def _key(*, incident: Incident, visibility: Visibility, network: Network, language: str) -> str:
    evidence = list(
        incident.evidence.order_by("pk").values_list("pk", "status", "is_internal", "caption")
    )
    parts = [
        incident.pk,
        incident.updated_at.isoformat(),
        incident.redacted_at.isoformat() if incident.redacted_at else "",
        incident.store.updated_at.isoformat(),  # its name and address are on the cover
        evidence,
        visibility.value,
        language,
        network.name,
        network.currency,
        network.timezone,
    ]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"incidents:packet:{digest}"


def packet_pdf(*, incident: Incident, visibility: Visibility, network: Network) -> bytes:
    """The packet as this reader may see it, rendered once per version of what it shows."""
    language = network.language or "en"
    key = _key(incident=incident, visibility=visibility, network=network, language=language)
    pdf = cache.get(key)
    if pdf is None:
        packet = packet_data(
            incident=incident, visibility=visibility, network=network, language=language
        )
        pdf = render_packet_pdf(packet=packet)
        cache.set(key, pdf, KEEP_SECONDS)
    return bytes(pdf)
