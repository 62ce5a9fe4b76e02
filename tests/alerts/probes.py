"""How the isolation crawler (tests/security/) attacks the alerts pages, and the alerts it
plants in each network to watch for leaks: a draft and a sent alert, each with private text.

Each part of the alerts app keeps its probes in its own module beside this one
(probes_member, probes_sender, probes_manage, probes_tree); this one gathers them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.models import Alert, Channel, Delivery, Recipient
from networks.models import Membership
from tests.security.crawler import Probe, Side

from . import probes_manage, probes_member, probes_sender, probes_tree


def _plant_alerts(side: Side) -> None:
    tag = side.tag
    draft = Alert.objects.create(
        severity=Alert.Severity.URGENT,
        headline=side.mark(f"Draft alert {tag}"),
        suspects=side.mark(f"Draft suspects {tag}"),
        message=side.mark(f"Draft message {tag}"),
        created_by_id=side.coordinator.pk,
    )
    sent = Alert.objects.create(
        severity=Alert.Severity.ADVISORY,
        status=Alert.Status.SENT,
        headline=side.mark(f"Sent alert {tag}"),
        method=side.mark(f"Sent method {tag}"),
        message=side.mark(f"Sent message {tag}"),
        sms_text=side.mark(f"Sent SMS {tag}"),
        created_by_id=side.coordinator.pk,
        sent_by_id=side.coordinator.pk,
        sent_at=timezone.now(),
        finished_at=timezone.now(),
    )
    # Every member of the side's network was told (the owner included).
    for membership in Membership.objects.filter(is_active=True):
        recipient = Recipient.objects.create(
            alert=sent,
            kind=Recipient.Kind.MEMBER,
            user_id=membership.user_id,
            store_id=membership.store_id,
            role=membership.role,
            name=f"Member {membership.user_id}",
            email=f"member{membership.user_id}@example.com",
        )
        Delivery.objects.create(
            alert=sent,
            recipient=recipient,
            channel=Channel.INBOX,
            status=Delivery.Status.SENT,
            sent_at=timezone.now(),
        )
    side.objects["alert_draft"] = draft
    side.objects["alert_sent"] = sent


PLANTERS: list[Callable[[Side], None]] = [
    _plant_alerts,
    *probes_member.PLANTERS,
    *probes_sender.PLANTERS,
    *probes_manage.PLANTERS,
    *probes_tree.PLANTERS,
]


def plant(side: Side) -> None:
    with schema_context(side.network.schema_name):
        for planter in PLANTERS:
            planter(side)


PROBES: dict[str, Probe] = {}
for _part in (probes_member, probes_sender, probes_manage, probes_tree):
    for _key, _probe in _part.PROBES.items():
        assert _key not in PROBES, f"{_key} is probed twice"
        PROBES[_key] = _probe
