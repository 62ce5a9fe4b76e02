"""Every page that takes a POST refuses one without the CSRF token, for every visitor; and
every form the pages show carries the token (checked in tests/browser/test_csp_every_page.py
on every page each role reaches)."""

from __future__ import annotations

from tests.conftest import host_of
from tests.security import crawler
from tests.security.conftest import World

# Pages that may take a POST from elsewhere, each with the reason it is safe. None yet.
CSRF_EXEMPT: dict[str, str] = {}


def test_no_page_accepts_a_post_without_the_csrf_token(world: World) -> None:
    table = crawler.probes()
    accepted = []
    visitors = crawler.Visitors(enforce_csrf_checks=True)
    for route in crawler.routes():
        if route.key in CSRF_EXEMPT:
            continue
        url = route.url(table[route.key].kwargs(world.a_own))
        host = host_of(world.a.network) if route.urlconf == "tenant" else host_of(None)
        for role in ("anonymous", "owner", "coordinator", "platform_admin"):
            response = visitors.ask(world.viewers[role], host, "POST", url, {"anything": "1"})
            if response.status_code != 403:
                accepted.append(f"POST {url} as {role}: {response.status_code}")
    assert visitors.requests > 300
    assert not accepted, "These took a POST without a CSRF token:\n" + "\n".join(accepted)
