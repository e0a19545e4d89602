"""Stories and their immutable versions."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

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
from newsflow.store import flow_log
from newsflow.store.database import Tx
from newsflow.store.tables import stories, story_versions

# Statements built once and executed with bound parameters: SQLAlchemy caches their
# compiled form, which matters on the publish path (see bench/bench_publish.py).
_INSERT_STORY = stories.insert()
_SET_URI = stories.update().where(stories.c.id == sa.bindparam("b_id")).values(uri=sa.bindparam("uri"))
_INSERT_VERSION = story_versions.insert()
_APPLY_STORY = stories.update().where(stories.c.id == sa.bindparam("b_id"))


def make_uri(agency: str, story_id: int, when: datetime) -> str:
    return f"urn:newsflow:{agency}:{when:%Y%m%d}:{story_id}"


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
    if content.translation_of is not None:
        _require(tx.conn, content.translation_of)
    draft = json.dumps(content_to_dict(content), ensure_ascii=False)
    story_id = tx.conn.execute(
        _INSERT_STORY,
        {
            "uri": f"pending:{uuid.uuid4()}",
            "source_uri": source_uri,
            "status": StoryStatus.DRAFT.value,
            "current_version": 0,
            "draft": draft,
            "created_by": created_by,
            "created_at": now,
            **_columns(content, now),
        },
    ).inserted_primary_key[0]
    uri = make_uri(agency, story_id, now)
    tx.conn.execute(_SET_URI, {"b_id": story_id, "uri": uri})
    return StoryState(int(story_id), uri, StoryStatus.DRAFT, content, None, agency)


def _columns(content: StoryContent, now: datetime) -> dict[str, object]:
    return {
        "language": content.language,
        "type": content.type.value,
        "priority": content.priority.value,
        "category": content.category,
        "public": content.public,
        "translation_of": content.translation_of,
        "headline": content.headline,
        "updated_at": now,
    }


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
    )


def save_draft(tx: Tx, story_id: int, content: StoryContent, now: datetime) -> None:
    if content.translation_of is not None:
        if content.translation_of == story_id:
            raise InvalidInput("a story cannot be a translation of itself", field="translation_of")
        _require(tx.conn, content.translation_of)
    tx.conn.execute(
        stories.update()
        .where(stories.c.id == story_id)
        .values(draft=json.dumps(content_to_dict(content), ensure_ascii=False), **_columns(content, now))
    )


def apply(tx: Tx, transition: Transition, now: datetime, *, previous_version: int) -> FlowEntry | None:
    """Store a transition: the version (if new), the story's status, the flow entry."""
    v = transition.version
    if v.version > previous_version:
        tx.conn.execute(
            _INSERT_VERSION,
            {
                "story_id": v.story_id,
                "version": v.version,
                "action": v.signal.value,
                "versioncreated": v.versioncreated,
                "data": json.dumps(version_to_dict(v), ensure_ascii=False),
            },
        )
    embargo = v.embargoed if transition.status is StoryStatus.EMBARGOED else None
    tx.conn.execute(
        _APPLY_STORY,
        {
            "b_id": v.story_id,
            "status": transition.status.value,
            "current_version": v.version,
            "embargo_until": embargo,
            "draft": json.dumps(content_to_dict(v.content), ensure_ascii=False),
            **_columns(v.content, now),
        },
    )
    if transition.action is None:
        return None
    return flow_log.append(tx, v, transition.action, now)


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
