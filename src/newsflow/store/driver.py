"""Hot statements run on the DBAPI cursor, compiled by SQLAlchemy once.

SQLAlchemy's execution path (execution context, events, result objects) costs about
150 µs of CPU per statement on this machine, more than SQLite's own work for an
insert, and a publish runs one statement on PostgreSQL and four on SQLite
(``bench/bench_publish.py``). A ``DriverStatement`` keeps SQLAlchemy's SQL and its
type processing (``UTCDateTime``, ``Boolean``) and hands the values to the driver
directly. Errors come back as SQLAlchemy's ``DBAPIError`` subclasses, and a
connection lost mid-statement is invalidated, as SQLAlchemy itself would do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.compiler import SQLCompiler


class DriverStatement:
    def __init__(self, statement: sa.Executable, dialect: Dialect) -> None:
        compiled = cast(sa.ClauseElement, statement).compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        self.sql = str(compiled)
        self.defaults = dict(compiled.params)  # literal values bound by SQLAlchemy
        self.positions = tuple(compiled.positiontup or ()) if compiled.positional else None
        self.processors = tuple(
            (name, proc)
            for bind, name in compiled.bind_names.items()
            # the dialect's own form of the type, as SQLAlchemy binds it (SQLite's DATETIME
            # is a string with microseconds, not the driver's default adaptation)
            if (proc := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        )

    def first(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        """Run on ``conn``'s driver connection (inside its transaction, if any); the
        first row, or None for a statement that returns none."""
        return _on_driver(conn, self.sql, self._args(params), lambda cursor: cursor.fetchone() if cursor.description else None)

    def all(self, conn: Connection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """As ``first``: every row, as the driver gives it (no result type processing)."""
        fetched: list[tuple[Any, ...]] = _on_driver(conn, self.sql, self._args(params), lambda cursor: cursor.fetchall())
        return fetched

    def many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run once per parameter set, in one ``executemany`` (inserts of a batch)."""
        _on_driver(conn, self.sql, [self._args(params) for params in rows], lambda cursor: None, many=True)

    def _args(self, params: Mapping[str, Any]) -> Any:
        values = {**self.defaults, **params}
        for name, process in self.processors:
            if name in values:
                values[name] = process(values[name])
        return tuple(values[n] for n in self.positions) if self.positions is not None else values


def rows(conn: Connection, sql: str, args: Any) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` (the driver's own SQL and parameters) as plain tuples, on
    ``conn``'s driver connection: for reads of thousands of rows, where building
    SQLAlchemy rows costs more than the query (the search engine's window and facets)."""
    fetched: list[tuple[Any, ...]] = _on_driver(conn, sql, args, lambda cursor: cursor.fetchall())
    return fetched


def execute(conn: Connection, sql: str) -> None:
    """Run a statement without parameters or rows (``BEGIN``) on the driver's cursor."""
    _on_driver(conn, sql, (), lambda cursor: None)


def _on_driver(conn: Connection, sql: str, args: Any, fetch: Any, *, many: bool = False) -> Any:
    driver = conn.connection.driver_connection
    assert driver is not None
    cursor = driver.cursor()
    dbapi = conn.dialect.loaded_dbapi
    try:
        if many:
            cursor.executemany(sql, args)
        else:
            cursor.execute(sql, args)
        return fetch(cursor)
    except dbapi.Error as exc:
        lost = conn.dialect.is_disconnect(exc, driver, cursor)
        if lost:
            conn.invalidate(exc)
        raise sa.exc.DBAPIError.instance(
            sql, args, exc, dbapi.Error, connection_invalidated=lost, dialect=conn.dialect
        ) from exc
    finally:
        cursor.close()


_compiled: dict[tuple[int, str], DriverStatement] = {}


def _statement(conn: Connection, statement: sa.Executable) -> DriverStatement:
    key = (id(statement), conn.dialect.name)
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = DriverStatement(statement, conn.dialect)
    return compiled


def run(conn: Connection, statement: sa.Executable, params: Mapping[str, Any]) -> Any:
    """Execute a statement built once at import (it is cached by identity); its first row."""
    return _statement(conn, statement).first(conn, params)


def run_many(conn: Connection, statement: sa.Executable, rows: Sequence[Mapping[str, Any]]) -> None:
    """Execute a statement built once at import for each parameter set in ``rows``."""
    if rows:
        _statement(conn, statement).many(conn, rows)


def run_all(conn: Connection, statement: sa.Executable, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """As ``run``: every row, as plain tuples."""
    return _statement(conn, statement).all(conn, params)
