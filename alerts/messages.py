"""What each channel sends for an alert: pure functions of the alert and one recipient, used by
the senders and by the composer's preview (a recipient without a primary key gets sample
links that lead nowhere).

Email comes in the recipient's language through networks.mail (the network's layout, its name
as sender, HTML with every user text escaped, and a plain-text part). SMS is plain text, as
short as the alert's text message allows. Webhooks get JSON with the eight details.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import make_msgid
from typing import TYPE_CHECKING, Any

from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.core.mail.utils import DNS_NAME
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from networks.mail import mail_render, one_line
from networks.schemas import current_network
from networks.templatetags.portal import network_origin

from .links import ack_url, stop_url
from .models import Alert, Recipient

if TYPE_CHECKING:
    from networks.models import Network

# A round-2 SMS says it is a reminder, so nobody thinks a second incident happened.
ESCALATION_ROUND = 2


def _network(network: Network | None) -> Network:
    return network if network is not None else current_network()


def _language(recipient: Recipient, network: Network) -> str:
    return recipient.language or network.language


def links_for(*, recipient: Recipient, channel: str) -> dict[str, str]:
    """The "seen — on the lookout" and "stop this channel" links of one recipient (webhooks
    have neither: nobody reads them to acknowledge, and the coordinator switches them off)."""
    if recipient.kind == Recipient.Kind.WEBHOOK:
        return {}
    links = {"ack": ack_url(recipient_id=recipient.pk or 0)}
    if recipient.contact_id is not None:
        links["stop"] = stop_url(channel=channel, contact_id=recipient.contact_id)
    else:
        links["stop"] = stop_url(channel=channel, user_id=recipient.user_id or 0)
    return links


def alert_url(*, alert: Alert, network: Network | None = None) -> str:
    path = reverse("alert_detail", kwargs={"alert_id": alert.pk or 0})
    return f"{network_origin(_network(network))}{path}"


def details(alert: Alert, *, zone: dt.tzinfo | None = None) -> list[tuple[str, str]]:
    """The eight details that are filled in, as (label, text), in the movement's order.
    Call with the recipient's language active; times are shown in `zone` (the network's)."""
    occurred = ""
    if alert.occurred_at is not None:
        local = timezone.localtime(alert.occurred_at, zone or current_network().zone)
        occurred = formats.date_format(local, "DATETIME_FORMAT")
    rows: list[tuple[str, Any]] = [
        (_("Date and time"), occurred),
        (_("Place"), alert.place),
        (_("Type of crime"), alert.get_crime_type_display() if alert.crime_type else ""),
        (_("Number of suspects"), alert.suspect_count),
        (_("Description of the suspects"), alert.suspects),
        (_("Method"), alert.method),
        (_("Property taken"), alert.property_taken),
        (_("Vehicle"), alert.vehicle),
    ]
    return [(label, str(value)) for label, value in rows if value not in (None, "")]


def subject_prefix(alert: Alert) -> str:
    return str(Alert.Severity(alert.severity).label)


def email_message(
    *, recipient: Recipient, alert: Alert, network: Network | None = None
) -> EmailMultiAlternatives:
    """The email of `alert` to `recipient`, ready to send (List-Unsubscribe included)."""
    network = _network(network)
    return _email(
        recipient=recipient,
        alert=alert,
        network=network,
        links=links_for(recipient=recipient, channel="email"),
    )


def _email(
    *, recipient: Recipient, alert: Alert, network: Network, links: dict[str, str]
) -> EmailMultiAlternatives:
    context = {
        "alert": alert,
        "recipient": recipient,
        "network": network,
        "ack_url": links.get("ack", ""),
        "stop_url": links.get("stop", ""),
        "alert_url": alert_url(alert=alert, network=network)
        if recipient.kind == Recipient.Kind.MEMBER
        else "",
        "is_urgent": alert.severity == Alert.Severity.URGENT,
    }
    language = _language(recipient, network)
    with translation.override(language):
        context["severity"] = subject_prefix(alert)
        context["details"] = details(alert, zone=network.zone)
    headers = {}
    if "stop" in links:
        headers["List-Unsubscribe"] = f"<{links['stop']}>"
    if alert.severity == Alert.Severity.URGENT:
        headers["Importance"] = "high"
    return mail_render(
        template="alert",
        context=context,
        to=[recipient.email],
        language=language,
        network=network,
        headers=headers,
    )


# Stand-ins for a recipient's own links in an email rendered once for many: characters that
# no escaping, text conversion or header folding changes.
_MARKS = {
    "ack": "https://alerts-mark.invalid/ack-7c1f",
    "stop": "https://alerts-mark.invalid/stop-7c1f",
}


_TO_MARK = "to-7c1f@alerts-mark.invalid"
# Addresses that need no encoding or checking beyond this (others go the long way, through
# Django's sanitize_address, which refuses what no server would take).
_PLAIN_ADDRESS = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_ID_MARK = "<id-7c1f@alerts-mark.invalid>"


@dataclass(frozen=True)
class RawEmail:
    """An email as the SMTP session sends it: envelope sender, the bytes of DATA (dots
    doubled, ending with CRLF, without the closing dot), its Message-ID."""

    sender: str
    data: bytes
    message_id: str


class EmailRenderer:
    """The emails of a batch: the templates are rendered once per alert, language and kind of
    recipient, then each recipient's signed links are put in (a template render costs
    milliseconds; signing a link, microseconds). Same output as email_message."""

    def __init__(self, network: Network | None = None) -> None:
        self.network = _network(network)
        self._rendered: dict[tuple[object, ...], EmailMultiAlternatives] = {}
        self._raw: dict[tuple[object, ...], tuple[str, bytes] | None] = {}

    def message(self, *, recipient: Recipient, alert: Alert) -> EmailMultiAlternatives:
        links = links_for(recipient=recipient, channel="email")
        key = (
            alert.pk,
            _language(recipient, self.network),
            recipient.kind == Recipient.Kind.MEMBER,
            tuple(sorted(links)),
        )
        model = self._rendered.get(key)
        if model is None:
            marks = {name: _MARKS[name] for name in links}
            model = _email(recipient=recipient, alert=alert, network=self.network, links=marks)
            self._rendered[key] = model
        return self._fill(model, links, recipient.email)

    def raw(self, *, recipient: Recipient, alert: Alert, address: str) -> RawEmail | None:
        """The whole message in bytes, from bytes rendered once per alert, language and kind
        with stand-ins for the links, the address and the Message-ID (building and encoding a
        MIME message costs more than the SMTP exchange). None when this address or message
        cannot take the shortcut (a non-ASCII address, a body the encoder wrapped): then
        `message` is used."""
        if not _PLAIN_ADDRESS.match(address):
            return None
        links = links_for(recipient=recipient, channel="email")
        key = (
            "raw",
            alert.pk,
            _language(recipient, self.network),
            recipient.kind == Recipient.Kind.MEMBER,
            tuple(sorted(links)),
        )
        if key not in self._raw:
            self._raw[key] = self._raw_model(recipient=recipient, alert=alert, links=links)
        model = self._raw.get(key)
        if model is None:
            return None
        sender, data = model
        message_id = make_msgid(domain=DNS_NAME)
        data = data.replace(_TO_MARK.encode(), address.encode()).replace(
            _ID_MARK.encode(), message_id.encode()
        )
        for name, url in links.items():
            data = data.replace(_MARKS[name].encode(), url.encode())
        return RawEmail(sender=sender, data=data, message_id=message_id)

    def _raw_model(
        self, *, recipient: Recipient, alert: Alert, links: dict[str, str]
    ) -> tuple[str, bytes] | None:
        marks = {name: _MARKS[name] for name in links}
        model = _email(recipient=recipient, alert=alert, network=self.network, links=marks)
        message = self._fill(model, {}, _TO_MARK)
        message.extra_headers["Message-ID"] = _ID_MARK
        encoding = message.encoding or "utf-8"
        try:
            sender = sanitize_address(message.from_email, encoding)
        except ValueError:
            return None
        data = message.message().as_bytes(linesep="\r\n")  # type: ignore[call-arg]
        # Each stand-in must have come through whole (not folded, not encoded).
        expected = [_TO_MARK, _ID_MARK, *marks.values()]
        if any(data.count(mark.encode()) < 1 for mark in expected):
            return None
        data = re.sub(rb"(?m)^\.", b"..", data)
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        return sender, data

    @staticmethod
    def _fill(
        model: EmailMultiAlternatives, links: dict[str, str], to: str
    ) -> EmailMultiAlternatives:
        def fill(text: str) -> str:
            for name, url in links.items():
                text = text.replace(_MARKS[name], url)
            return text

        message = EmailMultiAlternatives(
            fill(str(model.subject)),
            fill(str(model.body)),
            model.from_email,
            [to],
            reply_to=list(model.reply_to),
            headers={name: fill(str(value)) for name, value in model.extra_headers.items()},
        )
        for content, mimetype in model.alternatives:
            message.attach_alternative(fill(str(content)), mimetype)
        return message


def email_for(
    *, recipient: Recipient, alert: Alert, network: Network | None = None
) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the email of `alert` to `recipient`."""
    message = email_message(recipient=recipient, alert=alert, network=network)
    html = next(
        (str(content) for content, mimetype in message.alternatives if mimetype == "text/html"),
        "",
    )
    return str(message.subject), str(message.body), html


