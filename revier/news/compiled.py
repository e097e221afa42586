"""Queries the ORM writes once and that run again with new values.

Every reader of an article page or a list page makes the same one or two queries with other
values (a slug, ten ids, the time). Building the QuerySet and compiling it to SQL costs the ORM
0.3–0.6 ms of Python per query, more than PostgreSQL needs to run it. `CompiledQuery` lets the ORM
write the SQL once per shape (and database) and then runs that SQL with the new values, through
the ORM's own converters for the results (SQLite returns dates as text).

It finds where each value goes by building the query once with marker values: every marker must
turn up among the compiled query's parameters, or building fails (tests run every query here on
both databases).
"""

import datetime
import itertools
import threading
from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

_MARKER_TIME = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


class CompiledQuery:
    """`build(**values)` returns a values_list QuerySet; `rows(**values)` runs its SQL.

    Values are strings, datetimes or lists of ints (a list is one parameter per element; its
    length is part of the query's shape)."""

    def __init__(self, build: Callable[..., QuerySet], *, wrap: Callable[[str], str] | None = None):
        """`wrap`: turns the query's SQL into the SQL to run (a subquery of an outer SELECT whose
        own parameters `rows(extra=…)` appends); its rows are returned as they come."""
        self._build = build
        self._wrap = wrap
        self._compiled: dict = {}
        self._lock = threading.Lock()

    def _shape(self, values: dict) -> tuple:
        return tuple(sorted((name, len(value) if isinstance(value, list) else None) for name, value in values.items()))

    def _compile(self, alias: str, values: dict):
        counter = itertools.count(1)
        markers, slots = {}, {}
        for name, value in values.items():
            if isinstance(value, list):
                # Negative ids: no real id, and unique.
                markers[name] = [-next(counter) for _ in value]
                for index, marker in enumerate(markers[name]):
                    slots[marker] = (name, index)
            elif isinstance(value, datetime.datetime):
                markers[name] = _MARKER_TIME + datetime.timedelta(seconds=next(counter))
            else:
                markers[name] = f"\x1fmarker-{next(counter)}\x1f"
        connection = connections[alias]
        for name, marker in markers.items():
            if isinstance(marker, datetime.datetime):
                slots[connection.ops.adapt_datetimefield_value(marker)] = (name, None)
            elif isinstance(marker, str):
                slots[marker] = (name, None)
        compiler = self._build(**markers).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        plan, found = [], set()
        for param in params:
            slot = slots.get(param) if isinstance(param, (str, int, datetime.datetime)) else None
            plan.append(slot if slot is not None else ("", param))
            if slot is not None:
                found.add(slot[0])
        if found != set(values):
            raise RuntimeError(f"CompiledQuery: {set(values) - found} not found among the parameters of {sql}")
        if self._wrap is not None:
            return self._wrap(sql), plan, compiler, {}
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        return sql, plan, compiler, compiler.get_converters(fields)

    def rows(self, *, using: str = "default", extra: tuple = (), **values) -> list:
        key = (using, connections[using].vendor, self._shape(values))
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(using, values)
                self._compiled[key] = compiled
        sql, plan, compiler, converters = compiled
        connection = connections[using]
        params = []
        for name, index in plan:
            if name == "":
                params.append(index)  # a constant of the query
            else:
                value = values[name]
                if index is not None:
                    value = value[index]
                elif isinstance(value, datetime.datetime):
                    value = connection.ops.adapt_datetimefield_value(value)
                params.append(value)
        params.extend(extra)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            return list(compiler.apply_converters(rows, converters))
        return rows
