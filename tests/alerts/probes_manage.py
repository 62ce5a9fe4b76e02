"""How the isolation crawler attacks what the senders keep (alerts/manage_views.py), and what
it plants in each side's network to watch for leaks: a law-enforcement contact, a webhook
(its signing secret a marker too), a deputy, a member's report and a text message in the
development outbox, each with private text.

The deputy is a new staff member of the side's store, never one of the crawler's viewers: a
viewer made a sender would rightly see its own network's reports and contacts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from alerts.models import AlertReport, Deputy, LawEnforcementContact, SmsOutboxMessage, Webhook
from networks.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.security.crawler import MEMBER, OBJECT, Probe, Side


def _plant_managed(side: Side) -> None:
    tag = side.tag
    side.objects["manage_contact"] = LawEnforcementContact.objects.create(
        name=side.mark(f"Officer {tag} Contact"),
        agency=side.mark(f"Agency {tag} Robbery Unit"),
        email=side.mark(f"officer-{tag.lower()}@police.example"),
        phone="+15555550123",
        consent_at=timezone.now(),
        consent_note=side.mark(f"Consent {tag} given at the spring meeting"),
        created_by_id=side.coordinator.pk,
    )
    webhook = Webhook.objects.create(
        name=side.mark(f"Webhook {tag} dispatch"),
        url=side.mark(f"https://hooks.example.com/{tag.lower()}-private-path"),
        created_by_id=side.coordinator.pk,
    )
    side.mark(webhook.secret)
    side.objects["manage_webhook"] = webhook
    deputy_user = UserFactory.create(
        email=f"deputy-{tag.lower()}@example.test", full_name=side.mark(f"Deputy {tag} Person")
    )
    MembershipFactory.create(user=deputy_user, role=Membership.Role.STORE_STAFF, store=side.store)
    side.objects["manage_deputy"] = Deputy.objects.create(
        user_id=deputy_user.pk, appointed_by_id=side.coordinator.pk
    )
    side.objects["manage_report"] = AlertReport.objects.create(
        store=side.store,
        reported_by_id=side.owner.pk,
        text=side.mark(f"Report {tag}: a man in a red cap asked about closing time"),
    )
    SmsOutboxMessage.objects.create(
        to="+15555550199", body=side.mark(f"Outbox SMS {tag} urgent alert text")
    )


def _kwargs(name: str, key: str) -> Callable[[Side], dict[str, Any]]:
    return lambda side: {name: getattr(side, key).pk}


PLANTERS: list[Callable[[Side], None]] = [_plant_managed]
PROBES: dict[str, Probe] = {
    "tenant:alert_reports": Probe(MEMBER),
    "tenant:alert_report": Probe(OBJECT, _kwargs("report_id", "manage_report")),
    "tenant:alert_contacts": Probe(MEMBER),
    "tenant:alert_contact_new": Probe(MEMBER),
    "tenant:alert_contact": Probe(OBJECT, _kwargs("contact_id", "manage_contact")),
    "tenant:alert_webhooks": Probe(MEMBER),
    "tenant:alert_webhook_new": Probe(MEMBER),
    "tenant:alert_webhook": Probe(OBJECT, _kwargs("webhook_id", "manage_webhook")),
    "tenant:alert_deputies": Probe(MEMBER),
    "tenant:alert_deputy_remove": Probe(OBJECT, _kwargs("deputy_id", "manage_deputy")),
    "tenant:alert_sms_outbox": Probe(MEMBER),
}
