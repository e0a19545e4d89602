"""The flow log: append in commit order, read after a cursor.

Ordering guarantee: a reader that has seen every entry up to N never later finds an
entry with a number <= N. SQLite gets this from its single writer (``max(seq) + 1``).
On PostgreSQL the append increments the one row of ``flow_counter``: the row stays
locked until COMMIT and a waiting writer re-reads it once the holder committed, so
numbers are handed out in commit order. ``NOTIFY`` in the same transaction wakes other
nodes at commit.

The append is the transaction's last write, and on PostgreSQL it carries the writes
that go with it (the version, the story row) as data-modifying CTEs: one round trip.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from newsflow.core.flow import FlowEntry
from newsflow.core.story import Action, ContentType, Priority, StoryVersion
from newsflow.store import driver
from newsflow.store.database import Tx
from newsflow.store.tables import flow_counter, flow_log

NOTIFY_CHANNEL = "newsflow_flow"
_MAX_SEQ = sa.select(sa.func.coalesce(sa.func.max(flow_log.c.seq), 0))

# A write that travels with the append: a statement with uniquely named bind
# parameters (they share one parameter dict on PostgreSQL), and its values.
Write = tuple[sa.Insert | sa.Update, Mapping[str, Any]]

_FIELDS = [c for c in flow_log.c if c.name != "seq"]
_VALUES = [sa.bindparam(f"f_{c.name}", type_=c.type) for c in _FIELDS]
_APPEND_SQLITE = flow_log.insert().from_select(
    ["seq", *(c.name for c in _FIELDS)],
    sa.select(sa.func.coalesce(sa.func.max(flow_log.c.seq), 0) + 1, *_VALUES),
).returning(flow_log.c.seq)
_NEXT_PG = (
    flow_counter.update()
    .where(flow_counter.c.id == 1)
    .values(seq=flow_counter.c.seq + 1)
    .returning(flow_counter.c.seq)
)
_combined_pg: dict[tuple[object, ...], sa.Select[Any]] = {}


def _combined(along: Sequence[Write], *, numbered: bool) -> sa.Select[Any]:
    """One PostgreSQL statement: ``along`` as CTEs, then (``numbered``) the append
    that returns the entry's number and notifies. Built once per shape."""
    key = (numbered, *(id(stmt) for stmt, _ in along))
    stmt = _combined_pg.get(key)
    if stmt is None:
        writes = [w.cte(f"write_{i}") for i, (w, _) in enumerate(along)]
        if numbered:
            number = _NEXT_PG.cte("next_seq")
            inserted = (
                flow_log.insert()
                .from_select(["seq", *(c.name for c in _FIELDS)], sa.select(number.c.seq, *_VALUES))
                .returning(flow_log.c.seq)
                .cte("appended")
            )
            stmt = sa.select(inserted.c.seq, sa.func.pg_notify(NOTIFY_CHANNEL, sa.cast(inserted.c.seq, sa.Text)))
        else:
            stmt = sa.select(sa.literal(1))
        stmt = _combined_pg[key] = cast("sa.Select[Any]", stmt.add_cte(*writes))
    return stmt


def _run(tx: Tx, along: Sequence[Write], append: dict[str, Any] | None) -> Any:
    """``along``, then the append with these parameters (if any): one statement on
    PostgreSQL, in order on SQLite. The append's row (its number), or None."""
    if tx.dialect == "postgresql":
        params = dict(append or {})
        for _, values in along:
            params.update(values)
        return driver.run(tx.conn, _combined(along, numbered=append is not None), params)
    for stmt, values in along:
        driver.run(tx.conn, stmt, values)
    return driver.run(tx.conn, _APPEND_SQLITE, append) if append is not None else None


def write_together(tx: Tx, along: Sequence[Write]) -> None:
    """Writes that announce nothing (an embargoed version): one statement on
    PostgreSQL, like an append, so they stay atomic in ``Database.write(one_statement)``."""
    _run(tx, along, None)


def append(
    tx: Tx, version: StoryVersion, action: Action, now: datetime, *, along: Sequence[Write] = ()
) -> FlowEntry:
    """Append one entry announcing ``version``, after (or with) the writes ``along``.

    Call it last in the transaction: on PostgreSQL the counter row stays locked from
    here to COMMIT, and every other publisher waits for it.
    """
    params: dict[str, Any] = {
        "f_story_id": version.story_id,
        "f_uri": version.uri,
        "f_version": version.version,
        "f_action": action.value,
        "f_priority": version.priority.value,
        "f_category": version.category,
        "f_language": version.language,
        "f_type": version.type.value,
        "f_public": version.public,
        "f_created": now,
    }
    row = _run(tx, along, params)
    if row is None:
        raise RuntimeError("flow_counter has no row: run `newsflow db upgrade`")
    seq = row[0]
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
