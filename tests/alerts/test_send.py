"""Sending an alert writes its whole audience as recipients and deliveries in one transaction
(the outbox), once, whatever happens to the "send" button."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django_tenants.utils import schema_context

from alerts.models import (
    Alert,
    AlertPreference,
    Channel,
    Delivery,
    LawEnforcementContact,
    Recipient,
    Webhook,
)
from alerts.services import PRIORITY, alert_send
from networks.models import Network
from tests.conftest import People
from tests.factories import MembershipFactory, StoreFactory, UserFactory

pytestmark = pytest.mark.django_db


def _draft(people: People, **fields: object) -> Alert:
    defaults: dict[str, object] = {
        "severity": Alert.Severity.URGENT,
        "headline": "Smash and grab on Main Street",
        "created_by_id": people.coordinator.pk,
    }
    return Alert.objects.create(**{**defaults, **fields})


def _channels(alert: Alert) -> dict[tuple[int | None, str], str]:
    return {
        (d.recipient.user_id, d.channel): d.status
        for d in Delivery.objects.filter(alert=alert).select_related("recipient")
    }


def test_sending_writes_every_member_and_channel_once(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        AlertPreference.objects.create(user_id=people.owner.pk, phone="+15551230001")
        AlertPreference.objects.create(user_id=people.staff.pk, email_on=False)
        draft = _draft(people)
        sent = alert_send(alert_id=draft.pk, by=people.coordinator)
        assert sent is not None
        assert sent.status == Alert.Status.SENDING
        assert sent.sent_by_id == people.coordinator.pk
        members = {
            people.owner.pk,
            people.staff.pk,
            people.other_store_owner.pk,
            people.coordinator.pk,
            people.police.pk,
        }
        assert set(Recipient.objects.filter(alert=sent).values_list("user_id", flat=True)) == (
            members
        )
        assert sent.recipient_count == 5
        channels = _channels(sent)
        # The inbox is delivered as the alert is written; email and SMS wait for the workers.
        assert channels[(people.owner.pk, Channel.INBOX)] == Delivery.Status.SENT
        assert channels[(people.owner.pk, Channel.EMAIL)] == Delivery.Status.QUEUED
        assert channels[(people.owner.pk, Channel.SMS)] == Delivery.Status.QUEUED
        # Staff turned email off and gave no phone: only the inbox.
        assert (people.staff.pk, Channel.EMAIL) not in channels
        assert (people.staff.pk, Channel.SMS) not in channels
        assert (people.staff.pk, Channel.INBOX) in channels
        owner_sms = Delivery.objects.get(recipient__user_id=people.owner.pk, channel=Channel.SMS)
        assert owner_sms.address == "+15551230001"
        assert owner_sms.priority == PRIORITY[Alert.Severity.URGENT]


def test_the_second_send_changes_nothing(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        draft = _draft(people)
        assert alert_send(alert_id=draft.pk, by=people.coordinator) is not None
        count = Delivery.objects.filter(alert=draft).count()
        assert alert_send(alert_id=draft.pk, by=people.owner) is None
        assert Delivery.objects.filter(alert=draft).count() == count
        assert Alert.objects.get(pk=draft.pk).sent_by_id == people.coordinator.pk


def test_chosen_and_nearby_stores_and_law_enforcement(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        people.store.latitude, people.store.longitude = Decimal("34.05"), Decimal("-118.25")
        people.store.save(update_fields=["latitude", "longitude"])
        near = StoreFactory.create(latitude=Decimal("34.10"), longitude=Decimal("-118.30"))
        far = StoreFactory.create(latitude=Decimal("37.77"), longitude=Decimal("-122.42"))
        near_owner = UserFactory.create(email="near@north.test")
        far_owner = UserFactory.create(email="far@north.test")
        MembershipFactory.create(user=near_owner, role="store_owner", store=near)
        MembershipFactory.create(user=far_owner, role="store_owner", store=far)
        contact = LawEnforcementContact.objects.create(
            name="Sgt. Rivera",
            agency="Metro Police",
            email="rivera@police.test",
            phone="+15551230009",
            consent_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
            consent_note="Agreed at the January meeting",
            created_by_id=people.coordinator.pk,
        )
        Webhook.objects.create(
            name="Ops room", url="https://hooks.example.com/x", created_by_id=people.coordinator.pk
        )
        draft = _draft(
            people,
            to_all_members=False,
            near_latitude=Decimal("34.05"),
            near_longitude=Decimal("-118.25"),
            near_km=Decimal("15"),
            to_law_enforcement=True,
            to_webhooks=True,
        )
        draft.to_stores.add(people.other_store)
        alert_send(alert_id=draft.pk, by=people.coordinator)
        users = set(
            Recipient.objects.filter(alert=draft, kind=Recipient.Kind.MEMBER).values_list(
                "user_id", flat=True
            )
        )
        assert users == {
            people.owner.pk,
            people.staff.pk,  # their store is the centre
            near_owner.pk,  # about 7 km away
            people.other_store_owner.pk,  # chosen by name
            people.police.pk,  # law enforcement
        }
        assert far_owner.pk not in users
        assert people.coordinator.pk not in users
        contact_row = Recipient.objects.get(alert=draft, contact=contact)
        assert {d.channel for d in contact_row.deliveries.all()} == {Channel.EMAIL, Channel.SMS}
        hook = Recipient.objects.get(alert=draft, kind=Recipient.Kind.WEBHOOK)
        assert [d.address for d in hook.deliveries.all()] == ["https://hooks.example.com/x"]


@pytest.mark.parametrize(
    ("severity", "held"),
    [(Alert.Severity.URGENT, False), (Alert.Severity.ADVISORY, True)],
)
def test_quiet_hours_hold_all_but_urgent_alerts(
    north: Network, north_people: People, severity: str, held: bool
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        tz = ZoneInfo(north.timezone)
        now_local = dt.datetime.now(tz)
        # A quiet window around now, ending in about an hour.
        start = (now_local - dt.timedelta(hours=1)).time().replace(second=0, microsecond=0)
        end = (now_local + dt.timedelta(hours=1)).time().replace(second=0, microsecond=0)
        AlertPreference.objects.create(
            user_id=people.owner.pk, phone="+15551230001", quiet_start=start, quiet_end=end
        )
        draft = _draft(people, severity=severity)
        alert_send(alert_id=draft.pk, by=people.coordinator)
        email = Delivery.objects.get(recipient__user_id=people.owner.pk, channel=Channel.EMAIL)
        inbox = Delivery.objects.get(recipient__user_id=people.owner.pk, channel=Channel.INBOX)
        assert inbox.status == Delivery.Status.SENT
        if held:
            assert email.not_before is not None
            assert (
                dt.timedelta(minutes=50)
                < email.not_before - dt.datetime.now(tz)
                <= (dt.timedelta(minutes=61))
            )
        else:
            assert email.not_before is None
        # Someone outside quiet hours is never held.
        staff_email = Delivery.objects.get(
            recipient__user_id=people.staff.pk, channel=Channel.EMAIL
        )
        assert staff_email.not_before is None


def test_an_alert_of_one_network_reaches_nobody_of_another(
    north: Network, north_people: People, lakeshore: Network, lakeshore_people: People
) -> None:
    with schema_context(north.schema_name):
        draft = _draft(north_people)
        alert_send(alert_id=draft.pk, by=north_people.coordinator)
        told = set(Recipient.objects.filter(alert=draft).values_list("user_id", flat=True))
    lakeshore_users = {
        lakeshore_people.owner.pk,
        lakeshore_people.staff.pk,
        lakeshore_people.coordinator.pk,
        lakeshore_people.police.pk,
        lakeshore_people.other_store_owner.pk,
    }
    assert told and not told & lakeshore_users
