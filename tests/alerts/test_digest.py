"""The digest of advisories: once per period, only when there is something new, only what the
member was sent (never urgent alerts, which came at once), never to who said no."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.digest_tasks import digest_send
from alerts.digests import digests_send
from alerts.models import Alert, AlertPreference
from tests.conftest import People

from .member_data import sent_alert

pytestmark = pytest.mark.django_db


def _send(people: People, now: dt.datetime) -> int:
    with schema_context(people.network.schema_name):
        return digests_send(now=now)


def _to(user_email: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [user_email]]


def test_a_weekly_digest_lists_the_advisories_sent_and_goes_once(north_people: People) -> None:
    people = north_people
    now = timezone.now()
    sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        headline="Advisory about a blue van",
        sent_at=now - dt.timedelta(days=2),
    )
    sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        severity=Alert.Severity.UPDATE,
        headline="Update on the blue van",
        sent_at=now - dt.timedelta(days=1),
    )
    sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        severity=Alert.Severity.URGENT,
        headline="Urgent robbery now",
        sent_at=now - dt.timedelta(hours=5),
    )
    sent_alert(
        people.network,
        to=[people.owner],
        by=people.coordinator,
        headline="Only the owner was told",
        sent_at=now - dt.timedelta(days=1),
    )
    sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        headline="Too old for this week",
        sent_at=now - dt.timedelta(days=9),
    )
    assert _send(people, now) >= 1
    messages = _to(people.staff.email)
    assert len(messages) == 1
    message = messages[0]
    assert "2 alerts" in message.subject
    html = str(message.alternatives[0][0])  # type: ignore[attr-defined]
    for text in (message.body, html):
        assert "Advisory about a blue van" in text
        assert "Update on the blue van" in text
        assert "Urgent robbery now" not in text
        assert "Only the owner was told" not in text
        assert "Too old for this week" not in text
    assert "/alerts/preferences/" in message.body
    with schema_context(people.network.schema_name):
        assert AlertPreference.objects.get(user_id=people.staff.pk).digest_sent_at == now
    mail.outbox.clear()
    assert _send(people, now + dt.timedelta(hours=1)) == 0
    assert _send(people, now + dt.timedelta(days=3)) == 0
    assert not mail.outbox


def test_nothing_new_sends_nothing_and_keeps_the_member_due(north_people: People) -> None:
    people = north_people
    now = timezone.now()
    assert _send(people, now) == 0
    assert not mail.outbox
    with schema_context(people.network.schema_name):
        assert not AlertPreference.objects.filter(digest_sent_at__isnull=False).exists()
    sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        headline="Later advisory",
        sent_at=now + dt.timedelta(hours=2),
    )
    assert _send(people, now + dt.timedelta(hours=3)) == 1
    assert "Later advisory" in _to(people.staff.email)[0].body


def test_a_daily_digest_is_due_again_the_next_day_with_only_the_new_alerts(
    north_people: People,
) -> None:
    people = north_people
    now = timezone.now()
    with schema_context(people.network.schema_name):
        AlertPreference.objects.create(user_id=people.staff.pk, digest="daily")
        # Everyone else asked for none: this test is about one member.
        for user in (people.owner, people.other_store_owner, people.coordinator, people.police):
            AlertPreference.objects.create(user_id=user.pk, digest="none")
    sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        headline="Monday advisory",
        sent_at=now - dt.timedelta(hours=3),
    )
    assert _send(people, now) == 1
    sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        headline="Tuesday advisory",
        sent_at=now + dt.timedelta(hours=5),
    )
    assert _send(people, now + dt.timedelta(hours=12)) == 0
    assert _send(people, now + dt.timedelta(days=1)) == 1
    second = _to(people.staff.email)[1]
    assert "Tuesday advisory" in second.body
    assert "Monday advisory" not in second.body


@pytest.mark.parametrize("preference", [{"digest": "none"}, {"email_on": False}])
def test_no_digest_for_who_said_no(north_people: People, preference: dict[str, object]) -> None:
    people = north_people
    now = timezone.now()
    with schema_context(people.network.schema_name):
        AlertPreference.objects.create(user_id=people.staff.pk, **preference)
    sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        sent_at=now - dt.timedelta(hours=1),
    )
    _send(people, now)
    assert not _to(people.staff.email)


def test_the_beat_task_runs_in_the_network_and_waits_for_the_morning(north_people: People) -> None:
    people = north_people
    sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        sent_at=timezone.now() - dt.timedelta(hours=1),
    )
    with schema_context(people.network.schema_name):
        local_hour = timezone.localtime(timezone.now(), people.network.zone).hour
        result = digest_send.delay().get()
        if local_hour != 7:
            assert result == 0
            assert not mail.outbox
        forced = digest_send.delay(any_hour=True).get()
    assert forced >= 1 or local_hour == 7
    assert len(_to(people.staff.email)) == 1
