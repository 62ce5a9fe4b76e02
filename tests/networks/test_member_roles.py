"""Roles come from a coordinator (or a platform admin, or a store's own pledge and its owner's
invitations) and never from the person themselves; every grant and revocation is recorded,
and the network's coordinators read that record."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django_tenants.utils import schema_context

from accounts.services import user_delete
from networks.models import Invitation, Membership, RoleEvent
from networks.services import invitation_accept
from pledges.services import pledge_transition
from tests.conftest import People, client_for
from tests.factories import UserFactory, invitation_sent
from tests.pledges.conftest import pledge_for

Role = Membership.Role
pytestmark = pytest.mark.usefixtures("mfa_exempt")


def test_a_coordinator_invites_a_police_partner(north_people: People) -> None:
    client = client_for(north_people.network, north_people.coordinator)
    response = client.post(
        "/members/invite/", {"email": "Sgt.Rivera@Police.Example", "role": Role.LAW_ENFORCEMENT}
    )
    assert response.status_code == 302
    with schema_context("north"):
        invitation = Invitation.objects.get(email="sgt.rivera@police.example")
    assert invitation.role == Role.LAW_ENFORCEMENT
    assert invitation.invited_by_id == north_people.coordinator.pk


def test_a_refused_invitation_keeps_what_was_typed(north_people: People) -> None:
    client = client_for(north_people.network, north_people.coordinator)
    response = client.post("/members/invite/", {"email": "not-an-address", "role": "coordinator"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="not-an-address"' in page
    assert "Enter a valid email address" in page


@pytest.mark.parametrize("who", ["owner", "staff", "police", "other_store_owner"])
def test_only_coordinators_hand_out_network_roles(north_people: People, who: str) -> None:
    client = client_for(north_people.network, getattr(north_people, who))
    assert client.get("/members/invite/").status_code == 404
    data = {"email": "friend@example.test", "role": Role.COORDINATOR}
    assert client.post("/members/invite/", data).status_code == 404
    with schema_context("north"):
        assert not Invitation.objects.filter(email="friend@example.test").exists()


def test_an_owner_cannot_invite_anyone_into_a_higher_role(north_people: People) -> None:
    pledge_for(north_people)
    client = client_for(north_people.network, north_people.owner)
    client.post("/store/invitations/", {"email": "friend@example.test", "role": "coordinator"})
    with schema_context("north"):
        invitation = Invitation.objects.get(email="friend@example.test")
    assert invitation.role == Role.STORE_STAFF


def test_an_accepted_invitation_is_recorded_with_who_sent_it(north_people: People) -> None:
    officer = UserFactory.create(email="officer@police.example")
    TOTP.activate(officer, generate_totp_secret())
    with schema_context("north"):
        _invitation, token = invitation_sent(
            email=officer.email, role=Role.LAW_ENFORCEMENT, by=north_people.coordinator
        )
        invitation_accept(token=token, user=officer)
        event = RoleEvent.objects.get(user_id=officer.pk)
    assert (event.change, event.role) == ("granted", Role.LAW_ENFORCEMENT)
    assert event.by_email == north_people.coordinator.email
    assert event.how == "accepted an invitation"


def test_a_coordinator_takes_a_role_away_and_it_is_recorded(north_people: People) -> None:
    with schema_context("north"):
        police = Membership.objects.get(user=north_people.police)
    client = client_for(north_people.network, north_people.coordinator)
    assert client.post(f"/members/{police.pk}/revoke/").status_code == 302
    assert (
        client_for(north_people.network, north_people.police).get("/dashboard/").status_code == 404
    )
    with schema_context("north"):
        event = RoleEvent.objects.get(user_id=north_people.police.pk, change="revoked")
    assert event.by_email == north_people.coordinator.email


def test_a_coordinator_cannot_remove_themselves_or_someone_elsewhere(
    north_people: People, lakeshore_people: People
) -> None:
    with schema_context("north"):
        own = Membership.objects.get(user=north_people.coordinator)
    with schema_context("lakeshore"):
        foreign = Membership.objects.get(user=lakeshore_people.police)
    client = client_for(north_people.network, north_people.coordinator)
    assert client.post(f"/members/{own.pk}/revoke/").status_code == 404
    assert client.post(f"/members/{foreign.pk + 10_000}/revoke/").status_code == 404
    with schema_context("lakeshore"):
        foreign.refresh_from_db()
    assert foreign.is_active


def test_store_people_and_police_cannot_take_roles_away(north_people: People) -> None:
    with schema_context("north"):
        staff = Membership.objects.get(user=north_people.staff)
    for who in ("police", "other_store_owner", "staff"):
        client = client_for(north_people.network, getattr(north_people, who))
        assert client.post(f"/members/{staff.pk}/revoke/").status_code == 404
    with schema_context("north"):
        staff.refresh_from_db()
    assert staff.is_active


def test_a_withdrawn_pledge_records_its_team_losing_their_roles(north_people: People) -> None:
    pledge = pledge_for(north_people)
    with schema_context("north"):
        pledge_transition(pledge=pledge, action="withdrawn", by=north_people.owner)
        revoked = set(RoleEvent.objects.filter(change="revoked").values_list("email", flat=True))
    assert {north_people.owner.email, north_people.staff.email} <= revoked


def test_a_deleted_account_is_recorded_as_leaving_every_network(
    north_people: People, lakeshore_people: People
) -> None:
    email = north_people.staff.email
    user_delete(user=north_people.staff)
    with schema_context("north"):
        event = RoleEvent.objects.get(email=email)
    assert (event.change, event.how) == ("revoked", "account deleted")


def test_the_coordinator_reads_the_record_and_nobody_else_does(north_people: People) -> None:
    with schema_context("north"):
        police = Membership.objects.get(user=north_people.police)
    coordinator = client_for(north_people.network, north_people.coordinator)
    coordinator.post(f"/members/{police.pk}/revoke/")
    page = coordinator.get("/members/history/")
    assert page.status_code == 200
    assert north_people.police.email in page.content.decode()
    assert "removed by a coordinator" in page.content.decode()
    for who in ("owner", "staff", "other_store_owner"):
        client = client_for(north_people.network, getattr(north_people, who))
        assert client.get("/members/history/").status_code == 404
