"""A provider's stand-in (tests/alerts/sms_server.py) in a process of its own.

In the alerts benchmark the local SMTP server and the local Messages API play Twilio and an
email relay: services on other machines, each with its own CPUs. Run as threads of the
benchmark's process they would share one interpreter lock with each other and with the loop
that watches them, and at 10,000 messages that lock, not the workers, would set the pace. Each
runs here in a process started with `spawn` (nothing inherited: no database connection, no
threads) and answers the benchmark's questions over a pipe.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


def _serve(factory: Callable[[], Any], conn: Connection) -> None:
    sink = factory()
    sink.start()
    conn.send((sink.url, sink.port))
    while True:
        request = conn.recv()
        if request[0] == "stop":
            break
        try:
            kind, name = request
            value = getattr(sink, name)
            if kind == "len":
                answer: Any = len(value)
            elif kind == "call":
                answer = value()
            else:
                answer = value
            conn.send((True, answer))
        except Exception as error:  # sent back and raised in the benchmark
            conn.send((False, error))
    sink.stop()
    conn.send((True, None))
    conn.close()
    os._exit(0)


class SinkProcess:
    """`SinkProcess(SmtpSink)` or `SinkProcess(SmsApi)`: the sink's url and port, and what it
    received (`get`, `count`, `call`), as a context manager."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(factory, child), daemon=True)
        self.url = ""
        self.port = 0

    def __enter__(self) -> SinkProcess:
        self._process.start()
        if not self._conn.poll(60):
            raise RuntimeError("the sink process did not start")
        self.url, self.port = self._conn.recv()
        return self

    def __exit__(self, *exc: object) -> None:
        self._conn.send(("stop",))
        if self._conn.poll(10):
            self._conn.recv()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()

    def _ask(self, kind: str, name: str) -> Any:
        self._conn.send((kind, name))
        ok, answer = self._conn.recv()
        if not ok:
            raise answer
        return answer

    def get(self, name: str) -> Any:
        return self._ask("get", name)

    def count(self, name: str) -> int:
        return int(self._ask("len", name))

    def call(self, name: str) -> Any:
        return self._ask("call", name)
