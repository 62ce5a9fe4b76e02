"""A COMMIT sent at once and answered later, so that a worker's lanes need not wait for the
disk while the database flushes its log.

When the lanes' parked messages are recorded (alerts.engine.record_parked), their final bytes
and the COMMIT must be adjacent; the COMMIT's answer need not be awaited there. The COMMIT
goes out on Django's connection as it does today, and the lanes go back to the providers
(reading the replies, writing the next commands), which need no database. The answer is read
before anything else uses the connection: an execute wrapper settles it before the next query,
and the batch settles it before it returns. A worker killed meanwhile changes nothing: the
server has the COMMIT, as it would have while the worker waited for its answer. A COMMIT that
failed is raised by whatever settles it, as the COMMIT itself would have been.
"""

from __future__ import annotations

import select
from collections.abc import Callable
from typing import Any

from django.db import OperationalError, connection
from psycopg import pq

_PENDING = "_alerts_commit_pending"


def send_commit() -> None:
    """Send COMMIT on the current connection (in a transaction it opened itself) without
    waiting for its answer."""
    pgconn = connection.connection.pgconn
    pgconn.send_query(b"COMMIT")
    while pgconn.flush():  # 1: not all sent yet (the connection is non-blocking)
        select.select([], [pgconn.socket], [])
    setattr(connection, _PENDING, True)
    connection.execute_wrappers.append(_settle_first)


def pending() -> bool:
    return bool(getattr(connection, _PENDING, False))


def settle() -> None:
    """Read the answer of a COMMIT sent by send_commit, if one is pending."""
    if not pending():
        return
    setattr(connection, _PENDING, False)
    if _settle_first in connection.execute_wrappers:
        connection.execute_wrappers.remove(_settle_first)
    if connection.connection is None:
        return  # closed meanwhile: the server has had the COMMIT all the same
    pgconn = connection.connection.pgconn
    while True:
        pgconn.consume_input()
        if not pgconn.is_busy():
            break
        select.select([pgconn.socket], [], [])
    failure = ""
    while (result := pgconn.get_result()) is not None:
        if result.status != pq.ExecStatus.COMMAND_OK:
            failure = (result.error_message or b"").decode("utf-8", "replace")
    if failure:
        raise OperationalError(f"COMMIT failed: {failure}")


def _settle_first(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    settle()
    return execute(sql, params, many, context)
