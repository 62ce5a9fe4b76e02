"""Small reads that run on every page, with their SQL written by the ORM once per process.

Building a query's SQL (Django's compiler) costs several times more than running a small one
(about 0.4 ms against 0.07 ms): for the few that every page of a kind runs, the ORM writes the
SQL from a queryset once, with a stand-in for the one value that changes, and each request
only runs it. The SQL names no schema: the connection's search path picks the network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators

M = TypeVar("M", bound=Model)

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


class PreparedObjects(Generic[M]):
    """The same for a queryset of model instances (select_related and annotations included):
    the SQL, the columns' converters and how a row becomes objects are worked out once, as the
    ORM's own iterator (ModelIterable) does for every query; each call runs the SQL and builds
    the instances from the rows as it would."""

    def __init__(self, build: Callable[[int], QuerySet[M]]) -> None:
        self._build = build
        self._plan: _Plan | None = None

    def objects(self, value: int) -> list[M]:
        plan = self._plan or self._prepare()
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, [value if p == _STAND_IN else p for p in plan.params])
            rows = cursor.fetchall()
        instances: list[Any] = []
        for fetched in rows:
            row = list(fetched)
            for position, (converters, expression) in plan.converters:
                for converter in converters:
                    row[position] = converter(row[position], expression, connection)
            instance = plan.model.from_db(plan.db, plan.init_list, row[plan.start : plan.end])
            for populator in plan.populators:
                populator.populate(row, instance)
            for name, position in plan.annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances

    def _prepare(self) -> _Plan:
        queryset = self._build(_STAND_IN)
        if queryset._iterable_class is not ModelIterable:
            raise ValueError("PreparedObjects builds model instances: not values() rows")
        if getattr(queryset, "_known_related_objects", None) or getattr(
            queryset, "_prefetch_related_lookups", None
        ):
            raise ValueError("PreparedObjects runs one query: no prefetching, no related manager")
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        select, klass_info = compiler.select, compiler.klass_info
        if klass_info is None:
            raise ValueError("PreparedObjects builds model instances from their columns")
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        self._plan = _Plan(
            sql=sql,
            params=tuple(params),
            model=klass_info["model"],
            db=queryset.db,
            start=start,
            end=end,
            init_list=[column[0].target.attname for column in select[start:end]],
            # The stubs follow Django 6, which adds an argument.
            populators=get_related_populators(klass_info, select, queryset.db),  # type: ignore[call-arg]
            converters=list(compiler.get_converters([column[0] for column in select]).items()),
            annotations=list(compiler.annotation_col_map.items()),
        )
        return self._plan


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple[Any, ...]
    model: type[Model]
    db: str
    start: int  # the model's own columns in a row, from start to end
    end: int
    init_list: list[str]
    populators: list[Any]  # the ORM's, one per select_related model
    converters: list[tuple[int, tuple[list[Any], Any]]]
    annotations: list[tuple[str, int]]
