"""Aggregates for the admin's statistics: downloads and deliveries counted per day.

``date(at)`` is the one day-bucketing expression SQLite and PostgreSQL share; times are
stored as naive UTC, so the days are UTC days. SQLite answers a string, PostgreSQL a
``date``; both come back as ``YYYY-MM-DD`` strings.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsflow.store.tables import downloads, flow_log, subscribers


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def downloads_per_day(conn: Connection, start: datetime, end: datetime, subscriber_id: int | None = None) -> dict[str, int]:
    day = sa.func.date(downloads.c.at).label("day")
    query = (
        sa.select(day, sa.func.count().label("n"))
        .where(downloads.c.at >= start, downloads.c.at < end)
        .group_by(day)
    )
    if subscriber_id is not None:
        query = query.where(downloads.c.subscriber_id == subscriber_id)
    return {_day(r.day): int(r.n) for r in conn.execute(query)}


def downloads_per_subscriber(conn: Connection, start: datetime, end: datetime) -> list[tuple[int, str, int]]:
    count = sa.func.count(downloads.c.id)
    rows = conn.execute(
        sa.select(subscribers.c.id, subscribers.c.name, count.label("n"))
        .select_from(subscribers.join(downloads, downloads.c.subscriber_id == subscribers.c.id))
        .where(downloads.c.at >= start, downloads.c.at < end)
        .group_by(subscribers.c.id, subscribers.c.name)
        .order_by(count.desc(), subscribers.c.id)
    )
    return [(int(r.id), str(r.name), int(r.n)) for r in rows]


def downloads_per_format(conn: Connection, start: datetime, end: datetime) -> dict[str, int]:
    rows = conn.execute(
        sa.select(downloads.c.format, sa.func.count().label("n"))
        .where(downloads.c.at >= start, downloads.c.at < end)
        .group_by(downloads.c.format)
    )
    return {str(r.format): int(r.n) for r in rows}


def flow_entries_per_day(conn: Connection, start: datetime, end: datetime) -> dict[str, int]:
    day = sa.func.date(flow_log.c.created).label("day")
    rows = conn.execute(
        sa.select(day, sa.func.count().label("n"))
        .where(flow_log.c.created >= start, flow_log.c.created < end)
        .group_by(day)
    )
    return {_day(r.day): int(r.n) for r in rows}
