"""Stories and their immutable versions."""

from __future__ import annotations

import json
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, Row

from newsflow.core.codec import (
    content_from_dict,
    content_to_dict,
    version_from_dict,
    version_to_dict,
)
from newsflow.core.flow import FlowEntry
from newsflow.core.story import StoryContent, StoryStatus, StoryVersion
from newsflow.core.workflow import StoryState, Transition
from newsflow.errors import InvalidInput, NotFound
from newsflow.store import driver, flow_log
from newsflow.store.database import Tx
from newsflow.store.tables import flow_log as flow_log_table
from newsflow.store.tables import stories, story_versions


# Statements built once with uniquely named bind parameters: SQLAlchemy caches their
# compiled form, and the flow append can carry them in its own statement on PostgreSQL
# (``flow_log.append(along=...)``) — the publish path is one round trip.
def _binds(table: sa.Table, prefix: str, names: Iterable[str]) -> dict[str, sa.BindParameter[Any]]:
    return {n: sa.bindparam(f"{prefix}_{n}", type_=table.c[n].type) for n in names}


_STATE_COLUMNS = (
    "status", "current_version", "embargo_until", "draft", "language", "type", "priority",
    "category", "public", "translation_of", "headline", "updated_at",
)
_INSERT_STORY = stories.insert().values(_binds(stories, "s", stories.c.keys()))
_INSERT_VERSION = story_versions.insert().values(_binds(story_versions, "v", story_versions.c.keys()))
_APPLY_STORY = (
    stories.update()
    .where(stories.c.id == sa.bindparam("u_id", type_=stories.c.id.type))
    .values({**_binds(stories, "u", _STATE_COLUMNS), "revision": stories.c.revision + 1})
)
_NEXT_ID_SQLITE = sa.select(sa.func.coalesce(sa.func.max(stories.c.id), 0) + 1)
_NEXT_IDS_PG = sa.text("SELECT nextval(pg_get_serial_sequence('stories', 'id')) FROM generate_series(1, :n)")
_ID_BLOCK = 32


class _IdBlock:
    """Story ids taken from PostgreSQL's sequence 32 at a time (one round trip per 32
    stories instead of a RETURNING per story); ids stay unique across nodes, and a
    restart leaves a gap, as any sequence may."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ids: deque[int] = deque()

    def take(self, conn: Connection) -> int:
        with self.lock:
            if not self.ids:
                self.ids.extend(conn.execute(_NEXT_IDS_PG, {"n": _ID_BLOCK}).scalars())
            return self.ids.popleft()


_id_blocks: weakref.WeakKeyDictionary[Engine, _IdBlock] = weakref.WeakKeyDictionary()


def _new_id(tx: Tx) -> int:
    if tx.dialect == "postgresql":
        block = _id_blocks.get(tx.conn.engine)
        if block is None:
            block = _id_blocks.setdefault(tx.conn.engine, _IdBlock())
        return block.take(tx.conn)
    # SQLite: the writer holds the database lock, so max + 1 is the next rowid.
    return int(driver.run(tx.conn, _NEXT_ID_SQLITE, {})[0])


def make_uri(agency: str, story_id: int, when: datetime) -> str:
    return f"urn:newsflow:{agency}:{when:%Y%m%d}:{story_id}"


def _dumps(content: StoryContent) -> str:
    return json.dumps(content_to_dict(content), ensure_ascii=False)


def _content_columns(content: StoryContent, now: datetime) -> dict[str, Any]:
    """The story row's columns that follow its (draft or latest) content."""
    return {
        "draft": _dumps(content),
        "language": content.language,
        "type": content.type.value,
        "priority": content.priority.value,
        "category": content.category,
        "public": content.public,
        "translation_of": content.translation_of,
        "headline": content.headline,
        "updated_at": now,
    }


