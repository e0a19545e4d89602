"""Uploaded photos: one row per upload, its renditions kept as JSON beside the caption."""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from newsflow.core.codec import association_from_dict, association_to_dict
from newsflow.core.story import Association
from newsflow.errors import NotFound
from newsflow.store.tables import media


def insert(conn: Connection, association: Association, now: datetime) -> int:
    renditions = association_to_dict(association)["renditions"]
    return int(
        conn.execute(
            media.insert().values(
                uri=association.uri,
                caption=association.caption or None,
                byline=association.byline or None,
                renditions=json.dumps(renditions, ensure_ascii=False),
                created_at=now,
            )
        ).inserted_primary_key[0]
    )


def _association(row: Row) -> Association:
    return association_from_dict(
        {
            "uri": row.uri,
            "type": "picture",
            "caption": row.caption or "",
            "byline": row.byline or "",
            "renditions": json.loads(row.renditions or "[]"),
        }
    )


def by_uri(conn: Connection, uri: str) -> Association:
    row = conn.execute(sa.select(media).where(media.c.uri == uri)).first()
    if row is None:
        raise NotFound(f"no photo {uri}", field="uri")
    return _association(row)


def update_caption(conn: Connection, uri: str, caption: str | None, byline: str | None) -> None:
    result = conn.execute(media.update().where(media.c.uri == uri).values(caption=caption, byline=byline))
    if result.rowcount == 0:
        raise NotFound(f"no photo {uri}", field="uri")


def recent(conn: Connection, limit: int = 50) -> list[Association]:
    rows = conn.execute(sa.select(media).order_by(media.c.id.desc()).limit(limit)).all()
    return [_association(r) for r in rows]
