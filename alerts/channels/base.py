"""What every channel's sender does: open once per lane of a batch, send deliveries, close.

A sender raises TransientError for what may work later (a timeout, a 5xx, a 4xx greylisting,
Twilio's "too many requests") and PermanentError for what never will (an invalid number, a
mailbox that does not exist, a webhook address that is private); the engine (alerts.engine)
turns the first into a retry with backoff and the second into a failed delivery with the
provider's reason.

Exactly once: a sender that can split its message at the provider's point of no return
writes all of it but the final bytes (SMTP: the data without the closing "."; HTTP: all but
the body's last byte), then calls `commit(final)`. The engine marks the delivery sent in an
open transaction (which also proves the claim is still ours), calls `final()` to write the
last bytes, and commits at once; only then does the sender read the provider's answer and,
if it is a refusal, raise as usual (the engine corrects the row). A worker killed before the
final bytes leaves an incomplete message the provider drops and an uncommitted row the
sweeper sends again; killed after the commit, the message is complete and recorded. What is
left is the instant between adjacent syscalls. A sender that never calls `commit` is
recorded after `send` returns (at-least-once: webhooks). A sender that waits for a reply in the
middle of a message (SMTP's MAIL, RCPT, DATA) calls `alerts.lanes.pause()` between writing the
command and reading the reply, so that the batch's other lanes work meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Delivery

# commit(final): record the delivery as sent, run `final` (the last write), commit.
Commit = Callable[[Callable[[], None]], None]


class DeliveryError(Exception):
    """A send that did not happen. `reason` is kept on the delivery (up to 500 characters)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason[:500]


class TransientError(DeliveryError):
    """Worth trying again later."""


class PermanentError(DeliveryError):
    """Trying again would fail the same way."""


class ClaimLost(Exception):
    """Raised by `commit` when the delivery is no longer this worker's to send (the sweeper
    gave it to another): the sender must abandon the message without its final bytes."""


class Sender:
    """One batch's connection to a channel's provider. Use as a context manager."""

    channel = ""

    def open(self) -> None:
        """Connect (an SMTP session, an HTTP client); called once per lane of a batch."""

    def close(self) -> None:
        """Disconnect; must not raise."""

    def send(self, *, delivery: Delivery, commit: Commit) -> str:
        """Send `delivery` (its recipient and alert are loaded) and return the provider's
        reference; call `commit(final)` at the point of no return (see the module)."""
        raise NotImplementedError

    def sibling(self) -> Sender:
        """Another sender of the same kind, not yet opened, for another lane of the same batch
        (alerts.engine): its own connection; what it may share (rendered templates) shared."""
        return type(self)()

    def __enter__(self) -> Sender:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