def _state_values(prefix: str, status: StoryStatus, version: int, embargo: datetime | None,
                  content: StoryContent, now: datetime) -> dict[str, Any]:
    values = {
        "status": status.value,
        "current_version": version,
        "embargo_until": embargo,
        **_content_columns(content, now),
    }
    return {f"{prefix}_{k}": v for k, v in values.items()}


def _transition_values(prefix: str, transition: Transition, now: datetime) -> dict[str, Any]:
    """The story row as a transition leaves it (held embargo time included)."""
    v = transition.version
    embargo = v.embargoed if transition.status is StoryStatus.EMBARGOED else None
    return _state_values(prefix, transition.status, v.version, embargo, v.content, now)


def _version_values(v: StoryVersion, by: str | None) -> dict[str, Any]:
    return {
        "v_story_id": v.story_id,
        "v_version": v.version,
        "v_action": v.signal.value,
        "v_versioncreated": v.versioncreated,
        "v_data": json.dumps(version_to_dict(v), ensure_ascii=False),
        "v_created_by": by,
    }


def _new_story(tx: Tx, content: StoryContent, agency: str, now: datetime) -> StoryState:
    if content.translation_of is not None:
        _require(tx.conn, content.translation_of)
    story_id = _new_id(tx)
    return StoryState(story_id, make_uri(agency, story_id, now), StoryStatus.DRAFT, content, None, agency)


def _insert_story(state: StoryState, transition: Transition | None, now: datetime,
                  created_by: str | None, source_uri: str | None) -> flow_log.Write:
    if transition is None:
        values = _state_values("s", StoryStatus.DRAFT, 0, None, state.draft, now)
    else:
        values = _transition_values("s", transition, now)
    values.update(
        s_id=state.story_id, s_uri=state.uri, s_source_uri=source_uri, s_created_by=created_by, s_created_at=now,
        s_revision=0 if transition is None else 1,
    )
    return _INSERT_STORY, values


def create(
    tx: Tx,
    content: StoryContent,
    *,
    agency: str,
    now: datetime,
    created_by: str | None = None,
    source_uri: str | None = None,
) -> StoryState:
    """Insert a draft; returns its state (no re-read needed by the caller)."""
    state = _new_story(tx, content, agency, now)
    driver.run(tx.conn, *_insert_story(state, None, now, created_by, source_uri))
    return state


def create_published(
    tx: Tx,
    content: StoryContent,
    publish: Callable[[StoryState], Transition],
    *,
    agency: str,
    now: datetime,
    created_by: str | None = None,
    source_uri: str | None = None,
) -> tuple[Transition, FlowEntry | None]:
    """Insert a story already in the state ``publish`` takes its draft to, with its
    first version and flow entry (no draft row written and then updated)."""
    state = _new_story(tx, content, agency, now)
    transition = publish(state)
    writes = [_insert_story(state, transition, now, created_by, source_uri),
              (_INSERT_VERSION, _version_values(transition.version, created_by))]
    return transition, _write(tx, transition, writes, now)


def _require(conn: Connection, story_id: int) -> Row:
    row = conn.execute(sa.select(stories).where(stories.c.id == story_id)).first()
    if row is None:
        raise NotFound(f"no story {story_id}", field="id")
    return row


def state(conn: Connection, story_id: int, provider: str, *, for_update: bool = False) -> StoryState:
    query = sa.select(stories).where(stories.c.id == story_id)
    if for_update and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"no story {story_id}", field="id")
    latest = get_version(conn, story_id, row.current_version) if row.current_version else None
    return StoryState(
        story_id=row.id,
        uri=row.uri,
        status=StoryStatus(row.status),
        draft=content_from_dict(json.loads(row.draft)),
        latest=latest,
        provider=provider,
        revision=row.revision,
    )


