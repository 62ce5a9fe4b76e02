"""allauth's mails go through the portal's layout (who writes, HTML and text, the visitor's
language), and confirming an email shows one banner."""

from __future__ import annotations

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone, translation
from django_tenants.utils import schema_context

from networks.models import Network
from tests.conftest import PASSWORD, Outbox, People, client_for, host_of
from tests.factories import UserFactory
from tests.networks.test_mail import assert_branded, french

NEW_PASSWORD = "another-long-pass-2026!"


def sign_up(network: Network | None, email: str = "jeweler@example.test"):
    return client_for(network).post(
        "/accounts/signup/",
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def test_the_confirmation_mail_names_the_network_and_the_movement(
    north: Network, smtp_outbox: Outbox
) -> None:
    assert sign_up(north).status_code == 302
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=north)
    assert "/accounts/confirm-email/" in body["text/plain"]
    assert "north.localhost" not in body["text/plain"].split("\n")[0]


def test_the_confirmation_mail_speaks_the_french_networks_language(
    north: Network, smtp_outbox: Outbox
) -> None:
    sign_up(french(north))
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=north)
    assert message["Content-Language"] == "fr"
    for text in body.values():
        assert "Bonjour," in text
        assert "Hello," not in text


def test_on_the_public_site_the_confirmation_follows_the_browsers_language(
    public_client, smtp_outbox: Outbox
) -> None:
    public_client.post(
        "/accounts/signup/",
        {"email": "fr@example.test", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9",
    )
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=None)
    assert "Bonjour," in body["text/plain"]


def test_a_password_reset_mail_is_branded(north_people: People, smtp_outbox: Outbox) -> None:
    client_for(north_people.network).post(
        "/accounts/password/reset/", {"email": north_people.owner.email}
    )
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=north_people.network)
    assert "/accounts/password/reset/key/" in body["text/plain"]


def test_a_reset_for_an_unknown_address_is_branded(north: Network, smtp_outbox: Outbox) -> None:
    client_for(north).post("/accounts/password/reset/", {"email": "nobody@example.test"})
    [message] = smtp_outbox.messages
    assert_branded(message, network=north)


def test_signing_up_again_with_a_known_address_sends_a_branded_mail(
    north_people: People, smtp_outbox: Outbox
) -> None:
    sign_up(north_people.network, email=north_people.owner.email)
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=north_people.network)
    assert "/accounts/password/reset/" in body["text/plain"]


def test_changing_the_password_sends_a_branded_notice(
    north_people: People, smtp_outbox: Outbox
) -> None:
    client = client_for(north_people.network, north_people.owner)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=north_people.network)
    assert "password" in body["text/plain"].lower()


# Every mail allauth can send with the portal's settings (login and password-reset codes are
# off, so their mails cannot be sent).
ALLAUTH_MAILS = [
    "account/email/email_confirmation",
    "account/email/email_confirmation_signup",
    "account/email/password_reset_key",
    "account/email/unknown_account",
    "account/email/account_already_exists",
    "account/email/password_changed",
    "account/email/password_set",
    "account/email/password_reset",
    "account/email/email_changed",
    "account/email/email_confirm",
    "account/email/email_deleted",
    "mfa/email/totp_activated",
    "mfa/email/totp_deactivated",
    "mfa/email/recovery_codes_generated",
    "mfa/email/webauthn_added",
    "mfa/email/webauthn_removed",
]


def test_every_allauth_mail_has_a_portal_version() -> None:
    shipped = Path(allauth.__file__).parent / "templates"
    names = {
        str(path.relative_to(shipped)).removesuffix("_subject.txt")
        for app in ("account", "mfa")
        for path in (shipped / app / "email").glob("*_subject.txt")
    }
    assert names - set(ALLAUTH_MAILS) == {
        "account/email/login_code",
        "account/email/password_reset_code",
    }
    assert not getattr(settings, "ACCOUNT_LOGIN_BY_CODE_ENABLED", False)
    assert not getattr(settings, "ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED", False)


@pytest.mark.parametrize("prefix", ALLAUTH_MAILS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_allauth_mail_is_branded_in_the_visitors_language(
    north_people: People, smtp_outbox: Outbox, prefix: str, language: str
) -> None:
    request = RequestFactory().get("/", HTTP_HOST=host_of(north_people.network))
    context = {
        "user": north_people.owner,
        "activate_url": "http://north.localhost/accounts/confirm-email/k/",
        "password_reset_url": "http://north.localhost/accounts/password/reset/key/k/",
        "signup_url": "http://north.localhost/accounts/signup/",
        "from_email": "old@example.test",
        "to_email": "new@example.test",
        "deleted_email": "old@example.test",
        "timestamp": timezone.now(),
        "ip": "203.0.113.9",
        "user_agent": "Firefox",
    }
    with (
        schema_context(north_people.network.schema_name),
        request_context(request),
        translation.override(language),
    ):
        get_adapter(request).send_mail(prefix, north_people.owner.email, context)
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=north_people.network)
    greeting = "Bonjour," if language == "fr" else "Hello,"
    assert greeting in body["text/plain"]
    assert greeting in body["text/html"]


def test_confirming_an_email_shows_one_success_banner(north: Network, smtp_outbox: Outbox) -> None:
    client = client_for(north)
    client.post(
        "/accounts/signup/",
        {"email": "jeweler@example.test", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    text = assert_branded(smtp_outbox.messages[0], network=north)["text/plain"]
    link = re.search(r"http://\S+(/accounts/confirm-email/\S+)", text)
    assert link is not None, text
    page = client.post(link.group(1), follow=True).content.decode()
    assert page.count('class="alert alert-success"') == 1, page


def test_someone_who_just_logs_in_still_hears_it(north_people: People) -> None:
    user = UserFactory.create(email="plain@north.test")
    page = client_for(north_people.network).post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True
    )
    assert page.content.decode().count('class="alert alert-success"') == 1
