"""Engines and transactions, with after-commit hooks (the outbox pattern in-process).

* SQLite: WAL, one writer at a time (a process lock plus ``BEGIN IMMEDIATE``), so flow
  sequence numbers are allocated in commit order for free. Processes on one database
  file (the server and its search-index process, a CLI command beside a server) also
  queue on an advisory lock on ``<database>.writelock``: a writer waiting for another
  process gets the lock the moment it is released, where SQLite's busy handler would
  retry after sleeps of 1 to 100 ms.
* PostgreSQL: the flow append, the transaction's last statement, increments the one
  row of ``flow_counter`` and holds its lock to COMMIT (``store.flow_log``), which gives
  the same guarantee while keeping the serialized part short. A publish is a single
  statement and runs in autocommit (``write(one_statement=True)``); other writes share
  transactions with concurrent writers (``store.group_commit``).

Side effects (waking streams, webhooks, search indexing) are registered on the
transaction with ``tx.after_commit(fn)`` and run only once the commit succeeded.

When PostgreSQL cannot be reached (it restarts, the network blips) ``read()`` and
``write()`` raise ``Unavailable`` (503 with Retry-After at the web edge) instead of the
driver's error, after a bounded wait: connecting gives up after ``CONNECT_TIMEOUT``
seconds and waiting for a pooled connection after ``POOL_TIMEOUT``. Connections the
server dropped are recognised and replaced, so the node recovers by itself.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from newsflow.errors import Unavailable
from newsflow.store import driver, fts5rank
from newsflow.store.group_commit import GroupCommitter
from newsflow.store.sqlite_group import SQLiteGroupCommit

T = TypeVar("T")
log = logging.getLogger("newsflow.store")


@dataclass
class Tx:
    """A write transaction: a connection plus the callbacks to run after commit."""

    conn: Connection
    dialect: str
    _after: list[Callable[[], None]] = field(default_factory=list)

    def after_commit(self, fn: Callable[[], None]) -> None:
        self._after.append(fn)


def inserted_id(result: sa.CursorResult[Any]) -> int:
    """The primary key of the one row an INSERT added."""
    key = result.inserted_primary_key
    assert key is not None, "not a single-row INSERT"
    return int(key[0])


class Database:
    def __init__(self, url: str, *, echo: bool = False, group_commit: bool = True) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self._autocommit: Engine | None = None
        self._lock_file: int | None = None  # the inter-process write lock (SQLite files)
        # nf_bm25 on every SQLite connection (installed before the first one is opened)
        self.fts5_rank = self.is_sqlite and fts5rank.install()
        self._checkpoints: WalCheckpoints | None = None
        if self.is_sqlite:
            path = url.removeprefix("sqlite:///")
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                self._lock_file = os.open(f"{path}.writelock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
                self._checkpoints = WalCheckpoints(path, self._write_locked)
                weakref.finalize(self, self._checkpoints.stop)
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
            _sqlite_pragmas(self.engine, autocheckpoint=self._checkpoints is None)
        else:
            bounded: dict[str, Any] = {
                "pool_timeout": POOL_TIMEOUT, "connect_args": {"connect_timeout": CONNECT_TIMEOUT},
            }
            self.engine = sa.create_engine(url, echo=echo, pool_size=10, max_overflow=20, **bounded)
            # Reads and one-statement writes need no BEGIN/COMMIT (or ROLLBACK) round
            # trips: READ COMMITTED gives every statement its own snapshot anyway.
            self._autocommit = sa.create_engine(
                url, echo=echo, pool_size=10, max_overflow=20, isolation_level="AUTOCOMMIT", **bounded
            )
            _ping_when_idle(self.engine)
            _ping_when_idle(self._autocommit)
        self.dialect = self.engine.dialect.name
        self._write_lock = threading.Lock() if self.is_sqlite else None
        # SQLite commits are cheap (WAL, synchronous=NORMAL); PostgreSQL's are one fsync
        # each, so concurrent PostgreSQL writers share a transaction (group commit).
        self._group = None if self.is_sqlite or not group_commit else GroupCommitter(self.engine, self.dialect)
        self._sqlite_group = (
            SQLiteGroupCommit(self._transaction, lambda conn: Tx(conn, self.dialect))
            if self.is_sqlite and group_commit else None
        )

    @contextmanager
    def write(self, *, one_statement: bool = False) -> Iterator[Tx]:
        """One write transaction; after-commit callbacks run once it committed.

        ``one_statement``: the block changes data with a single statement (reads before
        it are allowed), which PostgreSQL makes atomic by itself. It then runs in
        autocommit: no BEGIN and COMMIT round trips, and the flow counter's lock is
        held only while the server commits. SQLite ignores it.
        """
        if one_statement and self._autocommit is not None:
            with self._reachable(), self._autocommit.connect() as conn:
                tx = Tx(conn, self.dialect)
                yield tx
            for fn in tx._after:
                fn()
            return
        if self._group is not None:
            with self._reachable(), self._group.write(Tx) as tx:
                yield tx
            return
        with self._transaction() as conn:
            tx = Tx(conn, self.dialect)
            yield tx
        for fn in tx._after:
            fn()

    def write_grouped(self, work: Callable[[Tx], T]) -> T:
        """``work(tx)`` in a write transaction; its result once committed.

        On SQLite, concurrent callers share one transaction and one commit
        (``store.sqlite_group``): each runs inside a savepoint of its own, so its
        failure is raised to it alone and rolls back only its own statements.
        ``work`` must be a single statement's worth of change for PostgreSQL, where it
        runs as ``write(one_statement=True)``. Its after-commit callbacks run in the
        caller's thread, as with ``write``; ``work`` itself may run in another caller's
        thread (the batch's leader) with the write lock held, so it must not open
        another write, nor rely on the caller's thread-locals or context variables.
        """
        if self._sqlite_group is not None:
            return self._sqlite_group.run(work)
        with self.write(one_statement=True) as tx:
            result = work(tx)
        return result

    @property
    def writes_from_loop(self) -> bool:
        """Whether ``write_grouped_async`` is available (SQLite with group commit)."""
        return self._sqlite_group is not None

    def write_grouped_async(self, work: Callable[[Tx], T]) -> asyncio.Future[T]:
        """``write_grouped`` from the running event loop, with no thread waiting on it:
        ``work`` runs in the group's writer thread, and the returned future gets its
        result once committed, after its after-commit callbacks ran on the loop. Only
        where ``writes_from_loop``; ``work`` as for ``write_grouped``."""
        if self._sqlite_group is None:
            raise RuntimeError("write_grouped_async needs SQLite with group commit")
        return self._sqlite_group.submit(work)

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """A connection inside a transaction, holding the write lock on SQLite."""
        with self._write_locked():
            if self._checkpoints is not None:
                self._checkpoints.start()
            with self._reachable(), self.engine.connect() as conn:
                conn.info["nf_immediate"] = self.is_sqlite
                try:
                    with conn.begin():
                        yield conn
                finally:
                    conn.info.pop("nf_immediate", None)

    @contextmanager
    def _write_locked(self) -> Iterator[None]:
        """The write lock on SQLite: this process's, then the file's (other processes')."""
        lock = self._write_lock
        if lock is not None:
            lock.acquire()
        lock_file = self._lock_file
        if lock_file is not None:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX)  # blocks without the GIL
            except BaseException:
                lock.release()  # type: ignore[union-attr]
                raise
        try:
            yield
        finally:
            if lock_file is not None:
                fcntl.flock(lock_file, fcntl.LOCK_UN)
            if lock is not None:
                lock.release()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._reachable(), (self._autocommit or self.engine).connect() as conn:
            yield conn

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        """PostgreSQL's "cannot reach the server" errors as ``Unavailable``.

        OperationalError covers refused and dropped connections, a server shutting down
        and the transient conditions worth a retry (serialization failures, deadlocks,
        cancelled statements); the pool's TimeoutError means every connection is busy
        or stuck. SQLite's errors pass unchanged (its file is always there).
        """
        try:
            yield
        except sa.exc.SQLAlchemyError as exc:
            if self.is_sqlite or not _lost_server(exc):
                raise
            raise Unavailable(
                "the database is not reachable at the moment; retry shortly", retry_after=RETRY_AFTER
            ) from exc

    @property
    def is_file_sqlite(self) -> bool:
        """SQLite in a file, which other processes can open too (not ``:memory:``)."""
        return self._lock_file is not None

    def pool_in_use(self) -> int:
        """Connections checked out of the pools now (for /metrics; no database access)."""
        total = 0
        for engine in (self.engine, self._autocommit):
            checked = getattr(engine.pool, "checkedout", None) if engine is not None else None
            if checked is not None:
                total += int(checked())
        return total

    def ping(self) -> None:
        """One round trip to the database; raises what the driver raises when it is away."""
        with self.read() as conn:
            conn.exec_driver_sql("SELECT 1")

    def dispose(self) -> None:
        if self._sqlite_group is not None:
            self._sqlite_group.close()
        if self._checkpoints is not None:
            self._checkpoints.stop()
        self.engine.dispose()
        if self._lock_file is not None:
            os.close(self._lock_file)
            self._lock_file = None
        if self._autocommit is not None:
            self._autocommit.dispose()


def _lost_server(exc: BaseException) -> bool:
    """Whether ``exc`` means the server is unreachable, or follows from that.

    A group commit's members share a connection: when the server drops it under one
    member, the others get ``PendingRollbackError`` ("can't reconnect until invalid
    transaction is rolled back") raised while that first error was being handled, so
    the chain of causes is followed.
    """
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, sa.exc.OperationalError | sa.exc.InterfaceError | sa.exc.TimeoutError):
            return True
        if not isinstance(seen, sa.exc.PendingRollbackError):
            return False
        seen = seen.__cause__ or seen.__context__
    return False


