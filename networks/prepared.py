"""Small reads that run on every page, with their SQL written by the ORM once per process.

Building a query's SQL (Django's compiler) costs several times more than running a small one
(about 0.4 ms against 0.07 ms): for the few that every page of a kind runs, the ORM writes the
SQL from a queryset once, with a stand-in for the one value that changes, and each request
only runs it. The SQL names no schema: the connection's search path picks the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import QuerySet

# Stands in for the value while the SQL is written; no real id is negative.
_STAND_IN = -20_260_001


class Prepared:
    def __init__(self, build: Callable[[int], QuerySet[Any]]) -> None:
        """`build(value)` is the queryset, filtered on `value` (a values_list: the rows come
        back as the database gives them, without the ORM's conversions)."""
        self._build = build
        self._sql: tuple[str, tuple[Any, ...]] | None = None

    def rows(self, value: int) -> list[tuple[Any, ...]]:
        if self._sql is None:
            self._sql = self._build(_STAND_IN).query.sql_with_params()
        sql, params = self._sql
        with connection.cursor() as cursor:
            cursor.execute(sql, [value if param == _STAND_IN else param for param in params])
            return cursor.fetchall()
