"""Subscription requests ("leads") from the public site, kept for the sales desk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsflow.store.database import Tx, inserted_id
from newsflow.store.tables import leads

STATUSES = ("new", "converting", "converted")  # a lead's life, in order


@dataclass(frozen=True, slots=True)
class Lead:
    organisation: str
    contact_name: str
    email: str
    country: str | None
    languages: tuple[str, ...]
    categories: tuple[str, ...]
    message: str | None
    ui_language: str


def add(tx: Tx, lead: Lead, now: datetime) -> int:
    lead_id = inserted_id(tx.conn.execute(
        leads.insert().values(
            organisation=lead.organisation,
            contact_name=lead.contact_name,
            email=lead.email,
            country=lead.country,
            languages=json.dumps(list(lead.languages)),
            categories=json.dumps(list(lead.categories)),
            message=lead.message,
            ui_language=lead.ui_language,
            status="new",
            created_at=now,
        )
    ))
    return int(lead_id)


def list_all(conn: Connection, *, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    query = sa.select(leads)
    if status:
        query = query.where(leads.c.status == status)
    rows = conn.execute(query.order_by(leads.c.id.desc()).limit(limit)).all()
    return [
        {
            "id": r.id,
            "organisation": r.organisation,
            "contact_name": r.contact_name,
            "email": r.email,
            "country": r.country,
            "languages": json.loads(r.languages or "[]"),
            "categories": json.loads(r.categories or "[]"),
            "message": r.message,
            "ui_language": r.ui_language,
            "status": r.status,
            "created_at": r.created_at.isoformat(),
        }
        for r in rows
    ]
