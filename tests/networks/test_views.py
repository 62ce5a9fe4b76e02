"""Network pages stay cheap as a network grows."""

from django_tenants.utils import schema_context

from networks.models import Membership
from tests.conftest import People, client_for
from tests.factories import MembershipFactory


def test_member_list_costs_the_same_for_5_or_25_members(
    north_people: People, mfa_exempt: None, django_assert_max_num_queries
) -> None:
    client = client_for(north_people.network, north_people.coordinator)
    client.get("/members/")  # warm the session and caches
    with django_assert_max_num_queries(12):
        small = client.get("/members/")
    with schema_context(north_people.network.schema_name):
        for _ in range(20):
            MembershipFactory.create(store=north_people.store, role=Membership.Role.STORE_STAFF)
    with django_assert_max_num_queries(12):
        large = client.get("/members/")
    assert small.status_code == large.status_code == 200
    assert large.content.decode().count("mailto:") == small.content.decode().count("mailto:") + 20


def test_store_page_lists_its_people_without_a_query_each(
    north_people: People, mfa_exempt: None, django_assert_max_num_queries
) -> None:
    with schema_context(north_people.network.schema_name):
        for _ in range(20):
            MembershipFactory.create(store=north_people.store, role=Membership.Role.STORE_STAFF)
    client = client_for(north_people.network, north_people.coordinator)
    client.get(f"/stores/{north_people.store.pk}/")
    # 14: a coordinator's pages also count the pledges waiting for them (the navigation).
    with django_assert_max_num_queries(14):
        response = client.get(f"/stores/{north_people.store.pk}/")
    assert response.status_code == 200
