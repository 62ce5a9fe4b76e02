"""Deleting an account removes its roles in every network, whose tables live elsewhere."""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django_tenants.utils import schema_context

from accounts.models import User
from accounts.services import user_delete
from networks.models import Membership
from tests.conftest import People
from tests.factories import UserFactory


def test_user_delete_removes_memberships_in_every_network(
    north_people: People, lakeshore_people: People
) -> None:
    person = north_people.police
    with schema_context(lakeshore_people.network.schema_name):
        Membership.objects.create(user=person, role=Membership.Role.LAW_ENFORCEMENT)
    user_delete(user=person)
    assert not User.objects.filter(pk=person.pk).exists()
    for people in (north_people, lakeshore_people):
        with schema_context(people.network.schema_name):
            assert not Membership.objects.filter(user_id=person.pk).exists()
            assert Membership.objects.filter(user_id=people.staff.pk).exists()


def test_platform_admin_deletes_an_account_from_the_admin(
    public_client, north_people: People
) -> None:
    admin = UserFactory.create(email="root3@platform.test", is_staff=True, is_superuser=True)
    TOTP.activate(admin, generate_totp_secret())
    public_client.force_login(admin)
    target = north_people.staff
    response = public_client.post(f"/admin/accounts/user/{target.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=target.pk).exists()
    with schema_context(north_people.network.schema_name):
        assert not Membership.objects.filter(user_id=target.pk).exists()
