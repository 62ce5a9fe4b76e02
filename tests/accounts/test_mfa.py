"""Coordinators, police and platform admins need an authenticator app before their pages."""

import importlib

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import DeactivateTOTPForm
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail

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


# --- Closing "enrol on first use" -------------------------------------------------------------


def test_an_unenrolled_coordinator_setting_up_an_authenticator_is_told_by_email(
    live_db: None, north_people: People
) -> None:
    # Accounts that held the role before the rule keep the set-up page; if someone else
    # knew the password, the real owner learns at once that an app was added.
    client = client_for(north_people.network)
    client.post("/accounts/login/", {"login": north_people.coordinator.email, "password": PASSWORD})
    # allauth asks for the password again before an authenticator is added.
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    mail.outbox.clear()
    # Committed as in production, so allauth's on-commit notice goes out during the request.
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    to_them = [message for message in mail.outbox if message.to == [north_people.coordinator.email]]
    [notice] = to_them
    assert "Authenticator app set up" in notice.subject


def test_a_coordinator_cannot_remove_their_authenticator(north_people: People) -> None:
    TOTP.activate(north_people.coordinator, generate_totp_secret())
    authenticator = Authenticator.objects.get(user_id=north_people.coordinator.pk)
    form = DeactivateTOTPForm(data={}, authenticator=authenticator)
    assert not form.is_valid()
    assert "cannot be removed" in str(form.errors)


def test_store_people_may_remove_an_authenticator_they_chose_to_add(north_people: People) -> None:
    TOTP.activate(north_people.owner, generate_totp_secret())
    authenticator = Authenticator.objects.get(user_id=north_people.owner.pk)
    assert DeactivateTOTPForm(data={}, authenticator=authenticator).is_valid()


def form_data(form) -> dict[str, object]:
    data: dict[str, object] = {}
    for field in form:
        value = field.value()
        if field.name in ("last_login", "date_joined"):
            parts = field.field.widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{field.html_name}_{index}"] = str(part or "")
        elif isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif value is not None and field.name != "password":
            data[field.html_name] = value
    return data


def admin_change_data(client, user) -> tuple[str, dict[str, object]]:
    """What the Django admin's change page for `user` posts when nothing is touched."""
    url = f"/admin/accounts/user/{user.pk}/change/"
    context = client.get(url).context
    data = form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        data.update(form_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(form_data(form))
    return url, data


def test_an_account_without_an_authenticator_is_not_made_platform_admin(
    public_client, outsider
) -> None:
    admin = UserFactory.create(email="root5@platform.test", is_staff=True, is_superuser=True)
    TOTP.activate(admin, generate_totp_secret())
    public_client.force_login(admin)
    url, data = admin_change_data(public_client, outsider)
    response = public_client.post(url, {**data, "is_staff": "on"})
    assert response.status_code == 200
    assert "no authenticator app yet" in response.content.decode()
    outsider.refresh_from_db()
    assert not outsider.is_staff
    TOTP.activate(outsider, generate_totp_secret())
    assert public_client.post(url, {**data, "is_staff": "on"}).status_code == 302
    outsider.refresh_from_db()
    assert outsider.is_staff
