"""What the account pages say about the portal's mail: who sends it, whom to write to."""

from __future__ import annotations

from typing import Any

from django import template

from accounts.views import VERIFICATION_EMAIL_SESSION_KEY
from networks.mail import mail_contact, mail_network, mail_sender

register = template.Library()


@register.simple_tag(takes_context=True)
def mail_facts(context: dict[str, Any]) -> dict[str, str]:
    """The From line of our mails, the contact address and the address last written to."""
    network = mail_network()
    request = context.get("request")
    session = getattr(request, "session", None)
    return {
        "sender": mail_sender(network=network),
        "contact_email": mail_contact(network=network),
        "email": (session or {}).get(VERIFICATION_EMAIL_SESSION_KEY, ""),
    }
