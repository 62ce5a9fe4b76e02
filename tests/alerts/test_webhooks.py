"""Webhooks: registered by the senders, public https addresses only, their signing secret shown
once and on request, and a signed test message a real local receiver checks."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django_tenants.utils import schema_context

from alerts.channels.webhook import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from alerts.models import Deputy, Webhook
from tests.conftest import People, client_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

NEW = "/alerts/webhooks/new/"
PUBLIC_URL = "https://93.184.215.14/hooks/alerts"


@pytest.fixture
def strict(settings: Any) -> None:
    """Production's rule: public https addresses only."""
    settings.ALERTS_WEBHOOK_ALLOW_PRIVATE = False
    settings.DEBUG = False


class Receiver:
    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.status = 204
        self.url = ""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver on this machine (the test settings let webhooks reach loopback)."""
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            state.requests.append((dict(self.headers.items()), self.rfile.read(length)))
            self.send_response(state.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _webhook(schema: str, url: str = PUBLIC_URL, **fields: Any) -> Webhook:
    with schema_context(schema):
        return Webhook.objects.create(
            name=fields.pop("name", "Dispatch channel"), url=url, created_by_id=1, **fields
        )


def _fresh(webhook: Webhook, schema: str = "north") -> Webhook:
    with schema_context(schema):
        return Webhook.objects.get(pk=webhook.pk)


def test_registering_shows_the_secret_once_then_only_on_request(
    north_people: People, strict: None
) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    response = coordinator.post(NEW, {"name": "Police dispatch", "url": PUBLIC_URL})
    assert response.status_code == 302
    with schema_context("north"):
        webhook = Webhook.objects.get()
    assert webhook.created_by_id == north_people.coordinator.pk
    assert len(webhook.secret) == 64
    first = coordinator.get(response["Location"])
    assert webhook.secret in first.content.decode()
    assert first["Cache-Control"] == "no-store"
    assert SIGNATURE_HEADER in first.content.decode()
    again = coordinator.get(response["Location"])
    assert webhook.secret not in again.content.decode()
    revealed = coordinator.post(response["Location"], {"action": "reveal"})
    assert revealed.status_code == 200
    assert webhook.secret in revealed.content.decode()
    assert revealed["Cache-Control"] == "no-store"
    assert webhook.secret not in coordinator.get("/alerts/webhooks/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.1/hook",
        "https://127.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://localhost/hook",
        "https://[::1]/hook",
        "https://0.0.0.0/hook",
    ],
)
def test_private_and_local_addresses_are_refused_with_what_was_typed_kept(
    north_people: People, strict: None, url: str
) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    response = coordinator.post(NEW, {"name": "Sneaky", "url": url})
    body = response.content.decode()
    assert response.status_code == 200
    assert "private or local address" in body
    assert f'value="{url}"' in body
    with schema_context("north"):
        assert not Webhook.objects.exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://93.184.215.14/hook", "must start with https://"),
        ("ftp://93.184.215.14/hook", "must start with https://"),
        ("https://user:pw@93.184.215.14/hook", "user name or password"),
        ("https://no-such-host.invalid/hook", "could not be found"),
        ("not a url at all", "must start with https://"),
        ("https://[::1/hook", "not a valid web address"),
    ],
)
def test_addresses_that_are_not_public_https_are_refused(
    north_people: People, strict: None, url: str, message: str
) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    response = coordinator.post(NEW, {"name": "Odd", "url": url})
    assert response.status_code == 200
    assert message in response.content.decode()
    with schema_context("north"):
        assert not Webhook.objects.exists()


def test_editing_checks_the_address_again_and_keeps_the_secret(
    north_people: People, strict: None
) -> None:
    webhook = _webhook("north")
    coordinator = client_for(north_people.network, north_people.coordinator)
    url = f"/alerts/webhooks/{webhook.pk}/"
    refused = coordinator.post(
        url, {"action": "save", "name": "Renamed", "url": "https://10.1.2.3/"}
    )
    assert refused.status_code == 200
    assert 'value="https://10.1.2.3/"' in refused.content.decode()
    assert _fresh(webhook).url == PUBLIC_URL
    saved = coordinator.post(
        url, {"action": "save", "name": "Renamed", "url": "https://93.184.215.15/x"}
    )
    assert saved.status_code == 302
    changed = _fresh(webhook)
    assert (changed.name, changed.url, changed.secret) == (
        "Renamed",
        "https://93.184.215.15/x",
        webhook.secret,
    )


def test_a_webhook_is_switched_off_not_deleted(north_people: People) -> None:
    webhook = _webhook("north")
    coordinator = client_for(north_people.network, north_people.coordinator)
    url = f"/alerts/webhooks/{webhook.pk}/"
    assert coordinator.post(url, {"action": "deactivate"}).status_code == 302
    assert _fresh(webhook).is_active is False
    assert "Switched off" in coordinator.get("/alerts/webhooks/").content.decode()
    assert coordinator.post(url, {"action": "activate"}).status_code == 302
    assert _fresh(webhook).is_active is True


def test_the_test_message_arrives_signed_with_the_secret(
    north_people: People, receiver: Receiver
) -> None:
    webhook = _webhook("north", url=receiver.url)
    coordinator = client_for(north_people.network, north_people.coordinator)
    response = coordinator.post(f"/alerts/webhooks/{webhook.pk}/", {"action": "ping"}, follow=True)
    assert "The receiver got the test message (HTTP status 204)." in response.content.decode()
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert verify(
        secret=webhook.secret,
        timestamp=headers[TIMESTAMP_HEADER],
        body=body,
        signature=headers[SIGNATURE_HEADER],
    )
    assert not verify(
        secret="0" * 64,
        timestamp=headers[TIMESTAMP_HEADER],
        body=body,
        signature=headers[SIGNATURE_HEADER],
    )
    assert json.loads(body)["type"] == "ping"


def test_a_failing_receiver_is_reported_plainly(north_people: People, receiver: Receiver) -> None:
    receiver.status = 500
    webhook = _webhook("north", url=receiver.url)
    coordinator = client_for(north_people.network, north_people.coordinator)
    response = coordinator.post(f"/alerts/webhooks/{webhook.pk}/", {"action": "ping"}, follow=True)
    assert "The receiver answered with HTTP status 500." in response.content.decode()


def test_the_test_message_is_not_sent_to_an_address_now_private(
    north_people: People, receiver: Receiver, settings: Any
) -> None:
    webhook = _webhook("north", url=receiver.url)
    settings.ALERTS_WEBHOOK_ALLOW_PRIVATE = False
    settings.DEBUG = False
    coordinator = client_for(north_people.network, north_people.coordinator)
    response = coordinator.post(f"/alerts/webhooks/{webhook.pk}/", {"action": "ping"}, follow=True)
    assert "The test message did not arrive" in response.content.decode()
    assert receiver.requests == []


def test_a_deputy_manages_webhooks_too(north_people: People, strict: None) -> None:
    with schema_context("north"):
        Deputy.objects.create(
            user_id=north_people.owner.pk, appointed_by_id=north_people.coordinator.pk
        )
    deputy = client_for(north_people.network, north_people.owner)
    assert deputy.get("/alerts/webhooks/").status_code == 200
    assert deputy.post(NEW, {"name": "Owner's", "url": PUBLIC_URL}).status_code == 302


def test_only_senders_reach_the_webhooks(
    north_people: People, lakeshore_people: People, outsider: Any
) -> None:
    webhook = _webhook("north")
    urls = ["/alerts/webhooks/", NEW, f"/alerts/webhooks/{webhook.pk}/"]
    for person in (north_people.owner, north_people.staff, north_people.police, outsider):
        client = client_for(north_people.network, person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
        for action in ("reveal", "ping", "deactivate"):
            response = client.post(f"/alerts/webhooks/{webhook.pk}/", {"action": action})
            assert response.status_code == 404
            assert webhook.secret not in response.content.decode()
    assert _fresh(webhook).is_active is True
    theirs = _webhook("lakeshore", name="Lakeshore hook")
    coordinator = client_for(north_people.network, north_people.coordinator)
    with schema_context("north"):
        Webhook.objects.filter(pk=theirs.pk).delete()  # an id only lakeshore has
    refused = coordinator.post(f"/alerts/webhooks/{theirs.pk}/", {"action": "reveal"})
    assert refused.status_code == 404
    assert theirs.secret not in refused.content.decode()
