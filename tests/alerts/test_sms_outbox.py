"""The development SMS backend's outbox: every sender can read what it "sent", newest first,
a page at a time; nobody else can."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.manage_views import SMS_PAGE_SIZE
from alerts.models import Deputy, SmsOutboxMessage
from tests.conftest import People, client_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

URL = "/alerts/sms-outbox/"


def _messages(count: int) -> None:
    now = timezone.now()
    with schema_context("north"):
        created = SmsOutboxMessage.objects.bulk_create(
            SmsOutboxMessage(to="+12015550123", body=f"Message number {number:03d}.")
            for number in range(count)
        )
        for number, message in enumerate(created):
            SmsOutboxMessage.objects.filter(pk=message.pk).update(
                sent_at=now - dt.timedelta(minutes=count - number)
            )


def test_senders_read_the_outbox_newest_first_and_are_told_what_it_is(
    north_people: People,
) -> None:
    _messages(SMS_PAGE_SIZE + 3)
    coordinator = client_for(north_people.network, north_people.coordinator)
    page = coordinator.get(URL).content.decode()
    assert "development SMS backend" in page
    assert "not sent to any phone" in page
    newest = f"Message number {SMS_PAGE_SIZE + 2:03d}."
    assert newest in page and "Message number 000." not in page
    assert page.index(newest) < page.index(f"Message number {SMS_PAGE_SIZE + 1:03d}.")
    older = coordinator.get(URL + "?page=2").content.decode()
    assert "Message number 000." in older and newest not in older


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1" * 40])
def test_any_page_number_answers(north_people: People, page: str) -> None:
    _messages(2)
    coordinator = client_for(north_people.network, north_people.coordinator)
    assert coordinator.get(URL, {"page": page}).status_code == 200


def test_an_empty_outbox_says_so(north_people: People) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    assert "No text message in the outbox." in coordinator.get(URL).content.decode()


def test_a_deputy_reads_it_and_no_one_else_does(north_people: People, outsider: Any) -> None:
    _messages(1)
    with schema_context("north"):
        Deputy.objects.create(
            user_id=north_people.staff.pk, appointed_by_id=north_people.coordinator.pk
        )
    deputy = client_for(north_people.network, north_people.staff)
    assert "Message number 000." in deputy.get(URL).content.decode()
    for person in (
        north_people.owner,
        north_people.police,
        north_people.other_store_owner,
        outsider,
    ):
        assert client_for(north_people.network, person).get(URL).status_code == 404
