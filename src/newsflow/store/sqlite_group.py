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

``submit(work)`` queues ``work`` from an event loop instead of a thread: it returns a
future, and nobody waits in a thread for it. The group's own writer thread leads every
batch whose head is such a member (a thread calling ``run`` still leads its own), and
after the commit hands the loop all the batch's results in one call
(``call_soon_threadsafe``): the loop runs each member's after-commit callbacks, in
queue order, then gives it its result. A publish from the event loop thus crosses one
thread and wakes the loop once per batch, not once per publish.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy.engine import Connection

from newsflow.store import driver

if TYPE_CHECKING:
    from newsflow.store.database import Tx

T = TypeVar("T")
log = logging.getLogger("newsflow.store")


class _Member(Generic[T]):
    __slots__ = ("after", "done", "error", "future", "lead", "result", "work")

    def __init__(self, work: Callable[[Tx], T], future: asyncio.Future[T] | None = None) -> None:
        self.work = work
        self.future = future  # a caller on an event loop: settled there (``submit``)
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
        self._writer: threading.Thread | None = None  # leads batches for ``submit``'s members
        self._writer_turn = threading.Event()  # wakes the writer thread
        self._writer_leads = False  # the next batch is the writer thread's to lead
        self._closed = False

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

    def submit(self, work: Callable[[Tx], T]) -> asyncio.Future[T]:
        """``work`` queued from the running event loop: a future of its result, set on
        that loop once the batch committed, after the member's after-commit callbacks ran
        there (they run even if the future was cancelled meanwhile: the work committed)."""
        member: _Member[T] = _Member(work, asyncio.get_running_loop().create_future())
        with self._mutex:
            if self._closed:
                raise RuntimeError("the database is closed")
            self._queue.append(member)
            leads = not self._leading
            self._leading = True
            self._writer_leads = self._writer_leads or leads
            self.queued.notify_all()
            if leads and self._writer is None:
                self._writer = threading.Thread(target=self._write_batches, name="newsflow-writer", daemon=True)
                self._writer.start()
        if leads:
            self._writer_turn.set()
        assert member.future is not None
        return member.future

    def close(self) -> None:
        """End the writer thread (once what it was handed is done)."""
        with self._mutex:
            self._closed = True
            writer = self._writer
        self._writer_turn.set()
        if writer is not None and writer is not threading.current_thread():
            writer.join()

    def _write_batches(self) -> None:
        """The writer thread: leads a batch whenever its head came from ``submit``."""
        while True:
            self._writer_turn.wait()
            with self._mutex:
                self._writer_turn.clear()
                leads, self._writer_leads = self._writer_leads, False
                closed = self._closed
            if leads:
                self._lead()
            elif closed:
                return

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
                    successor.lead = successor.future is None
                    self._writer_leads = not successor.lead
                else:
                    self._leading = False
            settle: dict[asyncio.AbstractEventLoop, list[_Member[Any]]] = {}
            for member in batch:
                if member.future is None:
                    member.done.set()
                else:
                    settle.setdefault(member.future.get_loop(), []).append(member)
            for loop, members in settle.items():
                with contextlib.suppress(RuntimeError):  # a closed loop: nobody is left to answer
                    loop.call_soon_threadsafe(_settle, members)
            if successor is not None:
                if successor.lead:
                    successor.done.set()
                else:
                    self._writer_turn.set()  # a member from a loop: the writer thread leads

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


def _settle(members: list[_Member[Any]]) -> None:
    """On the members' loop, in queue order: each one's after-commit callbacks, then its result."""
    for member in members:
        future = member.future
        assert future is not None
        if member.error is not None:
            if not future.done():
                future.set_exception(member.error)
            continue
        try:
            for fn in member.after:
                fn()
        except Exception as exc:  # as in ``run``: the caller gets what a callback raised
            if not future.done():
                future.set_exception(exc)
            else:
                log.exception("an after-commit callback failed")
            continue
        if not future.done():
            future.set_result(member.result)
