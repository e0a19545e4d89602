"""SQLite group commit: concurrent writers share one transaction but not each other's failures.

The writers are made to form one batch on purpose: the test holds the node's write lock
until all of them have queued, so the leader, which takes the queue only once it holds
the lock, takes every one of them into one transaction.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from newsflow.store.database import Database, Tx
from newsflow.store.sqlite_group import SQLiteGroupCommit
from tests.waiting import LIVENESS


class Boom(Exception):
    pass


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'group.db'}")
    with database.write() as tx:
        tx.conn.exec_driver_sql("CREATE TABLE t (x INTEGER PRIMARY KEY, thread TEXT)")
    yield database
    database.dispose()


def _values(db: Database) -> list[int]:
    with db.read() as conn:
        return list(conn.execute(sa.text("SELECT x FROM t ORDER BY rowid")).scalars())


def _in_one_batch(group: SQLiteGroupCommit, hold: threading.Lock, calls: list[Callable[[], Any]]) -> list[Any]:
    """Run ``calls`` in threads that all queue before the first can take ``hold``; what each got."""
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            results[i] = calls[i]()
        except BaseException as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    with hold:
        for t in threads:
            t.start()
        with group.queued:
            assert group.queued.wait_for(lambda: group.waiting == len(calls), LIVENESS)
    for t in threads:
        t.join(LIVENESS)
    return results


def test_a_batch_commits_once_and_a_failing_member_rolls_back_alone(db: Database) -> None:
    group = db._sqlite_group
    assert group is not None and db._write_lock is not None
    after: dict[int, str] = {}

    def member(n: int) -> Callable[[], int]:
        def work(tx: Tx) -> int:
            tx.conn.exec_driver_sql("INSERT INTO t (x, thread) VALUES (?, ?)", (n, threading.current_thread().name))
            if n == 3:
                raise Boom(n)
            tx.after_commit(lambda: after.setdefault(n, threading.current_thread().name))
            return n * 10

        return lambda: db.write_grouped(work)

    before = group.batches
    results = _in_one_batch(group, db._write_lock, [member(n) for n in range(1, 6)])

    assert group.batches == before + 1  # one transaction for the five
    assert results[:2] == [10, 20] and results[3:] == [40, 50]
    assert isinstance(results[2], Boom)
    assert _values(db) == [1, 2, 4, 5]
    assert sorted(after) == [1, 2, 4, 5]
    with db.read() as conn:  # every statement ran in the leader's thread, the callbacks in each caller's
        ran_in = dict(conn.execute(sa.text("SELECT x, thread FROM t")).all())
    assert len(set(ran_in.values())) == 1
    assert len(set(after.values())) == 4


def test_a_failed_commit_fails_every_member_and_runs_no_callback(tmp_path: Path) -> None:
    hold = threading.Lock()
    failing = [True]
    database = Database(f"sqlite:///{tmp_path / 'commit.db'}")
    try:
        @contextmanager
        def failing_commit() -> Iterator[sa.Connection]:
            with hold, database.engine.connect() as conn, conn.begin():
                yield conn
                if failing[0]:
                    raise OSError("disk full")  # as a COMMIT that fails would

        group = SQLiteGroupCommit(failing_commit, lambda conn: Tx(conn, "sqlite"))
        called: list[int] = []

        def member(n: int) -> Callable[[], int]:
            def work(tx: Tx) -> int:
                tx.after_commit(lambda: called.append(n))
                return n

            return lambda: group.run(work)

        results = _in_one_batch(group, hold, [member(n) for n in range(3)])
        assert all(isinstance(r, OSError) for r in results), results
        assert called == []
        failing[0] = False
        assert group.run(lambda tx: "next") == "next"  # the next batch runs as usual
        group.close()
    finally:
        database.dispose()


def test_the_lead_passes_to_the_next_batch_while_writers_keep_coming(db: Database) -> None:
    done: list[int] = []

    def writer(start: int) -> None:
        for n in range(start, start + 50):
            def work(tx: Tx, n: int = n) -> None:
                tx.conn.exec_driver_sql("INSERT INTO t (x) VALUES (?)", (n,))

            db.write_grouped(work)
            done.append(n)

    threads = [threading.Thread(target=writer, args=(k * 1000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(LIVENESS)
    assert sorted(_values(db)) == sorted(done) and len(done) == 200


def test_members_from_an_event_loop_share_a_batch_and_are_settled_on_the_loop(db: Database) -> None:
    """``submit``: the writer thread runs the batch; results and after-commit callbacks
    come back on the loop, callbacks in queue order before each member's result, and a
    thread's ``run`` queued in the same batch still gets its own answer."""
    group = db._sqlite_group
    assert group is not None and db._write_lock is not None
    events: list[str] = []
    ran_in: list[str] = []

    def work(n: int) -> Callable[[Tx], int]:
        def run(tx: Tx) -> int:
            ran_in.append(threading.current_thread().name)
            tx.conn.exec_driver_sql("INSERT INTO t (x) VALUES (?)", (n,))
            if n == 3:
                raise Boom(n)
            tx.after_commit(lambda: events.append(f"after {n} on {threading.current_thread().name}"))
            return n * 10

        return run

    async def main() -> list[Any]:
        loop_thread = threading.current_thread().name
        before = group.batches
        with db._write_lock:  # everything queues before the writer thread can begin
            futures = [group.submit(work(n)) for n in range(1, 4)]
            thread_result: list[Any] = []
            caller = threading.Thread(target=lambda: thread_result.append(db.write_grouped(work(4))))
            caller.start()
            with group.queued:
                assert group.queued.wait_for(lambda: group.waiting == 4, LIVENESS)
        for f in futures:
            f.add_done_callback(lambda f: events.append(f"result {f.exception() or f.result()}"))
        results = await asyncio.gather(*futures, return_exceptions=True)
        caller.join(LIVENESS)
        assert group.batches == before + 1
        assert thread_result == [40]
        assert set(ran_in) == {"newsflow-writer"}
        on_loop = [e for e in events if e.startswith(("after 1", "after 2", "after 3"))]
        assert on_loop == [f"after 1 on {loop_thread}", f"after 2 on {loop_thread}"]
        return results

    results = asyncio.run(main())
    assert results[:2] == [10, 20] and isinstance(results[2], Boom)
    assert sorted(_values(db)) == [1, 2, 4]
    loop_events = [e for e in events if not e.startswith("after 4")]
    assert loop_events[:2] == [e for e in loop_events if e.startswith("after")]  # callbacks before results
    assert loop_events[2:] == ["result 10", "result 20", "result 3"]


