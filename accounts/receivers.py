"""Glue from allauth's signals to the services; no rules of their own here."""

from typing import Any

from django.http import HttpRequest


def on_email_confirmed(
    sender: Any, request: HttpRequest, email_address: Any, **kwargs: Any
) -> None:
    """A pledge that waited only for its signer's email becomes active in this network."""
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.is_public:
        return
    from pledges.services import pledge_email_confirmed

    pledge_email_confirmed(user=email_address.user)
