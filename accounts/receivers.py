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


def on_logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Logging out anywhere logs this person out everywhere: a phone left logged in on the
    shop floor is closed from the back office."""
    if user is None:
        return
    from .services import sessions_end

    sessions_end(user_id=user.pk)
