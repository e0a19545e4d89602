"""Group commit for SQLite: concurrent publishes share one write transaction.

SQLite has one writer. Each write takes the node's write lock (a thread lock and the
``flock`` beside the database file), opens ``BEGIN IMMEDIATE``, commits and releases:
under several editors' publishes at once every one of them waits for the lock, and
each hand-over of the lock wakes one waiting thread after the other.

``run(work)`` (from a thread) and ``submit(work)`` (from an event loop) queue ``work``
(a function of the transaction). One leader at a time runs batches: it takes the write
lock, then every queued member (up to ``max_size``), runs their work in queue order on
one connection in one transaction and commits once, then answers each member: a thread
that called ``run`` is woken with its result; the members from one event loop are
settled on that loop in one call (``call_soon_threadsafe``), which runs each one's
after-commit callbacks, in queue order, then gives it its result. Members that arrive
meanwhile form the next batch.

Who leads: a ``run`` caller that finds nobody leading runs its own batch in its own
thread, so a lone writer wakes no other thread. Every other batch is run by the group's
writer thread: a member from a loop that finds nobody leading hands it the lead, and so
does a leading caller that finds members queued after its batch. The lead passes only
between a caller and the writer thread, under one mutex; no caller ever waits to be
handed it.

* Order: the members' statements run one after the other in the one writer's
  transaction, so flow sequence numbers follow queue order and commit order, as for
  separate transactions.
* Failures stay with their member: when a batch holds more than one member each runs
  inside a ``SAVEPOINT``, and one that raises is rolled back to it and gets its own
  exception; the others commit. A failed ``COMMIT`` (or write lock, or connection)
  fails every member of the batch; the next batch runs as usual.
* Durability: a member's result (and its after-commit callbacks, which run in the
  caller's thread or on its loop, so a publish still wakes the event loop once, with
  its answer) comes only after the batch committed.
* The writer thread starts the first time it is handed the lead and ends when the group
  is closed, or after ``IDLE_EXIT`` seconds without leading (the next hand-over starts a
  new one), so a database dropped without ``close`` leaves no thread behind for long.
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
IDLE_EXIT = 5.0  # seconds with nothing queued before the writer thread ends
THREAD, WRITER = "thread", "writer"  # who leads the batches (``SQLiteGroupCommit._leader``)


class _Member(Generic[T]):
    __slots__ = ("after", "done", "error", "future", "result", "work")

    def __init__(self, work: Callable[[Tx], T], future: asyncio.Future[T] | None = None) -> None:
        self.work = work
        self.future = future  # a caller on an event loop: settled there (``submit``)
        self.done = threading.Event()  # a caller in a thread (``run``): woken when answered
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
        self.queued = threading.Condition(self._mutex)  # notified when a member queues
        # Who runs batches now: None (nobody: the queue is empty), THREAD (a caller of
        # ``run`` that found nobody, for its own batch) or WRITER (the writer thread).
        self._leader: str | None = None
        self._writer_turn = threading.Condition(self._mutex)  # notified when WRITER leads
        self._writer: threading.Thread | None = None
        self._closed = False
        self.idle_exit = IDLE_EXIT
        self.batches = 0  # transactions run (for tests and metrics)

    @property
    def waiting(self) -> int:
        """Members queued and not yet taken into a batch."""
        return len(self._queue)

    def run(self, work: Callable[[Tx], T]) -> T:
        """``work`` committed; its result, after its after-commit callbacks ran in this
        thread. A caller that finds nobody running batches runs its own (no thread is
        woken for a lone writer); otherwise the batch that takes it is run by the
        leader of the moment."""
        member: _Member[T] = _Member(work)
        with self._mutex:
            self._refuse_when_closed()
            self._queue.append(member)
            self.queued.notify_all()
            leads = self._leader is None  # then the queue was empty: this member is its head
            if leads:
                self._leader = THREAD
        if leads:
            try:
                self._run_one_batch()
            finally:  # even if this thread is interrupted, the lead is given back
                with self._mutex:  # to the writer thread, never to another caller
                    self._leader = None
                    if self._queue:
                        self._hand_to_writer()
        member.done.wait()
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
            self._refuse_when_closed()
            self._queue.append(member)
            self.queued.notify_all()
            if self._leader is None:
                self._hand_to_writer()
        assert member.future is not None
        return member.future

    def close(self) -> None:
        """End the writer thread once what was queued is done; later members are refused."""
        with self._mutex:
            self._closed = True
            writer = self._writer
            self._writer_turn.notify_all()
        if writer is not None and writer is not threading.current_thread():
            writer.join()

    def _refuse_when_closed(self) -> None:
        if self._closed:
            raise RuntimeError("the database is closed")

    def _hand_to_writer(self) -> None:
        """With the mutex held and members queued: the writer thread leads (started if need be)."""
        self._leader = WRITER
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_batches, name="newsflow-writer", daemon=True)
            self._writer.start()
        else:
            self._writer_turn.notify()

    def _write_batches(self) -> None:
        """The writer thread: while it leads, one batch after another until the queue is empty."""
        while True:
            with self._mutex:
                while self._leader != WRITER:
                    if self._closed or (not self._writer_turn.wait(self.idle_exit) and self._leader != WRITER):
                        self._writer = None
                        return
            self._run_one_batch()
            with self._mutex:
                if not self._queue:
                    self._leader = None

    def _run_one_batch(self) -> None:
        batch: list[_Member[Any]] = []
        try:
            # The batch is taken once the write lock is held: members that queue while
            # another writer (or process) holds it join this transaction.
            with self._transaction() as conn:
                batch = self._take(self.max_size)
                self._run_batch(conn, batch)
        except BaseException as exc:  # the lock, the connection or the commit failed
            batch = batch or self._take(1)
            for member in batch:
                member.after = []
                if member.error is None:
                    member.error = exc
        finally:
            with self._mutex:
                self.batches += 1
            self._answer(batch)

    def _take(self, count: int) -> list[_Member[Any]]:
        with self._mutex:
            batch = self._queue[:count]
            del self._queue[:count]
        return batch

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

    @staticmethod
    def _answer(batch: list[_Member[Any]]) -> None:
        settle: dict[asyncio.AbstractEventLoop, list[_Member[Any]]] = {}
        for member in batch:
            if member.future is None:
                member.done.set()
            else:
                settle.setdefault(member.future.get_loop(), []).append(member)
        for loop, members in settle.items():
            with contextlib.suppress(RuntimeError):  # a closed loop: nobody is left to answer
                loop.call_soon_threadsafe(_settle, members)


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
