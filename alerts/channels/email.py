"""Email through Django's email backend: one connection (one SMTP session) per lane of a batch.

The point of no return of SMTP is the end of the data: once the server has the closing
"." line it may take the message at any instant, and only its reply says so. So this sender
speaks the session command by command (not smtplib's sendmail): MAIL, RCPT, DATA and the whole
message but its closing ".<CRLF>", then `commit(final)` (channels/base.py): the engine marks
the delivery sent in an open transaction, `final` writes those three bytes, the transaction
commits, and only then is the reply read. Killed before the dot, the server drops the
half-message when the connection closes and the row is still "sending" (sent again later);
killed after the commit, the server has the whole message and the row says sent. A refusal
(4xx: try later; 5xx: failed with the server's words) corrects the row, and the session goes
on to the next message after an RSET. No reply at all after the dot is taken as "try again"
(the relay may not have it: a rare duplicate is better than a lost alert).

The socket has TCP_NODELAY: the message and its closing dot are two small writes, and with
Nagle's algorithm each would wait for the server's delayed ACK (40 ms a message).

Other backends (locmem in tests, console in development) are used through send_messages,
inside the commit.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address

from ..lanes import pause
from ..messages import EmailRenderer
from .base import ClaimLost, Commit, PermanentError, Sender, TransientError

if TYPE_CHECKING:
    from ..models import Delivery

CRLF = b"\r\n"


def _reply_error(code: int, reply: bytes | str, what: str) -> TransientError | PermanentError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    reason = f"{what}: {code} {text}".strip()
    # 4xx: try later (greylisting, a full queue); 5xx: the server will never take it.
    if 400 <= code < 500:
        return TransientError(reason)
    return PermanentError(reason)


def _command(smtp: smtplib.SMTP, name: str, args: str = "") -> tuple[int, bytes]:
    smtp.putcmd(name, args)
    pause()
    return smtp.getreply()


class EmailSender(Sender):
    channel = "email"

    def __init__(self) -> None:
        self.connection: Any = None
        self.renderer: EmailRenderer | None = None

    def sibling(self) -> EmailSender:
        # The batch's templates are rendered once for all its lanes.
        other = EmailSender()
        other.renderer = self.renderer
        return other

    def open(self) -> None:
        if self.renderer is None:
            self.renderer = EmailRenderer()
        # A relay that stops answering must not hold the batch (and its worker) for ever.
        timeout = settings.EMAIL_TIMEOUT or settings.ALERTS_HTTP_TIMEOUT
        self.connection = get_connection(fail_silently=False, timeout=timeout)

    def close(self) -> None:
        if self.connection is not None:
            # A session already gone loses nothing by not saying QUIT.
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.connection.close()

    def send(self, *, delivery: Delivery, commit: Commit) -> str:
        renderer = self.renderer or EmailRenderer()
        if isinstance(self.connection, SmtpBackend):
            raw = renderer.raw(
                recipient=delivery.recipient, alert=delivery.alert, address=delivery.address
            )
            if raw is not None:
                return self._exchange(
                    raw.sender, [delivery.address], raw.data, raw.message_id, commit
                )
        message = renderer.message(recipient=delivery.recipient, alert=delivery.alert)
        message.to = [delivery.address]
        if isinstance(self.connection, SmtpBackend):
            return self._send_smtp(message, commit)
        sent = 0

        def final() -> None:
            nonlocal sent
            sent = self.connection.send_messages([message])

        try:
            commit(final)
        except (OSError, smtplib.SMTPException) as error:
            raise TransientError(f"email: {error}") from error
        if not sent:
            raise TransientError("email: the backend sent nothing")
        return str(message.extra_headers.get("Message-ID", ""))

    def _session(self) -> smtplib.SMTP:
        backend: SmtpBackend = self.connection
        if backend.connection is None:
            try:
                backend.open()
            except (OSError, smtplib.SMTPException) as error:
                backend.connection = None
                raise TransientError(f"email: cannot connect: {error}") from error
        session: smtplib.SMTP | None = backend.connection
        if session is None:
            raise TransientError("email: cannot connect")
        if not getattr(session, "_alerts_nodelay", False):
            if session.sock is not None:
                with contextlib.suppress(OSError):
                    session.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            session._alerts_nodelay = True  # type: ignore[attr-defined]
        return session

    def _drop(self) -> None:
        # After a broken exchange the session's state is unknown: start the next message on a
        # fresh connection.
        backend: SmtpBackend = self.connection
        with contextlib.suppress(OSError, smtplib.SMTPException):
            backend.close()
        backend.connection = None

    def _send_smtp(self, message: Any, commit: Commit) -> str:
        encoding = message.encoding or "utf-8"
        try:
            sender = sanitize_address(message.from_email, encoding)
            recipients = [sanitize_address(address, encoding) for address in message.recipients()]
        except ValueError as error:
            raise PermanentError(f"email: {error}") from error
        mime = message.message()
        message_id = str(mime["Message-ID"] or "")
        data = smtplib._quote_periods(mime.as_bytes(linesep="\r\n"))  # type: ignore[attr-defined]
        if not data.endswith(CRLF):
            data += CRLF
        return self._exchange(sender, recipients, data, message_id, commit)

    def _exchange(
        self, sender: str, recipients: list[str], data: bytes, message_id: str, commit: Commit
    ) -> str:
        """MAIL, RCPT, DATA and `data` (dots doubled, ending with CRLF), then the closing dot
        inside `commit`, then the reply."""
        smtp = self._session()
        try:
            smtp.ehlo_or_helo_if_needed()
            # Each command's reply is read after the other lanes have had their turn
            # (lanes.pause): their commands reach the server meanwhile.
            code, reply = _command(smtp, "mail", f"FROM:{smtplib.quoteaddr(sender)}")
            if code != 250:
                smtp.rset()
                raise _reply_error(code, reply, "sender refused")
            for address in recipients:
                code, reply = _command(smtp, "rcpt", f"TO:{smtplib.quoteaddr(address)}")
                if code not in (250, 251):
                    smtp.rset()
                    raise _reply_error(code, reply, "recipient refused")
            code, reply = _command(smtp, "data")
            if code != 354:
                smtp.rset()
                raise _reply_error(code, reply, "data refused")
            smtp.send(data)
        except (OSError, smtplib.SMTPServerDisconnected) as error:
            self._drop()
            raise TransientError(f"email: connection lost: {error}") from error
        try:
            commit(lambda: smtp.send(b"." + CRLF))
        except ClaimLost:
            # Without its closing dot the server drops the message with the connection.
            self._drop()
            raise
        except (OSError, smtplib.SMTPServerDisconnected) as error:
            self._drop()
            raise TransientError(f"email: connection lost at the end of data: {error}") from error
        try:
            code, reply = smtp.getreply()
        except (OSError, smtplib.SMTPServerDisconnected) as error:
            self._drop()
            raise TransientError(f"email: no answer to the end of the message: {error}") from error
        if code != 250:
            raise _reply_error(code, reply, "message refused")
        return message_id
