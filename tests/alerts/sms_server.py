"""A local stand-in for Twilio's Messages API, and an SMTP sink, for tests and the benchmark.

`SmsApi` answers POST /2010-04-01/Accounts/{AccountSid}/Messages.json (form fields To, From,
Body; HTTP basic auth with the account SID and auth token) the way Twilio does: 201 with a
Twilio-shaped message, or an error in Twilio's JSON shape (code, message, more_info, status).
It records every message it accepted, with the time it arrived, and every request it saw, and
can be told to fail for a while (`fail("500" | "429" | "timeout" | "refuse")`, then `recover()`),
so that a test can watch the senders survive a provider's bad minutes.

`SmtpSink` is the same for email: a real aiosmtpd server counting messages per recipient, which
can answer 451, hold the connection, or stop listening.

Both run in threads of the process that starts them; worker subprocesses reach them by URL.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from email.utils import format_datetime
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "test-auth-token-not-secret"
FROM_NUMBER = "+15005550006"  # Twilio's own "valid sender" test number
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
PATH = re.compile(r"^/2010-04-01/Accounts/(?P<sid>AC[0-9a-fA-F]{32})/Messages\.json$")
MODES = ("500", "429", "timeout", "refuse")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Sms:
    sid: str
    to: str
    from_: str
    body: str
    received_at: float  # time.time(), to count messages per wall-clock second


@dataclass(frozen=True)
class Attempt:
    """One request the server saw, accepted or not."""

    to: str
    outcome: str  # "201", "400", "401", "404", "429", "500", "timeout", "aborted"
    at: float


@dataclass
class _Failure:
    mode: str | None = None
    until: float | None = None  # time.monotonic(); None: until recover()

    def active(self) -> str | None:
        if self.mode is not None and self.until is not None and time.monotonic() >= self.until:
            self.mode = None
            self.until = None
        return self.mode


class SmsApi:
    """Twilio's Messages API on 127.0.0.1, in a thread. Use as a context manager."""

    def __init__(
        self,
        *,
        account_sid: str = ACCOUNT_SID,
        auth_token: str = AUTH_TOKEN,
        port: int = 0,
        hold_seconds: float = 30.0,
    ) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.port = port or _free_port()
        # How long "timeout" keeps a request unanswered (the client's timeout should be shorter).
        self.hold_seconds = hold_seconds
        self._lock = threading.Lock()
        self._messages: list[Sms] = []
        self._attempts: list[Attempt] = []
        self._failure = _Failure()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._released = threading.Event()

    # --- Running ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SmsApi:
        handler = _handler_for(self)
        server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        server.daemon_threads = True
        server.allow_reuse_address = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="sms-api", daemon=True)
        self._thread.start()
        return self

    def _stop_listening(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def stop(self) -> None:
        self._released.set()  # let held requests go
        self._stop_listening()

    def __enter__(self) -> SmsApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- Failing for a while ---------------------------------------------------------------

    def fail(self, mode: str, *, seconds: float | None = None) -> None:
        """Answer every request with `mode` ("500", "429", "timeout") or stop listening
        ("refuse"), for `seconds` or until `recover()`."""
        if mode not in MODES:
            raise ValueError(f"unknown failure mode {mode!r}; one of {MODES}")
        with self._lock:
            self._released.clear()
            self._failure = _Failure(
                mode=mode, until=None if seconds is None else time.monotonic() + seconds
            )
        if mode == "refuse":
            self._stop_listening()
            if seconds is not None:
                timer = threading.Timer(seconds, self.recover)
                timer.daemon = True
                timer.start()

    def recover(self) -> None:
        with self._lock:
            mode = self._failure.mode
            self._failure = _Failure()
        self._released.set()
        if mode == "refuse" and self._server is None:
            self.start()

    def failure(self) -> str | None:
        with self._lock:
            return self._failure.active()

    # --- What it saw -----------------------------------------------------------------------

    @property
    def messages(self) -> list[Sms]:
        with self._lock:
            return list(self._messages)

    @property
    def attempts(self) -> list[Attempt]:
        with self._lock:
            return list(self._attempts)

    def count_by_to(self) -> Counter[str]:
        return Counter(sms.to for sms in self.messages)

    def attempts_by_to(self) -> Counter[str]:
        return Counter(attempt.to for attempt in self.attempts)

    def per_second(self) -> Counter[int]:
        """Accepted messages in each whole wall-clock second."""
        return Counter(int(sms.received_at) for sms in self.messages)

    def wait_for(self, count: int, *, timeout: float) -> bool:
        return _wait(lambda: len(self.messages) >= count, timeout)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self._attempts.clear()

    # --- Called by the handler -------------------------------------------------------------

    def _record_attempt(self, to: str, outcome: str) -> None:
        with self._lock:
            self._attempts.append(Attempt(to=to, outcome=outcome, at=time.time()))

    def _accept(self, *, to: str, from_: str, body: str) -> Sms:
        sms = Sms(
            sid="SM" + secrets.token_hex(16),
            to=to,
            from_=from_,
            body=body,
            received_at=time.time(),
        )
        with self._lock:
            self._messages.append(sms)
            self._attempts.append(Attempt(to=to, outcome="201", at=sms.received_at))
        return sms

    def _hold(self) -> None:
        self._released.wait(self.hold_seconds)


def _twilio_message(api: SmsApi, sms: Sms) -> dict[str, Any]:
    created = format_datetime(dt.datetime.fromtimestamp(sms.received_at, tz=dt.UTC), usegmt=True)
    uri = f"/2010-04-01/Accounts/{api.account_sid}/Messages/{sms.sid}.json"
    return {
        "account_sid": api.account_sid,
        "api_version": "2010-04-01",
        "body": sms.body,
        "date_created": created,
        "date_sent": None,
        "date_updated": created,
        "direction": "outbound-api",
        "error_code": None,
        "error_message": None,
        "from": sms.from_,
        "messaging_service_sid": None,
        "num_media": "0",
        "num_segments": str(max(1, -(-len(sms.body) // 153))),
        "price": None,
        "price_unit": "USD",
        "sid": sms.sid,
        "status": "queued",
        "subresource_uris": {"media": uri.replace(".json", "/Media.json")},
        "to": sms.to,
        "uri": uri,
    }


def _error(code: int, message: str, status: int) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


def _handler_for(api: SmsApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # Keep-alive, as Twilio's SDK (a requests session) expects.
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes: without this, the client's delayed ACK
        # holds every response 40 ms (Nagle), a ceiling of 25 messages a second.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: a fan-out is thousands of requests

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._send(405, _error(20004, "Method not allowed", 405))

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if len(raw) < length:
                # The client went away before the end of its request: like Twilio, act only
                # on a complete one.
                api._record_attempt("", "aborted")
                self.close_connection = True
                return
            form = parse_qs(raw.decode("utf-8", "replace"))
            to = (form.get("To") or [""])[0]
            from_ = (form.get("From") or [""])[0]
            body = (form.get("Body") or [""])[0]
            match = PATH.match(self.path.split("?", 1)[0])
            if match is None or match["sid"] != api.account_sid:
                api._record_attempt(to, "404")
                self._send(404, _error(20404, "The requested resource was not found", 404))
                return
            if not self._authorised():
                api._record_attempt(to, "401")
                self._send(401, _error(20003, "Authenticate", 401))
                return
            mode = api.failure()
            if mode == "timeout":
                api._record_attempt(to, "timeout")
                api._hold()
                self.close_connection = True
                return
            if mode == "500":
                api._record_attempt(to, "500")
                self._send(500, _error(20500, "Internal Server Error", 500))
                return
            if mode == "429":
                api._record_attempt(to, "429")
                self._send(429, _error(20429, "Too Many Requests", 429))
                return
            if not E164.match(to):
                api._record_attempt(to, "400")
                self._send(
                    400, _error(21211, f"The 'To' number {to} is not a valid phone number.", 400)
                )
                return
            if not body:
                api._record_attempt(to, "400")
                self._send(400, _error(21602, "Message body is required.", 400))
                return
            sms = api._accept(to=to, from_=from_, body=body)
            self._send(201, _twilio_message(api, sms))

        def _authorised(self) -> bool:
            header = self.headers.get("Authorization", "")
            if not header.startswith("Basic "):
                return False
            try:
                user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            except ValueError:
                return False
            return secrets.compare_digest(user, api.account_sid) and secrets.compare_digest(
                password, api.auth_token
            )

    return Handler


# --- SMTP ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mail:
    """A message as received. Parsed when a test first looks inside it, not on arrival: a
    relay's receiving end does not parse MIME, and a parse per message in the server's thread
    would take the CPU the benchmark's workers run on."""

    to: tuple[str, ...]
    received_at: float
    raw: bytes = field(repr=False, compare=False, default=b"")

    @cached_property
    def message(self) -> Message:
        return message_from_bytes(self.raw)

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))


class _SmtpHandler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_MAIL(
        self, server: SMTP, session: object, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        mode = self.sink.failure()
        if mode == "451":
            self.sink._record_attempt("451")
            return "451 4.3.0 Temporary failure, try again later"
        if mode == "timeout":
            # A hung server: no answer for `hold_seconds`, then a refusal (never a success
            # that a client without a timeout would take for a working server).
            self.sink._record_attempt("timeout")
            await asyncio.sleep(self.sink.hold_seconds)
            return "421 4.4.2 Timeout, closing connection"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: object, envelope: Envelope) -> str:
        self.sink._accept(
            Mail(
                to=tuple(envelope.rcpt_tos),
                received_at=time.time(),
                raw=envelope.original_content or b"",
            )
        )
        return "250 Message accepted for delivery"


class SmtpSink:
    """A real SMTP server on 127.0.0.1 that counts what it receives per recipient."""

    def __init__(self, *, port: int = 0, hold_seconds: float = 30.0) -> None:
        self.port = port or _free_port()
        self.hold_seconds = hold_seconds
        self._lock = threading.Lock()
        self._mails: list[Mail] = []
        self._attempts: list[Attempt] = []
        self._failure = _Failure()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        """For the EMAIL_URL setting (django-environ)."""
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SmtpSink:
        controller = Controller(
            _SmtpHandler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10
        )
        controller.start()
        self._controller = controller
        return self

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail(self, mode: str, *, seconds: float | None = None) -> None:
        """ "451" (a temporary refusal of every message), "timeout" (hold the session) or
        "refuse" (stop listening), for `seconds` or until `recover()`."""
        if mode not in ("451", "timeout", "refuse"):
            raise ValueError(f"unknown failure mode {mode!r}")
        with self._lock:
            self._failure = _Failure(
                mode=mode, until=None if seconds is None else time.monotonic() + seconds
            )
        if mode == "refuse":
            self.stop()
            if seconds is not None:
                timer = threading.Timer(seconds, self.recover)
                timer.daemon = True
                timer.start()

    def recover(self) -> None:
        with self._lock:
            mode = self._failure.mode
            self._failure = _Failure()
        if mode == "refuse" and self._controller is None:
            self.start()

    def failure(self) -> str | None:
        with self._lock:
            return self._failure.active()

    def _record_attempt(self, outcome: str) -> None:
        with self._lock:
            self._attempts.append(Attempt(to="", outcome=outcome, at=time.time()))

    def _accept(self, mail: Mail) -> None:
        with self._lock:
            self._mails.append(mail)
            self._attempts.append(Attempt(to=",".join(mail.to), outcome="250", at=mail.received_at))

    @property
    def mails(self) -> list[Mail]:
        with self._lock:
            return list(self._mails)

    @property
    def attempts(self) -> list[Attempt]:
        with self._lock:
            return list(self._attempts)

    def count_by_to(self) -> Counter[str]:
        return Counter(address for mail in self.mails for address in mail.to)

    def wait_for(self, count: int, *, timeout: float) -> bool:
        return _wait(lambda: len(self.mails) >= count, timeout)

    def clear(self) -> None:
        with self._lock:
            self._mails.clear()
            self._attempts.clear()


def _wait(done: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.05)
    return done()
