"""The membership read on every member's page: SQL written once per process, run in whichever
network's schema is active, giving the same objects as the ORM's own query."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django_tenants.utils import schema_context

from accounts.models import User
from networks.models import Membership, Store
from networks.prepared import PreparedObjects
from networks.selectors import membership_of
from pledges.models import Pledge
from tests.conftest import People, client_for
from tests.pledges.conftest import pledge_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")


def _orm_membership(user_id: int) -> Membership | None:
    return (
        Membership.objects.select_related("store").filter(user_id=user_id, is_active=True).first()
    )


def _fields(instance: object) -> dict[str, object]:
    return {name: value for name, value in vars(instance).items() if name != "_state"}


@pytest.mark.parametrize("who", ["owner", "staff", "coordinator", "police"])
def test_membership_is_the_one_the_orm_gives(north_people: People, who: str) -> None:
    user = getattr(north_people, who)
    with schema_context(north_people.network.schema_name):
        expected = _orm_membership(user.pk)
        found = membership_of(user=user)
    assert expected is not None and found is not None
    assert {**_fields(expected), "has_active_pledge": False} == _fields(found)
    assert not found._state.adding
    if expected.store is None:
        assert found.store is None
    else:
        assert _fields(found.store) == _fields(expected.store)


def test_the_same_sql_reads_each_networks_own_memberships(
    north_people: People, lakeshore_people: People
) -> None:
    with schema_context(north_people.network.schema_name):
        north_owner = membership_of(user=north_people.owner)
        assert membership_of(user=lakeshore_people.owner) is None
    with schema_context(lakeshore_people.network.schema_name):
        assert membership_of(user=north_people.owner) is None
        lakeshore_owner = membership_of(user=lakeshore_people.owner)
    assert north_owner is not None and north_owner.store is not None
    assert lakeshore_owner is not None and lakeshore_owner.store is not None
    assert north_owner.store.display_name == "North Gems"
    assert lakeshore_owner.store.display_name == "Lakeshore Gems"


def test_an_outsider_an_inactive_member_and_a_visitor_have_none(
    north_people: People, outsider
) -> None:
    with schema_context(north_people.network.schema_name):
        Membership.objects.filter(user_id=north_people.staff.pk).update(is_active=False)
        assert membership_of(user=outsider) is None
        assert membership_of(user=north_people.staff) is None
        assert membership_of(user=AnonymousUser()) is None  # type: ignore[arg-type]


def _active_pledge(user: User) -> object:
    membership = membership_of(user=user)
    assert membership is not None
    return getattr(membership, "has_active_pledge", None)


def test_membership_says_whether_the_stores_pledge_is_active(north_people: People) -> None:
    pledge = pledge_for(north_people, active=False)
    with schema_context(north_people.network.schema_name):
        assert _active_pledge(north_people.owner) is False
        Pledge.objects.filter(pk=pledge.pk).update(status=Pledge.Status.ACTIVE)
        assert _active_pledge(north_people.owner) is True
        assert _active_pledge(north_people.other_store_owner) is False
        assert _active_pledge(north_people.coordinator) is False


def test_the_toolkit_link_follows_the_pledge_on_a_logbook_page(north_people: People) -> None:
    pledge = pledge_for(north_people, active=False)
    client = client_for(north_people.network, north_people.owner)
    assert 'href="/toolkit/"' not in client.get("/incidents/").content.decode()
    with schema_context(north_people.network.schema_name):
        Pledge.objects.filter(pk=pledge.pk).update(status=Pledge.Status.ACTIVE)
    assert 'href="/toolkit/"' in client.get("/incidents/").content.decode()


def test_prepared_objects_refuse_rows_that_are_not_models(north_people: People) -> None:
    prepared: PreparedObjects[Any] = PreparedObjects(
        lambda store_id: Store.objects.filter(pk=store_id).values("pk")
    )
    with schema_context(north_people.network.schema_name), pytest.raises(ValueError):
        prepared.objects(north_people.store.pk)
