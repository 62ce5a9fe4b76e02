"""Incidents for the export and rendering tests: every text a person types holds markup and
addresses, each tagged so a test can find it again; values, identifiers and evidence images
(ready, internal, damaged, still being prepared) in storage."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from accounts.models import User
from incidents.models import Evidence, Incident, StolenItem, Suspect, Vehicle
from incidents.services import incident_create
from networks.models import Membership

# Longest first: a field takes the longest that fits.
HOSTILE_VARIANTS = (
    "<script>alert(1)</script> <img src=http://169.254.169.254/x> url(file:///etc/passwd)",
    "<img src=http://169.254.169.254/>",
    "url(file:///etc/passwd)",
    "<script>x</script>",
    "<i>url(x)</i>",
)
INCIDENT_TEXTS = (
    "location_detail",
    "summary",
    "narrative",
    "method",
    "police_agency",
    "police_report_number",
    "police_officer",
    "injuries",
    "internal_notes",
)
SUSPECT_TEXTS = tuple(name for name in Suspect.DETAIL_FIELDS if name not in ("age_range", "build"))
VEHICLE_TEXTS = ("make", "model", "colour", "plate", "plate_region", "direction", "marks")
ITEM_TEXTS = (
    "description",
    "serial_number",
    "certificate_number",
    "laser_inscription",
    "watch_reference",
    "watch_case_number",
)


def hostile(tag: str, max_length: int) -> str:
    """`tag` then the longest hostile text that fits the column."""
    for variant in HOSTILE_VARIANTS:
        if len(tag) + len(variant) <= max_length:
            return tag + variant
    return tag[:max_length]


def _texts(model: Any, names: tuple[str, ...], prefix: str) -> dict[str, str]:
    return {
        name: hostile(f"{prefix}{index}", model._meta.get_field(name).max_length or 5000)
        for index, name in enumerate(names)
    }


def jpeg(colour: tuple[int, int, int], size: tuple[int, int] = (640, 480)) -> bytes:
    image = Image.new("RGB", size, colour)
    # A stripe, so a still is recognisable as a picture on the rendered page.
    for x in range(size[0] // 3, size[0] // 3 + size[0] // 8):
        for y in range(size[1]):
            image.putpixel((x, y), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def membership_of(user: User) -> Membership:
    return Membership.objects.select_related("store").get(user_id=user.pk)


def hostile_incident(
    owner: User, *, started_at: dt.datetime | None = None, prefix: str = "Q"
) -> Incident:
    """A complete incident of the owner's store with markup in every text (call inside the
    network's schema). Texts are tagged `<prefix>I0`…, suspects `<prefix>S0`…, and so on."""
    fields: dict[str, Any] = {
        "kind": "distraction",
        "started_at": started_at or timezone.now() - dt.timedelta(days=2),
        "ended_at": (started_at or timezone.now() - dt.timedelta(days=2))
        + dt.timedelta(minutes=25),
        "location": "inside",
        "suspect_count": 2,
        "anything_taken": True,
        "police_called": True,
        **_texts(Incident, INCIDENT_TEXTS, f"{prefix}I"),
    }
    suspects = [
        {"age_range": "26-35", "build": "slim", **_texts(Suspect, SUSPECT_TEXTS, f"{prefix}S")}
    ]
    vehicles = [{"body": "sedan", **_texts(Vehicle, VEHICLE_TEXTS, f"{prefix}V")}]
    items = [
        {
            "category": "watch",
            "quantity": 2,
            "unit_value": Decimal("12345.50"),
            **_texts(StolenItem, ITEM_TEXTS, f"{prefix}T"),
        },
        {"category": "ring", "description": "Plain gold band", "quantity": 1, "unit_value": None},
    ]
    return incident_create(
        membership=membership_of(owner),
        by=owner,
        fields=fields,
        suspects=suspects,
        vehicles=vehicles,
        items=items,
    )


def add_evidence(
    incident: Incident,
    *,
    data: bytes | None,
    caption: str,
    internal: bool = False,
    status: str = Evidence.Status.READY,
) -> Evidence:
    evidence = Evidence(
        incident=incident,
        kind=Evidence.Kind.PHOTO,
        status=status,
        caption=caption,
        is_internal=internal,
        content_type="image/jpeg",
        uploaded_by_id=incident.logged_by_id,
    )
    if data is not None:
        evidence.display.save("display.jpg", ContentFile(data), save=False)
        evidence.thumbnail.save("thumb.jpg", ContentFile(data), save=False)
    evidence.save()
    return evidence


def with_evidence(incident: Incident, *, prefix: str = "Q") -> None:
    """A shared still, an internal still, a damaged file and one still being prepared."""
    add_evidence(incident, data=jpeg((40, 90, 160)), caption=hostile(f"{prefix}E0", 200))
    add_evidence(
        incident, data=jpeg((160, 60, 40)), caption=f"{prefix}internal still", internal=True
    )
    add_evidence(incident, data=b"\xff\xd8\xff\xe0 not really a jpeg", caption=f"{prefix}broken")
    add_evidence(incident, data=None, caption=f"{prefix}pending", status=Evidence.Status.PROCESSING)