def sms_for(
    *, recipient: Recipient, alert: Alert, round: int = 1, network: Network | None = None
) -> str:
    """The text message: the network's name, the alert's text (or headline), then the links."""
    network = _network(network)
    links = links_for(recipient=recipient, channel="sms")
    with translation.override(_language(recipient, network)):
        text = one_line(alert.sms_text) if alert.sms_text.strip() else one_line(alert.headline)
        lines = []
        if round >= ESCALATION_ROUND:
            lines.append(_("REMINDER, not yet acknowledged:"))
        # Plain hyphens: the GSM alphabet has no long dash, and one would switch the whole
        # text to the 70-character encoding (more messages, more cost).
        lines.append(f"{one_line(network.name)} - {subject_prefix(alert)}: {text}")
        if "ack" in links:
            lines.append(_("Seen - on the lookout: %(url)s") % {"url": links["ack"]})
        if "stop" in links:
            lines.append(_("Stop texts: %(url)s") % {"url": links["stop"]})
    return "\n".join(lines)


_TEXT_MARK = "\x00"


def sms_frame(*, severity: str, network: Network | None = None) -> tuple[str, str]:
    """What every text message carries around the alert's own text (the network's name and
    the severity before it, the two links after it), for a typical recipient: the composer
    counts segments on the whole message, not on the typed part alone."""
    sample = Alert(severity=severity, headline="", sms_text=_TEXT_MARK)
    # A recipient id of typical length: the links' tokens grow with it.
    recipient = Recipient(pk=99_999, kind=Recipient.Kind.MEMBER, user_id=99_999)
    before, _mark, after = sms_for(recipient=recipient, alert=sample, network=network).partition(
        _TEXT_MARK
    )
    return before, after


def webhook_payload(
    *, alert: Alert, recipient: Recipient | None = None, network: Network | None = None
) -> dict[str, Any]:
    """The JSON a webhook receives (details in English keys, values as written)."""
    network = _network(network)
    return {
        "event": "alert",
        "network": {"slug": network.slug, "name": network.name},
        "alert": {
            "id": alert.pk,
            "severity": alert.severity,
            "headline": alert.headline,
            "message": alert.message,
            "sms_text": alert.sms_text,
            "parent_id": alert.parent_id,
            "sent_at": alert.sent_at.isoformat() if alert.sent_at else None,
            "url": alert_url(alert=alert, network=network),
            "details": {
                "occurred_at": alert.occurred_at.isoformat() if alert.occurred_at else None,
                "place": alert.place,
                "crime_type": alert.crime_type or None,
                "suspect_count": alert.suspect_count,
                "suspects": alert.suspects,
                "method": alert.method,
                "property_taken": alert.property_taken,
                "vehicle": alert.vehicle,
            },
        },
        "recipient_id": recipient.pk if recipient is not None else None,
    }