def save_draft(tx: Tx, story_id: int, content: StoryContent, now: datetime, *, expected: int | None = None) -> int | None:
    """Store the draft; returns its new revision, or None when ``expected`` is not the
    stored revision any more (someone else saved in between: nothing is written)."""
    if content.translation_of is not None:
        if content.translation_of == story_id:
            raise InvalidInput("a story cannot be a translation of itself", field="translation_of")
        _require(tx.conn, content.translation_of)
    where = [stories.c.id == story_id]
    if expected is not None:
        where.append(stories.c.revision == expected)
    stored = tx.conn.execute(
        stories.update().where(*where)
        .values(**_content_columns(content, now), revision=stories.c.revision + 1)
        .returning(stories.c.revision)
    ).scalar()
    return None if stored is None else int(stored)


def apply(
    tx: Tx, transition: Transition, now: datetime, *, previous_version: int, by: str | None = None
) -> FlowEntry | None:
    """Store a transition: the version (if new, with who made it), the story's status, the flow entry."""
    v = transition.version
    writes: list[flow_log.Write] = []
    if v.version > previous_version:
        writes.append((_INSERT_VERSION, _version_values(v, by)))
    writes.append((_APPLY_STORY, {"u_id": v.story_id, **_transition_values("u", transition, now)}))
    return _write(tx, transition, writes, now)


def _write(tx: Tx, transition: Transition, writes: list[flow_log.Write], now: datetime) -> FlowEntry | None:
    """The writes and the flow entry: one statement on PostgreSQL, in order on SQLite."""
    if transition.action is None:  # held by an embargo: announced on release
        flow_log.write_together(tx, writes)
        return None
    return flow_log.append(tx, transition.version, transition.action, now, along=writes)


def current_version(conn: Connection, story_id: int) -> int:
    version = conn.execute(sa.select(stories.c.current_version).where(stories.c.id == story_id)).scalar()
    if not version:
        raise NotFound(f"story {story_id} has no published version", field="id")
    return int(version)


def get_version(conn: Connection, story_id: int, version: int | None = None) -> StoryVersion:
    if version is None:
        version = conn.execute(
            sa.select(stories.c.current_version).where(stories.c.id == story_id)
        ).scalar()
        if not version:
            raise NotFound(f"story {story_id} has no published version", field="id")
    data = conn.execute(
        sa.select(story_versions.c.data).where(
            story_versions.c.story_id == story_id, story_versions.c.version == version
        )
    ).scalar()
    if data is None:
        raise NotFound(f"story {story_id} has no version {version}", field="version")
    return version_from_dict(json.loads(data))


def get_versions(conn: Connection, keys: list[tuple[int, int]]) -> dict[tuple[int, int], StoryVersion]:
    """The versions named by (story id, version) pairs, read in one query (the search
    index's follower reads a batch of flow entries' versions this way)."""
    found: dict[tuple[int, int], StoryVersion] = {}
    wanted = list(dict.fromkeys(keys))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows = conn.execute(
            sa.select(story_versions.c.story_id, story_versions.c.version, story_versions.c.data).where(
                sa.tuple_(story_versions.c.story_id, story_versions.c.version).in_(chunk)
            )
        )
        for row in rows:
            found[(int(row.story_id), int(row.version))] = version_from_dict(json.loads(row.data))
    missing = [key for key in wanted if key not in found]
    if missing:
        raise NotFound(f"story {missing[0][0]} has no version {missing[0][1]}", field="version")
    return found


_f = flow_log_table.c
_VERSIONS_AFTER = (
    sa.select(_f.seq, _f.story_id, _f.version, story_versions.c.data)
    .select_from(flow_log_table.outerjoin(
        story_versions, sa.and_(story_versions.c.story_id == _f.story_id, story_versions.c.version == _f.version)
    ))
    .where(_f.seq > sa.bindparam("after", type_=_f.seq.type))
    .order_by(_f.seq)
    .limit(sa.bindparam("limit", type_=sa.Integer))
)


