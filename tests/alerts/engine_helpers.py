"""Helpers of the delivery-engine tests: an alert ready to send, a webhook receiver."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from alerts.models import Alert, AlertPreference, Webhook
from tests.conftest import People


def draft(people: People, **fields: object) -> Alert:
    defaults: dict[str, object] = {
        "severity": Alert.Severity.URGENT,
        "headline": "Smash and grab on Main Street",
        "message": "Two men broke the window display at 14:05.",
        "sms_text": "Smash and grab on Main St, two men, grey van.",
        "place": "Main Street",
        "vehicle": "Grey van",
        "created_by_id": people.coordinator.pk,
    }
    return Alert.objects.create(**{**defaults, **fields})


def phones(people: People) -> dict[int, str]:
    """Give the owner and the police officer a phone (the others get email and inbox)."""
    numbers = {people.owner.pk: "+15551230001", people.police.pk: "+15551230002"}
    for user_id, phone in numbers.items():
        AlertPreference.objects.create(user_id=user_id, phone=phone)
    return numbers


@dataclass
class Received:
    body: bytes
    headers: dict[str, str]


@dataclass
class Receiver:
    url: str
    requests: list[Received] = field(default_factory=list)
    status: int = 200
    location: str = ""


@contextmanager
def webhook_receiver() -> Iterator[Receiver]:
    """An HTTP server on 127.0.0.1 that records what it is POSTed."""
    receiver = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            receiver.requests.append(
                Received(body=self.rfile.read(length), headers=dict(self.headers.items()))
            )
            self.send_response(receiver.status)
            if receiver.location:
                self.send_header("Location", receiver.location)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def webhook(people: People, url: str) -> Webhook:
    return Webhook.objects.create(name="Ops room", url=url, created_by_id=people.coordinator.pk)


def payload(received: Received) -> dict[str, Any]:
    return json.loads(received.body)
