"""Mail about memberships, sent by a real worker fed through Redis."""

from __future__ import annotations

import json
import re
import time
from email.message import Message
from typing import Any

import pytest
from celery.signals import before_task_publish
from django_tenants.utils import schema_context

from networks.models import Membership
from networks.services import invitation_create, invitation_for_token
from tests.conftest import Outbox, People
from tests.pledges.conftest import pledge_for


def invitations(outbox: Outbox) -> list[Message]:
    return [message for message in outbox.messages if message["To"] == "new.hire@example.test"]


@pytest.mark.worker
def test_the_invitation_link_never_passes_through_the_broker(
    north_people: People, celery_worker: None, smtp_outbox: Outbox
) -> None:
    published: list[str] = []

    def capture(body: Any = None, headers: Any = None, **kwargs: Any) -> None:
        # Exactly what is written to Redis: the message body and its headers.
        published.append(json.dumps([body, headers], default=str))

    before_task_publish.connect(capture, weak=False)
    try:
        pledge_for(north_people)
        with schema_context("north"):
            invitation_create(
                email="new.hire@example.test",
                role=Membership.Role.STORE_STAFF,
                by=north_people.owner,
                store=north_people.store,
            )
        deadline = time.monotonic() + 20
        while not invitations(smtp_outbox) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        before_task_publish.disconnect(capture)
    [message] = invitations(smtp_outbox)
    text = next(
        part.get_payload(decode=True).decode()  # type: ignore[union-attr]
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )
    link = re.search(r"/join/([\w-]+)/", text)
    assert link is not None
    token = link.group(1)
    sent = [body for body in published if "networks.invitation_send" in body]
    assert sent
    assert not [body for body in published if token in body]
    with schema_context("north"):
        assert invitation_for_token(token).email == "new.hire@example.test"
