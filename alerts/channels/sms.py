"""Text messages: Twilio's Messages API (production, and the tests against a local server
speaking it), or an outbox in the database (development).

settings.ALERTS_SMS_BACKEND names the class. Twilio's SDK builds each request (the Messages
resource, authentication, its headers) and parses the answer (sid, status, errors as
TwilioRestException), so the provider is spoken to exactly as the SDK speaks. Its transport
is ours (`SplitHttpClient`, a twilio.http.HttpClient): one keep-alive http.client connection
per lane of a batch with TCP_NODELAY, which writes the request but the body's last byte, lets the
engine mark the delivery sent in an open transaction (channels/base.py), writes that byte,
commits, and only then reads Twilio's answer. Twilio cannot act on a request whose body is
incomplete; once it is complete the row already says sent, so a worker killed at any moment
sends each text once. A refusal corrects the row afterwards; no answer at all (a timeout after
the whole request went out) is taken as "try again" — Twilio may have queued it, but a
duplicate reminder beats a lost alert, and the SDK's own client would do the same.
"""

from __future__ import annotations

import base64
import http.client
import logging
import socket
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings

from ..messages import sms_for
from ..models import SmsOutboxMessage
from .base import ClaimLost, Commit, PermanentError, Sender, TransientError

if TYPE_CHECKING:
    from ..models import Delivery

# Twilio answers these with a 4xx status although they pass: too many requests, a queue
# momentarily full, the service busy.
TWILIO_TRANSIENT_CODES = frozenset({20429, 20503, 30001, 14107})

logger = logging.getLogger(__name__)


def sms_text(delivery: Delivery) -> str:
    return sms_for(recipient=delivery.recipient, alert=delivery.alert, round=delivery.round)


class _Unanswered(Exception):
    """The whole request went out (and was recorded) but no answer came back."""


def _base_client() -> type:
    from twilio.http import HttpClient

    return HttpClient


class SplitHttpClient(_base_client()):  # type: ignore[misc]
    """Twilio's transport for one batch: a reused HTTP/1.1 connection whose request is
    completed inside `commit` (set before each call by TwilioSms.send)."""

    def __init__(self, *, timeout: float) -> None:
        super().__init__(logger=logger, is_async=False, timeout=timeout)
        self.commit: Commit | None = None
        self._connection: http.client.HTTPConnection | None = None
        self._origin: tuple[str, str, int | None] | None = None

    def _connect(self, scheme: str, host: str, port: int | None) -> http.client.HTTPConnection:
        if self._connection is not None and self._origin == (scheme, host, port):
            return self._connection
        self.close()
        factory = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        connection = factory(host, port, timeout=self.timeout)
        connection.connect()
        if connection.sock is not None:
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._connection, self._origin = connection, (scheme, host, port)
        return connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = self._origin = None

    def request(
        self,
        method: str,
        uri: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        allow_redirects: bool = False,
    ) -> Any:
        from twilio.http.response import Response

        parts = urlsplit(uri)
        path = parts.path or "/"
        query = urlencode(params or {}, doseq=True)
        if query:
            path = f"{path}?{query}"
        body = urlencode(data or {}, doseq=True).encode()
        sent_headers = {
            **(headers or {}),
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": str(len(body)),
        }
        if auth is not None:
            pair = f"{auth[0]}:{auth[1]}".encode()
            sent_headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        commit, self.commit = self.commit, None
        connection = self._connect(parts.scheme, parts.hostname or "", parts.port)
        # Once, on a kept-alive connection the server closed meanwhile: nothing of this
        # request has reached it yet.
        for tries_left in (1, 0):
            try:
                connection.putrequest(method, path, skip_accept_encoding=True)
                for name, value in sent_headers.items():
                    connection.putheader(name, value)
                connection.endheaders()
                if len(body) > 1:
                    connection.send(body[:-1])
                break
            except OSError:
                self.close()
                if not tries_left:
                    raise
                connection = self._connect(parts.scheme, parts.hostname or "", parts.port)
        last = body[-1:]
        try:
            if commit is not None:
                commit(lambda: connection.send(last))
            elif last:
                connection.send(last)
        except BaseException:
            # The request is incomplete: the server will never act on it.
            self.close()
            raise
        try:
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise _Unanswered(str(error)) from error
        if response.will_close:
            self.close()
        return Response(response.status, text, dict(response.getheaders()))


class TwilioSms(Sender):
    channel = "sms"

    def __init__(self) -> None:
        self.client: Any = None
        self.http: SplitHttpClient | None = None

    def open(self) -> None:
        from twilio.rest import Client

        self.http = SplitHttpClient(timeout=settings.ALERTS_HTTP_TIMEOUT)
        self.client = Client(
            settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, http_client=self.http
        )
        if settings.TWILIO_API_BASE:
            self.client.api.base_url = settings.TWILIO_API_BASE

    def close(self) -> None:
        if self.http is not None:
            self.http.close()

    def send(self, *, delivery: Delivery, commit: Commit) -> str:
        from twilio.base.exceptions import TwilioException, TwilioRestException

        if self.http is None:
            raise TransientError("Twilio: the sender was not opened")
        self.http.commit = commit
        try:
            message = self.client.messages.create(
                to=delivery.address, from_=settings.ALERTS_SMS_FROM, body=sms_text(delivery)
            )
        except ClaimLost:
            raise
        except TwilioRestException as error:
            reason = f"Twilio {error.code or error.status}: {error.msg}"
            if error.status == 429 or error.status >= 500 or error.code in TWILIO_TRANSIENT_CODES:
                raise TransientError(reason) from error
            raise PermanentError(reason) from error
        except _Unanswered as error:
            raise TransientError(f"Twilio: no answer: {error}") from error
        except (OSError, http.client.HTTPException, TwilioException) as error:
            raise TransientError(f"Twilio: {error}") from error
        finally:
            self.http.commit = None
        status = str(getattr(message, "status", "") or "")
        if status in ("failed", "undelivered"):
            raise PermanentError(f"Twilio: {status} {getattr(message, 'error_message', '')}")
        return str(message.sid)


class OutboxSms(Sender):
    """Keeps each text message in SmsOutboxMessage instead of sending it (in the same
    transaction as the delivery's record: exactly once)."""

    channel = "sms"

    def send(self, *, delivery: Delivery, commit: Commit) -> str:
        rows: list[SmsOutboxMessage] = []

        def final() -> None:
            rows.append(
                SmsOutboxMessage.objects.create(
                    to=delivery.address, body=sms_text(delivery), delivery_id=delivery.pk
                )
            )

        commit(final)
        return f"outbox-{rows[0].pk}"
