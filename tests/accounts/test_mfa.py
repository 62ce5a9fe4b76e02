"""Coordinators, police and platform admins need an authenticator app before their pages."""

import importlib

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tests.conftest import PASSWORD, People, client_for
from tests.factories import UserFactory


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.parametrize("who", ["coordinator", "police"])
def test_role_without_authenticator_is_sent_to_set_one_up(north_people: People, who: str) -> None:
    response = client_for(north_people.network, getattr(north_people, who)).get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("who", ["owner", "staff"])
def test_store_people_are_not_forced_into_mfa(north_people: People, who: str) -> None:
    assert (
        client_for(north_people.network, getattr(north_people, who)).get("/dashboard/").status_code
        == 200
    )


def test_coordinator_with_authenticator_reaches_member_list(north_people: People) -> None:
    TOTP.activate(north_people.coordinator, generate_totp_secret())
    assert (
        client_for(north_people.network, north_people.coordinator).get("/members/").status_code
        == 200
    )


def test_platform_admin_needs_an_authenticator(public_client) -> None:
    admin = UserFactory.create(email="root@platform.test", is_staff=True)
    public_client.force_login(admin)
    assert public_client.get("/platform/").status_code == 302
    TOTP.activate(admin, generate_totp_secret())
    assert public_client.get("/platform/").status_code == 200


def test_login_with_authenticator_asks_for_the_code(north_people: People) -> None:
    secret = generate_totp_secret()
    TOTP.activate(north_people.coordinator, secret)
    client = client_for(north_people.network)
    response = client.post(
        "/accounts/login/", {"login": north_people.coordinator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # Not logged in yet: the private page still asks for a login.
    assert client.get("/members/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get("/members/").status_code == 200


def test_demo_exemption_applies_only_to_listed_emails(north_people: People, settings) -> None:
    settings.PORTAL_MFA_EXEMPT_EMAILS = [north_people.coordinator.email]
    assert (
        client_for(north_people.network, north_people.coordinator).get("/members/").status_code
        == 200
    )
    assert (
        client_for(north_people.network, north_people.police).get("/dashboard/").status_code == 302
    )


def test_only_local_settings_exempt_the_demo_logins(monkeypatch) -> None:
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("EMAIL_URL", "smtp://mail.example.org:25")
    local, production, test = (
        importlib.import_module(f"config.settings.{name}")
        for name in ("local", "production", "test")
    )

    assert "coordinator@socal.example" in local.PORTAL_MFA_EXEMPT_EMAILS
    assert production.PORTAL_MFA_EXEMPT_EMAILS == []
    assert test.PORTAL_MFA_EXEMPT_EMAILS == []


def test_django_admin_needs_an_authenticator_too(public_client) -> None:
    admin = UserFactory.create(email="root2@platform.test", is_staff=True, is_superuser=True)
    public_client.force_login(admin)
    response = public_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    TOTP.activate(admin, generate_totp_secret())
    assert public_client.get("/admin/").status_code == 200
    assert public_client.get("/admin/networks/network/").status_code == 200


def test_django_admin_is_closed_to_members(public_client, north_people: People) -> None:
    public_client.force_login(north_people.coordinator)
    response = public_client.get("/admin/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
