"""A subscriber user's saved filters ("my topics"), kept in the ``saved_filters`` table.

A saved filter is a name, the wire's view filters (category, priority, language,
type, Media Topic) and whether a matching new story raises an alert on the open wire
page. They belong to a *user*, never to another: every read and delete is scoped by
``user_id`` (someone else's id answers 404).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from newsflow.core.clock import Clock, utcnow
from newsflow.errors import InvalidInput, NotFound
from newsflow.store.database import Database, inserted_id
from newsflow.store.tables import saved_filters

FIELDS = ("category", "priority", "language", "type", "topic")
MAX_PER_USER = 50


@dataclass(frozen=True, slots=True)
class SavedFilter:
    id: int
    name: str
    filters: dict[str, str]
    alert: bool

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "filters": self.filters, "alert": self.alert}


def clean(values: dict[str, Any]) -> dict[str, str]:
    """Only the known fields, trimmed, non-empty, short."""
    out: dict[str, str] = {}
    for key in FIELDS:
        value = values.get(key)
        if isinstance(value, str) and value.strip():
            if len(value) > 100:
                raise InvalidInput(f"{key} is too long", field=key)
            out[key] = value.strip()
    return out


def _row(r: Any) -> SavedFilter:
    try:
        filters = json.loads(r.filters)
    except ValueError:
        filters = {}
    return SavedFilter(int(r.id), r.name, clean(filters if isinstance(filters, dict) else {}), bool(r.alert))


class SavedTopics:
    """The saved-filter use cases, each scoped by the user."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self.db = db
        self.clock = clock

    def for_user(self, user_id: int) -> list[SavedFilter]:
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(saved_filters).where(saved_filters.c.user_id == user_id).order_by(saved_filters.c.id)
            )
            return [_row(r) for r in rows]


    def create(self, user_id: int, name: str, filters: dict[str, Any], alert: bool) -> int:
        name = name.strip()
        if not name or len(name) > 100:
            raise InvalidInput("a topic needs a name of 1-100 characters", field="name")
        values = clean(filters)
        if not values:
            raise InvalidInput("choose at least one filter", field="filters")
        with self.db.write() as tx:
            count = tx.conn.execute(
                sa.select(sa.func.count()).select_from(saved_filters).where(saved_filters.c.user_id == user_id)
            ).scalar_one()
            if count >= MAX_PER_USER:
                raise InvalidInput(f"at most {MAX_PER_USER} saved topics", field="name")
            result = tx.conn.execute(
                saved_filters.insert().values(
                    user_id=user_id, name=name, filters=json.dumps(values, ensure_ascii=False), alert=alert, created_at=self.clock()
                )
            )
            return inserted_id(result)


    def delete(self, user_id: int, filter_id: int) -> None:
        with self.db.write() as tx:
            done = tx.conn.execute(
                saved_filters.delete().where(saved_filters.c.id == filter_id, saved_filters.c.user_id == user_id)
            ).rowcount
        if not done:
            raise NotFound(f"no saved topic {filter_id}")
