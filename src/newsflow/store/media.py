"""Media items: one row per upload; renditions and the rest of the metadata kept as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from newsflow.core.codec import rendition_to_dict
from newsflow.core.media import MediaItem, MediaMetadata, MediaStatus
from newsflow.core.story import ContentType, Rendition
from newsflow.errors import NotFound
from newsflow.store.tables import media


def _values(item: MediaItem) -> dict[str, Any]:
    m = item.metadata
    details = {
        "credit": m.credit, "copyright": m.copyright, "language": m.language,
        "taken": m.taken.isoformat() if m.taken else None, "file": dict(item.details),
        "progress": item.progress,
    }
    return {
        "uri": item.uri,
        "type": item.type.value,
        "status": item.status.value,
        "error": item.error,
        "caption": m.caption or None,
        "byline": m.byline or None,
        "renditions": json.dumps([rendition_to_dict(r) for r in item.renditions], ensure_ascii=False),
        "details": json.dumps(details, ensure_ascii=False),
    }


def insert(conn: Connection, item: MediaItem) -> None:
    conn.execute(media.insert().values(**_values(item), created_at=item.created))


def save(conn: Connection, item: MediaItem) -> None:
    """Store a changed item (its state after a background job, its renditions)."""
    result = conn.execute(media.update().where(media.c.uri == item.uri).values(**_values(item)))
    if result.rowcount == 0:
        raise NotFound(f"no media item {item.id}", field="media_id")


def set_progress(conn: Connection, uri: str, percent: int) -> None:
    """How far the background job on a processing item is (0-100)."""
    row = conn.execute(sa.select(media.c.details).where(media.c.uri == uri)).first()
    if row is None:
        raise NotFound("no such media item", field="media_id")
    details = json.loads(row.details or "{}")
    details["progress"] = percent
    conn.execute(
        media.update()
        .where(media.c.uri == uri, media.c.status == MediaStatus.PROCESSING.value)
        .values(details=json.dumps(details, ensure_ascii=False))
    )


def _item(row: Row) -> MediaItem:
    details = json.loads(row.details or "{}")
    taken = details.get("taken")
    return MediaItem(
        id=row.uri.rsplit(":", 1)[-1],
        uri=row.uri,
        type=ContentType(row.type or "picture"),
        status=MediaStatus(row.status or "ready"),
        error=row.error,
        metadata=MediaMetadata(
            caption=row.caption or "", byline=row.byline or "", credit=details.get("credit") or "",
            copyright=details.get("copyright") or "", language=details.get("language") or "",
            taken=datetime.fromisoformat(taken) if taken else None,
        ),
        renditions=tuple(Rendition(**r) for r in json.loads(row.renditions or "[]")),
        created=row.created_at,
        details=tuple((details.get("file") or {}).items()),
        progress=int(details.get("progress") or 0),
    )


def by_uri(conn: Connection, uri: str) -> MediaItem:
    row = conn.execute(sa.select(media).where(media.c.uri == uri)).first()
    if row is None:
        raise NotFound("no such media item", field="media_id")
    return _item(row)


def by_uris(conn: Connection, uris: Iterable[str]) -> dict[str, MediaItem]:
    wanted = list(dict.fromkeys(uris))
    if not wanted:
        return {}
    rows = conn.execute(sa.select(media).where(media.c.uri.in_(wanted))).all()
    return {r.uri: _item(r) for r in rows}


def recent(conn: Connection, limit: int = 50, *, type: ContentType | None = None) -> list[MediaItem]:
    query = sa.select(media).order_by(media.c.id.desc()).limit(limit)
    if type is not None:
        query = query.where(media.c.type == type.value)
    return [_item(r) for r in conn.execute(query).all()]


def processing(conn: Connection) -> list[MediaItem]:
    rows = conn.execute(sa.select(media).where(media.c.status == MediaStatus.PROCESSING.value)).all()
    return [_item(r) for r in rows]
