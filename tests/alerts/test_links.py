"""The links every alert message carries, used without logging in: "seen — on the lookout"
and "stop this channel". GET only shows what the button will do (mail scanners open links);
a forged, expired or other network's link says so and changes nothing, never a 500."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.links import ack_token, stop_token
from alerts.models import Alert, AlertPreference, LawEnforcementContact, Recipient
from tests.conftest import People, client_for

from .member_data import contact, recipient_of, sent_alert

pytestmark = pytest.mark.django_db


def _token(people: People, recipient: Recipient) -> str:
    with schema_context(people.network.schema_name):
        return ack_token(recipient_id=recipient.pk)


def test_the_ack_link_shows_the_summary_and_acknowledges_only_on_post(north_people: People) -> None:
    people = north_people
    alert = sent_alert(
        people.network,
        to=[people.staff],
        by=people.coordinator,
        severity=Alert.Severity.URGENT,
        headline="Armed robbery on Elm Street",
        suspects="Tall man, red scarf, scar on left cheek",
    )
    row = recipient_of(people.network, alert, people.staff)
    token = _token(people, row)
    client = client_for(people.network)
    page = client.get(f"/alerts/seen/{token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Armed robbery on Elm Street" in text
    assert "red scarf" not in text  # the details stay behind the login
    assert recipient_of(people.network, alert, people.staff).acknowledged_at is None
    done = client.post(f"/alerts/seen/{token}/")
    assert done.status_code == 200
    assert "you are on the lookout" in done.content.decode()
    row = recipient_of(people.network, alert, people.staff)
    assert row.acknowledged_via == "link"
    first = row.acknowledged_at
    client.post(f"/alerts/seen/{token}/")
    assert recipient_of(people.network, alert, people.staff).acknowledged_at == first


def test_a_contact_acknowledges_by_link_the_same_way(north_people: People) -> None:
    people = north_people
    police = contact(people.network, by=people.coordinator)
    alert = sent_alert(people.network, to=[], contacts=[police], by=people.coordinator)
    with schema_context(people.network.schema_name):
        row = Recipient.objects.get(alert=alert, contact=police)
        token = ack_token(recipient_id=row.pk)
    assert client_for(people.network).post(f"/alerts/seen/{token}/").status_code == 200
    with schema_context(people.network.schema_name):
        row.refresh_from_db()
    assert row.acknowledged_at is not None and row.acknowledged_via == "link"


def test_forged_expired_and_foreign_ack_links_change_nothing(
    north_people: People, lakeshore_people: People
) -> None:
    people = north_people
    alert = sent_alert(people.network, to=[people.staff], by=people.coordinator)
    row = recipient_of(people.network, alert, people.staff)
    token = _token(people, row)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    # Signed 31 days ago: past the link's 30 days.
    signed_at = (timezone.now() - dt.timedelta(days=31)).timestamp()
    with (
        mock.patch("time.time", return_value=signed_at),
        schema_context(people.network.schema_name),
    ):
        expired = ack_token(recipient_id=row.pk)
    cases = [
        (client_for(people.network), forged, 400, "not complete, has been changed"),
        (client_for(people.network), expired, 400, "expired"),
        (client_for(people.network), "not-a-token", 400, "not complete"),
        # Signed for another network's schema: not valid here, whatever it names.
        (client_for(lakeshore_people.network), token, 400, "belongs to another network"),
    ]
    for client, bad, status, words in cases:
        for method in ("get", "post"):
            response = getattr(client, method)(f"/alerts/seen/{bad}/")
            assert response.status_code == status, (bad, method)
            assert words in response.content.decode()
            assert alert.headline not in response.content.decode()
    assert recipient_of(people.network, alert, people.staff).acknowledged_at is None


def test_a_link_to_an_alert_no_longer_there_says_so(north_people: People) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        token = ack_token(recipient_id=987654)
    response = client_for(people.network).post(f"/alerts/seen/{token}/")
    assert response.status_code == 400
    assert "no longer here" in response.content.decode()


def test_the_stop_link_turns_off_a_members_email(north_people: People) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        token = stop_token(channel="email", user_id=people.staff.pk)
    client = client_for(people.network)
    page = client.get(f"/alerts/stop/{token}/")
    assert page.status_code == 200
    assert "Stop alert emails?" in page.content.decode()
    with schema_context(people.network.schema_name):
        assert not AlertPreference.objects.filter(user_id=people.staff.pk).exists()
    done = client.post(f"/alerts/stop/{token}/")
    assert done.status_code == 200
    assert 'href="/alerts/preferences/"' in done.content.decode()
    with schema_context(people.network.schema_name):
        preference = AlertPreference.objects.get(user_id=people.staff.pk)
    assert preference.email_on is False and preference.sms_on is True


def test_the_stop_link_turns_off_a_contacts_text_messages(north_people: People) -> None:
    people = north_people
    police = contact(people.network, by=people.coordinator)
    with schema_context(people.network.schema_name):
        token = stop_token(channel="sms", contact_id=police.pk)
    done = client_for(people.network).post(f"/alerts/stop/{token}/")
    assert done.status_code == 200
    assert "/alerts/preferences/" not in done.content.decode()
    with schema_context(people.network.schema_name):
        police = LawEnforcementContact.objects.get(pk=police.pk)
    assert police.sms_on is False and police.email_on is True


def test_forged_and_foreign_stop_links_change_nothing(
    north_people: People, lakeshore_people: People
) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        token = stop_token(channel="email", user_id=people.staff.pk)
        # Only email and SMS have stop links: a webhook is switched off by the coordinator.
        with pytest.raises(ValueError, match="email or SMS"):
            stop_token(channel="webhook", user_id=people.staff.pk)
    what, _when, mac = token.split(".")
    for client, bad, status in (
        (
            client_for(people.network),
            token[:-2] + ("zz" if not token.endswith("zz") else "yy"),
            400,
        ),
        # Another member, or another channel, under the same signature.
        (client_for(people.network), f"eu{people.owner.pk:x}.{_when}.{mac}", 400),
        (client_for(people.network), f"s{what[1:]}.{_when}.{mac}", 400),
        (client_for(lakeshore_people.network), token, 400),
    ):
        assert client.post(f"/alerts/stop/{bad}/").status_code == status
    with schema_context(people.network.schema_name):
        assert not AlertPreference.objects.filter(user_id=people.staff.pk).exists()
    with schema_context(lakeshore_people.network.schema_name):
        assert not AlertPreference.objects.exists()
