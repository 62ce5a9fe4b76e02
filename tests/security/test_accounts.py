"""Accounts under attack: a recovery code opens the door once, and the sign-up, password
reset and resend pages answer the same whether or not an account exists."""

from __future__ import annotations

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD, People, client_for


def _password_step(people: People) -> Client:
    client = client_for(people.network)
    response = client.post(
        "/accounts/login/", {"login": people.coordinator.email, "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    return client


def test_a_recovery_code_logs_in_once_and_never_again(north_people: People) -> None:
    TOTP.activate(north_people.coordinator, generate_totp_secret())
    code = RecoveryCodes.activate(north_people.coordinator).get_unused_codes()[0]

    first = _password_step(north_people)
    assert first.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    assert first.get("/members/").status_code == 200
    first.post("/accounts/logout/")

    second = _password_step(north_people)
    refused = second.post("/accounts/2fa/authenticate/", {"code": code})
    assert refused.status_code == 200
    assert second.get("/members/").status_code == 302


def _visible_text(response: object) -> str:
    import re

    html = response.content.decode()  # type: ignore[attr-defined]
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return html


def test_password_reset_says_the_same_for_known_and_unknown_addresses(
    north_people: People,
) -> None:
    answers = []
    for email in (north_people.owner.email, "nobody-here@example.test"):
        client = client_for(north_people.network)
        response = client.post("/accounts/password/reset/", {"email": email}, follow=True)
        answers.append((response.status_code, _visible_text(response).replace(email, "EMAIL")))
    assert answers[0] == answers[1]


def test_signing_up_with_a_taken_address_looks_like_any_sign_up(north_people: People) -> None:
    answers = []
    for email in (north_people.owner.email, "brand-new-person@example.test"):
        client = client_for(north_people.network)
        data = {
            "email": email,
            "password1": "long-enough-pass-2026",
            "password2": "long-enough-pass-2026",
        }
        response = client.post("/accounts/signup/", data, follow=True)
        answers.append((response.status_code, response.redirect_chain))
    assert answers[0] == answers[1]
    # The owner learns by email that someone tried; the page told the visitor nothing.
    assert any(north_people.owner.email in message.to for message in mail.outbox)
