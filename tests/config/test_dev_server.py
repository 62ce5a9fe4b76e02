"""`make run`'s web server, started the way the Procfile starts it, holds under load.

The server runs in a subprocess on the local settings, against the test database with
committed data (`live_db`), on a free port given as PORTAL_PORT.
"""

from __future__ import annotations

import http.client
import os
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from networks.models import Network
from networks.services import public_site_ensure
from tests.servers import ROOT, connections_to_this_database, free_port, running, server_env

CLIENTS = 4
REQUESTS = 2000
# Public pages, a network's public pages, and pages that send a visitor to log in.
PAGES = [
    ("localhost", "/"),
    ("localhost", "/networks/"),
    ("localhost", "/accounts/login/"),
    ("localhost", "/healthz"),
    ("north.localhost", "/"),
    ("north.localhost", "/accounts/login/"),
    ("north.localhost", "/stores/"),
    ("north.localhost", "/pledge/"),
    ("north.localhost", "/healthz"),
]


@dataclass
class DevServer:
    port: int
    log: Path

    def get(self, host: str, path: str) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", path, headers={"Host": f"{host}:{self.port}"})
        response = conn.getresponse()
        response.read()
        conn.close()
        return response


def _procfile_web_command() -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if name.strip() == "web":
            return command.strip()
    raise AssertionError("the Procfile has no web process")


@pytest.fixture
def dev_server(live_db: None, north: Network, tmp_path: Path) -> Iterator[DevServer]:
    public_site_ensure()
    port = free_port()
    log = tmp_path / "web.log"
    # honcho runs the Procfile with the virtualenv first on PATH, as `make run` sets it.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    env = server_env("config.settings.local", PORTAL_PORT=str(port), PATH=path)
    # Without the autoreloader: files edited meanwhile must not restart the server.
    command = ["/bin/sh", "-c", _procfile_web_command() + " --noreload"]
    with running(command, port=port, env=env, log=log):
        yield DevServer(port=port, log=log)


def test_the_development_server_answers_2000_requests_from_4_clients_without_an_error(
    dev_server: DevServer,
) -> None:
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    lock = threading.Lock()

    def client(offset: int) -> None:
        for number in range(offset, REQUESTS, CLIENTS):
            host, path = PAGES[number % len(PAGES)]
            try:
                status = dev_server.get(host, path).status
            except OSError as error:
                with lock:
                    failures.append(f"{host}{path}: {error!r}")
                continue
            with lock:
                statuses[status] += 1
                if status >= 500:
                    failures.append(f"{host}{path}: {status}")

    threads = [threading.Thread(target=client, args=(offset,)) for offset in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == [], (
        f"{len(failures)} failed, first: {failures[:5]}\n" + (dev_server.log.read_text()[-3000:])
    )
    assert sum(statuses.values()) == REQUESTS
    assert set(statuses) <= {200, 302}, statuses
    # Every request thread's connection is closed, not kept until PostgreSQL runs out.
    assert connections_to_this_database() <= CLIENTS


def test_the_development_servers_bare_address_redirects_to_the_public_site(
    dev_server: DevServer,
) -> None:
    for loopback in ("127.0.0.1", "[::1]"):
        response = dev_server.get(loopback, "/verify/")

        assert response.status == 302
        assert response.headers["Location"] == f"http://localhost:{dev_server.port}/verify/"
