"""Urgent alerts: members who have not acknowledged after escalate_minutes get the SMS again,
once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts import dispatch
from alerts.models import Alert, Channel, Delivery, Recipient
from alerts.services import alert_send
from alerts.tasks import escalate
from networks.models import Network
from tests.alerts.engine_helpers import draft, phones
from tests.alerts.sms_server import SmsApi
from tests.conftest import People

pytestmark = pytest.mark.django_db

Capture = Any


def _sent_minutes_ago(alert: Alert, minutes: int) -> None:
    Alert.objects.filter(pk=alert.pk).update(sent_at=timezone.now() - dt.timedelta(minutes=minutes))


def test_the_unacknowledged_get_the_sms_again_once(
    north: Network,
    north_people: People,
    sms_api: SmsApi,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        numbers = phones(people)  # owner and police
        alert = draft(people, escalate_minutes=10)
        with django_capture_on_commit_callbacks(execute=True):
            alert_send(alert_id=alert.pk, by=people.coordinator)
        assert Alert.objects.get(pk=alert.pk).status == Alert.Status.SENT
        Recipient.objects.filter(alert=alert, user_id=people.police.pk).update(
            acknowledged_at=timezone.now(), acknowledged_via="sms"
        )
        # Not yet time.
        _sent_minutes_ago(alert, 9)
        with django_capture_on_commit_callbacks(execute=True):
            escalate.delay()
        assert Alert.objects.get(pk=alert.pk).escalated_at is None
        _sent_minutes_ago(alert, 11)
        with django_capture_on_commit_callbacks(execute=True):
            escalate.delay()
        # The next minute's run changes nothing.
        with django_capture_on_commit_callbacks(execute=True):
            escalate.delay()
        second = Delivery.objects.filter(alert=alert, round=2)
        assert [(d.recipient.user_id, d.channel, d.status) for d in second] == [
            (people.owner.pk, Channel.SMS, Delivery.Status.SENT)
        ]
        alert.refresh_from_db()
        assert alert.escalated_at is not None
        assert alert.status == Alert.Status.SENT
    assert sms_api.count_by_to() == {
        numbers[people.owner.pk]: 2,
        numbers[people.police.pk]: 1,
    }
    reminder = [sms for sms in sms_api.messages if sms.to == numbers[people.owner.pk]][-1]
    assert reminder.body.startswith("REMINDER")


def test_advisories_are_never_escalated(
    north: Network,
    north_people: People,
    sms_api: SmsApi,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with schema_context(north.schema_name):
        phones(north_people)
        alert = draft(north_people, severity=Alert.Severity.ADVISORY)
        with django_capture_on_commit_callbacks(execute=True):
            alert_send(alert_id=alert.pk, by=north_people.coordinator)
        _sent_minutes_ago(alert, 60)
        assert dispatch.escalate() == 0
        assert not Delivery.objects.filter(round=2).exists()
    assert len(sms_api.messages) == 2


def test_members_whose_first_sms_failed_are_not_escalated_by_sms(
    north: Network,
    north_people: People,
    sms_api: SmsApi,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with schema_context(north.schema_name):
        phones(north_people)
        alert = draft(north_people)
        with django_capture_on_commit_callbacks(execute=True):
            alert_send(alert_id=alert.pk, by=north_people.coordinator)
        Delivery.objects.filter(
            alert=alert, channel=Channel.SMS, recipient__user_id=north_people.owner.pk
        ).update(status=Delivery.Status.FAILED, error="Twilio 21211: invalid")
        _sent_minutes_ago(alert, 30)
        with django_capture_on_commit_callbacks(execute=True):
            assert dispatch.escalate() == 1
        assert list(
            Delivery.objects.filter(alert=alert, round=2).values_list(
                "recipient__user_id", flat=True
            )
        ) == [north_people.police.pk]
