"""The stored positions of the durable followers of the flow log.

A follower reads entries after its cursor, does its work and moves the cursor in the
same write transaction, so a crash at any point leaves the work and the cursor in step:
on restart it carries on from the last entry whose work committed. ``claim`` locks the
row for the rest of the transaction (PostgreSQL; SQLite's single writer does the same),
so followers on several nodes never apply the same entries concurrently.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsflow.store import driver
from newsflow.store.tables import follower_cursors

c = follower_cursors.c

# Built once: the search index's follower runs them on every batch (``store.driver``).
_POSITION = sa.select(c.seq).where(c.name == sa.bindparam("name"))
_CLAIM_LOCKED = _POSITION.with_for_update()
_TO = sa.bindparam("to", type_=c.seq.type)
_ADVANCE = (
    follower_cursors.update()
    .where(c.name == sa.bindparam("name"), c.seq < _TO)
    .values(seq=_TO, updated_at=sa.bindparam("now", type_=c.updated_at.type))
)


def position(conn: Connection, name: str) -> int | None:
    """The follower's cursor, or None when it has never stored one."""
    row = driver.run(conn, _POSITION, {"name": name})
    return None if row is None else int(row[0])


def claim(conn: Connection, name: str, now: datetime) -> int:
    """Lock the follower's row until the transaction ends and return its cursor.

    A missing row is created at 0 (a new database: every entry is still to follow).
    """
    query = _CLAIM_LOCKED if conn.dialect.name == "postgresql" else _POSITION
    row = driver.run(conn, query, {"name": name})
    if row is not None:
        return int(row[0])
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert

        conn.execute(insert(follower_cursors).values(name=name, seq=0, updated_at=now).on_conflict_do_nothing())
        return int(driver.run(conn, query, {"name": name})[0])
    conn.execute(follower_cursors.insert().values(name=name, seq=0, updated_at=now))
    return 0


def advance(conn: Connection, name: str, seq: int, now: datetime) -> None:
    """Move the cursor to ``seq`` (inside the transaction that ``claim`` locked)."""
    driver.run(conn, _ADVANCE, {"name": name, "to": seq, "now": now})
