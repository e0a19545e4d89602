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

from newsflow.store.tables import follower_cursors

c = follower_cursors.c


def position(conn: Connection, name: str) -> int | None:
    """The follower's cursor, or None when it has never stored one."""
    seq = conn.execute(sa.select(c.seq).where(c.name == name)).scalar()
    return None if seq is None else int(seq)


def claim(conn: Connection, name: str, now: datetime) -> int:
    """Lock the follower's row until the transaction ends and return its cursor.

    A missing row is created at 0 (a new database: every entry is still to follow).
    """
    query = sa.select(c.seq).where(c.name == name)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    seq = conn.execute(query).scalar()
    if seq is not None:
        return int(seq)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert

        conn.execute(insert(follower_cursors).values(name=name, seq=0, updated_at=now).on_conflict_do_nothing())
        return int(conn.execute(query).scalar_one())
    conn.execute(follower_cursors.insert().values(name=name, seq=0, updated_at=now))
    return 0


def advance(conn: Connection, name: str, seq: int, now: datetime) -> None:
    """Move the cursor to ``seq`` (inside the transaction that ``claim`` locked)."""
    conn.execute(follower_cursors.update().where(c.name == name, c.seq < seq).values(seq=seq, updated_at=now))
