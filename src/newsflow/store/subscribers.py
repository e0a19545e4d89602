"""Subscribers, packages, API keys, downloads."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from newsflow.core.entitlements import Entitlement
from newsflow.core.language import primary_language
from newsflow.errors import NotFound
from newsflow.store.database import inserted_id
from newsflow.store.tables import api_keys, downloads, packages, subscribers

LIST_FIELDS = ("categories", "languages", "types", "priorities", "packages", "ip_ranges", "renditions")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def insert(conn: Connection, values: dict[str, Any], now: datetime) -> int:
    row = {k: (_dumps(v) if k in LIST_FIELDS else v) for k, v in values.items()}
    return int(
        inserted_id(conn.execute(subscribers.insert().values(created_at=now, updated_at=now, **row)))
    )


def update(conn: Connection, subscriber_id: int, values: dict[str, Any], now: datetime) -> None:
    get(conn, subscriber_id)
    row = {k: (_dumps(v) if k in LIST_FIELDS else v) for k, v in values.items()}
    conn.execute(subscribers.update().where(subscribers.c.id == subscriber_id).values(updated_at=now, **row))


def get(conn: Connection, subscriber_id: int) -> Row:
    row = conn.execute(
        sa.select(subscribers).where(subscribers.c.id == subscriber_id, subscribers.c.deleted.is_(False))
    ).first()
    if row is None:
        raise NotFound(f"no subscriber {subscriber_id}", field="id")
    return row


def list_all(conn: Connection) -> list[Row]:
    return list(conn.execute(sa.select(subscribers).where(subscribers.c.deleted.is_(False)).order_by(subscribers.c.id)))


def as_dict(row: Row) -> dict[str, Any]:
    out = {c: getattr(row, c) for c in row._fields}
    for name in LIST_FIELDS:
        out[name] = json.loads(out[name] or "[]")
    for name in ("created_at", "updated_at", "expires_at"):
        out[name] = out[name].isoformat() if out.get(name) else None
    out.pop("deleted", None)
    return out


def package_rows(conn: Connection, names: list[str]) -> list[Row]:
    if not names:
        return []
    return list(conn.execute(sa.select(packages).where(packages.c.name.in_(names))))


def entitlement(conn: Connection, subscriber_id: int) -> Entitlement:
    """The effective rights: the subscriber's own lists united with its packages'.

    An empty list on the subscriber and no package means "everything" for that
    dimension; a package restricts only the dimensions it names.
    """
    row = get(conn, subscriber_id)
    sets: dict[str, set[str]] = {}
    for name in ("categories", "languages", "types", "priorities"):
        sets[name] = set(json.loads(getattr(row, name) or "[]"))
    for pkg in package_rows(conn, json.loads(row.packages or "[]")):
        for name in sets:
            sets[name] |= set(json.loads(getattr(pkg, name) or "[]"))
    return Entitlement(
        subscriber_id=row.id,
        active=bool(row.active),
        categories=frozenset(sets["categories"]),
        languages=frozenset(primary_language(x) for x in sets["languages"]),
        types=frozenset(sets["types"]),
        priorities=frozenset(sets["priorities"]),
        archive_days=row.archive_days,
        download_limit=row.download_limit,
        expires_at=row.expires_at,
        ip_ranges=tuple(json.loads(row.ip_ranges or "[]")),
        renditions=frozenset(json.loads(row.renditions or "[]")),
    )


def insert_key(conn: Connection, subscriber_id: int, prefix: str, key_hash: str, label: str | None, now: datetime) -> int:
    return int(
        inserted_id(conn.execute(
            api_keys.insert().values(
                subscriber_id=subscriber_id, prefix=prefix, key_hash=key_hash, label=label, created_at=now
            )
        ))
    )


def key_owner(conn: Connection, key_hash: str) -> int | None:
    row = conn.execute(
        sa.select(api_keys.c.subscriber_id)
        .join(subscribers, subscribers.c.id == api_keys.c.subscriber_id)
        .where(api_keys.c.key_hash == key_hash, api_keys.c.revoked_at.is_(None), subscribers.c.deleted.is_(False))
    ).first()
    return int(row.subscriber_id) if row else None


def list_keys(conn: Connection, subscriber_id: int) -> list[Row]:
    return list(conn.execute(sa.select(api_keys).where(api_keys.c.subscriber_id == subscriber_id).order_by(api_keys.c.id)))


def revoke_key(conn: Connection, subscriber_id: int, key_id: int, now: datetime) -> None:
    result = conn.execute(
        api_keys.update()
        .where(api_keys.c.id == key_id, api_keys.c.subscriber_id == subscriber_id, api_keys.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if result.rowcount == 0:
        raise NotFound(f"no active key {key_id}", field="key_id")


def revoke_all_keys(conn: Connection, subscriber_id: int, now: datetime) -> None:
    conn.execute(
        api_keys.update()
        .where(api_keys.c.subscriber_id == subscriber_id, api_keys.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def record_download(conn: Connection, subscriber_id: int, story_id: int, version: int, fmt: str, now: datetime) -> None:
    conn.execute(
        downloads.insert().values(subscriber_id=subscriber_id, story_id=story_id, version=version, format=fmt, at=now)
    )


def downloads_since(conn: Connection, subscriber_id: int, since: datetime) -> int:
    return int(
        conn.execute(
            sa.select(sa.func.count()).select_from(downloads).where(
                downloads.c.subscriber_id == subscriber_id, downloads.c.at >= since
            )
        ).scalar_one()
    )


def usage_totals(conn: Connection, start: datetime, end: datetime) -> list[Row]:
    return list(
        conn.execute(
            sa.select(subscribers.c.id, subscribers.c.name, sa.func.count(downloads.c.id).label("downloads"))
            .select_from(subscribers.outerjoin(downloads, sa.and_(
                downloads.c.subscriber_id == subscribers.c.id, downloads.c.at >= start, downloads.c.at < end
            )))
            .group_by(subscribers.c.id, subscribers.c.name)
            .order_by(subscribers.c.id)
        )
    )


def upsert_package(conn: Connection, name: str, values: dict[str, list[str]]) -> None:
    row = {k: _dumps(v) for k, v in values.items()}
    existing = conn.execute(sa.select(packages.c.id).where(packages.c.name == name)).scalar()
    if existing is None:
        conn.execute(packages.insert().values(name=name, **row))
    else:
        conn.execute(packages.update().where(packages.c.id == existing).values(**row))


def list_packages(conn: Connection) -> list[Row]:
    return list(conn.execute(sa.select(packages).order_by(packages.c.name)))
