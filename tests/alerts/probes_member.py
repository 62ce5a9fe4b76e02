"""How the isolation crawler attacks a member's side of alerts (alerts/inbox_views.py).

The object pages are probed with an alert sent only to the side's own store, carrying a photo
with a private caption: another store's people (not recipients) and everyone of another
network must get a 404. The signed links carry a token made in the side's own schema: whoever
holds one may use it on its own network's host; on any other host it must say nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from alerts.links import ack_token, stop_token
from alerts.models import Alert, AlertPhoto, Channel, Recipient
from networks.models import Membership
from tests.security.crawler import MEMBER, OBJECT, PUBLIC, Probe, Side


def _plant_store_alert(side: Side) -> None:
    from tests.incidents.evidence_files import photo

    tag = side.tag
    alert = Alert.objects.create(
        severity=Alert.Severity.URGENT,
        status=Alert.Status.SENT,
        to_all_members=False,
        headline=side.mark(f"Store alert {tag}"),
        suspects=side.mark(f"Store alert suspects {tag}"),
        vehicle=side.mark(f"Store alert vehicle {tag}"),
        message=side.mark(f"Store alert message {tag}"),
        created_by_id=side.coordinator.pk,
        sent_by_id=side.coordinator.pk,
        sent_at=timezone.now(),
    )
    alert.to_stores.add(side.store)
    for membership in Membership.objects.filter(is_active=True, store=side.store):
        Recipient.objects.create(
            alert=alert,
            kind=Recipient.Kind.MEMBER,
            user_id=membership.user_id,
            store_id=membership.store_id,
            role=membership.role,
            name=f"Member {membership.user_id}",
        )
    picture = AlertPhoto(
        alert=alert, caption=side.mark(f"Store alert photo {tag}"), added_by_id=side.coordinator.pk
    )
    picture.display.save("display.jpg", ContentFile(photo()), save=False)
    picture.thumbnail.save("thumbnail.jpg", ContentFile(photo((40, 20))), save=False)
    picture.save()
    owner_row = Recipient.objects.get(alert=alert, user_id=side.owner.pk)
    side.objects["member_alert"] = alert
    side.objects["member_alert_photo"] = picture
    side.objects["member_ack_token"] = ack_token(recipient_id=owner_row.pk)
    side.objects["member_stop_token"] = stop_token(channel=Channel.EMAIL, user_id=side.owner.pk)


def _alert(side: Side) -> dict[str, Any]:
    return {"alert_id": side.member_alert.pk}


PLANTERS: list[Callable[[Side], None]] = [_plant_store_alert]
PROBES: dict[str, Probe] = {
    "tenant:alert_inbox": Probe(MEMBER),
    "tenant:alert_preferences": Probe(MEMBER),
    "tenant:alert_report_new": Probe(MEMBER),
    "tenant:alert_detail": Probe(OBJECT, _alert),
    "tenant:alert_acknowledge": Probe(OBJECT, _alert),
    "tenant:alert_photo": Probe(
        OBJECT,
        lambda side: {**_alert(side), "photo_id": side.member_alert_photo.pk, "variant": "display"},
    ),
    "tenant:alert_ack_link": Probe(
        PUBLIC, lambda side: {"token": side.member_ack_token}, secret=True
    ),
    "tenant:alert_stop_link": Probe(
        PUBLIC, lambda side: {"token": side.member_stop_token}, secret=True
    ),
}
