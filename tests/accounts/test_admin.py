"""The Django admin for platform admins: one "Accounts" section (email addresses live with
their user), and a Content Security Policy that lets the admin's own inline styles through on
its pages only, never an inline or evaluated script."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from accounts.models import User
from tests.factories import UserFactory


@pytest.fixture
def platform_admin(db: None) -> User:
    admin = UserFactory.create(
        email="root@platform.test", full_name="Root", is_staff=True, is_superuser=True
    )
    TOTP.activate(admin, generate_totp_secret())
    return admin


@pytest.fixture
def admin_client(public_client: Client, platform_admin: User) -> Client:
    public_client.force_login(platform_admin)
    return public_client


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_the_admin_index_lists_accounts_once(admin_client: Client) -> None:
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    names = [str(app["name"]) for app in response.context["app_list"]]
    assert names.count("Accounts") == 1, names
    assert len(names) == len(set(names)), names


def test_a_users_email_addresses_are_on_their_page(
    admin_client: Client, platform_admin: User
) -> None:
    address = EmailAddress.objects.get(user=platform_admin)
    page = admin_client.get(f"/admin/accounts/user/{platform_admin.pk}/change/")
    assert page.status_code == 200
    assert 'name="emailaddress_set-0-email"' in page.content.decode()
    assert f'value="{address.email}"' in page.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/", "/admin/auth/group/"],
)
def test_admin_pages_allow_inline_styles_and_nothing_more(admin_client: Client, path: str) -> None:
    response = admin_client.get(path)
    assert response.status_code == 200
    directives = _directives(response)
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]


def test_the_portals_own_pages_keep_the_strict_policy(admin_client: Client) -> None:
    for path in ("/", "/platform/", "/accounts/login/"):
        response = admin_client.get(path)
        directives = _directives(response)
        assert directives["style-src"] == ["'self'"], path
        assert directives["script-src"] == ["'self'"], path


@pytest.mark.parametrize("selected", ["", "not-a-number", "9" * 40, "\x00"])
@pytest.mark.parametrize("changelist", ["/admin/networks/network/", "/admin/accounts/user/"])
def test_an_admin_action_on_a_selection_that_names_no_row_is_no_server_error(
    admin_client: Client, changelist: str, selected: str
) -> None:
    # Found by tests/security/test_fuzz_forms.py: Django's admin gave a 500 for `_selected_action=`.
    response = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [selected]}
    )
    # The list again (nothing selected), never a server error.
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1
