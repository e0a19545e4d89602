"""Group commit for PostgreSQL: concurrent writers share one transaction and one fsync.

A durable PostgreSQL commit costs one WAL flush (about 5 ms on the shared CI disk), and
the flow log's commit-order lock (``store.flow_log``) means two publishers can never
commit at the same moment — so without grouping, publishes/s is capped by the disk.

Writers that arrive while a batch is open join it and run their statements on the
batch's connection one at a time. A writer whose batch already holds another writer's
work runs in its own SAVEPOINT, so a failure rolls back only its own work; the first
writer needs none (if it fails, nothing else is in the transaction: it is rolled back
and begun again), which saves two round trips when writers do not overlap. The last
member to finish commits the whole batch; every member waits for that commit before its
``with`` block returns and its after-commit callbacks run, so "committed" still means
durable. A batch takes at most ``max_size`` members.
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
        self.holds_work = False  # a member's statements are in the transaction
        self.savepoints = 0
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

    @staticmethod
    def _undo(batch: _Batch, savepoint: str | None) -> None:
        """Take back a failed member's statements, keeping the other members' work."""
        try:
            if savepoint is not None:
                batch.conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {savepoint}")
            else:  # the transaction holds only this member's work
                batch.transaction.rollback()
                batch.transaction = batch.conn.begin()
        except BaseException as exc:  # the connection is gone: the batch cannot commit
            batch.error = batch.error or exc

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
        tx = make_tx(batch.conn, self.dialect)
        with batch.turn:
            savepoint = None
            try:
                if batch.holds_work:
                    batch.savepoints += 1
                    savepoint = f"nf_member_{batch.savepoints}"
                    batch.conn.exec_driver_sql(f"SAVEPOINT {savepoint}")
            except BaseException as exc:  # the connection broke: leave, then fail
                failed = batch.error = batch.error or exc
            if failed is None:
                self._local.tx = tx
                try:
                    yield tx
                except BaseException as exc:
                    failed = exc
                    self._undo(batch, savepoint)
                else:
                    # No RELEASE: the savepoint ends with the transaction (a round trip less).
                    batch.holds_work = True
                finally:
                    self._local.tx = None
        if self._leave(batch):
            try:
                if batch.error is not None:
                    raise batch.error
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
