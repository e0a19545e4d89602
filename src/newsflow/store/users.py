"""People who log in: admins, editors and subscriber users."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from newsflow.errors import Conflict, NotFound
from newsflow.store.database import inserted_id
from newsflow.store.tables import users


def insert(conn: Connection, values: dict[str, Any], now: datetime) -> int:
    if conn.execute(sa.select(users.c.id).where(users.c.username == values["username"])).first():
        raise Conflict(f"user {values['username']!r} exists", field="username")
    return inserted_id(conn.execute(users.insert().values(created_at=now, **values)))


def by_username(conn: Connection, username: str) -> Row | None:
    return conn.execute(sa.select(users).where(users.c.username == username)).first()


def by_token_hash(conn: Connection, token_hash: str) -> Row | None:
    return conn.execute(
        sa.select(users).where(users.c.token_hash == token_hash, users.c.active.is_(True))
    ).first()


def get(conn: Connection, user_id: int) -> Row:
    row = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"no user {user_id}", field="id")
    return row


def update(conn: Connection, user_id: int, values: dict[str, Any]) -> None:
    conn.execute(users.update().where(users.c.id == user_id).values(**values))


def record_failure(conn: Connection, user_id: int, *, lock_after: int, until: datetime) -> None:
    """Count a failed login in one statement (so failures on several nodes all count);
    the ``lock_after``-th locks the user until ``until`` and starts the count again."""
    failures = users.c.failed_logins + 1
    reached = failures >= lock_after
    conn.execute(users.update().where(users.c.id == user_id).values(
        failed_logins=sa.case((reached, 0), else_=failures),
        locked_until=sa.case((reached, until), else_=users.c.locked_until),
    ))


def end_logins(conn: Connection, user_id: int, values: dict[str, Any] | None = None) -> None:
    """Move the user's session epoch (with ``values``): every session, stream token and
    cached login issued before now stops being accepted, on every node."""
    conn.execute(users.update().where(users.c.id == user_id).values(
        session_epoch=users.c.session_epoch + 1, **(values or {})
    ))


def list_by_role(conn: Connection, *roles: str) -> list[Row]:
    return list(conn.execute(sa.select(users).where(users.c.role.in_(roles)).order_by(users.c.id)))


def for_subscriber(conn: Connection, subscriber_id: int) -> list[Row]:
    return list(conn.execute(sa.select(users).where(users.c.subscriber_id == subscriber_id).order_by(users.c.id)))
