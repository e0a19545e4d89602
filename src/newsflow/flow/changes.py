"""Tell every node that a subscription, a webhook endpoint or a user's logins changed.

Locally, ``Subscribers.on_change`` and ``Webhooks.on_change`` call the hub and the
webhook dispatcher after commit. With several nodes on one PostgreSQL, this relay also
sends ``NOTIFY newsflow_changes`` so the other nodes re-check at once: a revoked key
closes its streams on every node within a second, and an endpoint registered on one
node is delivered by whichever node holds the webhook lease. A node also hears its own
notifications; the callbacks are idempotent re-checks, so that costs nothing but a read.
A user's ended logins (``Accounts.on_user_change``: a password change, a deactivation)
travel the same way, so the user's sessions, cached ``/abone/`` logins and open streams
end on every node.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlalchemy as sa

from newsflow.store.database import Database

log = logging.getLogger("newsflow.changes")

CHANNEL = "newsflow_changes"
_NOTIFY = sa.text("SELECT pg_notify(:c, :p)")


class ChangeRelay:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.on_subscriber: list[Callable[[int], None]] = []  # local re-checks only
        self.on_webhooks: list[Callable[[], None]] = []
        self.on_user: list[Callable[[int], None]] = []

    # -- sending (registered as on_change listeners; they run after commit) -----------------
    def subscriber_changed(self, subscriber_id: int) -> None:
        self._send(f"subscriber:{subscriber_id}")

    def user_changed(self, user_id: int) -> None:
        self._send(f"user:{user_id}")

    def webhooks_changed(self) -> None:
        self._send("webhooks")

    def _send(self, payload: str) -> None:
        try:
            with self.db.write() as tx:
                tx.conn.execute(_NOTIFY, {"c": CHANNEL, "p": payload})
        except Exception as exc:  # the local node already re-checked; others recheck periodically
            log.warning("could not relay change %r: %s", payload, exc)

    # -- receiving (called by the PostgreSQL listener) -----------------------------------------
    def received(self, payload: str) -> None:
        kind, _, value = payload.partition(":")
        if kind == "subscriber" and value.isdigit():
            for fn in self.on_subscriber:
                fn(int(value))
        elif kind == "user" and value.isdigit():
            for fn in self.on_user:
                fn(int(value))
        elif kind == "webhooks":
            for changed in self.on_webhooks:
                changed()
