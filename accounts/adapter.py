"""allauth, the portal's way: its mails rendered by networks.mail (the network's and the
movement's name, HTML and text, the visitor's language) and one banner where it shows two."""

from __future__ import annotations

from typing import Any

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.utils import translation

from networks.mail import mail_network, mail_render

from .views import VERIFICATION_EMAIL_SESSION_KEY

# Messages allauth adds after another that already says it: confirming an email signs the
# person in, and "You have confirmed …" is the news; "Successfully signed in" would stack.
_SAID_BY = {"account/messages/logged_in.txt": "account/messages/email_confirmed.txt"}


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return subject

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth counts failed logins per host (the site's domain is in its key); an account
        # logs in on every network's host, so five failures anywhere count everywhere.
        return str(credentials.get("email", credentials.get("username", ""))).lower()

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        """allauth's `account/email/<name>` and `mfa/email/<name>` become the portal's
        `emails/account/<name>` and `emails/mfa/<name>`, sent during the request in the
        language the visitor sees the site in."""
        app, _email, name = template_prefix.partition("/email/")
        network = mail_network()
        request = allauth_context.request
        extra: dict[str, Any] = {
            "network": network,
            "expire_days": app_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS,
        }
        if "password_reset_url" not in context and request is not None:
            from allauth.account.internal.flows.password_reset import get_reset_password_url

            extra["password_reset_url"] = get_reset_password_url(request)
        return mail_render(
            template=f"{app}/{name}",
            context={**context, **extra},
            to=[email] if isinstance(email, str) else email,
            language=translation.get_language() or "en",
            network=network,
            headers=headers,
        )

    def send_confirmation_mail(
        self, request: HttpRequest, emailconfirmation: Any, signup: bool
    ) -> None:
        self._note_address(request, emailconfirmation.email_address.email)
        super().send_confirmation_mail(request, emailconfirmation, signup)

    def send_account_already_exists_mail(self, email: str) -> None:
        # Noted like a real sign-up's, so the next page gives nothing away.
        self._note_address(allauth_context.request, email)
        super().send_account_already_exists_mail(email)

    @staticmethod
    def _note_address(request: HttpRequest | None, email: str) -> None:
        """For the "check your email" page, which offers to send the link again."""
        session = getattr(request, "session", None)
        if session is not None:
            session[VERIFICATION_EMAIL_SESSION_KEY] = email

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        said: set[str] = request.__dict__.setdefault("_allauth_messages", set())
        if message_template and _SAID_BY.get(message_template) in said:
            return
        if message_template:
            said.add(message_template)
        super().add_message(request, level, message_template, message_context, extra_tags, message)
