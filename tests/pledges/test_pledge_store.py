"""The store's page after pledging: status and next steps, the team, invitations, the public
listing, re-affirming and withdrawing."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django_tenants.utils import schema_context

from networks.models import Invitation, Membership
from pledges.models import Acknowledgement, PartnerListing, Pledge
from pledges.services import pledge_transition, pledge_version_publish
from tests.conftest import People, client_for
from tests.pledges.conftest import pledge_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")


def page(people: People, who: str, path: str = "/store/") -> str:
    response = client_for(people.network, getattr(people, who)).get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_owner_sees_the_pledge_code_link_toolkit_and_team(north_pledge, north_people):
    body = page(north_people, "owner")
    assert north_pledge.verification_code in body
    assert f"http://localhost/verify/{north_pledge.verification_code}/" in body
    assert 'href="/toolkit/"' in body
    assert "Your team" in body
    assert north_people.staff.email in body
    assert "Not acknowledged yet" in body
    assert 'action="/store/invitations/"' in body
    assert 'href="/store/withdraw/"' in body


def test_staff_see_the_pledge_and_a_button_to_acknowledge_it(north_pledge, north_people):
    body = page(north_people, "staff")
    assert north_pledge.verification_code in body
    assert "Next step: acknowledge the pledge" in body
    assert 'action="/store/acknowledge/"' in body
    assert "Your team" not in body
    assert 'action="/store/invitations/"' not in body


def test_staff_acknowledge_and_the_owner_sees_it(north_pledge, north_people):
    staff = client_for(north_people.network, north_people.staff)
    response = staff.post("/store/acknowledge/", follow=True)
    assert "acknowledgement of the pledge is recorded" in response.content.decode()
    with schema_context("north"):
        assert Acknowledgement.objects.filter(user_id=north_people.staff.pk).exists()
    assert "You acknowledged this pledge" in page(north_people, "staff")
    assert "Acknowledged" in page(north_people, "owner")
    assert "Not acknowledged yet" not in page(north_people, "owner")


def test_a_pending_pledge_shows_the_next_step_and_cannot_be_acknowledged(north_people):
    pledge_for(north_people, active=False)
    assert "Waiting for the coordinator" in page(north_people, "owner")
    staff = client_for(north_people.network, north_people.staff)
    response = staff.post("/store/acknowledge/", follow=True)
    assert "Only an active pledge can be acknowledged" in response.content.decode()
    assert 'href="/toolkit/"' not in page(north_people, "owner")


def test_an_owner_with_an_unconfirmed_email_is_asked_to_confirm_it(north_people):
    pledge_for(north_people, active=False)
    EmailAddress.objects.filter(user=north_people.owner).update(verified=False)
    body = page(north_people, "owner")
    assert "Next step: confirm the email address" in body


def test_a_suspended_pledge_shows_the_coordinators_reason(north_pledge, north_people):
    with schema_context("north"):
        pledge_transition(
            pledge=north_pledge,
            action="suspended",
            by=north_people.coordinator,
            reason="No incidents logged since March",
        )
    for who in ("owner", "staff"):
        body = page(north_people, who)
        assert "The pledge is suspended" in body
        assert "No incidents logged since March" in body


def test_staff_of_a_store_without_a_pledge_see_what_comes_next(north_people):
    body = page(north_people, "staff")
    assert "Next step: your store" in body


# --- Invitations and the team ----------------------------------------------------------------


def test_the_owner_invites_staff_by_email(
    north_pledge, north_people, django_capture_on_commit_callbacks
):
    owner = client_for(north_people.network, north_people.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post("/store/invitations/", {"email": " New.Hire@Example.test "})
    assert response.status_code == 302
    with schema_context("north"):
        invitation = Invitation.objects.get(email="new.hire@example.test")
        assert invitation.store == north_people.store
        assert invitation.role == Membership.Role.STORE_STAFF
    assert [m.to for m in mail.outbox] == [["new.hire@example.test"]]
    message = mail.outbox[0]
    assert re.search(r"http://north\.localhost/join/[\w-]{20,}/", str(message.body))
    # The store's name is the sender's claim, in the body, never the portal's in the subject.
    assert "North Gems" not in message.subject
    assert 'says they are from the store "North Gems"' in " ".join(str(message.body).split())
    assert "new.hire@example.test" in page(north_people, "owner")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("not-an-email", "Enter a valid email address."),
        ("", "This field is required."),
        ("a@" + "b" * 300 + ".example", "Ensure this value has at most 254 characters"),
        ("staff@north.test", "already on the store"),
    ],
)
def test_a_bad_invitation_address_is_refused_next_to_the_field(
    north_pledge, north_people, typed: str, message: str
) -> None:
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post("/store/invitations/", {"email": typed})
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    if typed:
        assert f'value="{typed}"' in body
    with schema_context("north"):
        assert not Invitation.objects.exists()


def test_the_owner_withdraws_an_invitation(north_pledge, north_people):
    owner = client_for(north_people.network, north_people.owner)
    owner.post("/store/invitations/", {"email": "new.hire@example.test"})
    with schema_context("north"):
        invitation = Invitation.objects.get()
    response = owner.post(f"/store/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    with schema_context("north"):
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None
    assert "new.hire@example.test" not in page(north_people, "owner")


def test_the_owner_removes_staff_who_then_lose_access(north_pledge, north_people):
    with schema_context("north"):
        staff = Membership.objects.get(user_id=north_people.staff.pk)
    owner = client_for(north_people.network, north_people.owner)
    assert owner.post(f"/store/staff/{staff.pk}/remove/").status_code == 302
    staff_client = client_for(north_people.network, north_people.staff)
    assert staff_client.get("/store/").status_code == 404
    assert north_people.staff.email not in page(north_people, "owner")


# --- Listing, re-affirming, withdrawing ------------------------------------------------------


def test_the_owner_hides_and_shows_the_store_on_the_wall(north_pledge, north_people):
    owner = client_for(north_people.network, north_people.owner)
    owner.post("/store/listing/", {})
    listing = PartnerListing.objects.get(verification_code=north_pledge.verification_code)
    assert not listing.listed_publicly
    owner.post("/store/listing/", {"listed_publicly": "on"})
    listing.refresh_from_db()
    assert listing.listed_publicly


def publish_new_text(people: People) -> None:
    with schema_context("north"):
        pledge_version_publish(
            introduction="We pledge:",
            commitments=[{"key": "c1", "text": "Log everything."}],
            data_terms="Shared with the network only.",
            by=people.coordinator,
        )


def test_a_new_text_asks_the_owner_to_reaffirm(north_pledge, north_people):
    publish_new_text(north_people)
    body = page(north_people, "owner")
    assert "The pledge text has changed" in body
    assert 'href="/store/reaffirm/"' in body
    assert "owner has been asked" in page(north_people, "staff")
    form = page(north_people, "owner", "/store/reaffirm/")
    assert "Log everything." in form
    owner = client_for(north_people.network, north_people.owner)
    refused = owner.post("/store/reaffirm/", {"version": "2", "signature_name": "James"})
    assert refused.status_code == 200
    assert "Tick this commitment" in refused.content.decode()
    response = owner.post(
        "/store/reaffirm/",
        {"version": "2", "commitment_1": "on", "consent": "on", "signature_name": "James O."},
    )
    assert response.status_code == 302
    with schema_context("north"):
        assert Pledge.objects.get(pk=north_pledge.pk).version.number == 2
    assert "The pledge text has changed" not in page(north_people, "owner")


def test_reaffirming_an_up_to_date_pledge_just_goes_back(north_pledge, north_people):
    response = client_for(north_people.network, north_people.owner).get("/store/reaffirm/")
    assert response.status_code == 302
    assert response["Location"] == "/store/"


def test_withdrawing_needs_a_confirmation(north_pledge, north_people):
    owner = client_for(north_people.network, north_people.owner)
    assert "Withdraw the pledge" in page(north_people, "owner", "/store/withdraw/")
    response = owner.post("/store/withdraw/", {"reason": "Moving away"})
    assert response.status_code == 200
    assert "Tick the box to confirm." in response.content.decode()
    assert "Moving away" in response.content.decode()
    with schema_context("north"):
        assert Pledge.objects.get(pk=north_pledge.pk).status == Pledge.Status.ACTIVE


def test_the_owner_withdraws_and_can_pledge_again(north_pledge, north_people):
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post("/store/withdraw/", {"reason": "Moving away", "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    with schema_context("north"):
        pledge = Pledge.objects.get(pk=north_pledge.pk)
        assert pledge.status == Pledge.Status.WITHDRAWN
        last = pledge.events.last()
        assert last is not None
        assert last.reason == "Moving away"
    assert owner.get("/store/").status_code == 404
    assert client_for(north_people.network, north_people.staff).get("/store/").status_code == 404
    again = owner.get("/pledge/")
    assert again.status_code == 200
    assert 'value="North Gems"' in again.content.decode()
