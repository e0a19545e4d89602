"""Statements on the driver's cursor store what SQLAlchemy's own execution stores."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from newsflow.store import driver
from newsflow.store.database import Database
from newsflow.store.tables import UTCDateTime

metadata = sa.MetaData()
moments = sa.Table(
    "moments", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("flag", sa.Boolean, nullable=False),
)
INSERT = moments.insert().values(id=sa.bindparam("id"), at=sa.bindparam("at", type_=UTCDateTime()),
                                 flag=sa.bindparam("flag", type_=sa.Boolean()))


def test_driver_binds_values_as_sqlalchemy_does(tmp_path: Path) -> None:
    # a whole second: the driver's default adaptation of a datetime drops ".000000", so
    # string comparisons in SQL (date filters) would see two forms of one moment
    at = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
    db = Database(f"sqlite:///{tmp_path}/d.db")
    try:
        with db.write() as tx:
            metadata.create_all(tx.conn)
            tx.conn.execute(moments.insert(), {"id": 1, "at": at, "flag": True})
            driver.run(tx.conn, INSERT, {"id": 2, "at": at, "flag": True})
            driver.run_many(tx.conn, INSERT, [{"id": 3, "at": at, "flag": False}])
        with db.read() as conn:
            stored = conn.exec_driver_sql("SELECT id, at, flag FROM moments ORDER BY id").all()
            assert driver.run_all(conn, sa.select(moments.c.id).where(moments.c.at == sa.bindparam("at", type_=UTCDateTime())), {"at": at}) == [(1,), (2,), (3,)]
    finally:
        db.dispose()
    assert [tuple(r) for r in stored] == [(1, "2025-01-01 01:00:00.000000", 1), (2, "2025-01-01 01:00:00.000000", 1),
                                           (3, "2025-01-01 01:00:00.000000", 0)]
