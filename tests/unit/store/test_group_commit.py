"""Group commit on PostgreSQL: members share a commit but not each other's failures."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from newsflow.store.database import Database
from tests.conftest import PG_URL, _pg_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def db() -> Database:
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    gen = _pg_database()
    url = next(gen)
    database = Database(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with database.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x int PRIMARY KEY)")
    yield database
    database.dispose()
    next(gen, None)


def values(db: Database) -> list[int]:
    with db.read() as conn:
        return sorted(conn.execute(sa.text("SELECT x FROM t")).scalars())


def test_concurrent_members_commit_and_a_failing_one_rolls_back_alone(db: Database) -> None:
    committed: list[int] = []
    errors: list[int] = []
    start = threading.Barrier(12)

    def member(n: int) -> None:
        start.wait()
        try:
            with db.write() as tx:
                tx.conn.execute(sa.text("INSERT INTO t VALUES (:x)"), {"x": n})
                if n % 4 == 0:
                    raise ValueError(n)
                tx.after_commit(lambda: committed.append(n))
        except ValueError:
            errors.append(n)

    threads = [threading.Thread(target=member, args=(n,)) for n in range(1, 13)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(errors) == [4, 8, 12]
    assert values(db) == [n for n in range(1, 13) if n % 4]
    assert sorted(committed) == [n for n in range(1, 13) if n % 4]


def test_after_commit_sees_committed_data_and_nested_writes_join(db: Database) -> None:
    seen: list[list[int]] = []
    with db.write() as tx:
        tx.conn.execute(sa.text("INSERT INTO t VALUES (1)"))
        with db.write() as inner:
            inner.conn.execute(sa.text("INSERT INTO t VALUES (2)"))
            inner.after_commit(lambda: seen.append(values(db)))
        assert values(db) == []  # not visible to others before the commit
    assert seen == [[1, 2]]


def test_a_failed_statement_does_not_poison_the_batch(db: Database) -> None:
    with db.write() as tx:
        tx.conn.execute(sa.text("INSERT INTO t VALUES (1)"))
    with pytest.raises(sa.exc.IntegrityError), db.write() as tx:
        tx.conn.execute(sa.text("INSERT INTO t VALUES (1)"))
    with db.write() as tx:
        tx.conn.execute(sa.text("INSERT INTO t VALUES (2)"))
    assert values(db) == [1, 2]
