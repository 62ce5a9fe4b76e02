"""Taking the pledge and every change of its state: who may, what is recorded, what the public
directory shows afterwards."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context

from networks.models import Invitation, Membership, Store
from networks.services import invitation_create
from pledges.models import Acknowledgement, PartnerListing, Pledge, PledgeEvent, PledgeVersion
from pledges.services import (
    PledgeError,
    StoreAlreadyPledged,
    acknowledgement_record,
    current_version,
    pledge_email_confirmed,
    pledge_listing_set,
    pledge_reaffirm,
    pledge_staff_invite,
    pledge_transition,
    pledge_version_publish,
)
from tests.conftest import People
from tests.factories import UserFactory
from tests.pledges.conftest import (
    all_commitments,
    details_of,
    new_store_details,
    pledge_for,
    set_approval,
    sign,
)

Status = Pledge.Status


def listing_of(pledge: Pledge) -> PartnerListing:
    return PartnerListing.objects.get(verification_code=pledge.verification_code)


def events_of(pledge: Pledge) -> list[tuple[str, str, str, int | None, str]]:
    return [
        (e.kind, e.from_status, e.to_status, e.actor_id, e.reason)
        for e in PledgeEvent.objects.filter(pledge=pledge).order_by("at", "id")
    ]


# --- Taking the pledge -----------------------------------------------------------------------


def test_a_new_store_pledges_pending_where_the_network_wants_approval(north_people: People):
    jeweler = UserFactory.create(email="new.jeweler@example.test", full_name="Ada Stone")
    with schema_context(north_people.network.schema_name):
        pledge = sign(jeweler, new_store_details())
        assert pledge.status == Status.PENDING
        assert pledge.version == current_version()
        assert pledge.signed_by_id == jeweler.pk
        assert pledge.signature_name == "Ada Stone"
        assert pledge.signed_at is not None
        assert pledge.consented_to_terms
        membership = Membership.objects.get(user_id=jeweler.pk)
        assert membership.role == Membership.Role.STORE_OWNER
        assert membership.store == pledge.store
        assert events_of(pledge) == [("signed", "", "pending", jeweler.pk, "")]
        listing = listing_of(pledge)
        assert listing.status == Status.PENDING
        assert listing.network_id == north_people.network.pk
        assert listing.display_name == "Harbor Gems"


def test_a_pledge_is_active_at_once_where_no_approval_is_needed(north_people: People):
    set_approval(north_people.network, required=False)
    jeweler = UserFactory.create(email="fast@example.test")
    with schema_context(north_people.network.schema_name):
        pledge = sign(jeweler, new_store_details())
        assert pledge.status == Status.ACTIVE
        assert pledge.activated_at is not None
        assert [e[0] for e in events_of(pledge)] == ["signed", "activated"]
        assert listing_of(pledge).status == Status.ACTIVE
        assert listing_of(pledge).partner_since == pledge.activated_at


def test_an_unconfirmed_email_keeps_the_pledge_pending_until_confirmed(north_people: People):
    set_approval(north_people.network, required=False)
    jeweler = UserFactory.create(email="slow@example.test", verified=False)
    with schema_context(north_people.network.schema_name):
        pledge = sign(jeweler, new_store_details())
        assert pledge.status == Status.PENDING
        EmailAddress.objects.create(user=jeweler, email=jeweler.email, verified=True)
        assert [p.pk for p in pledge_email_confirmed(user=jeweler)] == [pledge.pk]
        pledge.refresh_from_db()
        assert pledge.status == Status.ACTIVE
        assert listing_of(pledge).status == Status.ACTIVE
        assert pledge_email_confirmed(user=jeweler) == []


def test_the_owner_of_a_registered_store_pledges_for_that_store(north_people: People):
    with schema_context(north_people.network.schema_name):
        pledge = sign(north_people.owner, details_of(north_people.store, phone="+1 415-555-0101"))
        assert pledge.store == north_people.store
        assert Store.objects.count() == 2
        north_people.store.refresh_from_db()
        assert north_people.store.phone == "+1 415-555-0101"


def test_the_pledge_needs_every_commitment_a_signature_and_consent(north_people: People):
    jeweler = UserFactory.create(email="partial@example.test")
    with schema_context(north_people.network.schema_name):
        with pytest.raises(ValidationError) as refused:
            sign(
                jeweler,
                new_store_details(),
                commitments=all_commitments()[:-1],
                signature_name="   ",
                consented=False,
            )
        assert set(refused.value.message_dict) == {"commitments", "signature_name", "consent"}
        assert not Pledge.objects.exists()
        assert not Store.objects.filter(display_name="Harbor Gems").exists()


@pytest.mark.parametrize(
    "retyped",
    [
        {"display_name": "HARBOR GEMS", "address_line1": "412 pine avenue"},
        {"display_name": "Harbor  Gems!", "address_line1": "412, Pine Avenue."},
        {"display_name": "Hárbor Gems", "city": "LONG BEACH"},
    ],
)
def test_the_same_store_typed_differently_ends_on_the_existing_pledge(
    north_people: People, retyped: dict[str, str]
) -> None:
    first = UserFactory.create(email="first@example.test")
    second = UserFactory.create(email="second@example.test")
    with schema_context(north_people.network.schema_name):
        existing = sign(first, new_store_details())
        with pytest.raises(StoreAlreadyPledged) as taken:
            sign(second, new_store_details(**retyped))
        assert taken.value.pledge == existing
        assert not taken.value.yours
        assert "already taken the pledge" in str(taken.value)
        assert Pledge.objects.count() == 1
        assert Store.objects.filter(identity_key=existing.store.identity_key).count() == 1
        assert not Membership.objects.filter(user_id=second.pk).exists()


def test_the_same_owner_pledging_again_ends_on_their_pledge(north_people: People):
    jeweler = UserFactory.create(email="twice@example.test")
    with schema_context(north_people.network.schema_name):
        existing = sign(jeweler, new_store_details())
        with pytest.raises(StoreAlreadyPledged) as taken:
            sign(jeweler, new_store_details(display_name="Another Name", address_line1="9 Elm"))
        assert taken.value.pledge == existing
        assert taken.value.yours
        assert Pledge.objects.count() == 1


def test_nobody_claims_a_registered_store_that_has_another_owner(north_people: People):
    stranger = UserFactory.create(email="claimer@example.test")
    with schema_context(north_people.network.schema_name):
        with pytest.raises(PledgeError, match="another owner"):
            sign(stranger, details_of(north_people.store))
        assert not Pledge.objects.exists()


@pytest.mark.parametrize("who", ["staff", "coordinator", "police"])
def test_people_with_another_role_cannot_sign_for_a_store(north_people: People, who: str):
    with (
        schema_context(north_people.network.schema_name),
        pytest.raises(PledgeError, match="already has a role"),
    ):
        sign(getattr(north_people, who), new_store_details())


def test_a_name_and_address_too_long_together_are_refused(north_people: People):
    jeweler = UserFactory.create(email="long@example.test")
    # NFKD turns this one character into eighteen: the stored key would overflow its column.
    long_name = "\ufdfa" * 60
    with schema_context(north_people.network.schema_name), pytest.raises(ValidationError) as e:
        sign(jeweler, new_store_details(display_name=long_name))
    assert "display_name" in e.value.message_dict


# --- Changes of state ------------------------------------------------------------------------

ALLOWED = [
    ("pending", "approved", "active"),
    ("pending", "declined", "revoked"),
    ("pending", "withdrawn", "withdrawn"),
    ("active", "suspended", "suspended"),
    ("active", "revoked", "revoked"),
    ("active", "withdrawn", "withdrawn"),
    ("suspended", "reinstated", "active"),
    ("suspended", "revoked", "revoked"),
    ("suspended", "withdrawn", "withdrawn"),
]
REFUSED = [
    # A pledge that never was in force is declined, not revoked; one in force is revoked.
    ("pending", "revoked"),
    ("active", "declined"),
    ("suspended", "declined"),
    ("pending", "suspended"),
    ("pending", "reinstated"),
    ("active", "approved"),
    ("active", "reinstated"),
    ("suspended", "approved"),
    ("suspended", "suspended"),
    ("revoked", "approved"),
    ("revoked", "reinstated"),
    ("revoked", "withdrawn"),
    ("revoked", "revoked"),
    ("withdrawn", "approved"),
    ("withdrawn", "reinstated"),
    ("withdrawn", "revoked"),
]


def pledge_in(people: People, status: str) -> Pledge:
    pledge = pledge_for(people, active=status != "pending")
    with schema_context(people.network.schema_name):
        if status == "suspended":
            pledge = pledge_transition(
                pledge=pledge, action="suspended", by=people.coordinator, reason="Logbook empty"
            )
        elif status in ("revoked", "withdrawn"):
            pledge = pledge_transition(
                pledge=pledge, action=status, by=people.coordinator, reason="Closed"
            )
    assert pledge.status == status
    return pledge


@pytest.mark.parametrize(("start", "action", "end"), ALLOWED)
def test_allowed_changes_are_made_recorded_and_published(
    north_people: People, start: str, action: str, end: str, django_capture_on_commit_callbacks
) -> None:
    pledge = pledge_in(north_people, start)
    actor = north_people.owner if action == "withdrawn" else north_people.coordinator
    with schema_context(north_people.network.schema_name):
        before = PledgeEvent.objects.filter(pledge=pledge).count()
        with django_capture_on_commit_callbacks(execute=True):
            changed = pledge_transition(
                pledge=pledge, action=action, by=actor, reason="  Because it had to  "
            )
        assert changed.status == end
        event = PledgeEvent.objects.filter(pledge=pledge).order_by("-at", "-id").first()
        assert PledgeEvent.objects.filter(pledge=pledge).count() == before + 1
        assert event is not None
        assert (event.kind, event.from_status, event.to_status) == (action, start, end)
        assert event.actor_id == actor.pk
        assert event.reason == "Because it had to"
        assert event.at is not None
        listing = listing_of(pledge)
        assert listing.status == end
        if end == "active":
            assert listing.partner_since is not None
    assert mail.outbox, "the store hears about every change"


@pytest.mark.parametrize(("start", "action"), REFUSED)
def test_refused_changes_change_nothing(north_people: People, start: str, action: str) -> None:
    pledge = pledge_in(north_people, start)
    with schema_context(north_people.network.schema_name):
        before = events_of(pledge)
        with pytest.raises(PledgeError):
            pledge_transition(
                pledge=pledge, action=action, by=north_people.coordinator, reason="Try"
            )
        pledge.refresh_from_db()
        assert pledge.status == start
        assert events_of(pledge) == before
        assert listing_of(pledge).status == start


@pytest.mark.parametrize("action", ["suspended", "revoked"])
def test_suspending_and_revoking_need_a_reason(north_pledge: Pledge, north_people: People, action):
    with schema_context(north_people.network.schema_name):
        with pytest.raises(ValidationError) as refused:
            pledge_transition(
                pledge=north_pledge, action=action, by=north_people.coordinator, reason="  "
            )
        assert "reason" in refused.value.message_dict
        north_pledge.refresh_from_db()
        assert north_pledge.status == Status.ACTIVE


def test_declining_needs_a_reason(north_people: People):
    pending = pledge_for(north_people, active=False)
    with schema_context(north_people.network.schema_name):
        with pytest.raises(ValidationError) as refused:
            pledge_transition(
                pledge=pending, action="declined", by=north_people.coordinator, reason=""
            )
        assert "reason" in refused.value.message_dict
        pending.refresh_from_db()
        assert pending.status == Status.PENDING


def test_an_unknown_action_is_refused_plainly(north_pledge: Pledge, north_people: People):
    with schema_context(north_people.network.schema_name), pytest.raises(PledgeError):
        pledge_transition(pledge=north_pledge, action="deleted", by=north_people.coordinator)


def test_approval_waits_for_the_signers_confirmed_email(north_people: People):
    jeweler = UserFactory.create(email="unconfirmed@example.test", verified=False)
    with schema_context(north_people.network.schema_name):
        pledge = sign(jeweler, new_store_details())
        with pytest.raises(PledgeError, match="confirmed their email"):
            pledge_transition(pledge=pledge, action="approved", by=north_people.coordinator)
        pledge.refresh_from_db()
        assert pledge.status == Status.PENDING


def test_withdrawing_ends_the_teams_access_and_open_invitations(
    north_pledge: Pledge, north_people: People
) -> None:
    with schema_context(north_people.network.schema_name):
        invitation = pledge_staff_invite(
            pledge=north_pledge, email="later@example.test", by=north_people.owner
        )
        pledge_transition(pledge=north_pledge, action="withdrawn", by=north_people.owner)
        assert not Membership.objects.filter(store=north_people.store, is_active=True).exists()
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None


def test_revoking_ends_open_invitations(north_pledge: Pledge, north_people: People) -> None:
    with schema_context(north_people.network.schema_name):
        invitation = invitation_create(
            email="later@example.test",
            role=Membership.Role.STORE_STAFF,
            by=north_people.owner,
            store=north_people.store,
        )
        pledge_transition(
            pledge=north_pledge, action="revoked", by=north_people.coordinator, reason="Closed"
        )
        assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
        with pytest.raises(PledgeError):
            pledge_staff_invite(pledge=north_pledge, email="x@example.test", by=north_people.owner)


def test_a_store_that_withdrew_can_pledge_again_on_the_same_pledge(
    north_pledge: Pledge, north_people: People
) -> None:
    with schema_context(north_people.network.schema_name):
        pledge_transition(pledge=north_pledge, action="withdrawn", by=north_people.owner)
        again = sign(north_people.owner, details_of(north_people.store))
        assert again.pk == north_pledge.pk
        assert again.verification_code == north_pledge.verification_code
        assert again.status == Status.PENDING
        assert again.activated_at is None
        assert [e[0] for e in events_of(again)][-2:] == ["withdrawn", "renewed"]
        assert Membership.objects.get(user_id=north_people.owner.pk).is_active
        assert Pledge.objects.count() == 1


# --- Listing, versions, re-affirming, acknowledging ------------------------------------------


def test_the_owner_hides_and_shows_the_store_on_the_public_wall(
    north_pledge: Pledge, north_people: People
) -> None:
    with schema_context(north_people.network.schema_name):
        pledge_listing_set(pledge=north_pledge, listed_publicly=False, by=north_people.owner)
        assert not listing_of(north_pledge).listed_publicly
        pledge_listing_set(pledge=north_pledge, listed_publicly=True, by=north_people.owner)
        assert listing_of(north_pledge).listed_publicly


def publish(people: People, *, text: str = "Keep the logbook every day.") -> PledgeVersion:
    version = current_version()
    return pledge_version_publish(
        introduction=version.introduction,
        commitments=[*version.commitments, {"key": "daily", "text": text}],
        data_terms=version.data_terms,
        by=people.coordinator,
    )


def test_a_new_text_is_a_new_version_and_pledges_keep_theirs(
    north_pledge: Pledge, north_people: People
) -> None:
    with schema_context(north_people.network.schema_name):
        old = north_pledge.version
        new = publish(north_people)
        assert new.number == old.number + 1
        assert new.published_by_id == north_people.coordinator.pk
        north_pledge.refresh_from_db()
        assert north_pledge.version == old


def test_publishing_the_same_text_again_is_refused(north_people: People):
    with schema_context(north_people.network.schema_name):
        version = current_version()
        with pytest.raises(ValidationError, match="Nothing changed"):
            pledge_version_publish(
                introduction=version.introduction,
                commitments=version.commitments,
                data_terms=version.data_terms,
                by=north_people.coordinator,
            )


def test_an_empty_text_is_refused(north_people: People):
    with schema_context(north_people.network.schema_name), pytest.raises(ValidationError) as e:
        pledge_version_publish(
            introduction=" ",
            commitments=[{"key": "a", "text": " "}],
            data_terms="",
            by=north_people.coordinator,
        )
    assert set(e.value.message_dict) == {"introduction", "commitments", "data_terms"}


def test_reaffirming_signs_the_new_version(north_pledge: Pledge, north_people: People):
    with schema_context(north_people.network.schema_name):
        new = publish(north_people)
        with pytest.raises(ValidationError):
            pledge_reaffirm(
                pledge=north_pledge,
                by=north_people.owner,
                signature_name="James",
                commitments=all_commitments()[:-1],
                consented=True,
            )
        pledge = pledge_reaffirm(
            pledge=north_pledge,
            by=north_people.owner,
            signature_name="James Okafor",
            commitments=all_commitments(),
            consented=True,
        )
        assert pledge.version == new
        assert pledge.signature_name == "James Okafor"
        assert events_of(pledge)[-1][:4] == (
            "reaffirmed",
            "active",
            "active",
            north_people.owner.pk,
        )
        with pytest.raises(PledgeError, match="already follows"):
            pledge_reaffirm(
                pledge=pledge,
                by=north_people.owner,
                signature_name="James Okafor",
                commitments=all_commitments(),
                consented=True,
            )


def test_staff_acknowledge_an_active_pledge_only(north_people: People):
    pending = pledge_for(north_people, active=False)
    with schema_context(north_people.network.schema_name):
        with pytest.raises(PledgeError):
            acknowledgement_record(pledge=pending, user=north_people.staff)
        active = pledge_transition(pledge=pending, action="approved", by=north_people.coordinator)
        ack = acknowledgement_record(pledge=active, user=north_people.staff)
        assert ack.version == active.version
        acknowledgement_record(pledge=active, user=north_people.staff)
        assert Acknowledgement.objects.filter(pledge=active).count() == 1


def test_someone_outside_the_store_cannot_acknowledge_its_pledge(
    north_pledge: Pledge, north_people: People
) -> None:
    with schema_context(north_people.network.schema_name), pytest.raises(PledgeError):
        acknowledgement_record(pledge=north_pledge, user=north_people.other_store_owner)


# --- Mail ------------------------------------------------------------------------------------


def test_coordinators_hear_of_pledges_to_review_and_the_signer_of_each_step(
    north_people: People, django_capture_on_commit_callbacks
) -> None:
    jeweler = UserFactory.create(email="mail.me@example.test")
    with schema_context(north_people.network.schema_name):
        with django_capture_on_commit_callbacks(execute=True):
            pledge = sign(jeweler, new_store_details(display_name="Castellano & Daughters"))
        to = {message.to[0]: message for message in mail.outbox}
        assert set(to) == {jeweler.email, north_people.coordinator.email}
        review = to[north_people.coordinator.email]
        assert "Castellano & Daughters" in review.subject
        assert f"/pledges/{pledge.pk}/" in review.body
        assert "&amp;" not in review.body
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pledge_transition(pledge=pledge, action="approved", by=north_people.coordinator)
        assert [message.to for message in mail.outbox] == [[jeweler.email]]
        assert pledge.verification_code in mail.outbox[0].body
