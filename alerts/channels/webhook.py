"""Webhooks: the alert as JSON, POSTed and signed.

Headers: `X-Alerts-Timestamp` (Unix seconds), `X-Alerts-Signature: sha256=<hex>` where the hex
is HMAC-SHA256 with the webhook's secret over `<timestamp>.<body>` (the timestamp is signed so
that a captured request cannot be replayed later), and `X-Alerts-Delivery` (the same value
when a delivery is sent again: receivers can drop repeats).

Webhooks are at-least-once: the delivery is recorded after the receiver's answer (no split
write at the point of no return, as email and SMS have: a receiver's server is anyone's, and
a half-written request held open across a database commit buys little there). A worker killed
between the request and the record sends it again after the sweeper's delay; receivers use
`X-Alerts-Delivery` as their idempotency key.

A webhook's address is typed by a coordinator, so the portal must not be made to reach its own
network through it. The host is checked when the webhook is saved and again here, and the
check that counts is made on the socket itself: a connection whose peer address is private,
loopback, link-local or otherwise not public is closed before anything is written, whatever
DNS answered a moment earlier (no rebinding). Redirects are never followed.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import time
from typing import TYPE_CHECKING, Any

import urllib3
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ..messages import webhook_payload
from ..net import address_error, public_url_error
from .base import Commit, PermanentError, Sender, TransientError

if TYPE_CHECKING:
    import socket

    from ..models import Delivery

SIGNATURE_HEADER = "X-Alerts-Signature"
TIMESTAMP_HEADER = "X-Alerts-Timestamp"
DELIVERY_HEADER = "X-Alerts-Delivery"


class PrivateAddressError(Exception):
    """The connection reached an address webhooks must not reach (not an OSError on purpose:
    urllib3 would wrap and retry one)."""


def sign(*, secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def verify(*, secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does (and the tests): recompute and compare in constant time."""
    return hmac.compare_digest(sign(secret=secret, timestamp=timestamp, body=body), signature)


def _checked(sock: socket.socket) -> socket.socket:
    peer = str(sock.getpeername()[0]).split("%", 1)[0]
    error = address_error(ipaddress.ip_address(peer))
    if error is not None:
        sock.close()
        raise PrivateAddressError(error)
    return sock


class _PublicHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _checked(super()._new_conn())


class _PublicHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _checked(super()._new_conn())


class _PublicHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


def public_pool_manager() -> urllib3.PoolManager:
    manager = urllib3.PoolManager(num_pools=20, retries=False)
    manager.pool_classes_by_scheme = {
        "http": _PublicHTTPPool,
        "https": _PublicHTTPSPool,
    }
    return manager


class WebhookSender(Sender):
    channel = "webhook"

    def __init__(self) -> None:
        self.http: Any = None

    def open(self) -> None:
        self.http = public_pool_manager()

    def close(self) -> None:
        if self.http is not None:
            self.http.clear()

    def send(self, *, delivery: Delivery, commit: Commit) -> str:
        webhook = delivery.recipient.webhook
        if webhook is None:
            raise PermanentError("webhook: it has been deleted")
        url = delivery.address
        refused = public_url_error(url)
        if refused is not None:
            raise PermanentError(f"webhook: {refused}")
        payload = webhook_payload(alert=delivery.alert, recipient=delivery.recipient)
        body = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"{settings.PORTAL_NAME} alerts",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(secret=webhook.secret, timestamp=timestamp, body=body),
            DELIVERY_HEADER: str(delivery.pk),
        }
        try:
            response = self.http.request(
                "POST",
                url,
                body=body,
                headers=headers,
                redirect=False,
                retries=False,
                timeout=urllib3.Timeout(total=settings.ALERTS_HTTP_TIMEOUT),
            )
        except PrivateAddressError as error:
            raise PermanentError(f"webhook: {error}") from error
        except urllib3.exceptions.HTTPError as error:
            raise TransientError(f"webhook: {error}") from error
        status = response.status
        if 200 <= status < 300:
            return f"HTTP {status}"
        reason = f"webhook: HTTP {status} {response.reason or ''}".strip()
        if 300 <= status < 400:
            raise PermanentError(f"{reason} (redirects are not followed)")
        if status in (408, 425, 429) or status >= 500:
            raise TransientError(reason)
        raise PermanentError(reason)