def test_members_from_loops_and_threads_queued_during_each_others_batches_all_commit(db: Database) -> None:
    """Members from a loop and from threads, queued while each other's batches run: all commit."""
    done: list[int] = []

    def writer(start: int) -> None:
        for n in range(start, start + 50):
            db.write_grouped(lambda tx, n=n: tx.conn.exec_driver_sql("INSERT INTO t (x) VALUES (?)", (n,)))
            done.append(n)

    async def publisher(start: int) -> None:
        for n in range(start, start + 50):
            await db.write_grouped_async(lambda tx, n=n: tx.conn.exec_driver_sql("INSERT INTO t (x) VALUES (?)", (n,)))
            done.append(n)

    async def main() -> None:
        threads = [threading.Thread(target=writer, args=(k * 1000,)) for k in range(2)]
        for t in threads:
            t.start()
        await asyncio.gather(*(publisher(k * 1000) for k in range(2, 5)))
        for t in threads:
            await asyncio.to_thread(t.join, LIVENESS)

    asyncio.run(main())
    assert sorted(_values(db)) == sorted(done) and len(done) == 250


def test_a_closed_database_ends_its_writer_thread(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'closed.db'}")
    assert database._sqlite_group is not None
    database._sqlite_group.idle_exit = LIVENESS  # it must not end by itself before the close

    async def one() -> int:
        return await database.write_grouped_async(lambda tx: 7)

    assert asyncio.run(one()) == 7
    writer = database._sqlite_group._writer if database._sqlite_group else None
    assert writer is not None and writer.is_alive()
    database.dispose()
    assert not writer.is_alive()


