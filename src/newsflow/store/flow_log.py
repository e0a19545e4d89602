"""The flow log: append in commit order, read after a cursor.

Ordering guarantee: a reader that has seen every entry up to N never later finds an
entry with a number <= N. SQLite gets this from its single writer. On PostgreSQL the
append takes ``pg_advisory_xact_lock`` as the transaction's last step, computes
``max(seq) + 1`` under it and holds it until COMMIT, so numbers are handed out in
commit order; ``NOTIFY`` in the same transaction wakes other nodes at commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from newsflow.core.flow import FlowEntry
from newsflow.core.story import Action, ContentType, Priority, StoryVersion
from newsflow.store.database import Tx
from newsflow.store.tables import flow_log

FLOW_LOCK_KEY = 0x6E6600F1  # advisory lock id for the flow append ("nf" flow)
NOTIFY_CHANNEL = "newsflow_flow"
_INSERT = flow_log.insert()
_MAX_SEQ = sa.select(sa.func.coalesce(sa.func.max(flow_log.c.seq), 0))
_LOCK = sa.text("SELECT pg_advisory_xact_lock(:k)")
_NOTIFY = sa.text("SELECT pg_notify(:c, :p)")


def append(tx: Tx, version: StoryVersion, action: Action, now: datetime) -> FlowEntry:
    """Append one entry announcing ``version``; call it last in the transaction."""
    conn = tx.conn
    if tx.dialect == "postgresql":
        conn.execute(_LOCK, {"k": FLOW_LOCK_KEY})
    seq = conn.execute(_MAX_SEQ).scalar_one() + 1
    entry = FlowEntry(
        seq=seq,
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
    conn.execute(
        _INSERT,
        {
            "seq": entry.seq,
            "story_id": entry.story_id,
            "uri": entry.uri,
            "version": entry.version,
            "action": entry.action.value,
            "priority": entry.priority.value,
            "category": entry.category,
            "language": entry.language,
            "type": entry.type.value,
            "public": entry.public,
            "created": entry.created,
        },
    )
    if tx.dialect == "postgresql":
        conn.execute(_NOTIFY, {"c": NOTIFY_CHANNEL, "p": str(seq)})
    return entry


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


def entries_for_story(conn: Connection, story_id: int) -> list[FlowEntry]:
    rows = conn.execute(sa.select(flow_log).where(flow_log.c.story_id == story_id).order_by(flow_log.c.seq)).all()
    return [_entry(r) for r in rows]
