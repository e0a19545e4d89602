"""Engines and transactions, with after-commit hooks (the outbox pattern in-process).

* SQLite: WAL, one writer at a time (a process lock plus ``BEGIN IMMEDIATE``), so flow
  sequence numbers are allocated in commit order for free.
* PostgreSQL: the flow append takes a transaction-scoped advisory lock at the very end
  of the transaction (``store.flow_log``), which gives the same guarantee while keeping
  the serialized part short.

Side effects (waking streams, webhooks, search indexing) are registered on the
transaction with ``tx.after_commit(fn)`` and run only once the commit succeeded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from newsflow.store.group_commit import GroupCommitter


@dataclass
class Tx:
    """A write transaction: a connection plus the callbacks to run after commit."""

    conn: Connection
    dialect: str
    _after: list[Callable[[], None]] = field(default_factory=list)

    def after_commit(self, fn: Callable[[], None]) -> None:
        self._after.append(fn)


class Database:
    def __init__(self, url: str, *, echo: bool = False, group_commit: bool = True) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            path = url.removeprefix("sqlite:///")
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine = sa.create_engine(
                url,
                echo=echo,
                connect_args={"check_same_thread": False, "timeout": 30},
                # Enough for every worker thread: overflow connections are closed on
                # return, and reopening one (with its PRAGMAs) on every request showed up
                # in profiles under load.
                pool_size=48,
                max_overflow=16,
            )
            _sqlite_pragmas(self.engine)
        else:
            self.engine = sa.create_engine(url, echo=echo, pool_size=10, max_overflow=20, pool_pre_ping=True)
        self.dialect = self.engine.dialect.name
        self._write_lock = threading.Lock() if self.is_sqlite else None
        # SQLite commits are cheap (WAL, synchronous=NORMAL); PostgreSQL's are one fsync
        # each, so concurrent PostgreSQL writers share a transaction (group commit).
        self._group = None if self.is_sqlite or not group_commit else GroupCommitter(self.engine, self.dialect)

    @contextmanager
    def write(self) -> Iterator[Tx]:
        """One write transaction; after-commit callbacks run once it committed."""
        if self._group is not None:
            with self._group.write(Tx) as tx:
                yield tx
            return
        lock = self._write_lock
        if lock is not None:
            lock.acquire()
        try:
            with self.engine.connect() as conn:
                conn.info["nf_immediate"] = self.is_sqlite
                tx = Tx(conn, self.dialect)
                try:
                    with conn.begin():
                        yield tx
                finally:
                    conn.info.pop("nf_immediate", None)
        finally:
            if lock is not None:
                lock.release()
        for fn in tx._after:
            fn()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # pysqlite's own transaction handling is off; writers take the lock up front.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("nf_immediate") else "BEGIN")