def test_a_lone_caller_runs_its_own_batch_in_its_own_thread(db: Database) -> None:
    group = db._sqlite_group
    assert group is not None
    me = threading.current_thread().name
    assert db.write_grouped(lambda tx: threading.current_thread().name) == me
    assert group._writer is None  # no other thread was needed


def test_a_leading_caller_hands_members_queued_meanwhile_to_the_writer_thread(db: Database) -> None:
    group = db._sqlite_group
    assert group is not None
    in_work = threading.Event()
    ran_in: dict[str, str] = {}

    def first(tx: Tx) -> None:
        ran_in["first"] = threading.current_thread().name
        in_work.set()
        with group.queued:  # the second member queues while this batch runs
            assert group.queued.wait_for(lambda: group.waiting == 1, LIVENESS)

    def second(tx: Tx) -> None:
        ran_in["second"] = threading.current_thread().name

    caller = threading.Thread(target=db.write_grouped, args=(first,), name="first-caller")
    caller.start()
    assert in_work.wait(LIVENESS)
    db.write_grouped(second)
    caller.join(LIVENESS)
    assert ran_in == {"first": "first-caller", "second": "newsflow-writer"}


def test_an_idle_writer_thread_ends_and_the_next_hand_over_starts_another(db: Database) -> None:
    group = db._sqlite_group
    assert group is not None
    group.idle_exit = 0.0

    async def one(n: int) -> int:
        return await db.write_grouped_async(lambda tx: n)

    assert asyncio.run(one(1)) == 1
    first = group._writer
    if first is not None:  # it may have ended already
        first.join(LIVENESS)
        assert not first.is_alive()
    assert group._writer is None
    assert asyncio.run(one(2)) == 2  # a new writer thread answers


def test_a_batch_whose_write_lock_fails_fails_alone_and_the_writer_goes_on(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'lock.db'}")
    broken = [True]
    try:
        @contextmanager
        def transaction() -> Iterator[sa.Connection]:
            if broken[0]:
                broken[0] = False
                raise OSError("cannot lock")
            with database.engine.connect() as conn, conn.begin():
                yield conn

        group = SQLiteGroupCommit(transaction, lambda conn: Tx(conn, "sqlite"))
        with pytest.raises(OSError, match="cannot lock"):
            group.run(lambda tx: 1)
        assert group.run(lambda tx: 2) == 2
        group.close()
        with pytest.raises(RuntimeError, match="closed"):
            group.run(lambda tx: 3)
    finally:
        database.dispose()


def test_many_members_from_loops_and_threads_each_get_their_own_answer(db: Database) -> None:
    """Bounded stress: 2 threads and 4 loop tasks, every fifth member failing: each gets
    its own result or its own error, in order per caller, and only successes are stored."""
    answers: dict[int, Any] = {}

    def work(n: int) -> Callable[[Tx], int]:
        def run(tx: Tx) -> int:
            tx.conn.exec_driver_sql("INSERT INTO t (x) VALUES (?)", (n,))
            if n % 5 == 0:
                raise Boom(n)
            return -n

        return run

    def writer(start: int) -> None:
        for n in range(start, start + 60):
            try:
                answers[n] = db.write_grouped(work(n))
            except Boom as exc:
                answers[n] = exc

    async def publisher(start: int) -> None:
        for n in range(start, start + 60):
            try:
                answers[n] = await db.write_grouped_async(work(n))
            except Boom as exc:
                answers[n] = exc

    async def main() -> None:
        threads = [threading.Thread(target=writer, args=(k * 1000 + 1,)) for k in range(2)]
        for t in threads:
            t.start()
        await asyncio.gather(*(publisher(k * 1000 + 1) for k in range(2, 6)))
        for t in threads:
            await asyncio.to_thread(t.join, LIVENESS)

    asyncio.run(main())
    assert len(answers) == 360
    for n, answer in answers.items():
        if n % 5 == 0:
            assert isinstance(answer, Boom) and answer.args == (n,)
        else:
            assert answer == -n
    assert sorted(_values(db)) == sorted(n for n in answers if n % 5)