def versions_after(conn: Connection, after: int, limit: int) -> list[tuple[int, StoryVersion]]:
    """The flow entries after ``after`` (at most ``limit``, in order) with the version
    each one published: one query on the driver's cursor (the search index's follower
    reads a batch this way)."""
    out: list[tuple[int, StoryVersion]] = []
    for seq, story_id, version, data in driver.run_all(conn, _VERSIONS_AFTER, {"after": after, "limit": limit}):
        if data is None:
            raise NotFound(f"story {story_id} has no version {version}", field="version")
        out.append((int(seq), version_from_dict(json.loads(data))))
    return out


def history(conn: Connection, story_id: int) -> list[tuple[StoryVersion, str | None]]:
    """Every published version, oldest first, with who published it."""
    _require(conn, story_id)
    rows = conn.execute(
        sa.select(story_versions.c.data, story_versions.c.created_by)
        .where(story_versions.c.story_id == story_id)
        .order_by(story_versions.c.version)
    )
    return [(version_from_dict(json.loads(r.data)), r.created_by) for r in rows]


def list_versions(conn: Connection, story_id: int) -> list[StoryVersion]:
    _require(conn, story_id)
    rows = conn.execute(
        sa.select(story_versions.c.data)
        .where(story_versions.c.story_id == story_id)
        .order_by(story_versions.c.version)
    ).scalars()
    return [version_from_dict(json.loads(d)) for d in rows]


def id_for_uri(conn: Connection, uri: str) -> int:
    story_id = conn.execute(
        sa.select(stories.c.id).where(sa.or_(stories.c.uri == uri, stories.c.source_uri == uri))
    ).scalar()
    if story_id is None:
        raise NotFound(f"no story {uri}", field="uri")
    return int(story_id)


def row(conn: Connection, story_id: int) -> Row:
    return _require(conn, story_id)


def due_embargoes(conn: Connection, now: datetime) -> list[int]:
    return list(
        conn.execute(
            sa.select(stories.c.id)
            .where(stories.c.status == StoryStatus.EMBARGOED.value, stories.c.embargo_until <= now)
            .order_by(stories.c.embargo_until, stories.c.id)
        ).scalars()
    )


def next_embargo(conn: Connection) -> datetime | None:
    return conn.execute(
        sa.select(sa.func.min(stories.c.embargo_until)).where(
            stories.c.status == StoryStatus.EMBARGOED.value
        )
    ).scalar()


def list_rows(
    conn: Connection, *, status: str | None = None, limit: int = 50, offset: int = 0
) -> list[Row]:
    query = sa.select(stories)
    if status:
        query = query.where(stories.c.status == status)
    return list(conn.execute(query.order_by(stories.c.updated_at.desc(), stories.c.id.desc()).limit(limit).offset(offset)))


def translation_group(conn: Connection, story_id: int) -> list[Row]:
    """The story, the one it translates, and every other translation of that one."""
    base = _require(conn, story_id)
    root = base.translation_of or base.id
    return list(
        conn.execute(
            sa.select(stories).where(sa.or_(stories.c.id == root, stories.c.translation_of == root))
            .order_by(stories.c.id)
        )
    )


def find_by_headline(conn: Connection, words: str, *, limit: int = 10, exclude: int | None = None) -> list[Row]:
    """Stories whose headline contains ``words`` (case-insensitive), newest change first.

    For linking a translation to its original: a few stories, looked up as the editor
    types, so a ``LIKE`` over the headline column is enough (no search index needed,
    drafts included).
    """
    pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    match: sa.ColumnElement[bool] = stories.c.headline.ilike(pattern, escape="\\")
    number = words.strip().lstrip("#")
    if number.isdigit():  # "#12" or "12": that story too
        match = sa.or_(match, stories.c.id == int(number))
    query = sa.select(stories.c.id, stories.c.headline, stories.c.language, stories.c.status).where(match)
    if exclude is not None:
        query = query.where(stories.c.id != exclude)
    return list(conn.execute(query.order_by(stories.c.updated_at.desc(), stories.c.id.desc()).limit(limit)))
