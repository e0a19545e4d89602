"""Group commit for SQLite: concurrent publishes share one write transaction.

SQLite has one writer. Each write takes the node's write lock (a thread lock and the
``flock`` beside the database file), opens ``BEGIN IMMEDIATE``, commits and releases:
under several editors' publishes at once every one of them waits for the lock, and
each hand-over of the lock wakes one waiting thread after the other.

``Database.write_grouped(work)`` queues ``work`` (a function of the transaction) and
returns its result once it is committed. The first caller to find nobody leading
becomes the leader: it takes the write lock, then takes every queued member (up to
``max_size``), runs their work in queue order on one connection in one transaction and
commits once, then hands each member its result. Members that arrive meanwhile wait for
the next batch, which the first of them leads.

* Order: the members' statements run one after the other in the one writer's
  transaction, so flow sequence numbers follow queue order and commit order, as for
  separate transactions.
* Failures stay with their member: when a batch holds more than one member each runs
  inside a ``SAVEPOINT``, and one that raises is rolled back to it and gets its own
  exception; the others commit. A failed ``COMMIT`` fails every member of the batch.
* Durability: a member's result (and its after-commit callbacks, which run in the
  member's own thread, so a publish still wakes the event loop once, with its answer)
  comes only after the batch committed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy.engine import Connection

from newsflow.store import driver

if TYPE_CHECKING:
    from newsflow.store.database import Tx

T = TypeVar("T")


class _Member(Generic[T]):
    __slots__ = ("after", "done", "error", "lead", "result", "work")

    def __init__(self, work: Callable[[Tx], T]) -> None:
        self.work = work
        self.done = threading.Event()
        self.lead = False  # woken to lead the next batch, not with a result
        self.result: T | None = None
        self.error: BaseException | None = None
        self.after: list[Callable[[], None]] = []


class SQLiteGroupCommit:
    """Batches of writes, each one transaction on the single writer's connection.

    ``transaction`` is a context manager factory that holds the write lock and yields a
    connection inside ``BEGIN IMMEDIATE`` (committing when the block ends, rolling back
    when it raises); ``make_tx`` builds a member's ``Tx`` on that connection.
    """

    def __init__(
        self,
        transaction: Callable[[], AbstractContextManager[Connection]],
        make_tx: Callable[[Connection], Tx],
        *,
        max_size: int = 64,
    ) -> None:
        self._transaction = transaction
        self._make_tx = make_tx
        self.max_size = max_size
        self._mutex = threading.Lock()
        self._queue: list[_Member[Any]] = []
        self._leading = False
        self.queued = threading.Condition(self._mutex)  # notified when a member queues
        self.batches = 0  # transactions run (for tests and metrics)

    @property
    def waiting(self) -> int:
        """Members queued and not yet taken into a batch."""
        return len(self._queue)

    def run(self, work: Callable[[Tx], T]) -> T:
        member: _Member[T] = _Member(work)
        with self._mutex:
            self._queue.append(member)
            leads = not self._leading
            self._leading = True
            self.queued.notify_all()
        if not leads:
            member.done.wait()
        while member.lead:  # the previous leader handed this thread the next batch
            member.lead = False
            member.done.clear()
            self._lead()
        if not member.done.is_set():
            self._lead()
        if member.error is not None:
            raise member.error
        for fn in member.after:
            fn()
        return member.result  # type: ignore[return-value]

    def _lead(self) -> None:
        """Run one batch (the caller's member is at its head), then pass the lead on."""
        batch: list[_Member[Any]] = []
        try:
            with self._transaction() as conn:
                with self._mutex:
                    batch = self._queue[: self.max_size]
                    del self._queue[: self.max_size]
                self._run_batch(conn, batch)
        except BaseException as exc:  # the lock, the connection or the commit failed
            if not batch:
                with self._mutex:
                    batch = self._queue[:1]
                    del self._queue[:1]
            for member in batch:
                if member.error is None:
                    member.error = exc
        finally:
            successor: _Member[Any] | None = None
            with self._mutex:
                self.batches += 1
                if self._queue:
                    successor = self._queue[0]
                    successor.lead = True
                else:
                    self._leading = False
            for member in batch:
                member.done.set()
            if successor is not None:
                successor.done.set()

    def _run_batch(self, conn: Connection, batch: list[_Member[Any]]) -> None:
        several = len(batch) > 1
        for member in batch:
            tx = self._make_tx(conn)
            if several:
                driver.execute(conn, "SAVEPOINT nf_member")
            try:
                member.result = member.work(tx)
            except BaseException as exc:
                member.error = exc
                if not several:
                    raise  # the transaction holds only this member's work: roll it back
                driver.execute(conn, "ROLLBACK TO SAVEPOINT nf_member")
                driver.execute(conn, "RELEASE SAVEPOINT nf_member")
            else:
                member.after = tx._after
                if several:
                    driver.execute(conn, "RELEASE SAVEPOINT nf_member")
