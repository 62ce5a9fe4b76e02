"""Invitations: single-use, expiring links that bring a person into a store's team (or a
network role), and the /join/ page that uses them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tenants.utils import schema_context

from networks.models import Invitation, Membership, Store
from networks.services import (
    INVITATIONS_OPEN_PER_ACCOUNT,
    INVITATIONS_PER_ACCOUNT_PER_DAY,
    InvitationError,
    InvitationNeedsMfa,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_revoke,
    invitation_token_hash,
    membership_remove,
)
from pledges.models import Pledge
from pledges.services import PledgeError, pledge_staff_invite, pledge_transition
from tests.conftest import People, client_for
from tests.factories import UserFactory, invitation_sent
from tests.pledges.conftest import details_of, pledge_for, sign

Role = Membership.Role


@pytest.fixture(autouse=True)
def north_pledge(north_people: People) -> Pledge:
    # Only a store whose pledge is active may invite (the email carries its name).
    return pledge_for(north_people)


def invite(people: People, email: str = "new.hire@example.test") -> tuple[Invitation, str]:
    with schema_context(people.network.schema_name):
        return invitation_sent(
            email=email, role=Role.STORE_STAFF, by=people.owner, store=people.store
        )


# --- The service -----------------------------------------------------------------------------


def test_only_the_tokens_hash_is_kept(north_people: People):
    invitation, token = invite(north_people, " New.Hire@Example.TEST ")
    assert invitation.email == "new.hire@example.test"
    assert invitation.token_hash == invitation_token_hash(token)
    assert token not in invitation.token_hash
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - timedelta(days=7)) < timedelta(seconds=5)
    assert invitation.invited_by_id == north_people.owner.pk


def test_the_invitation_is_mailed_with_its_link(
    north_people: People, django_capture_on_commit_callbacks
):
    with schema_context("north"), django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            email="new.hire@example.test",
            role=Role.STORE_STAFF,
            by=north_people.owner,
            store=north_people.store,
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.hire@example.test"]
    link = re.search(r"http://north\.localhost/join/([\w-]+)/", str(message.body))
    assert link is not None
    token = link.group(1)
    with schema_context("north"):
        assert invitation_for_token(token).pk == invitation.pk
    assert "\n" not in message.subject


def test_a_new_invitation_replaces_the_open_one_for_the_same_address(north_people: People):
    first, first_token = invite(north_people)
    _second, second_token = invite(north_people)
    with schema_context("north"):
        first.refresh_from_db()
        assert first.revoked_at is not None
        with pytest.raises(InvitationError, match="not valid"):
            invitation_for_token(first_token)
        assert invitation_for_token(second_token).email == "new.hire@example.test"


def test_accepting_makes_the_person_staff_of_the_store(north_people: People):
    person = UserFactory.create(email="new.hire@example.test")
    _invitation, token = invite(north_people)
    with schema_context("north"):
        membership = invitation_accept(token=token, user=person)
        assert (membership.role, membership.store) == (Role.STORE_STAFF, north_people.store)
        assert Invitation.objects.get().accepted_by_id == person.pk


def test_an_invitation_works_once(north_people: People):
    person = UserFactory.create(email="new.hire@example.test")
    _invitation, token = invite(north_people)
    with schema_context("north"):
        invitation_accept(token=token, user=person)
        with pytest.raises(InvitationError, match="already been used"):
            invitation_accept(token=token, user=person)
        with pytest.raises(InvitationError, match="already been used"):
            invitation_for_token(token)


def test_an_expired_invitation_is_refused(north_people: People):
    person = UserFactory.create(email="new.hire@example.test")
    invitation, token = invite(north_people)
    with schema_context("north"):
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        with pytest.raises(InvitationError, match="expired"):
            invitation_accept(token=token, user=person)
        assert not Membership.objects.filter(user_id=person.pk).exists()


def test_a_withdrawn_invitation_is_refused(north_people: People):
    person = UserFactory.create(email="new.hire@example.test")
    invitation, token = invite(north_people)
    with schema_context("north"):
        invitation_revoke(invitation=invitation)
        with pytest.raises(InvitationError, match="not valid"):
            invitation_accept(token=token, user=person)


@pytest.mark.parametrize("token", ["", "x", "a" * 5000, "../../etc/passwd", "' OR 1=1 --"])
def test_made_up_tokens_are_refused(north_people: People, token: str):
    with schema_context("north"), pytest.raises(InvitationError, match="not valid"):
        invitation_for_token(token)


def test_only_the_invited_address_may_accept(north_people: People, outsider):
    _invitation, token = invite(north_people)
    with schema_context("north"), pytest.raises(InvitationError, match=r"sent to new\.hire"):
        invitation_accept(token=token, user=outsider)


def test_an_unconfirmed_address_may_not_accept(north_people: People):
    person = UserFactory.create(email="new.hire@example.test", verified=False)
    _invitation, token = invite(north_people)
    with schema_context("north"), pytest.raises(InvitationError):
        invitation_accept(token=token, user=person)
    EmailAddress.objects.create(user=person, email=person.email, verified=True)
    with schema_context("north"):
        assert invitation_accept(token=token, user=person).is_active


def test_a_member_of_another_store_cannot_be_moved_by_an_invitation(north_people: People):
    with schema_context("north"):
        other = sign(north_people.other_store_owner, details_of(north_people.other_store))
        pledge_transition(pledge=other, action="approved", by=north_people.coordinator)
        _invitation, token = invitation_sent(
            email=north_people.staff.email,
            role=Role.STORE_STAFF,
            by=north_people.other_store_owner,
            store=north_people.other_store,
        )
        with pytest.raises(InvitationError, match="another store"):
            invitation_accept(token=token, user=north_people.staff)
        assert Membership.objects.get(user_id=north_people.staff.pk).store == north_people.store


def test_a_person_with_another_role_cannot_accept(north_people: People):
    _invitation, token = invite(north_people, north_people.coordinator.email)
    with schema_context("north"), pytest.raises(InvitationError, match="already has a role"):
        invitation_accept(token=token, user=north_people.coordinator)


@pytest.mark.parametrize("email", ["", "not-an-email", "a@b", "x" * 250 + "@example.test"])
def test_bad_addresses_are_refused(north_people: People, email: str):
    with pytest.raises(ValidationError) as refused:
        invite(north_people, email)
    assert "email" in refused.value.message_dict


def test_people_already_on_the_team_are_not_invited_again(north_people: People):
    with pytest.raises(ValidationError, match="already on the store"):
        invite(north_people, north_people.staff.email.upper())


def test_an_owner_cannot_flood_addresses_with_invitations(north_people: People):
    for number in range(INVITATIONS_PER_ACCOUNT_PER_DAY):
        invite(north_people, f"person{number}@example.test")
    with pytest.raises(ValidationError, match="a lot of invitations"):
        invite(north_people, "one.more@example.test")


def test_sending_again_to_the_same_address_counts_against_the_daily_cap(north_people: People):
    for _attempt in range(INVITATIONS_PER_ACCOUNT_PER_DAY):
        invite(north_people, "same.victim@example.test")
    with pytest.raises(ValidationError, match="a lot of invitations"):
        invite(north_people, "same.victim@example.test")


def test_one_account_keeps_only_so_many_invitations_waiting(north_people: People):
    with schema_context("north"):
        for number in range(INVITATIONS_OPEN_PER_ACCOUNT):
            invitation, _token = invite(north_people, f"waiting{number}@example.test")
            # Sent on earlier days: only the number still waiting holds this sender back.
            Invitation.objects.filter(pk=invitation.pk).update(
                created_at=timezone.now() - timedelta(days=2)
            )
        with pytest.raises(ValidationError, match="still waiting for an answer"):
            invite(north_people, "one.more@example.test")
        invitation_revoke(invitation=Invitation.objects.filter(revoked_at__isnull=True)[0])
        assert invite(north_people, "one.more@example.test")[0].pk


@pytest.mark.parametrize("state", ["pending", "suspended", "withdrawn"])
def test_a_store_whose_pledge_is_not_active_cannot_send_invitations(
    north_people: People, north_pledge: Pledge, state: str
):
    with schema_context("north"):
        if state == "pending":
            Pledge.objects.filter(pk=north_pledge.pk).update(status="pending")
        else:
            pledge_transition(
                pledge=north_pledge, action=state, by=north_people.coordinator, reason="Test"
            )
        with pytest.raises(PledgeError, match="once it is active"):
            pledge_staff_invite(pledge=north_pledge, email="x@example.test", by=north_people.owner)
        with pytest.raises(ValidationError, match="once its pledge is active"):
            invitation_create(
                email="x@example.test",
                role=Role.STORE_STAFF,
                by=north_people.owner,
                store=north_people.store,
            )
        assert not Invitation.objects.exists()


def test_a_store_that_never_pledged_cannot_send_invitations(north_people: People):
    with schema_context("north"), pytest.raises(ValidationError, match="pledge is active"):
        invitation_create(
            email="x@example.test",
            role=Role.STORE_STAFF,
            by=north_people.other_store_owner,
            store=north_people.other_store,
        )


def test_the_email_gives_the_store_as_the_senders_claim_not_the_portals(
    north_people: People, django_capture_on_commit_callbacks, smtp_outbox
):
    with schema_context("north"):
        Store.objects.filter(pk=north_people.store.pk).update(display_name="Bank Of Trust")
        with django_capture_on_commit_callbacks(execute=True):
            invitation_create(
                email="target@example.test",
                role=Role.STORE_STAFF,
                by=north_people.owner,
                store=north_people.store,
            )
    [message] = smtp_outbox.messages
    subject = str(message["Subject"])
    assert "Bank Of Trust" not in subject
    text = next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )
    flat = " ".join(text.split())
    owner = north_people.owner
    assert f'{owner.full_name} ({owner.email}) says they are from the store "Bank Of Trust"' in flat
    assert "Bank Of Trust has taken" not in flat


def test_removing_a_member_keeps_their_account(north_people: People):
    with schema_context("north"):
        membership = Membership.objects.get(user_id=north_people.staff.pk)
        membership_remove(membership=membership, by=None, how="test")
        assert not Membership.objects.get(pk=membership.pk).is_active
    north_people.staff.refresh_from_db()
    assert north_people.staff.is_active


# --- The /join/ page -------------------------------------------------------------------------


def test_an_anonymous_visitor_learns_what_the_invitation_is_and_how_to_accept(north_people):
    _invitation, token = invite(north_people)
    response = client_for(north_people.network).get(f"/join/{token}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Join the team of" in body
    assert "North Gems" in body
    assert "new.hire@example.test" in body
    assert f'href="/accounts/signup/?next=/join/{token}/"' in body
    assert f'href="/accounts/login/?next=/join/{token}/"' in body


def test_the_invited_person_accepts_and_lands_on_the_store_page(north_people):
    person = UserFactory.create(email="new.hire@example.test")
    _invitation, token = invite(north_people)
    client = client_for(north_people.network, person)
    page = client.get(f"/join/{token}/").content.decode()
    assert "Accept the invitation" in page
    response = client.post(f"/join/{token}/", follow=True)
    assert response.redirect_chain[-1][0] == "/store/"
    assert "Welcome to the team of North Gems" in response.content.decode()
    again = client.get(f"/join/{token}/").content.decode()
    assert "already been used" in again


def test_someone_logged_in_with_another_address_is_told_which_to_use(north_people, outsider):
    _invitation, token = invite(north_people)
    client = client_for(north_people.network, outsider)
    body = client.get(f"/join/{token}/").content.decode()
    assert "but this invitation was sent to" in body
    assert "Accept the invitation" not in body
    forced = client.post(f"/join/{token}/")
    assert forced.status_code == 200
    assert "Log in with that address to accept it" in forced.content.decode()
    with schema_context("north"):
        assert not Membership.objects.filter(user_id=outsider.pk).exists()


@pytest.mark.parametrize("state", ["expired", "used", "withdrawn", "made_up"])
def test_links_that_no_longer_work_say_why(north_people, state: str):
    invitation, token = invite(north_people)
    with schema_context("north"):
        if state == "expired":
            Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
        elif state == "used":
            Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
        elif state == "withdrawn":
            invitation_revoke(invitation=invitation)
    if state == "made_up":
        token = "no-such-token"
    for client in (
        client_for(north_people.network),
        client_for(north_people.network, north_people.owner),
    ):
        response = client.get(f"/join/{token}/")
        assert response.status_code == 200
        assert re.search(r"expired|already been used|not valid", response.content.decode())
        assert client.post(f"/join/{token}/").status_code == 200


def test_an_invited_coordinator_lands_on_the_dashboard(north_people, settings):
    settings.PORTAL_MFA_EXEMPT_EMAILS = ["second.coordinator@example.test"]
    person = UserFactory.create(email="second.coordinator@example.test")
    with schema_context("north"):
        _invitation, token = invitation_sent(
            email=person.email, role=Role.COORDINATOR, by=north_people.coordinator
        )
    response = client_for(north_people.network, person).post(f"/join/{token}/")
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_after_joining_the_new_staff_member_acknowledges_the_pledge(north_people):
    person = UserFactory.create(email="new.hire@example.test")
    _invitation, token = invite(north_people)
    client = client_for(north_people.network, person)
    client.post(f"/join/{token}/")
    assert "Next step: acknowledge the pledge" in client.get("/store/").content.decode()
    client.post("/store/acknowledge/")
    owner_page = client_for(north_people.network, north_people.owner).get("/store/")
    team = {member.user.email: member.acknowledged_current for member in owner_page.context["team"]}
    assert team == {"staff@north.test": False, "new.hire@example.test": True}


# --- Coordinators and police: the authenticator before the role ------------------------------


def invite_to_role(people: People, email: str, role: str) -> tuple[Invitation, str]:
    with schema_context(people.network.schema_name):
        return invitation_sent(email=email, role=role, by=people.coordinator)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.LAW_ENFORCEMENT])
def test_an_invited_coordinator_or_officer_gets_the_role_only_after_setting_up_mfa(
    north_people: People, role: str
):
    person = UserFactory.create(email="new.officer@example.test")
    _invitation, token = invite_to_role(north_people, person.email, role)
    with schema_context("north"):
        with pytest.raises(InvitationNeedsMfa):
            invitation_accept(token=token, user=person)
        assert not Membership.objects.filter(user_id=person.pk).exists()
        assert invitation_for_token(token).accepted_at is None
    TOTP.activate(person, generate_totp_secret())
    with schema_context("north"):
        assert invitation_accept(token=token, user=person).role == role


def test_the_join_page_sends_an_invited_coordinator_to_set_up_mfa_first(north_people: People):
    person = UserFactory.create(email="new.coordinator@example.test")
    _invitation, token = invite_to_role(north_people, person.email, Role.COORDINATOR)
    client = client_for(north_people.network, person)
    page = client.get(f"/join/{token}/").content.decode()
    assert "First, set up an authenticator app" in page
    assert 'href="/accounts/2fa/totp/activate/"' in page
    assert "Accept the invitation</button>" not in page
    forced = client.post(f"/join/{token}/")
    assert forced.status_code == 200
    assert "First, set up an authenticator app" in forced.content.decode()
    with schema_context("north"):
        assert not Membership.objects.filter(user_id=person.pk).exists()
