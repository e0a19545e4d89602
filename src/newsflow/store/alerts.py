"""E-mail alert rows: the topics that want e-mail, the outbox, and the flow cursor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from newsflow.store.tables import alert_cursor, alert_outbox, saved_filters, users


def cursor(conn: Connection) -> int:
    seq = conn.execute(sa.select(alert_cursor.c.seq).where(alert_cursor.c.id == 1)).scalar()
    return int(seq or 0)


def advance(conn: Connection, old: int, new: int) -> bool:
    """Move the cursor from ``old`` to ``new``; False if someone else moved it first."""
    done = conn.execute(
        alert_cursor.update().where(alert_cursor.c.id == 1, alert_cursor.c.seq == old).values(seq=new)
    ).rowcount
    return bool(done)


def email_topics(conn: Connection) -> list[Row]:
    """Every saved topic with an e-mail address, of an active subscriber user."""
    return list(conn.execute(
        sa.select(
            saved_filters.c.id, saved_filters.c.user_id, saved_filters.c.name, saved_filters.c.filters,
            saved_filters.c.email, users.c.subscriber_id, users.c.ui_language,
        )
        .join(users, users.c.id == saved_filters.c.user_id)
        .where(saved_filters.c.email.is_not(None), users.c.active.is_(True), users.c.subscriber_id.is_not(None))
        .order_by(saved_filters.c.id)
    ))


def set_email(conn: Connection, user_id: int, filter_id: int, email: str | None) -> bool:
    done = conn.execute(
        saved_filters.update()
        .where(saved_filters.c.id == filter_id, saved_filters.c.user_id == user_id)
        .values(email=email)
    ).rowcount
    return bool(done)


def clear_email(conn: Connection, filter_id: int, email: str) -> bool:
    """Stop e-mail for a topic, if it still goes to ``email`` (the unsubscribe link's address)."""
    done = conn.execute(
        saved_filters.update()
        .where(saved_filters.c.id == filter_id, saved_filters.c.email == email)
        .values(email=None)
    ).rowcount
    return bool(done)


def emails_of(conn: Connection, user_id: int) -> dict[int, str]:
    rows = conn.execute(
        sa.select(saved_filters.c.id, saved_filters.c.email)
        .where(saved_filters.c.user_id == user_id, saved_filters.c.email.is_not(None))
    )
    return {int(r.id): str(r.email) for r in rows}


def enqueue(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(alert_outbox.insert(), list(rows))


def sent_since(conn: Connection, user_id: int, since: datetime) -> int:
    """E-mails sent to a user since ``since``: each immediate row is one, a digest is one."""
    sent = sa.and_(alert_outbox.c.user_id == user_id, alert_outbox.c.status == "sent", alert_outbox.c.sent_at >= since)
    immediate = conn.execute(
        sa.select(sa.func.count()).select_from(alert_outbox).where(sent, alert_outbox.c.kind == "immediate")
    ).scalar_one()
    digests = conn.execute(
        sa.select(sa.func.count(sa.distinct(alert_outbox.c.sent_at))).where(sent, alert_outbox.c.kind == "digest")
    ).scalar_one()
    return int(immediate) + int(digests)


def due_immediate(conn: Connection, now: datetime, limit: int = 100) -> list[Row]:
    return list(conn.execute(
        sa.select(alert_outbox)
        .where(alert_outbox.c.status == "pending", alert_outbox.c.kind == "immediate",
               alert_outbox.c.next_attempt_at <= now)
        .order_by(alert_outbox.c.id).limit(limit)
    ))


def pending_digest(conn: Connection) -> list[Row]:
    return list(conn.execute(
        sa.select(alert_outbox)
        .where(alert_outbox.c.status == "pending", alert_outbox.c.kind == "digest")
        .order_by(alert_outbox.c.user_id, alert_outbox.c.id)
    ))


def next_attempt(conn: Connection) -> datetime | None:
    return conn.execute(
        sa.select(sa.func.min(alert_outbox.c.next_attempt_at)).where(alert_outbox.c.status == "pending")
    ).scalar()


def oldest_digest(conn: Connection) -> datetime | None:
    return conn.execute(
        sa.select(sa.func.min(alert_outbox.c.created_at))
        .where(alert_outbox.c.status == "pending", alert_outbox.c.kind == "digest")
    ).scalar()


def mark_sent(conn: Connection, ids: Iterable[int], now: datetime) -> None:
    conn.execute(alert_outbox.update().where(alert_outbox.c.id.in_(list(ids))).values(status="sent", sent_at=now))


def mark_failed(conn: Connection, ids: Iterable[int], error: str, retry_at: datetime) -> None:
    conn.execute(
        alert_outbox.update().where(alert_outbox.c.id.in_(list(ids)))
        .values(attempts=alert_outbox.c.attempts + 1, last_error=error[:500], next_attempt_at=retry_at)
    )


def to_digest(conn: Connection, ids: Iterable[int]) -> None:
    """Over the per-user limit: these wait for the user's next digest instead."""
    conn.execute(alert_outbox.update().where(alert_outbox.c.id.in_(list(ids))).values(kind="digest"))


def counts(conn: Connection) -> dict[tuple[str, str], int]:
    rows = conn.execute(
        sa.select(alert_outbox.c.kind, alert_outbox.c.status, sa.func.count())
        .group_by(alert_outbox.c.kind, alert_outbox.c.status)
    )
    return {(r[0], r[1]): int(r[2]) for r in rows}
