"""A platform admin signs in with their authenticator and walks the Django admin in Chromium:
no page breaks the Content Security Policy, and the index shows one "Accounts" section."""

import time
from collections.abc import Iterator

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from accounts.models import User
from networks.models import Network
from networks.services import public_site_ensure
from tests.accounts.test_mfa import current_code
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_db")]

# Registered before any page script runs (Playwright injects it, so the CSP does not apply).
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def platform_admin(live_db: None) -> tuple[User, str]:
    """A platform admin with an authenticator app, and its secret to make codes from."""
    public_site_ensure()  # a live test's flush empties the public schema's hosts
    admin = UserFactory.create(email="root@platform.test", is_staff=True, is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    return admin, secret


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(LISTEN)
    page = context.new_page()
    yield page
    context.close()


def public_url(live_server, path: str) -> str:
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{settings.PORTAL_DOMAIN}:{port}{path}"


def _sign_in(page: Page, live_server, platform_admin: tuple[User, str]) -> None:
    admin, secret = platform_admin
    page.goto(public_url(live_server, "/admin/"))
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_label("Code")).to_be_visible()
    # A code is good for its 30-second step only: never type one that is about to expire.
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.5)
    page.get_by_label("Code").fill(current_code(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(public_url(live_server, "/admin/"))


def test_a_platform_admin_walks_the_admin_without_breaking_the_csp(
    live_server, platform_admin: tuple[User, str], north: Network, desktop: Page
) -> None:
    other = UserFactory.create(email="someone@example.test")
    csp_messages: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            csp_messages.append(f"{desktop.url}: {message.text}")

    desktop.on("console", on_console)
    _sign_in(desktop, live_server, platform_admin)
    pages = [
        "/admin/",
        "/admin/accounts/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{other.pk}/change/",
        "/admin/accounts/user/add/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        "/admin/mfa/authenticator/",
        "/admin/networks/network/",
        f"/admin/networks/network/{north.pk}/change/",
        f"/admin/accounts/user/{other.pk}/delete/",
        "/admin/password_change/",
    ]
    violations: dict[str, list[str]] = {}
    for path in pages:
        response = desktop.goto(public_url(live_server, path))
        assert response is not None and response.status == 200, path
        desktop.wait_for_load_state("load")
        found = desktop.evaluate("window.__cspViolations")
        if found:
            violations[path] = found
    assert not violations
    assert not csp_messages


def test_the_admin_index_shows_one_accounts_section(
    live_server, platform_admin: tuple[User, str], desktop: Page
) -> None:
    _sign_in(desktop, live_server, platform_admin)
    sections = desktop.locator("#content-main .module caption")
    # The URL changes when the navigation commits, before the index is drawn: wait for it.
    expect(sections.first).to_be_visible()
    names = [name.strip().lower() for name in sections.all_inner_texts()]
    assert names.count("accounts") == 1, names
    expect(desktop.locator("#content-main").get_by_role("link", name="Users")).to_be_visible()
