"""The pledge flow at /pledge/: what each visitor sees, signing, and the second attempt."""

from __future__ import annotations

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from networks.models import Membership, Store
from pledges.models import PartnerListing, Pledge
from tests.conftest import People, client_for
from tests.factories import UserFactory
from tests.pledges.conftest import form_data, image_file, set_approval

pytestmark = pytest.mark.usefixtures("mfa_exempt")


def body(response) -> str:
    return response.content.decode()


def test_an_anonymous_visitor_reads_the_steps_and_where_to_start(north_people: People):
    page = body(client_for(north_people.network).get("/pledge/"))
    assert "Create an account" in page
    assert 'href="/accounts/signup/?next=/pledge/"' in page
    assert 'href="/accounts/login/?next=/pledge/"' in page


def test_an_account_with_an_unconfirmed_email_is_told_to_confirm_it(north_people: People):
    person = UserFactory.create(email="unconfirmed@example.test", verified=False)
    response = client_for(north_people.network, person).get("/pledge/")
    assert response.status_code == 200
    assert "confirm your email address" in body(response)
    assert 'href="/accounts/email/"' in body(response)


@pytest.mark.parametrize("who", ["coordinator", "police"])
def test_network_roles_are_told_why_they_cannot_sign(north_people: People, who: str):
    response = client_for(north_people.network, getattr(north_people, who)).get("/pledge/")
    assert response.status_code == 200
    assert "cannot sign for a store" in body(response)
    assert "<form" not in body(response).split("<main", 1)[1].split("</main>", 1)[0]


def test_the_form_asks_for_the_store_and_shows_the_current_pledge(north_people: People, outsider):
    page = body(client_for(north_people.network, outsider).get("/pledge/"))
    for field in ("legal_name", "display_name", "address_line1", "city", "phone", "website"):
        assert f'name="{field}"' in page
    assert 'name="staff_count"' in page
    assert 'name="logo"' in page
    assert 'enctype="multipart/form-data"' in page
    assert page.count('name="commitment_') == 5
    assert "Raise awareness of crime against jewelers" in page
    assert "data terms" in page


def test_an_owner_whose_store_was_registered_finds_its_details_filled_in(north_people: People):
    page = body(client_for(north_people.network, north_people.other_store_owner).get("/pledge/"))
    assert f'value="{north_people.other_store.display_name}"' in page


def test_signing_creates_the_store_the_pledge_and_the_owner(
    north_people: People, outsider, django_capture_on_commit_callbacks
) -> None:
    client = client_for(north_people.network, outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pledge/", form_data())
    assert response.status_code == 302
    assert response["Location"] == "/store/"
    with schema_context("north"):
        pledge = Pledge.objects.get(signed_by_id=outsider.pk)
        assert pledge.status == Pledge.Status.PENDING
        store = pledge.store
        assert store.phone == "+1 562-555-0142"
        assert store.website == "https://harborgems.example"
        assert store.country == "US"
        assert store.staff_count == 3
        assert Membership.objects.get(user_id=outsider.pk).role == Membership.Role.STORE_OWNER
    assert PartnerListing.objects.filter(verification_code=pledge.verification_code).exists()
    page = body(client.get("/store/"))
    assert "coordinator reviews new pledges" in page
    assert pledge.verification_code in page
    assert f"/verify/{pledge.verification_code}/" in page
    assert {m.to[0] for m in mail.outbox} == {outsider.email, north_people.coordinator.email}


def test_signing_where_no_approval_is_needed_makes_a_partner_at_once(north_people, outsider):
    set_approval(north_people.network, required=False)
    client = client_for(north_people.network, outsider)
    response = client.post("/pledge/", form_data(), follow=True)
    assert "is now a Partner for Protection" in body(response)
    assert "Partner toolkit" in body(response)


def test_a_valid_logo_is_kept_re_encoded_and_shown_to_the_store(north_people, outsider):
    client = client_for(north_people.network, outsider)
    logo = image_file("JPEG", (800, 600), name="photo.jpg")
    response = client.post("/pledge/", {**form_data(), "logo": logo})
    assert response.status_code == 302
    with schema_context("north"):
        store = Store.objects.get(display_name="Harbor Gems")
        assert str(store.logo.name).endswith(".png")
    shown = client.get("/store/logo/")
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert shown.content.startswith(b"\x89PNG")


def test_an_outdated_form_asks_to_read_the_new_text(north_people, outsider):
    response = client_for(north_people.network, outsider).post(
        "/pledge/", form_data(version_number=99)
    )
    assert response.status_code == 200
    assert "pledge text changed while you were reading" in body(response)
    with schema_context("north"):
        assert not Pledge.objects.exists()


# --- A second attempt for the same store -----------------------------------------------------


def test_the_same_owner_coming_back_ends_on_their_store_page(north_pledge, north_people):
    client = client_for(north_people.network, north_people.owner)
    response = client.get("/pledge/", follow=True)
    assert response.redirect_chain[-1][0] == "/store/"
    assert "already taken the pledge; here it is" in body(response)


def test_the_same_store_typed_differently_ends_on_the_existing_pledge(
    north_people: People, outsider
) -> None:
    first = UserFactory.create(email="first.owner@example.test")
    assert client_for(north_people.network, first).post("/pledge/", form_data()).status_code == 302
    again = form_data(
        display_name="  HARBOR   gems ", address_line1="412, pine AVENUE.", legal_name="HG Inc."
    )
    response = client_for(north_people.network, outsider).post("/pledge/", again)
    assert response.status_code == 200
    page = body(response)
    assert "This store has already taken the pledge" in page
    assert "ask its owner to invite you" in page
    with schema_context("north"):
        assert Pledge.objects.count() == 1
        assert Store.objects.filter(display_name__iexact="harbor gems").count() == 1
        assert not Membership.objects.filter(user_id=outsider.pk).exists()


@pytest.mark.parametrize("status", ["pending", "active", "suspended"])
def test_someone_typing_a_pledged_store_learns_only_that_it_has_pledged(
    north_people: People, outsider, status: str
) -> None:
    first = UserFactory.create(email="first.owner@example.test")
    assert client_for(north_people.network, first).post("/pledge/", form_data()).status_code == 302
    with schema_context("north"):
        pledge = Pledge.objects.get()
        Pledge.objects.filter(pk=pledge.pk).update(status=status)
    response = client_for(north_people.network, outsider).post("/pledge/", form_data())
    assert response.status_code == 200
    page = body(response)
    assert "Already pledged: ask its owner" in page
    assert pledge.verification_code not in page
    assert "/verify/" not in page
    assert status.title() not in page


def test_the_same_owner_typing_another_store_ends_on_their_pledge(north_people: People, outsider):
    client = client_for(north_people.network, outsider)
    assert client.post("/pledge/", form_data()).status_code == 302
    response = client.post("/pledge/", form_data(display_name="Second Shop"), follow=True)
    assert response.redirect_chain[-1][0] == "/store/"
    with schema_context("north"):
        assert Pledge.objects.count() == 1
    assert "already taken the pledge" in body(response)


def test_staff_are_sent_to_their_store_page(north_people: People):
    response = client_for(north_people.network, north_people.staff).get("/pledge/")
    assert response.status_code == 302
    assert response["Location"] == "/store/"
