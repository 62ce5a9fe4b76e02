"""Every page each role can reach, walked in Chromium: none breaks the Content Security Policy,
and every form that posts carries its CSRF token.

Each person starts where they land and follows every link of their own site, the way someone
clicking around would; the browser reports any script, style or image the policy blocked.
"""

from __future__ import annotations

from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, ConsoleMessage

from accounts.models import User
from tests.conftest import People
from tests.factories import UserFactory
from tests.pledges.conftest import pledge_for

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_db")]

PAGES_PER_ROLE = 40
SKIPPED_PATHS = ("/static/", "/media/", "/admin/", "/i18n/", "/accounts/logout/")
DOWNLOADS = (".pdf", ".png", ".svg", ".zip", ".csv", ".json", ".ics", ".txt", ".ico")
# Runs before any page script: the browser's own report of each blocked resource.
RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""


def _session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _walk(browser: Browser, *, starts: list[str], user: User | None) -> tuple[int, list[str]]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    if user is not None:
        value = _session_cookie(user)
        context.add_cookies(
            [
                {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": start}
                for start in {f"{urlsplit(s).scheme}://{urlsplit(s).netloc}/" for s in starts}
            ]
        )
    context.add_init_script(RECORDER)
    page = context.new_page()
    console: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            console.append(message.text)

    page.on("console", listen)
    hosts = {urlsplit(start).netloc for start in starts}
    queue: deque[str] = deque(starts)
    seen: set[str] = set(starts)
    problems: list[str] = []
    visited = 0
    while queue and visited < PAGES_PER_ROLE:
        url = queue.popleft()
        response = page.goto(url)
        visited += 1
        status = response.status if response is not None else 0
        if status >= 500:
            problems.append(f"{url}: {status}")
        found: Any = page.evaluate("window.__cspViolations || []")
        problems.extend(f"{url}: {violation}" for violation in found)
        problems.extend(f"{url}: {text}" for text in console)
        tokenless: list[str] = page.eval_on_selector_all(
            "form",
            "forms => forms.filter(f => f.method === 'post'"
            " && !f.querySelector('input[name=csrfmiddlewaretoken]')).map(f => f.action)",
        )
        problems.extend(
            f"{url}: a form posting to {action} has no CSRF token" for action in tokenless
        )
        console.clear()
        links: list[str] = page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map(link => link.href)"
        )
        for link in links:
            parts = urlsplit(link)
            target = f"{parts.scheme}://{parts.netloc}{parts.path}"
            if parts.netloc not in hosts or target in seen:
                continue
            if parts.path.startswith(SKIPPED_PATHS) or parts.path.endswith(DOWNLOADS):
                continue
            seen.add(target)
            queue.append(target)
    context.close()
    return visited, problems


def test_no_page_of_any_role_breaks_the_content_security_policy(
    live_server: Any, browser: Browser, north_people: People, settings: Any
) -> None:
    admin = UserFactory.create(email="csp-admin@example.test", is_staff=True)
    people = north_people
    settings.PORTAL_MFA_EXEMPT_EMAILS = [admin.email, people.coordinator.email, people.police.email]
    pledge_for(people)
    port = live_server.url.rsplit(":", 1)[1]
    network = f"http://{people.network.slug}.localhost:{port}"
    public = f"http://localhost:{port}"
    walks: dict[str, tuple[list[str], User | None]] = {
        "anonymous": ([f"{public}/", f"{network}/"], None),
        "owner": ([f"{network}/dashboard/"], people.owner),
        "staff": ([f"{network}/dashboard/"], people.staff),
        "coordinator": ([f"{network}/dashboard/"], people.coordinator),
        "police": ([f"{network}/dashboard/"], people.police),
        "platform admin": ([f"{public}/platform/"], admin),
    }
    report: list[str] = []
    problems: list[str] = []
    for role, (starts, user) in walks.items():
        visited, found = _walk(browser, starts=starts, user=user)
        report.append(f"{role}: {visited} pages")
        problems.extend(f"{role}: {problem}" for problem in found)
        assert visited >= 3, f"{role} reached only {visited} pages: the walk proves nothing"
    assert not problems, "; ".join(report) + "\n" + "\n".join(problems)


def test_the_walk_would_see_an_inline_script_the_policy_blocks(
    live_server: Any, browser: Browser, north: Any
) -> None:
    port = live_server.url.rsplit(":", 1)[1]
    context = browser.new_context()
    context.add_init_script(RECORDER)
    page = context.new_page()
    page.goto(f"http://{north.slug}.localhost:{port}/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1'; "
        "document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert "script-src" in page.evaluate("window.__cspViolations[0]")
    context.close()
