"""The signed links every alert message carries: "seen - on the lookout" (acknowledge) and
"stop this channel". They work without logging in, so each is single-purpose, bound to its
network and expires.

They are short on purpose: an SMS carries two of them, and every 153 characters is one more
message to pay for. A token is `<what>.<when>.<mac>`: the recipient (or the person and channel
to stop) and the signing time in base 36, then 96 bits of an HMAC (SECRET_KEY, or one of
SECRET_KEY_FALLBACKS while keys rotate) over the purpose, the network's schema and both
values. The schema is signed but not written, so a link of one network is simply not valid on
another's host.
"""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

from networks.schemas import current_network
from networks.templatetags.portal import network_origin

# An alert is about the coming days; its acknowledgement means nothing a month later.
ACK_MAX_AGE = dt.timedelta(days=30)
# Stopping a channel must work from any message someone still has.
STOP_MAX_AGE = dt.timedelta(days=400)
MAC_LENGTH = 16  # base64 characters: 96 bits
CHANNEL_CODES = {"email": "e", "sms": "s"}
CODE_CHANNELS = {code: channel for channel, code in CHANNEL_CODES.items()}


class LinkError(Exception):
    """A link that is forged, of another network, or expired. `reason` is said to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


FORGED = "forged"  # also another network's link: its signature names another schema
EXPIRED = "expired"


@dataclass(frozen=True)
class StopTarget:
    channel: str
    user_id: int | None
    contact_id: int | None


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _from_b36(text: str) -> int:
    if not text or len(text) > 13 or not text.isalnum() or not text.isascii():
        raise LinkError(FORGED)
    return int(text, 36)


def _mac(purpose: str, what: str, when: str, *, secret: str) -> str:
    value = f"{current_network().schema_name}|{what}|{when}"
    digest = salted_hmac(f"alerts.links.{purpose}", value, secret=secret, algorithm="sha256")
    return base64.urlsafe_b64encode(digest.digest()).decode()[:MAC_LENGTH]


def _sign(purpose: str, what: str) -> str:
    when = _b36(int(time.time()))
    return f"{what}.{when}.{_mac(purpose, what, when, secret=settings.SECRET_KEY)}"


def _unsign(purpose: str, token: str, *, max_age: dt.timedelta) -> str:
    parts = token.split(".")
    if len(parts) != 3:
        raise LinkError(FORGED)
    what, when, mac = parts
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    if not any(
        hmac.compare_digest(mac, _mac(purpose, what, when, secret=secret)) for secret in secrets
    ):
        raise LinkError(FORGED)
    if time.time() - _from_b36(when) > max_age.total_seconds():
        raise LinkError(EXPIRED)
    return what


def ack_token(*, recipient_id: int) -> str:
    return _sign("acknowledge", _b36(recipient_id))


def ack_url(*, recipient_id: int) -> str:
    path = reverse("alert_ack_link", kwargs={"token": ack_token(recipient_id=recipient_id)})
    return f"{network_origin(current_network())}{path}"


def stop_token(*, channel: str, user_id: int | None = None, contact_id: int | None = None) -> str:
    if (user_id is None) == (contact_id is None) or channel not in CHANNEL_CODES:
        raise ValueError("a stop link names one member or one contact, and email or SMS")
    who = f"u{_b36(user_id)}" if user_id is not None else f"k{_b36(contact_id or 0)}"
    return _sign("stop", f"{CHANNEL_CODES[channel]}{who}")


def stop_url(*, channel: str, user_id: int | None = None, contact_id: int | None = None) -> str:
    token = stop_token(channel=channel, user_id=user_id, contact_id=contact_id)
    path = reverse("alert_stop_link", kwargs={"token": token})
    return f"{network_origin(current_network())}{path}"


def ack_recipient_id(token: str) -> int:
    """The recipient an acknowledgement link is for, in this network, or LinkError."""
    return _from_b36(_unsign("acknowledge", token, max_age=ACK_MAX_AGE))


def stop_target(token: str) -> StopTarget:
    what = _unsign("stop", token, max_age=STOP_MAX_AGE)
    if len(what) < 3 or what[0] not in CODE_CHANNELS or what[1] not in "uk":
        raise LinkError(FORGED)
    number = _from_b36(what[2:])
    return StopTarget(
        channel=CODE_CHANNELS[what[0]],
        user_id=number if what[1] == "u" else None,
        contact_id=number if what[1] == "k" else None,
    )
