"""Deputies: members the coordinator lets send alerts while away. Only the coordinator appoints
and removes them; a deputy sends but cannot make more deputies."""

from __future__ import annotations

from typing import Any

import pytest
from django_tenants.utils import schema_context

from alerts.access import is_sender
from alerts.models import Deputy
from networks.models import Membership
from tests.conftest import People, client_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

LIST = "/alerts/deputies/"


def _membership(user: Any) -> Membership:
    with schema_context("north"):
        return Membership.objects.get(user_id=user.pk)


def _is_sender(user: Any) -> bool:
    with schema_context("north"):
        return is_sender(membership=Membership.objects.get(user_id=user.pk))


def test_the_coordinator_appoints_a_member_who_can_then_send(north_people: People) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    page = coordinator.get(LIST).content.decode()
    assert f'value="{north_people.staff.pk}"' in page
    assert f'value="{north_people.police.pk}"' not in page  # police receive, they do not send
    assert f'value="{north_people.coordinator.pk}"' not in page
    assert not _is_sender(north_people.staff)
    response = coordinator.post(LIST, {"user_id": str(north_people.staff.pk)})
    assert response.status_code == 302
    with schema_context("north"):
        deputy = Deputy.objects.get()
    assert deputy.user_id == north_people.staff.pk
    assert deputy.appointed_by_id == north_people.coordinator.pk
    assert _is_sender(north_people.staff)
    listed = coordinator.get(LIST).content.decode()
    assert north_people.staff.full_name in listed
    assert f"by {north_people.coordinator.full_name}" in listed
    assert f'value="{north_people.staff.pk}"' not in listed  # no longer a candidate
    staff = client_for(north_people.network, north_people.staff)
    assert staff.get("/alerts/reports/").status_code == 200


@pytest.mark.parametrize("who", ["police", "coordinator", "nobody", "garbage"])
def test_only_store_people_of_the_network_can_be_appointed(
    north_people: People, lakeshore_people: People, who: str
) -> None:
    user_id = {
        "police": str(north_people.police.pk),
        "coordinator": str(north_people.coordinator.pk),
        "nobody": str(lakeshore_people.staff.pk),
        "garbage": "'; DROP TABLE",
    }[who]
    coordinator = client_for(north_people.network, north_people.coordinator)
    response = coordinator.post(LIST, {"user_id": user_id})
    assert response.status_code == 200
    assert "field-invalid" in response.content.decode()
    with schema_context("north"):
        assert not Deputy.objects.exists()


def test_a_deputy_cannot_appoint_or_remove_deputies(north_people: People) -> None:
    with schema_context("north"):
        mine = Deputy.objects.create(
            user_id=north_people.owner.pk, appointed_by_id=north_people.coordinator.pk
        )
    deputy = client_for(north_people.network, north_people.owner)
    assert _is_sender(north_people.owner)
    assert deputy.get(LIST).status_code == 404
    assert deputy.post(LIST, {"user_id": str(north_people.staff.pk)}).status_code == 404
    assert deputy.get(f"/alerts/deputies/{mine.pk}/remove/").status_code == 404
    assert deputy.post(f"/alerts/deputies/{mine.pk}/remove/").status_code == 404
    with schema_context("north"):
        assert list(Deputy.objects.values_list("user_id", flat=True)) == [north_people.owner.pk]
    assert LIST not in deputy.get("/alerts/contacts/").content.decode()


def test_removing_asks_first_and_then_takes_sending_away(north_people: People) -> None:
    with schema_context("north"):
        deputy = Deputy.objects.create(
            user_id=north_people.staff.pk, appointed_by_id=north_people.coordinator.pk
        )
    coordinator = client_for(north_people.network, north_people.coordinator)
    url = f"/alerts/deputies/{deputy.pk}/remove/"
    confirm = coordinator.get(url)
    assert confirm.status_code == 200
    assert north_people.staff.full_name in confirm.content.decode()
    assert _is_sender(north_people.staff)  # asking removed nothing
    assert coordinator.post(url).status_code == 302
    assert not _is_sender(north_people.staff)
    assert coordinator.post(url).status_code == 404
    staff = client_for(north_people.network, north_people.staff)
    assert staff.get("/alerts/reports/").status_code == 404


def test_no_one_else_reaches_the_deputies(north_people: People, outsider: Any) -> None:
    with schema_context("north"):
        deputy = Deputy.objects.create(
            user_id=north_people.staff.pk, appointed_by_id=north_people.coordinator.pk
        )
    for person in (
        north_people.owner,
        north_people.police,
        north_people.other_store_owner,
        outsider,
    ):
        client = client_for(north_people.network, person)
        assert client.get(LIST).status_code == 404
        assert client.post(LIST, {"user_id": str(north_people.owner.pk)}).status_code == 404
        assert client.post(f"/alerts/deputies/{deputy.pk}/remove/").status_code == 404
    with schema_context("north"):
        assert list(Deputy.objects.values_list("user_id", flat=True)) == [north_people.staff.pk]


def test_another_networks_deputy_is_not_found(
    north_people: People, lakeshore_people: People
) -> None:
    with schema_context("lakeshore"):
        theirs = Deputy.objects.create(
            user_id=lakeshore_people.staff.pk, appointed_by_id=lakeshore_people.coordinator.pk
        )
    coordinator = client_for(north_people.network, north_people.coordinator)
    assert coordinator.post(f"/alerts/deputies/{theirs.pk}/remove/").status_code == 404
    with schema_context("lakeshore"):
        assert Deputy.objects.filter(pk=theirs.pk).exists()
