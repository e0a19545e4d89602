"""The flow log: append in commit order, read after a cursor.

Ordering guarantee: a reader that has seen every entry up to N never later finds an
entry with a number <= N. SQLite gets this from its single writer. On PostgreSQL the
append takes ``pg_advisory_xact_lock`` as the transaction's last step, computes
``max(seq) + 1`` under it and holds it until COMMIT, so numbers are handed out in
commit order; ``NOTIFY`` in the same transaction wakes other nodes at commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from newsflow.core.flow import FlowEntry
from newsflow.core.story import Action, ContentType, Priority, StoryVersion
from newsflow.store.database import Tx
from newsflow.store.tables import flow_log

FLOW_LOCK_KEY = 0x6E6600F1  # advisory lock id for the flow append ("nf" flow)
NOTIFY_CHANNEL = "newsflow_flow"
_MAX_SEQ = sa.select(sa.func.coalesce(sa.func.max(flow_log.c.seq), 0))
_LOCK = sa.text("SELECT pg_advisory_xact_lock(:k)")


_COLUMNS = "seq, story_id, uri, version, action, priority, category, language, type, public, created"
_VALUES = ":story_id, :uri, :version, :action, :priority, :category, :language, :type, :public, :created"
# One statement numbers and inserts the entry: its snapshot starts after the lock was
# taken (previous statement), so max(seq) sees every committed entry.
_APPEND_SQLITE = sa.text(
    f"INSERT INTO flow_log ({_COLUMNS}) SELECT coalesce(max(seq), 0) + 1, {_VALUES} FROM flow_log RETURNING seq"
)
_APPEND_PG = sa.text(
    f"WITH ins AS (INSERT INTO flow_log ({_COLUMNS}) "
    f"SELECT coalesce(max(seq), 0) + 1, {_VALUES} FROM flow_log RETURNING seq) "
    f"SELECT seq, pg_notify('{NOTIFY_CHANNEL}', seq::text) FROM ins"
)


def append(tx: Tx, version: StoryVersion, action: Action, now: datetime) -> FlowEntry:
    """Append one entry announcing ``version``; call it last in the transaction."""
    conn = tx.conn
    params = {
        "story_id": version.story_id,
        "uri": version.uri,
        "version": version.version,
        "action": action.value,
        "priority": version.priority.value,
        "category": version.category,
        "language": version.language,
        "type": version.type.value,
        "public": version.public,
        "created": now.astimezone(UTC).replace(tzinfo=None),
    }
    if tx.dialect == "postgresql":
        conn.execute(_LOCK, {"k": FLOW_LOCK_KEY})
        seq = conn.execute(_APPEND_PG, params).scalar_one()
    else:
        seq = conn.execute(_APPEND_SQLITE, params).scalar_one()
    return FlowEntry(
        seq=int(seq),
        story_id=version.story_id,
        uri=version.uri,
        version=version.version,
        action=action,
        priority=version.priority,
        category=version.category,
        language=version.language,
        type=version.type,
        public=version.public,
        created=now,
    )


def _entry(row: Row) -> FlowEntry:
    return FlowEntry(
        seq=row.seq,
        story_id=row.story_id,
        uri=row.uri,
        version=row.version,
        action=Action(row.action),
        priority=Priority(row.priority),
        category=row.category,
        language=row.language,
        type=ContentType(row.type),
        public=row.public,
        created=row.created,
    )


def read_after(
    conn: Connection,
    after: int,
    limit: int,
    *,
    categories: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    priorities: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    public_only: bool = False,
    since: datetime | None = None,
) -> list[FlowEntry]:
    query = sa.select(flow_log).where(flow_log.c.seq > after)
    if categories:
        query = query.where(flow_log.c.category.in_(list(categories)))
    if priorities:
        query = query.where(flow_log.c.priority.in_(list(priorities)))
    if types:
        query = query.where(flow_log.c.type.in_(list(types)))
    if languages:
        langs = list(languages)
        query = query.where(
            sa.or_(flow_log.c.language.in_(langs), *(flow_log.c.language.like(f"{lang}-%") for lang in langs))
        )
    if public_only:
        query = query.where(flow_log.c.public.is_(True))
    if since is not None:
        query = query.where(flow_log.c.created >= since)
    rows = conn.execute(query.order_by(flow_log.c.seq).limit(limit)).all()
    return [_entry(r) for r in rows]


def last_seq(conn: Connection) -> int:
    return int(conn.execute(_MAX_SEQ).scalar_one())
