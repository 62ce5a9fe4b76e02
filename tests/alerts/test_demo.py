"""`seed_demo` gives each demo network alerts that look used: preferences with phone numbers,
consenting police contacts, past alerts made from its shared incidents with their recipients
and deliveries, an update, a report waiting and a draft; once, and without sending anything."""

from __future__ import annotations

import phonenumbers
import pytest
from django.core import mail
from django.core.management import call_command
from django_tenants.utils import schema_context

from alerts.calling_tree import calling_tree
from alerts.models import (
    Alert,
    AlertPreference,
    AlertReport,
    Channel,
    Delivery,
    LawEnforcementContact,
    Recipient,
    SmsOutboxMessage,
)
from networks.models import Membership, Network

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_settings")]
SLUGS = ("socal", "gta")


def _counts() -> dict[str, tuple[int, ...]]:
    counts: dict[str, tuple[int, ...]] = {}
    for slug in SLUGS:
        with schema_context(Network.objects.get(slug=slug).schema_name):
            counts[slug] = (
                AlertPreference.objects.count(),
                LawEnforcementContact.objects.count(),
                Alert.objects.count(),
                Recipient.objects.count(),
                Delivery.objects.count(),
                AlertReport.objects.count(),
            )
    return counts


def test_seeding_twice_gives_the_same_alerts() -> None:
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    for slug in SLUGS:
        preferences, contacts, alerts, recipients, deliveries, reports = first[slug]
        assert (contacts, alerts, reports) == (2, 4, 1)
        assert preferences >= 4 and recipients > 10 and deliveries > recipients


def test_demo_alerts_look_like_a_network_that_uses_them() -> None:
    call_command("seed_demo")
    headlines = {}
    for slug in SLUGS:
        network = Network.objects.get(slug=slug)
        with schema_context(network.schema_name):
            # Every member has preferences; all but one a fictional mobile of the country.
            members = set(
                Membership.objects.filter(is_active=True).values_list("user_id", flat=True)
            )
            preferences = AlertPreference.objects.all()
            assert set(preferences.values_list("user_id", flat=True)) == members
            phones = [p.phone for p in preferences if p.phone]
            assert len(phones) == len(members) - 1
            for phone in phones:
                number = phonenumbers.parse(phone)
                assert phonenumbers.is_valid_number(number), phone
                assert phonenumbers.region_code_for_number(number) == network.country
                assert phone[5:10] == "55501"  # 555-0100 to 555-0199: never a real line

            contacts = LawEnforcementContact.objects.all()
            assert all(c.consent_note and c.consent_at and c.is_active for c in contacts)

            sent = Alert.objects.filter(status=Alert.Status.SENT)
            urgent = sent.get(severity=Alert.Severity.URGENT)
            advisory = sent.get(severity=Alert.Severity.ADVISORY)
            update = sent.get(severity=Alert.Severity.UPDATE)
            assert update.parent == urgent
            assert update.sent_at is not None and urgent.sent_at is not None
            assert update.sent_at > urgent.sent_at
            for alert in (urgent, advisory):
                assert alert.origin == Alert.Origin.INCIDENT
                incident = alert.incidents.get()
                assert incident.is_shared and alert.occurred_at == incident.started_at
                assert alert.message and alert.sms_text and alert.suspects
            for alert in (urgent, advisory, update):
                recipients = alert.recipients.all()
                assert alert.recipient_count == recipients.count() > 0
                assert recipients.filter(kind=Recipient.Kind.CONTACT).count() == 2
                assert alert.finished_at is not None and alert.sent_at is not None
                assert alert.finished_at >= alert.sent_at
                deliveries = alert.deliveries.all()
                assert not deliveries.filter(status__in=["queued", "sending"]).exists()
                failed = deliveries.filter(status=Delivery.Status.FAILED)
                assert failed.count() == 1 and failed.get().channel == Channel.EMAIL
                assert deliveries.filter(channel=Channel.SMS, status="sent").exists()
                members_of = recipients.filter(kind=Recipient.Kind.MEMBER)
                acknowledged = members_of.filter(acknowledged_at__isnull=False).count()
                assert 0 < acknowledged < members_of.count()
                # The bounced member, with no text messages, is the first call of the tree.
                first = calling_tree(alert=alert, volunteers=2).calls[0]
                assert first.unreached
                assert first.recipient_id == failed.get().recipient_id

            report = AlertReport.objects.get()
            assert report.status == AlertReport.Status.NEW and report.store is not None
            draft = Alert.objects.get(status=Alert.Status.DRAFT)
            assert not draft.recipients.exists()
            headlines[slug] = set(Alert.objects.values_list("headline", flat=True))
            # Nothing was sent: no text message in the development outbox.
            assert not SmsOutboxMessage.objects.exists()
    assert not headlines["socal"] & headlines["gta"]  # each network writes its own way
    assert mail.outbox == []
