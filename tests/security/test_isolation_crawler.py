"""The isolation crawler: every URL pattern of both URLconfs, requested by every kind of
visitor with another network's (or another store's) ids, codes and tokens.

Network B (`lakeshore`) and a second store of network A (`north`) hold private details planted
by each app's `plant()` (tests/<app>/probes.py). Everyone who is not one of their members
tries every page with their objects' ids: on A's host, on B's host with their own session, and
on the public site. Object pages answer 404 (or 405, or the login page to the anonymous),
network pages turn non-members away, and no answer — HTML, CSV, PDF text, ZIP member, email —
contains a planted detail.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client
from django_tenants.utils import schema_context

from tests.conftest import host_of
from tests.security import crawler
from tests.security.conftest import STATS, World
from tests.security.crawler import MEMBER, OBJECT, PLATFORM, PUBLIC, Probe, Route

DENIED = {403, 404, 405}


def _is_login_redirect(response: Any) -> bool:
    if response.status_code not in (301, 302):
        return False
    return "login" in urlsplit(response["Location"]).path


def _check(
    response: Any,
    *,
    where: str,
    denied: bool,
    markers: set[str],
    problems: list[str],
) -> None:
    status = response.status_code
    if status >= 500:
        problems.append(f"{where}: {status}")
        return
    if denied and status not in DENIED and not _is_login_redirect(response):
        problems.append(f"{where}: {status}, expected 404 (or 405, or the login page)")
    text = crawler.body_text(response)
    leaked = sorted(marker for marker in markers if marker in text)
    if leaked:
        problems.append(f"{where}: shows {', '.join(leaked)}")


def _crawl(world: World, routes: list[tuple[Route, Probe]]) -> tuple[list[str], int]:
    """Every route, as every viewer, in every place the foreign objects can be named."""
    problems: list[str] = []
    a, b = world.a, world.b
    visitors = crawler.Visitors()
    for route, probe in routes:
        kwargs = probe.kwargs(b)
        url = route.url(kwargs)
        places = [("A's host", host_of(a.network), False), ("B's host", host_of(b.network), True)]
        if route.urlconf == "public":
            places = [("the public site", host_of(None), False)]
        elif probe.kind == PUBLIC and not kwargs:
            # Names nothing of B's: only B's own host could show B's details.
            places = places[1:]
        for role, user in world.viewers.items():
            for place, host, on_own_host in places:
                for method in probe.methods:
                    if route.urlconf == "tenant":
                        denied = probe.kind == OBJECT or (
                            on_own_host and probe.kind in (OBJECT, MEMBER)
                        )
                    else:
                        denied = probe.kind == PLATFORM and role != "platform_admin"
                    admin_at_work = probe.kind == PLATFORM and role == "platform_admin"
                    secret_holder = probe.secret and on_own_host
                    markers = set() if admin_at_work or secret_holder else b.markers
                    with schema_context("public"):
                        response = visitors.ask(user, host, method, url)
                    _check(
                        response,
                        where=f"{method} {url} on {place} as {role} [{route.key}]",
                        denied=denied,
                        markers=markers,
                        problems=problems,
                    )
    return problems, visitors.requests


def _routes_with_probes() -> list[tuple[Route, Probe]]:
    table = crawler.probes()
    return [(route, table[route.key]) for route in crawler.routes() if route.key in table]


def test_every_url_pattern_has_a_probe() -> None:
    table = crawler.probes()
    keys = {route.key for route in crawler.routes()}
    missing = sorted(keys - set(table))
    assert not missing, (
        "These URL patterns have no probe: add them to tests/<app>/probes.py\n" + "\n".join(missing)
    )
    stale = sorted(set(table) - keys)
    assert not stale, "These probes name no URL pattern any more:\n" + "\n".join(stale)


def test_no_one_outside_a_network_sees_or_changes_its_objects(world: World) -> None:
    routes = _routes_with_probes()
    STATS["patterns"] = len(routes)
    STATS["roles"] = len(world.viewers)
    problems, requests = _crawl(world, routes)
    STATS["requests"] += requests
    assert not problems, f"{len(problems)} answers gave something away:\n" + "\n".join(problems)
    for message in mail.outbox:
        text = message.body + "".join(str(alt[0]) for alt in getattr(message, "alternatives", []))
        leaked = sorted(marker for marker in world.b.markers if marker in text)
        assert not leaked, f"an email to {message.to} shows {leaked}"


def test_store_people_cannot_reach_another_stores_objects(world: World) -> None:
    problems: list[str] = []
    a, other = world.a, world.a_other_store
    visitors = crawler.Visitors()
    object_routes = [
        (route, probe)
        for route, probe in _routes_with_probes()
        if route.urlconf == "tenant" and probe.kind == OBJECT
    ]
    for route, probe in object_routes:
        url = route.url(probe.kwargs(other))
        for role, user in (("owner", a.owner), ("staff", a.staff)):
            for method in probe.methods:
                with schema_context("public"):
                    response = visitors.ask(user, host_of(a.network), method, url)
                _check(
                    response,
                    where=f"{method} {url} as the {role} of another store [{route.key}]",
                    denied=True,
                    markers=other.markers,
                    problems=problems,
                )
    STATS["requests"] += visitors.requests
    assert not problems, "\n".join(problems)


def test_planted_markers_are_visible_to_their_own_people(world: World) -> None:
    """The crawl proves nothing unless the markers do show where they belong."""
    b = world.b
    client = Client(HTTP_HOST=host_of(b.network))
    client.force_login(b.owner)
    with schema_context("public"):
        page = client.get(f"/stores/{b.store.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert f"Teammate {b.tag}" in text or f"teammate-{b.tag.lower()}@example.test" in text
    assert any(marker in text for marker in b.markers if "Secret Lane" in marker)
