"""How the isolation crawler attacks the senders' desk (alerts/compose_views.py).

The object pages are probed with the planted draft (edit, preview, send, discard, photos)
and the planted sent alert (progress, its JSON, follow-up): nobody outside the network, and
no store member of it, may open or change either. The draft also carries an uploaded photo
with a private caption.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile

from alerts.models import AlertPhoto
from tests.security.crawler import MEMBER, OBJECT, Probe, Side


def _plant_photo(side: Side) -> None:
    draft = side.objects["alert_draft"]
    photo = AlertPhoto(
        alert=draft,
        caption=side.mark(f"Draft photo caption {side.tag}"),
        added_by_id=side.coordinator.pk,
    )
    photo.display.save("display", ContentFile(b"\xff\xd8\xff\xd9"), save=False)
    photo.thumbnail.save("thumbnail", ContentFile(b"\xff\xd8\xff\xd9"), save=False)
    photo.save()


PLANTERS: list[Callable[[Side], None]] = [_plant_photo]


def _draft(side: Side) -> dict[str, Any]:
    return {"alert_id": side.alert_draft.pk}


def _sent(side: Side) -> dict[str, Any]:
    return {"alert_id": side.alert_sent.pk}


PROBES: dict[str, Probe] = {
    "tenant:alert_desk": Probe(MEMBER),
    "tenant:alert_new": Probe(MEMBER),
    "tenant:alert_edit": Probe(OBJECT, _draft),
    "tenant:alert_preview": Probe(OBJECT, _draft),
    "tenant:alert_send": Probe(OBJECT, _draft),
    "tenant:alert_discard": Probe(OBJECT, _draft),
    "tenant:alert_photos": Probe(OBJECT, _draft),
    "tenant:alert_progress": Probe(OBJECT, _sent),
    "tenant:alert_progress_json": Probe(OBJECT, _sent),
    "tenant:alert_follow_up": Probe(OBJECT, _sent),
}
