"""SQLite group commit: concurrent writers share one transaction but not each other's failures.

The writers are made to form one batch on purpose: the test holds the node's write lock
until all of them have queued, so the first one (the leader) takes every one of them
into its transaction when it gets the lock.
"""

from __future__ import annotations

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
        assert group.run(lambda tx: "next") == "next"  # the next batch is led by a new caller
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
