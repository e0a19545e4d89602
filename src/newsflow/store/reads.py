"""Read state of the wire: the version of each story a user last opened."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from newsflow.store.tables import story_reads


def mark(conn: Connection, user_id: int, story_id: int, version: int, now: datetime) -> None:
    """Remember that ``user_id`` read ``version`` (an older version never lowers it)."""
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(story_reads)
    statement = insert.values(user_id=user_id, story_id=story_id, version=version, read_at=now)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[story_reads.c.user_id, story_reads.c.story_id],
        set_={"version": statement.excluded.version, "read_at": statement.excluded.read_at},
        where=statement.excluded.version >= story_reads.c.version,
    ))


def versions(conn: Connection, user_id: int, story_ids: Iterable[int]) -> dict[int, int]:
    """story id → the version the user last read, for the stories given (read ones only)."""
    ids = sorted(set(story_ids))
    if not ids:
        return {}
    rows = conn.execute(
        sa.select(story_reads.c.story_id, story_reads.c.version)
        .where(story_reads.c.user_id == user_id, story_reads.c.story_id.in_(ids))
    )
    return {int(r.story_id): int(r.version) for r in rows}
