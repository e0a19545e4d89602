"""Turning a subscription request (a lead from the public form) into a subscriber.

One step for the sales desk: the subscriber is created from the lead's organisation,
languages and categories (``Subscribers.create``, which also makes its first API key
and user and returns their secrets once), then the lead is marked ``converted`` and
linked to it. A lead converts once: a second attempt is a conflict, not a duplicate
subscriber. The two small queries on ``leads`` live here until ``store.leads`` grows
them; they touch only the status and the link.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from newsflow.core.clock import Clock, utcnow
from newsflow.core.editing import DEFAULT_CATEGORIES
from newsflow.errors import Conflict, InvalidInput, NotFound
from newsflow.services.subscribers import Subscribers
from newsflow.store import leads as lead_store
from newsflow.store.database import Database
from newsflow.store.leads import STATUSES
from newsflow.store.leads import Lead as Lead  # re-exported for the public form
from newsflow.store.tables import leads


class Leads:
    def __init__(self, db: Database, subscribers: Subscribers, *, clock: Clock = utcnow) -> None:
        self.db = db
        self.subscribers = subscribers
        self.clock = clock

    def add(self, lead: Lead) -> None:
        """Store a subscription request from the public form."""
        with self.db.write() as tx:
            lead_store.add(tx, lead, self.clock())

    def list(self, status: str | None = None) -> list[dict[str, Any]]:
        if status is not None and status not in STATUSES:
            raise InvalidInput(f"unknown status {status!r}; valid: {', '.join(STATUSES)}", field="status")
        with self.db.read() as conn:
            return lead_store.list_all(conn, status=status)

    def proposal(self, lead_id: int) -> dict[str, Any]:
        """The subscription a lead asked for, as ``Subscribers.create`` takes it (the form's start)."""
        row = self._row(lead_id)
        known = set(self.subscribers.settings.categories or DEFAULT_CATEGORIES)
        return {
            "name": row.organisation,
            "languages": json.loads(row.languages or "[]"),
            # a category the agency no longer offers should not block the conversion
            "categories": [c for c in json.loads(row.categories or "[]") if c in known],
        }

    def _row(self, lead_id: int) -> Any:
        with self.db.read() as conn:
            row = conn.execute(sa.select(leads).where(leads.c.id == lead_id)).first()
        if row is None:
            raise NotFound(f"no lead {lead_id}", field="id")
        if row.status in ("converted", "converting"):
            raise Conflict(f"lead {lead_id} is already converted", field="status")
        return row

    def convert(self, lead_id: int, edited: dict[str, Any] | None = None) -> dict[str, Any]:
        """Create the subscriber as the lead asked, or as the admin ``edited`` it; returns
        ``Subscribers.create``'s answer (secrets once)."""
        row = self._row(lead_id)
        data = edited if edited is not None else self.proposal(lead_id)
        self._claim(lead_id, row.status)  # two admins clicking at once make one subscriber
        try:
            created = self.subscribers.create(data)
        except BaseException:
            self._set(lead_id, status=row.status, subscriber_id=None)
            raise
        self._set(lead_id, status="converted", subscriber_id=created["id"])
        return created

    def _claim(self, lead_id: int, status: str) -> None:
        with self.db.write() as tx:
            result = tx.conn.execute(
                leads.update().where(leads.c.id == lead_id, leads.c.status == status).values(status="converting")
            )
        if result.rowcount != 1:
            raise Conflict(f"lead {lead_id} is being converted", field="status")

    def _set(self, lead_id: int, *, status: str, subscriber_id: int | None) -> None:
        with self.db.write() as tx:
            tx.conn.execute(
                leads.update().where(leads.c.id == lead_id).values(status=status, subscriber_id=subscriber_id)
            )
