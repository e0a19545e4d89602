"""Queries on ``webhooks``, ``webhook_attempts`` and ``webhook_dead_letters``.

The endpoint row carries the durable cursor (last flow seq handled), so a restart
resumes exactly where delivery stopped; attempts and dead letters are append-mostly logs.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from newsflow.errors import NotFound
from newsflow.store.database import inserted_id
from newsflow.store.tables import webhook_attempts, webhook_dead_letters, webhooks


def insert(conn: Connection, values: dict[str, Any], now: datetime) -> int:
    row = {**values, "filters": json.dumps(values.get("filters", {}), sort_keys=True), "created_at": now}
    return inserted_id(conn.execute(webhooks.insert().values(**row)))


def get(conn: Connection, webhook_id: int) -> Row:
    row = conn.execute(sa.select(webhooks).where(webhooks.c.id == webhook_id)).first()
    if row is None:
        raise NotFound(f"no webhook {webhook_id}")
    return row


def for_subscriber(conn: Connection, subscriber_id: int) -> list[Row]:
    query = sa.select(webhooks).where(webhooks.c.subscriber_id == subscriber_id).order_by(webhooks.c.id)
    return list(conn.execute(query).all())


def list_all(conn: Connection, *, active_only: bool = False) -> list[Row]:
    query = sa.select(webhooks).order_by(webhooks.c.id)
    if active_only:
        query = query.where(webhooks.c.active.is_(True))
    return list(conn.execute(query).all())


def filters(row: Row) -> dict[str, list[str]]:
    return dict(json.loads(row.filters or "{}"))


def delete(conn: Connection, webhook_id: int) -> None:
    """Remove an endpoint with its attempt log and dead letters."""
    conn.execute(webhook_attempts.delete().where(webhook_attempts.c.webhook_id == webhook_id))
    conn.execute(webhook_dead_letters.delete().where(webhook_dead_letters.c.webhook_id == webhook_id))
    conn.execute(webhooks.delete().where(webhooks.c.id == webhook_id))


def advance(conn: Connection, webhook_id: int, seq: int) -> None:
    """Move the cursor forward to ``seq`` (never backwards)."""
    conn.execute(
        webhooks.update().where(webhooks.c.id == webhook_id, webhooks.c.cursor < seq).values(cursor=seq)
    )


def set_active(conn: Connection, webhook_id: int, active: bool) -> None:
    conn.execute(webhooks.update().where(webhooks.c.id == webhook_id).values(active=active))


def record_attempt(
    conn: Connection, webhook_id: int, seq: int, attempt: int, status: int | None, error: str | None, at: datetime
) -> None:
    conn.execute(
        webhook_attempts.insert().values(
            webhook_id=webhook_id, seq=seq, attempt=attempt, status_code=status,
            error=(error or None) and error[:2000], at=at,
        )
    )


def attempt_state(conn: Connection, webhook_id: int, seq: int) -> tuple[int, datetime | None]:
    """How many attempts an entry had on this endpoint and when the first was made."""
    row = conn.execute(
        sa.select(sa.func.count(), sa.func.min(webhook_attempts.c.at)).where(
            webhook_attempts.c.webhook_id == webhook_id, webhook_attempts.c.seq == seq
        )
    ).one()
    first = row[1]
    if isinstance(first, str):  # defensive: a driver that hands back the raw text
        first = datetime.fromisoformat(first)
    if first is not None and first.tzinfo is None:
        first = first.replace(tzinfo=UTC)
    return int(row[0]), first


def attempts(conn: Connection, webhook_id: int, *, limit: int, before: int | None = None) -> list[Row]:
    query = sa.select(webhook_attempts).where(webhook_attempts.c.webhook_id == webhook_id)
    if before is not None:
        query = query.where(webhook_attempts.c.id < before)
    return list(conn.execute(query.order_by(webhook_attempts.c.id.desc()).limit(limit)).all())


def add_dead_letter(
    conn: Connection, webhook_id: int, seq: int, attempts_made: int, last_error: str | None, now: datetime
) -> int:
    result = conn.execute(
        webhook_dead_letters.insert().values(
            webhook_id=webhook_id, seq=seq, attempts=attempts_made,
            last_error=(last_error or None) and last_error[:2000], created_at=now,
        )
    )
    return inserted_id(result)


def dead_letters(conn: Connection, webhook_id: int) -> list[Row]:
    query = (
        sa.select(webhook_dead_letters)
        .where(webhook_dead_letters.c.webhook_id == webhook_id)
        .order_by(webhook_dead_letters.c.id)
    )
    return list(conn.execute(query).all())


def dead_letter(conn: Connection, webhook_id: int, dead_letter_id: int) -> Row:
    row = conn.execute(
        sa.select(webhook_dead_letters).where(
            webhook_dead_letters.c.id == dead_letter_id, webhook_dead_letters.c.webhook_id == webhook_id
        )
    ).first()
    if row is None:
        raise NotFound(f"no dead letter {dead_letter_id} on webhook {webhook_id}")
    return row


def mark_replayed(conn: Connection, dead_letter_id: int, now: datetime) -> None:
    conn.execute(
        webhook_dead_letters.update().where(webhook_dead_letters.c.id == dead_letter_id).values(replayed_at=now)
    )


def health(conn: Connection) -> dict[int, dict[str, Any]]:
    """Per endpoint: last attempt, failures since the last success, open dead letters."""
    out: dict[int, dict[str, Any]] = {}
    last_ok = (
        sa.select(webhook_attempts.c.webhook_id, sa.func.max(webhook_attempts.c.id).label("ok_id"))
        .where(webhook_attempts.c.status_code >= 200, webhook_attempts.c.status_code < 300)
        .group_by(webhook_attempts.c.webhook_id)
        .subquery()
    )
    last = (
        sa.select(webhook_attempts.c.webhook_id, sa.func.max(webhook_attempts.c.id).label("last_id"))
        .group_by(webhook_attempts.c.webhook_id)
        .subquery()
    )
    rows = conn.execute(
        sa.select(webhook_attempts).join(last, webhook_attempts.c.id == last.c.last_id)
    ).all()
    for r in rows:
        out.setdefault(r.webhook_id, {}).update(
            last_status=r.status_code, last_error=r.error, last_attempt_at=r.at.isoformat()
        )
    failing = conn.execute(
        sa.select(webhook_attempts.c.webhook_id, sa.func.count())
        .select_from(webhook_attempts.outerjoin(last_ok, webhook_attempts.c.webhook_id == last_ok.c.webhook_id))
        .where(
            sa.or_(last_ok.c.ok_id.is_(None), webhook_attempts.c.id > last_ok.c.ok_id),
            sa.or_(
                webhook_attempts.c.status_code.is_(None),
                webhook_attempts.c.status_code < 200,
                webhook_attempts.c.status_code >= 300,
            ),
        )
        .group_by(webhook_attempts.c.webhook_id)
    ).all()
    for webhook_id, count in failing:
        out.setdefault(webhook_id, {})["failures"] = int(count)
    open_letters = conn.execute(
        sa.select(webhook_dead_letters.c.webhook_id, sa.func.count())
        .where(webhook_dead_letters.c.replayed_at.is_(None))
        .group_by(webhook_dead_letters.c.webhook_id)
    ).all()
    for webhook_id, count in open_letters:
        out.setdefault(webhook_id, {})["dead_letters"] = int(count)
    return out


def totals(conn: Connection, latest: int) -> tuple[int, int]:
    """(entries the active endpoints have not passed, summed; dead letters not replayed),
    in one round trip, whatever the number of endpoints."""
    backlog = (
        sa.select(sa.func.coalesce(sa.func.sum(
            sa.case((webhooks.c.cursor < latest, latest - webhooks.c.cursor), else_=0)), 0))
        .where(webhooks.c.active.is_(True))
        .scalar_subquery()
    )
    dead = (
        sa.select(sa.func.count()).select_from(webhook_dead_letters)
        .where(webhook_dead_letters.c.replayed_at.is_(None))
        .scalar_subquery()
    )
    row = conn.execute(sa.select(backlog, dead)).one()
    return int(row[0]), int(row[1])
