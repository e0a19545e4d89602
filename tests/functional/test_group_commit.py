"""PostgreSQL group commit: writers that share a transaction never share a failure.

Two writers are made to join one batch on purpose (the first holds its turn until the
second has joined). Whichever of them fails, the other's work commits and the failed
one's does not; the first writer runs without a SAVEPOINT, the second inside one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.store.tables import idempotency_keys
from tests.conftest import PG_URL, _pg_database
from tests.waiting import LIVENESS, wait_until

pytestmark = pytest.mark.postgres


class Boom(Exception):
    pass


@pytest.fixture
def db() -> Iterator[Database]:
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    for url in _pg_database():
        database = Database(url.replace("postgresql://", "postgresql+psycopg://", 1))
        upgrade(database)
        yield database
        database.dispose()


def _insert(conn: sa.Connection, key: str) -> None:
    conn.execute(
        idempotency_keys.insert().values(key=key, story_id=1, version=1, response="{}", created=datetime.now(UTC))
    )


def _keys(db: Database) -> set[str]:
    with db.read() as conn:
        return set(conn.execute(sa.select(idempotency_keys.c.key)).scalars())


def _two_in_one_batch(db: Database, first_fails: bool, second_fails: bool) -> dict[str, object]:
    """Run writers "first" and "second" in the same batch; what each one got."""
    group = db._group
    assert group is not None
    results: dict[str, object] = {}
    first_inside = threading.Event()

    def writer(name: str, fails: bool, hold: bool) -> None:
        try:
            with db.write() as tx:
                _insert(tx.conn, name)
                if hold:
                    first_inside.set()
                    wait_until(lambda: group._open is None or group._open.members >= 2,
                               "the second writer to join the batch")
                if fails:
                    raise Boom(name)
                tx.after_commit(lambda: results.setdefault(f"{name} after commit", True))
            results[name] = "ok"
        except Boom as exc:
            results[name] = exc

    first = threading.Thread(target=writer, args=("first", first_fails, True))
    first.start()
    assert first_inside.wait(LIVENESS)
    second = threading.Thread(target=writer, args=("second", second_fails, False))
    second.start()
    first.join(LIVENESS)
    second.join(LIVENESS)
    assert not first.is_alive() and not second.is_alive()
    return results


def test_first_member_fails_without_taking_the_second_down(db: Database) -> None:
    results = _two_in_one_batch(db, first_fails=True, second_fails=False)
    assert isinstance(results["first"], Boom)
    assert results["second"] == "ok" and results["second after commit"] is True
    assert "first after commit" not in results
    assert _keys(db) == {"second"}


def test_second_member_fails_inside_its_savepoint(db: Database) -> None:
    results = _two_in_one_batch(db, first_fails=False, second_fails=True)
    assert results["first"] == "ok" and isinstance(results["second"], Boom)
    assert _keys(db) == {"first"}


def test_both_succeed_and_a_database_error_is_contained(db: Database) -> None:
    assert _two_in_one_batch(db, first_fails=False, second_fails=False)["second"] == "ok"
    # A real database error (duplicate key) in a lone writer: rolled back, the next write works.
    with pytest.raises(sa.exc.IntegrityError), db.write() as tx:
        _insert(tx.conn, "first")
    with db.write() as tx:
        _insert(tx.conn, "third")
    assert _keys(db) == {"first", "second", "third"}


def test_a_connection_killed_while_idle_is_replaced_before_use(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ping on every checkout, but an idle connection is checked: a server restart
    (here: every other backend terminated) costs no failed request."""
    from newsflow.store import database

    monkeypatch.setattr(database, "PING_AFTER_IDLE", 0.0)  # every returned connection counts as idle
    with db.write() as tx:
        _insert(tx.conn, "before")
    admin = sa.create_engine(db.url, poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        killed = conn.exec_driver_sql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).scalar_one()
    admin.dispose()
    assert killed >= 1
    with db.write() as tx:
        _insert(tx.conn, "after")
    assert _keys(db) == {"before", "after"}
