"""Every email the portal sends, allauth's included, is rendered here: one body template per
email (`emails/<name>.html`, a fragment of plain paragraphs, links and lists), set in one
layout that says who is writing (the network and the movement), as HTML with a plain-text
part made from the same fragment, in the recipient's language."""

from __future__ import annotations

from email.utils import formataddr, parseaddr
from html import unescape
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .schemas import current_network, in_public_schema

if TYPE_CHECKING:
    from .models import Network


def one_line(text: str) -> str:
    """Names end up in subjects, where a line break would break the mail's headers."""
    return " ".join(text.split())


def mail_network() -> Network | None:
    """The network a mail is sent on: the schema of the request or task, None on the public
    site (or in a schema that is not a network's, such as the template)."""
    from .models import Network

    if in_public_schema():
        return None
    try:
        return current_network()
    except Network.DoesNotExist:
        return None


def mail_sender(*, network: Network | None) -> str:
    """DEFAULT_FROM_EMAIL's address under a name saying who writes, e.g. "Southern California
    Jewelers Network via Partner for Protection". Call with the recipient's language active."""
    default_name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    name = default_name or settings.PORTAL_NAME
    if network is not None:
        name = gettext("%(network)s via %(movement)s") % {
            "network": one_line(network.name),
            "movement": settings.PORTAL_NAME,
        }
    return formataddr((name, address or settings.DEFAULT_FROM_EMAIL))


def mail_contact(*, network: Network | None) -> str:
    """The address people can write to about a mail: the network's own, else the portal's."""
    if network is not None and network.contact_email:
        return network.contact_email
    return str(settings.PORTAL_SUPPORT_EMAIL)


class _TextFromFragment(HTMLParser):
    """The plain-text part from a body fragment: paragraphs apart, list items dashed, each
    link's address written out after its words; elements marked `data-html-only` (the "or
    open this address" under a button, which the text already shows) left out."""

    BLOCKS = frozenset({"p", "ul", "ol", "div", "pre", "h1", "h2", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_text: list[str] = []
        self.skipping: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is not None:
            return
        if any(name == "data-html-only" for name, _value in attrs):
            self.skipping = tag
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_text = []
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.skipping = None
            return
        if tag == "a" and self.href is not None:
            words = one_line("".join(self.link_text))
            if words and words != self.href:
                self.parts.append(f"{words}:\n{self.href}")
            else:
                self.parts.append(self.href)
            self.href = None
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skipping is not None:
            return
        if self.href is not None:
            self.link_text.append(data)
        else:
            self.parts.append(data)

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).splitlines()]
        paragraphs, current = [], []
        for line in lines:
            if line:
                current.append(line)
            elif current:
                paragraphs.append("\n".join(current))
                current = []
        if current:
            paragraphs.append("\n".join(current))
        return "\n\n".join(paragraphs)


def html_to_text(fragment: str) -> str:
    parser = _TextFromFragment()
    parser.feed(fragment)
    parser.close()
    return unescape(parser.text())


def mail_render(
    *,
    template: str,
    context: dict[str, object],
    to: list[str],
    language: str,
    network: Network | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """emails/<template>_subject.txt and the body emails/<template>.html, in `language`, set in
    emails/layout.html and emails/layout.txt."""
    contact = mail_contact(network=network)
    # Dates in the network's own time zone, as its pages show them.
    zone = network.zone if network is not None else timezone.get_current_timezone()
    with translation.override(language), timezone.override(zone):
        subject = one_line(render_to_string(f"emails/{template}_subject.txt", context))
        fragment = render_to_string(f"emails/{template}.html", context).strip()
        frame = {
            "subject": subject,
            "language": translation.get_language(),
            "sender_network": network,
            "movement": settings.PORTAL_NAME,
            "contact_email": contact,
        }
        html = render_to_string("emails/layout.html", {**frame, "body": mark_safe(fragment)})  # noqa: S308 - our own template's output
        text = render_to_string("emails/layout.txt", {**frame, "body": html_to_text(fragment)})
        from_email = mail_sender(network=network)
    message = EmailMultiAlternatives(
        subject,
        text.strip() + "\n",
        from_email,
        to,
        # A reply reaches people who can answer, not the no-reply address.
        reply_to=[contact],
        headers={"Content-Language": language, **(headers or {})},
    )
    message.attach_alternative(html, "text/html")
    return message


def mail_send(
    *,
    template: str,
    context: dict[str, object],
    to: list[str],
    language: str,
    network: Network | None = None,
) -> None:
    """Send emails/<template> in `language`; from the network whose schema is active unless
    `network` says otherwise."""
    mail_render(
        template=template,
        context=context,
        to=to,
        language=language,
        network=network or mail_network(),
    ).send()
