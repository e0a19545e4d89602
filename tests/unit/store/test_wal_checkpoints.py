"""SQLite's WAL is folded into the database file by a thread, not by a writer's COMMIT.

An automatic checkpoint copies the WAL into the database file (and syncs both) inside
the commit that takes the WAL past 1,000 pages, with the write lock still held, so every
writer queued behind it waits. The connections' automatic checkpoint is off and
``WalCheckpoints`` does the work beside the writers.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsflow.store.database import Database, WalCheckpoints
from tests.waiting import LIVENESS

ROW = b"x" * 8192  # two pages a row


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'wal.db'}")
    assert database._checkpoints is not None
    database._checkpoints.every = 3600.0  # the test folds by hand
    with database.write() as tx:
        tx.conn.exec_driver_sql("CREATE TABLE t (x INTEGER PRIMARY KEY, data BLOB)")
    yield database
    database.dispose()


def _write_rows(db: Database, count: int) -> None:
    for _ in range(count):
        with db.write() as tx:
            tx.conn.exec_driver_sql("INSERT INTO t (data) VALUES (?)", (ROW,))


def test_commits_do_not_checkpoint(db: Database, tmp_path: Path) -> None:
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    before = os.path.getsize(tmp_path / "wal.db")
    _write_rows(db, 700)  # 1,400 pages and more: past the automatic checkpoint's mark
    assert os.path.getsize(tmp_path / "wal.db") == before  # every page still only in the WAL
    assert os.path.getsize(tmp_path / "wal.db-wal") > 1000 * 4096


def test_a_fold_copies_the_wal_and_the_next_writer_starts_it_over(db: Database, tmp_path: Path) -> None:
    _write_rows(db, 700)
    checkpoints = db._checkpoints
    assert checkpoints is not None
    checkpoints.fold()
    assert os.path.getsize(tmp_path / "wal.db") > 700 * 8192  # the rows are in the database file
    _write_rows(db, 1)
    _busy, frames, done = checkpoints.checkpoint()
    assert frames < 10 and done == frames  # the WAL started over: only the last row's pages
    with db.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 701


def test_the_thread_folds_after_the_first_write_and_stops_with_the_database(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'wal.db'}")
    checkpoints = database._checkpoints
    assert checkpoints is not None
    checkpoints.every = 0.01
    with database.write() as tx:
        tx.conn.exec_driver_sql("CREATE TABLE t (x INTEGER PRIMARY KEY, data BLOB)")
        tx.conn.exec_driver_sql("INSERT INTO t (data) VALUES (?)", (ROW,))
    assert checkpoints.ran.wait(LIVENESS)
    _busy, frames, done = checkpoints.checkpoint()
    assert done == frames
    thread = checkpoints._thread
    assert thread is not None and thread.is_alive()
    database.dispose()
    assert not thread.is_alive()


def test_a_removed_database_is_not_made_again(tmp_path: Path) -> None:
    path = tmp_path / "gone.db"
    checkpoints = WalCheckpoints(str(path), lambda: pytest.fail("no lock is taken"))  # type: ignore[arg-type,return-value]
    with pytest.raises(sqlite3.Error):
        checkpoints.checkpoint()
    assert not path.exists()
