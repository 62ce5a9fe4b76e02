""" "Seen — on the lookout" from the alert page: recorded once, with its moment and its way,
and only by a recipient."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from alerts.member_services import Via, recipient_acknowledge
from tests.conftest import People, client_for

from .member_data import recipient_of, sent_alert

pytestmark = pytest.mark.django_db


def test_acknowledging_from_the_portal_records_when_and_how(north_people: People) -> None:
    people = north_people
    alert = sent_alert(people.network, to=[people.staff], by=people.coordinator)
    client = client_for(people.network, people.staff)
    response = client.post(f"/alerts/{alert.pk}/acknowledge/")
    assert response.status_code == 302
    assert response["Location"] == f"/alerts/{alert.pk}/"
    row = recipient_of(people.network, alert, people.staff)
    assert row.acknowledged_at is not None
    assert row.acknowledged_via == "portal"
    assert row.read_at is not None
    page = client.get(f"/alerts/{alert.pk}/")
    assert "You said you are on the lookout" in page.content.decode()


def test_acknowledging_twice_keeps_the_first_moment_and_way(north_people: People) -> None:
    people = north_people
    alert = sent_alert(people.network, to=[people.staff], by=people.coordinator)
    row = recipient_of(people.network, alert, people.staff)
    with schema_context(people.network.schema_name):
        assert recipient_acknowledge(recipient_id=row.pk, via=Via.LINK) is True
    first = recipient_of(people.network, alert, people.staff)
    client_for(people.network, people.staff).post(f"/alerts/{alert.pk}/acknowledge/")
    with schema_context(people.network.schema_name):
        assert recipient_acknowledge(recipient_id=row.pk, via=Via.PORTAL) is False
    again = recipient_of(people.network, alert, people.staff)
    assert again.acknowledged_at == first.acknowledged_at
    assert again.acknowledged_via == "link"


def test_only_a_recipient_can_acknowledge(north_people: People, mfa_exempt: None) -> None:
    people = north_people
    alert = sent_alert(people.network, to=[people.staff], by=people.coordinator)
    assert (
        client_for(people.network, people.other_store_owner)
        .post(f"/alerts/{alert.pk}/acknowledge/")
        .status_code
        == 404
    )
    # The coordinator sees every alert but was not told this one: nothing to acknowledge.
    assert (
        client_for(people.network, people.coordinator)
        .post(f"/alerts/{alert.pk}/acknowledge/")
        .status_code
        == 404
    )
    assert recipient_of(people.network, alert, people.staff).acknowledged_at is None


def test_acknowledging_needs_a_post(north_people: People) -> None:
    people = north_people
    alert = sent_alert(people.network, to=[people.staff], by=people.coordinator)
    assert (
        client_for(people.network, people.staff).get(f"/alerts/{alert.pk}/acknowledge/").status_code
        == 405
    )
    assert recipient_of(people.network, alert, people.staff).acknowledged_at is None
