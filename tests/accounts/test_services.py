"""Deleting an account removes its roles in every network, whose tables live elsewhere."""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django_tenants.utils import schema_context

from accounts.models import User
from accounts.services import user_delete
from networks.models import Invitation, Membership
from networks.services import invitation_create
from pledges.models import PartnerListing, PledgeStatus
from tests.conftest import People
from tests.factories import UserFactory
from tests.pledges.conftest import details_of, pledge_for, sign


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


# --- The pledges an owner signed do not outlive their account ---------------------------------


def test_deleting_the_only_owner_withdraws_their_pledge_with_a_reason(
    north_people: People,
) -> None:
    pledge = pledge_for(north_people)
    with schema_context("north"):
        invitation = invitation_create(
            email="later@example.test",
            role=Membership.Role.STORE_STAFF,
            by=north_people.owner,
            store=north_people.store,
        )
    user_delete(user=north_people.owner)
    with schema_context("north"):
        pledge.refresh_from_db()
        assert pledge.status == PledgeStatus.WITHDRAWN
        event = pledge.events.order_by("-at", "-id")[0]
        assert (event.kind, event.actor_id) == ("withdrawn", None)
        assert "account of the person who signed was deleted" in event.reason
        assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
        assert not Membership.objects.filter(store=north_people.store, is_active=True).exists()
    listing = PartnerListing.objects.get(verification_code=pledge.verification_code)
    assert listing.status == PledgeStatus.WITHDRAWN


def test_after_the_owner_is_deleted_someone_else_can_pledge_the_store(
    north_people: People,
) -> None:
    old = pledge_for(north_people)
    user_delete(user=north_people.owner)
    newcomer = UserFactory.create(email="new.owner@example.test")
    with schema_context("north"):
        renewed = sign(newcomer, details_of(north_people.store))
        assert renewed.pk == old.pk
        assert renewed.signed_by_id == newcomer.pk
        assert renewed.status == PledgeStatus.PENDING
        # The old window signs no longer vouch for the new owner.
        assert renewed.verification_code != old.verification_code
        assert Membership.objects.get(user_id=newcomer.pk).role == Membership.Role.STORE_OWNER


def test_deleting_one_of_two_owners_hands_the_pledge_to_the_other(north_people: People) -> None:
    pledge = pledge_for(north_people)
    partner = UserFactory.create(email="co.owner@example.test")
    with schema_context("north"):
        Membership.objects.create(
            user=partner, role=Membership.Role.STORE_OWNER, store=north_people.store
        )
    user_delete(user=north_people.owner)
    with schema_context("north"):
        pledge.refresh_from_db()
        assert (pledge.status, pledge.signed_by_id) == (PledgeStatus.ACTIVE, partner.pk)
        event = pledge.events.order_by("-at", "-id")[0]
        assert event.kind == "handed_over"
        assert event.reason
        assert Membership.objects.filter(user_id=north_people.staff.pk, is_active=True).exists()


def test_deleting_an_account_withdraws_the_invitations_it_sent(north_people: People) -> None:
    with schema_context("north"):
        invitation = invitation_create(
            email="new.officer@example.test",
            role=Membership.Role.LAW_ENFORCEMENT,
            by=north_people.coordinator,
        )
    user_delete(user=north_people.coordinator)
    with schema_context("north"):
        assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
