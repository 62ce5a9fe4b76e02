"""The signed links every alert message carries: "seen — on the lookout" (acknowledge) and
"stop this channel". They work without logging in, so each is single-purpose (its own salt),
names its network (a link of one network does nothing on another's host) and expires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from networks.schemas import current_network
from networks.templatetags.portal import network_origin

ACK_SALT = "alerts.acknowledge"
STOP_SALT = "alerts.stop"
# An alert is about the coming days; its acknowledgement means nothing a month later.
ACK_MAX_AGE = dt.timedelta(days=30)
# Stopping a channel must work from any message someone still has.
STOP_MAX_AGE = dt.timedelta(days=400)


class LinkError(Exception):
    """A link that is forged, expired, or of another network. `reason` is said to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


FORGED = "forged"
EXPIRED = "expired"
ELSEWHERE = "elsewhere"


@dataclass(frozen=True)
class StopTarget:
    channel: str
    user_id: int | None
    contact_id: int | None


def _schema() -> str:
    return current_network().schema_name


def ack_token(*, recipient_id: int) -> str:
    return signing.dumps({"n": _schema(), "r": recipient_id}, salt=ACK_SALT, compress=True)


def ack_url(*, recipient_id: int) -> str:
    path = reverse("alert_ack_link", kwargs={"token": ack_token(recipient_id=recipient_id)})
    return f"{network_origin(current_network())}{path}"


def stop_token(*, channel: str, user_id: int | None = None, contact_id: int | None = None) -> str:
    payload = {"n": _schema(), "c": channel, "u": user_id, "k": contact_id}
    return signing.dumps(payload, salt=STOP_SALT, compress=True)


def stop_url(*, channel: str, user_id: int | None = None, contact_id: int | None = None) -> str:
    token = stop_token(channel=channel, user_id=user_id, contact_id=contact_id)
    path = reverse("alert_stop_link", kwargs={"token": token})
    return f"{network_origin(current_network())}{path}"


def _load(token: str, *, salt: str, max_age: dt.timedelta) -> dict[str, object]:
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkError(EXPIRED) from None
    except signing.BadSignature:
        raise LinkError(FORGED) from None
    if not isinstance(payload, dict):
        raise LinkError(FORGED)
    if payload.get("n") != _schema():
        raise LinkError(ELSEWHERE)
    return payload


def ack_recipient_id(token: str) -> int:
    """The recipient an acknowledgement link is for, in this network, or LinkError."""
    payload = _load(token, salt=ACK_SALT, max_age=ACK_MAX_AGE)
    recipient_id = payload.get("r")
    if not isinstance(recipient_id, int):
        raise LinkError(FORGED)
    return recipient_id


def stop_target(token: str) -> StopTarget:
    payload = _load(token, salt=STOP_SALT, max_age=STOP_MAX_AGE)
    channel, user_id, contact_id = payload.get("c"), payload.get("u"), payload.get("k")
    if not isinstance(channel, str) or (user_id is None) == (contact_id is None):
        raise LinkError(FORGED)
    if not isinstance(user_id or contact_id, int):
        raise LinkError(FORGED)
    return StopTarget(
        channel=channel,
        user_id=user_id if isinstance(user_id, int) else None,
        contact_id=contact_id if isinstance(contact_id, int) else None,
    )
