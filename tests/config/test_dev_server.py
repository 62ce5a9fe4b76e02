"""`make run`'s web server, started the way the Procfile starts it, holds under load.

The server runs in a subprocess on the local settings, against the test database with
committed data (`live_db`), on a free port given as PORTAL_PORT.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from networks.models import Network
from networks.services import public_site_ensure

ROOT = Path(__file__).resolve().parents[2]
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _procfile_web_command() -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if name.strip() == "web":
            return command.strip()
    raise AssertionError("the Procfile has no web process")


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"], safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{quote(db['NAME'], safe='')}"


def _wait_until_listening(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the web server exited:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the web server did not listen within 60s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def dev_server(live_db: None, north: Network, tmp_path: Path) -> Iterator[DevServer]:
    public_site_ensure()
    port = _free_port()
    log = tmp_path / "web.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "PORTAL_PORT": str(port),
        # honcho runs the Procfile with the virtualenv first on PATH, as `make run` sets it.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    with open(log, "wb") as output:
        process = subprocess.Popen(
            # Without the autoreloader: files edited meanwhile must not restart the server.
            ["/bin/sh", "-c", _procfile_web_command() + " --noreload"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_listening(process, port, log)
        yield DevServer(port=port, log=log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _connections_to_this_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


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
    assert _connections_to_this_database() <= CLIENTS


def test_the_development_servers_bare_address_redirects_to_the_public_site(
    dev_server: DevServer,
) -> None:
    for loopback in ("127.0.0.1", "[::1]"):
        response = dev_server.get(loopback, "/verify/")

        assert response.status == 302
        assert response.headers["Location"] == f"http://localhost:{dev_server.port}/verify/"
