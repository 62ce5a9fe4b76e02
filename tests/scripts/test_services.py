"""Each checkout picks its own ports once, remembers them, and fails in one line."""

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.scripts import load_script

services = load_script("services")


@pytest.fixture
def held_port() -> Iterator[int]:
    """A port another program (another checkout's server) listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.fixture
def own_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL and Redis given by the environment, so `up` only chooses the web port."""
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.example:5432/portal")
    monkeypatch.setenv("REDIS_URL", "redis://cache.example:6379/0")
    for name in ("PORTAL_PORT", "EMBEDDED_PG_PORT", "EMBEDDED_REDIS_PORT"):
        monkeypatch.delenv(name, raising=False)


def _up(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    assert services.main(["up", "--data-dir", str(data_dir)]) == 0
    exports = capsys.readouterr().out.splitlines()
    return dict(line.removeprefix("export ").split("=", 1) for line in exports)


def test_a_second_checkout_serves_on_the_next_free_port_and_keeps_it(
    own_servers: None,
    held_port: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(services, "WEB_DEFAULT_PORT", held_port)

    first = _up(tmp_path, capsys)
    assert int(first["PORTAL_PORT"]) > held_port
    assert f"PORTAL_PORT={first['PORTAL_PORT']}" in (tmp_path / "ports.env").read_text()
    assert f"PORTAL_PORT={first['PORTAL_PORT']}" in (tmp_path / "services.env").read_text()

    monkeypatch.setattr(services, "WEB_DEFAULT_PORT", held_port - 1)
    assert _up(tmp_path, capsys)["PORTAL_PORT"] == first["PORTAL_PORT"]


def test_portal_port_from_the_environment_wins_and_is_not_remembered(
    own_servers: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    remembered = _up(tmp_path, capsys)["PORTAL_PORT"]
    monkeypatch.setenv("PORTAL_PORT", "8765")

    assert _up(tmp_path, capsys)["PORTAL_PORT"] == "8765"
    assert "PORTAL_PORT=8765" in (tmp_path / "services.env").read_text()
    assert f"PORTAL_PORT={remembered}" in (tmp_path / "ports.env").read_text()


def test_an_embedded_server_moves_past_a_port_another_checkout_holds(
    held_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EMBEDDED_PG_PORT", raising=False)

    port = services._port_to_start_on(
        service="PostgreSQL",
        setting="EMBEDDED_PG_PORT",
        url_key="DATABASE_URL",
        remembered=None,
        default=held_port,
    )

    assert port > held_port


def test_a_taken_port_asked_for_explicitly_stops_up_with_one_line(
    held_port: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("EMBEDDED_PG_PORT", str(held_port))

    assert services.main(["up", "--data-dir", str(tmp_path)]) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"services: error: cannot start PostgreSQL: 127.0.0.1:{held_port} is already in use "
        "by another program; set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an "
        "existing server"
    ]
