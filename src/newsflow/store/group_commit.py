"""Group commit for PostgreSQL: concurrent writers share one transaction and one fsync.

A durable PostgreSQL commit costs one WAL flush (about 5 ms on the shared CI disk), and
the flow log's commit-order lock (``store.flow_log``) means two publishers can never
commit at the same moment — so without grouping, publishes/s is capped by the disk.

Writers that arrive while a batch is open join it: each runs its statements in its own
SAVEPOINT on the batch's connection (one writer at a time), so a failing writer rolls
back only its own work. The last member to finish commits the whole batch; every member
waits for that commit before its ``with`` block returns and its after-commit callbacks
run, so "committed" still means durable. A batch takes at most ``max_size`` members.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection, Engine

if TYPE_CHECKING:
    from newsflow.store.database import Tx


class _Batch:
    def __init__(self, conn: Connection, max_size: int) -> None:
        self.conn = conn
        self.transaction = conn.begin()
        self.turn = threading.Lock()  # one member uses the connection at a time
        self.members = 0
        self.active = 0
        self.max_size = max_size
        self.closed = False
        self.done = threading.Event()
        self.error: BaseException | None = None


class GroupCommitter:
    def __init__(self, engine: Engine, dialect: str, *, max_size: int = 64) -> None:
        self.engine = engine
        self.dialect = dialect
        self.max_size = max_size
        self._lock = threading.Lock()
        self._open: _Batch | None = None
        self._local = threading.local()  # the Tx this thread is inside, for nested writes

    def _join(self) -> _Batch:
        with self._lock:
            batch = self._open
            if batch is None or batch.closed or batch.members >= batch.max_size:
                batch = _Batch(self.engine.connect(), self.max_size)
                self._open = batch
            batch.members += 1
            batch.active += 1
            return batch

    def _leave(self, batch: _Batch) -> bool:
        """One member is done with its statements; True if it must commit the batch."""
        with self._lock:
            batch.active -= 1
            if batch.active == 0:
                batch.closed = True
                if self._open is batch:
                    self._open = None
                return True
            return False

    @contextmanager
    def write(self, make_tx: type[Tx]) -> Iterator[Tx]:
        outer: Tx | None = getattr(self._local, "tx", None)
        if outer is not None:
            # A write inside a write on the same thread: a savepoint in the same batch,
            # whose after-commit callbacks run with the outer writer's.
            with outer.conn.begin_nested():
                yield make_tx(outer.conn, self.dialect, outer._after)
            return
        batch = self._join()
        failed: BaseException | None = None
        with batch.turn:
            savepoint = batch.conn.begin_nested()
            tx = make_tx(batch.conn, self.dialect)
            self._local.tx = tx
            try:
                yield tx
            except BaseException as exc:
                savepoint.rollback()
                failed = exc
            else:
                savepoint.commit()
            finally:
                self._local.tx = None
        if self._leave(batch):
            try:
                batch.transaction.commit()
            except BaseException as exc:
                batch.error = exc
                batch.transaction.rollback()
            finally:
                batch.conn.close()
                batch.done.set()
        batch.done.wait()
        if failed is not None:
            raise failed
        if batch.error is not None:
            raise batch.error
        for fn in tx._after:
            fn()
