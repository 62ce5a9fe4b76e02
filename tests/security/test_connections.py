"""Persistent database connections under the production application server: every request
sets its own network's search path, so a connection kept from a request of one network never
shows another network's rows.

gunicorn runs with one worker and one thread, so every request below shares one thread and
one PostgreSQL connection (CONN_MAX_AGE as configured), alternating between two networks.
"""

from __future__ import annotations

import http.client
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import People, host_of
from tests.servers import connections_to_this_database, free_port, running, server_env


@pytest.fixture
def gunicorn(live_db: None, tmp_path: Path) -> Iterator[int]:
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0, "the point is a kept connection"
    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "1"]
    env = server_env("config.settings.test")
    with running(command, port=port, env=env, log=tmp_path / "gunicorn.log"):
        yield port


def _session(user: object) -> str:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _dashboard(port: int, host: str, session: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    connection.request("GET", "/dashboard/", headers={"Host": host, "Cookie": cookie})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    assert response.status == 200, body[:500]
    return body


def test_one_kept_connection_serves_two_networks_each_its_own_rows(
    north_people: People, lakeshore_people: People, gunicorn: int
) -> None:
    visits = [
        (host_of(north_people.network), _session(north_people.owner), north_people),
        (host_of(lakeshore_people.network), _session(lakeshore_people.owner), lakeshore_people),
    ]
    for round_ in range(10):
        for host, session, people in visits if round_ % 2 else reversed(visits):
            body = _dashboard(gunicorn, host, session)
            others = lakeshore_people if people is north_people else north_people
            assert people.store.display_name in body
            assert others.store.display_name not in body
            assert others.network.name not in body
    # All of it went through the one connection the worker kept.
    assert connections_to_this_database() == 1