PING_AFTER_IDLE = 2.0  # seconds
CONNECT_TIMEOUT = 5  # seconds to open a connection to PostgreSQL (libpq's connect_timeout)
POOL_TIMEOUT = 10.0  # seconds to wait for a pooled connection
RETRY_AFTER = 1.0  # what a client is told to wait when the database is unreachable


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled PostgreSQL connection before use, if it sat idle for a while.

    ``pool_pre_ping`` costs a round trip on every checkout: a quarter of a publish's
    round trips. A connection returned less than ``PING_AFTER_IDLE`` seconds ago was
    working then; an older one (the server may have restarted since) is pinged, and a
    dead one is replaced before anyone uses it (SQLAlchemy's pessimistic handling).
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn: Any, record: Any) -> None:
        record.info["nf_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("nf_idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE:
            return  # new (just connected) or used a moment ago
        try:
            with dbapi_conn.cursor() as cur:
                cur.execute("SELECT 1")
            dbapi_conn.rollback()
        except Exception as exc:
            raise sa.exc.DisconnectionError(str(exc)) from exc


CHECKPOINT_EVERY = 0.2  # seconds between a SQLite file's background WAL checkpoints
RESTART_PAGES = 1000  # a WAL this long is started over (SQLite's automatic checkpoint's mark)


class WalCheckpoints:
    """A SQLite file's WAL folded into the database file by a thread of its own.

    SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past 1,000
    pages: that writer copies every page in the WAL into the database file and syncs
    both files to disk while it still holds the write lock (ours, and the ``flock``
    other processes queue on), so every publish waiting for the lock waits for the copy
    and two disk syncs (several times a second under a steady flow of publishes).

    Here the connections' automatic checkpoint is off, and every ``CHECKPOINT_EVERY``
    this thread, when the WAL holds pages the database file does not:

    1. runs a ``PASSIVE`` checkpoint without the write lock (SQLite lets writers append
       meanwhile and waits for nobody): the bulk of the copy and the syncs, off the
       writers' path;
    2. once the WAL holds ``RESTART_PAGES`` (the automatic checkpoint's mark), takes the
       write lock and runs another one, which copies only what was committed during the
       first: with every page in the file and no commit in between, the next writer
       starts the WAL over from its beginning (as after an automatic checkpoint, which
       runs under the lock too), so the WAL stays as small as before instead of growing
       while commits keep coming (a passive checkpoint alone never catches up with a
       steady flow: the WAL grew by about 40 MB a minute). Starting the WAL over costs
       the next writer one sync of its header, so it is not done more often than that.

    Durability is unchanged: a commit is in the WAL (``synchronous=NORMAL``) either way,
    and what the WAL holds survives a crashed process.

    The thread starts with the first write transaction and ends with ``Database.dispose``
    (or when the ``Database`` is garbage-collected); it opens the file read-write without
    creating it, so a removed database is never made again.
    """

    def __init__(
        self, path: str, write_locked: Callable[[], AbstractContextManager[None]], every: float = CHECKPOINT_EVERY
    ) -> None:
        self.path = path
        self.write_locked = write_locked
        self.every = every
        self.ran = threading.Event()  # set after each checkpoint the thread ran (for tests)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._settled: tuple[int, int] | None = None  # the WAL as the last fold left it, all copied

    def start(self) -> None:
        if self._thread is not None or self._stopping.is_set():
            return
        with self._lock:
            if self._thread is None and not self._stopping.is_set():
                self._thread = threading.Thread(target=self._run, name="newsflow-wal-checkpoint", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(5.0)

    def checkpoint(self) -> tuple[int, int, int]:
        """One ``PASSIVE`` checkpoint: (busy, frames in the WAL, frames in the database file)."""
        with self._lock:
            if self._conn is None:
                self._conn = sqlite3.connect(
                    f"file:{self.path}?mode=rw", uri=True, isolation_level=None, check_same_thread=False
                )
            busy, frames, done = self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            return int(busy), int(frames), int(done)

    def fold(self) -> None:
        """Both steps (see the class): every committed page into the database file, and
        the WAL started over once it holds ``RESTART_PAGES``."""
        _busy, frames, done = self.checkpoint()
        if frames < RESTART_PAGES or (frames, done) == self._settled:
            return  # small enough to go on, or nothing was written since the last fold
        with self.write_locked():
            _busy, frames, done = self.checkpoint()
        self._settled = (frames, done) if frames == done else None

    def _run(self) -> None:
        try:
            while not self._stopping.wait(self.every):
                try:
                    self.fold()
                except sqlite3.Error as exc:  # the file went away, or a hiccup: try again next time
                    log.debug("WAL checkpoint of %s failed: %s", self.path, exc)
                    self._close()
                self.ran.set()
        finally:
            self._close()

    def _close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _sqlite_pragmas(engine: Engine, *, autocheckpoint: bool = True) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        if not autocheckpoint:  # a thread checkpoints instead (``WalCheckpoints``)
            cur.execute("PRAGMA wal_autocheckpoint=0")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # pysqlite's own transaction handling is off; writers take the lock up front.
        # On the driver's cursor: SQLAlchemy's execution path would cost more CPU than
        # the statement, on every transaction (``store.driver``).
        driver.execute(conn, "BEGIN IMMEDIATE" if conn.info.get("nf_immediate") else "BEGIN")
