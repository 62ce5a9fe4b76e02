"""Requests for a new network: the platform admins' pages, their decisions, and the building
of an approved network in the background."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context, schema_exists

from accounts.models import User
from networks.models import Invitation, Membership, Network
from networks.services import network_create
from pledges.models import NetworkRequest, PledgeVersion
from pledges.network_requests import (
    network_request_approve,
    network_request_create,
    network_request_decline,
)
from pledges.services import PledgeError
from pledges.tasks import network_request_provision
from tests.conftest import People, client_for
from tests.factories import UserFactory

Status = NetworkRequest.Status
ORGANISER = "ana@ruizjewelers.example"


def new_request(slug: str | None = None, **changes: object) -> NetworkRequest:
    fields: dict[str, object] = {
        "organiser_name": "Ana Ruiz",
        "organiser_email": ORGANISER,
        "network_name": "Tri-County Jewelers Network",
        "slug": slug or f"tri-{uuid.uuid4().hex[:8]}",
        "country": "US",
        "region": "Oregon",
        "cities": "Salem, Eugene, Corvallis",
        "expected_members": 12,
    }
    fields.update(changes)
    return network_request_create(**fields)  # type: ignore[arg-type]


def page_of(request: NetworkRequest) -> str:
    return f"/platform/requests/{request.pk}/"


@pytest.fixture
def platform_admin(db: None, settings) -> User:
    admin = UserFactory.create(email="root@platform.test", is_staff=True)
    settings.PORTAL_MFA_EXEMPT_EMAILS = [admin.email]
    return admin


@pytest.fixture
def platform_client(public_client: Client, platform_admin: User) -> Client:
    public_client.force_login(platform_admin)
    return public_client


@pytest.fixture
def schemas_to_drop() -> Iterator[list[str]]:
    """Schemas a committed (transactional) test created; dropped when it ends."""
    schemas: list[str] = []
    yield schemas
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


# --- Who may see the platform pages ----------------------------------------------------------


def test_platform_admin_sees_the_requests_and_each_one(platform_client: Client) -> None:
    request = new_request(network_name="Gem Coast Network")
    listing = platform_client.get("/platform/requests/")
    assert listing.status_code == 200
    assert "Gem Coast Network" in listing.content.decode()
    detail = platform_client.get(page_of(request))
    assert detail.status_code == 200
    assert ORGANISER in detail.content.decode()


def test_anonymous_visitor_is_sent_to_log_in(public_client: Client) -> None:
    request = new_request()
    for path in ("/platform/requests/", page_of(request)):
        response = public_client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("who", ["owner", "staff", "coordinator", "police"])
def test_network_members_get_404(public_client: Client, north_people: People, who: str) -> None:
    request = new_request()
    client = client_for(None, getattr(north_people, who))
    assert client.get("/platform/requests/").status_code == 404
    assert client.get(page_of(request)).status_code == 404
    assert client.post(page_of(request), {"action": "approve"}).status_code == 404
    request.refresh_from_db()
    assert request.status == Status.PENDING


def test_outsider_gets_404(public_client: Client, outsider: User) -> None:
    request = new_request()
    client = client_for(None, outsider)
    assert client.get("/platform/requests/").status_code == 404
    assert client.post(page_of(request), {"action": "decline", "reason": "x"}).status_code == 404
    request.refresh_from_db()
    assert request.status == Status.PENDING


def test_platform_admin_without_an_authenticator_must_set_one_up(public_client: Client) -> None:
    admin = UserFactory.create(email="root2@platform.test", is_staff=True)
    public_client.force_login(admin)
    response = public_client.get("/platform/requests/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_the_pages_do_not_exist_on_a_network_site(north: Network, platform_admin: User) -> None:
    client = client_for(north, platform_admin)
    assert client.get("/platform/requests/").status_code == 404


def test_a_missing_request_is_a_404(platform_client: Client) -> None:
    assert platform_client.get("/platform/requests/999999/").status_code == 404


def test_the_overview_links_to_the_requests(platform_client: Client) -> None:
    new_request()
    body = platform_client.get("/platform/").content.decode()
    assert 'href="/platform/requests/"' in body
    assert "1 request for a new network is waiting for a decision." in body


def test_requests_are_listed_by_status(platform_client: Client) -> None:
    waiting = new_request(network_name="Waiting Network")
    declined = new_request(network_name="Declined Network")
    NetworkRequest.objects.filter(pk=declined.pk).update(status=Status.DECLINED)
    pending_page = platform_client.get("/platform/requests/")
    assert list(pending_page.context["requests"]) == [waiting]
    declined_page = platform_client.get("/platform/requests/", {"status": "declined"})
    assert list(declined_page.context["requests"]) == [NetworkRequest.objects.get(pk=declined.pk)]
    every = platform_client.get("/platform/requests/", {"status": "all"})
    assert len(every.context["requests"]) == 2
    odd = platform_client.get("/platform/requests/", {"status": "<nonsense>"})
    assert odd.status_code == 200
    assert odd.context["status"] == "pending"


# --- Decisions -------------------------------------------------------------------------------


def test_declining_tells_the_organiser_why(
    platform_client: Client, platform_admin: User, django_capture_on_commit_callbacks
) -> None:
    request = new_request()
    with django_capture_on_commit_callbacks(execute=True):
        response = platform_client.post(
            page_of(request),
            {"action": "decline", "reason": "The Salem Jewelers Network already covers you."},
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    assert request.decided_by == platform_admin
    assert request.decided_at is not None
    [message] = mail.outbox
    assert message.to == [ORGANISER]
    assert "Tri-County Jewelers Network" in message.subject
    assert "The Salem Jewelers Network already covers you." in message.body
    assert "/networks/request/" in message.body


def test_declining_needs_a_reason_and_keeps_what_was_typed(platform_client: Client) -> None:
    request = new_request()
    response = platform_client.post(page_of(request), {"action": "decline", "reason": "   "})
    assert response.status_code == 200
    assert "reason" in response.context["decline_form"].errors
    too_long = "Because " * 300
    response = platform_client.post(page_of(request), {"action": "decline", "reason": too_long})
    assert "reason" in response.context["decline_form"].errors
    assert too_long.strip() in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.PENDING
    assert mail.outbox == []


def test_a_decided_request_cannot_be_decided_again(
    platform_client: Client, django_capture_on_commit_callbacks
) -> None:
    request = new_request()
    with django_capture_on_commit_callbacks(execute=True):
        platform_client.post(page_of(request), {"action": "decline", "reason": "Not now."})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        approve = platform_client.post(page_of(request), {"action": "approve"}, follow=True)
        decline = platform_client.post(
            page_of(request), {"action": "decline", "reason": "Again"}, follow=True
        )
    assert callbacks == []
    assert "This request has already been decided." in approve.content.decode()
    assert "This request has already been decided." in decline.content.decode()
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    assert request.decline_reason == "Not now."
    assert len(mail.outbox) == 1


def test_a_request_cannot_be_approved_twice(platform_admin: User) -> None:
    request = new_request()
    network_request_approve(request=request, by=platform_admin)
    with pytest.raises(PledgeError):
        network_request_approve(request=request, by=platform_admin)
    with pytest.raises(PledgeError):
        network_request_decline(request=request, by=platform_admin, reason="Changed my mind")
    assert NetworkRequest.objects.get(pk=request.pk).status == Status.PROVISIONING


def test_an_unknown_action_changes_nothing(platform_client: Client) -> None:
    request = new_request()
    response = platform_client.post(page_of(request), {"action": "explode"})
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == Status.PENDING


# --- Progress --------------------------------------------------------------------------------


def test_while_the_network_is_built_the_page_shows_progress_and_refreshes(
    platform_client: Client,
) -> None:
    request = new_request()
    NetworkRequest.objects.filter(pk=request.pk).update(
        status=Status.PROVISIONING, progress=40, progress_note="Copying the database schema"
    )
    body = platform_client.get(page_of(request)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in body
    assert 'id="setup-progress" max="100" value="40">' in body
    assert "Copying the database schema" in body
    assert 'value="approve"' not in body


def test_a_pending_or_ready_page_does_not_refresh(platform_client: Client, north: Network) -> None:
    request = new_request()
    assert 'http-equiv="refresh"' not in platform_client.get(page_of(request)).content.decode()
    NetworkRequest.objects.filter(pk=request.pk).update(
        status=Status.READY, progress=100, progress_note="Ready", network=north
    )
    body = platform_client.get(page_of(request)).content.decode()
    assert 'http-equiv="refresh"' not in body
    assert 'href="http://north.localhost/"' in body


# --- Building the network --------------------------------------------------------------------


def test_approval_builds_the_network_and_invites_the_organiser(
    live_db: None, platform_client: Client, schemas_to_drop: list[str]
) -> None:
    request = new_request(cities="Salem; Eugene,  Corvallis")
    schemas_to_drop.append(request.slug.replace("-", "_"))
    response = platform_client.post(page_of(request), {"action": "approve"})
    assert response.status_code == 302

    request.refresh_from_db()
    assert request.status == Status.READY, request.progress_note
    assert request.progress == 100
    network = Network.objects.get(slug=request.slug)
    assert request.network == network
    assert network.name == "Tri-County Jewelers Network"
    assert network.cities == ["Salem", "Eugene", "Corvallis"]
    assert network.domains.get().domain == f"{request.slug}.localhost"
    assert schema_exists(network.schema_name)
    with schema_context(network.schema_name):
        assert PledgeVersion.objects.exists()  # cloned from the template, data included
        invitation = Invitation.objects.get()
        assert invitation.email == ORGANISER
        assert invitation.role == Membership.Role.COORDINATOR
        assert invitation.store is None

    by_subject = {message.subject: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    ready = by_subject["Tri-County Jewelers Network is ready"]
    assert ready.to == [ORGANISER]
    assert f"http://{request.slug}.localhost/" in ready.body
    invited = by_subject["You are invited to Tri-County Jewelers Network"]
    assert invited.to == [ORGANISER]
    assert f"http://{request.slug}.localhost/join/" in invited.body

    page = platform_client.get(page_of(request)).content.decode()
    assert f'href="http://{request.slug}.localhost/"' in page

    # A second run on a ready request does nothing.
    mail.outbox.clear()
    network_request_provision(request_id=request.pk)
    assert Network.objects.filter(slug=request.slug).count() == 1
    with schema_context(network.schema_name):
        assert Invitation.objects.count() == 1
    assert mail.outbox == []


def test_a_set_up_that_crashed_goes_on_from_where_it_stopped(
    platform_admin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = new_request()
    NetworkRequest.objects.filter(pk=request.pk).update(status=Status.PROVISIONING)

    def worker_killed(**kwargs: object) -> None:
        raise KeyboardInterrupt  # as when the worker process dies mid-task

    monkeypatch.setattr("networks.services.invitation_create", worker_killed)
    with pytest.raises(KeyboardInterrupt):
        network_request_provision(request_id=request.pk)
    request.refresh_from_db()
    assert request.status == Status.PROVISIONING
    assert request.network is not None
    network_id = request.network.pk

    monkeypatch.undo()
    network_request_provision(request_id=request.pk)
    request.refresh_from_db()
    assert request.status == Status.READY
    assert request.network is not None
    assert request.network.pk == network_id
    assert Network.objects.filter(slug=request.slug).count() == 1
    with schema_context(request.network.schema_name):
        assert Invitation.objects.filter(email=ORGANISER).count() == 1

    network_request_provision(request_id=request.pk)
    with schema_context(request.network.schema_name):
        assert Invitation.objects.filter(email=ORGANISER).count() == 1


def test_a_failed_set_up_is_shown_and_can_be_tried_again(
    platform_client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks
) -> None:
    request = new_request()

    def broken(**kwargs: object) -> None:
        raise RuntimeError("SMTP is down")

    monkeypatch.setattr("networks.services.invitation_create", broken)
    with django_capture_on_commit_callbacks(execute=True):
        platform_client.post(page_of(request), {"action": "approve"})
    request.refresh_from_db()
    assert request.status == Status.FAILED
    page = platform_client.get(page_of(request)).content.decode()
    assert "The set-up stopped." in page
    assert 'value="retry"' in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        platform_client.post(page_of(request), {"action": "retry"})
    request.refresh_from_db()
    assert request.status == Status.PROVISIONING
    assert len(callbacks) == 1
    network_request_provision(request_id=request.pk)
    request.refresh_from_db()
    assert request.status == Status.READY
    assert Network.objects.filter(slug=request.slug).count() == 1


def test_only_a_failed_set_up_can_be_tried_again(platform_client: Client) -> None:
    request = new_request()
    response = platform_client.post(page_of(request), {"action": "retry"}, follow=True)
    assert "Only a request whose set-up failed can be tried again." in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.PENDING


def test_a_network_made_elsewhere_at_the_same_address_is_not_taken_over(
    platform_admin: User,
) -> None:
    request = new_request()
    other = network_create(name="Someone Else's Network", slug=request.slug, country="US")
    network_request_approve(request=request, by=platform_admin)
    network_request_provision(request_id=request.pk)
    request.refresh_from_db()
    assert request.status == Status.FAILED
    assert "already exists" in request.progress_note
    assert request.network is None
    with schema_context(other.schema_name):
        assert not Invitation.objects.exists()


def test_the_set_up_ignores_a_request_that_is_not_approved(db: None) -> None:
    request = new_request()
    network_request_provision(request_id=request.pk)
    request.refresh_from_db()
    assert request.status == Status.PENDING
    assert not Network.objects.filter(slug=request.slug).exists()
    network_request_provision(request_id=987654)


@pytest.mark.worker
def test_approval_runs_in_a_real_worker(
    celery_worker: None, platform_client: Client, schemas_to_drop: list[str]
) -> None:
    request = new_request()
    schemas_to_drop.append(request.slug.replace("-", "_"))
    platform_client.post(page_of(request), {"action": "approve"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        request.refresh_from_db()
        if request.status not in (Status.PENDING, Status.PROVISIONING) and len(mail.outbox) >= 2:
            break
        time.sleep(0.25)
    assert request.status == Status.READY, request.progress_note
    assert request.network is not None
    with schema_context(request.network.schema_name):
        assert Invitation.objects.filter(email=ORGANISER).exists()
    assert sorted(message.to[0] for message in mail.outbox) == [ORGANISER, ORGANISER]
