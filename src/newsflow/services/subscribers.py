"""Subscriber administration and the read-time entitlement check.

``Subscribers.entitlement(id)`` is the single door every subscriber read goes through;
it reads the subscription as it is now, so a revoked or expired subscriber is refused
on its very next request. Changes are announced to ``on_change`` listeners (the stream
hub) after commit so open connections are re-checked at once.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from newsflow.config import Settings
from newsflow.core.clock import Clock, utcnow
from newsflow.core.editing import normalize_language, parse_time
from newsflow.core.entitlements import Entitlement
from newsflow.core.language import primary_language
from newsflow.core.media import MEDIA_RENDITIONS
from newsflow.core.story import ContentType, Priority
from newsflow.errors import InvalidInput, PermissionDenied
from newsflow.services import secrets
from newsflow.services.accounts import Role
from newsflow.services.freshness import FreshCache
from newsflow.services.usage import UsageMeter
from newsflow.store import subscribers as store
from newsflow.store import users as user_store
from newsflow.store.database import Database

ChangeListener = Callable[[int], None]

# The class below has a method named ``list``, which hides the builtin in its body.
Rows = list[dict[str, Any]]

MAX_LIST = 100
ENTITLEMENT_TTL = 1.0  # seconds; see Subscribers.__init__


class Subscribers:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        clock: Clock = utcnow,
        on_change: Sequence[ChangeListener] = (),
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.on_change = list(on_change)
        self.usage_meter = UsageMeter(db, clock)
        # Dropped on every change made through this process (and, on PostgreSQL, on other
        # nodes via flow/changes.py); ENTITLEMENT_TTL bounds how long a change made by
        # another process (the CLI on the same SQLite file) can go unseen.
        self.entitlements: FreshCache[int, Entitlement] = FreshCache(ENTITLEMENT_TTL)

    # -- validation ------------------------------------------------------------------------
    def _values(self, data: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        known = {"name", "categories", "languages", "types", "priorities", "packages",
                 "archive_days", "download_limit", "ip_ranges", "expires_at", "active", "renditions"}
        unknown = set(data) - known
        if unknown:
            raise InvalidInput(f"unknown field {sorted(unknown)[0]!r}", field=sorted(unknown)[0])
        values: dict[str, Any] = {}
        if "name" in data or not partial:
            name = data.get("name")
            if not isinstance(name, str) or not name.strip() or len(name) > 200:
                raise InvalidInput("name is required (at most 200 characters)", field="name")
            values["name"] = name.strip()
        allowed: dict[str, set[str] | None] = {
            "categories": set(self.settings.categories),
            "types": {t.value for t in ContentType},
            "priorities": {p.value for p in Priority},
            "packages": None,
            "ip_ranges": None,
            "languages": None,
            "renditions": set(MEDIA_RENDITIONS),
        }
        for name, choices in allowed.items():
            if name not in data:
                continue
            items = data[name]
            if items is None:
                items = []
            if not isinstance(items, list) or len(items) > MAX_LIST or not all(isinstance(i, str) for i in items):
                raise InvalidInput(f"{name} must be a list of strings", field=name)
            if name == "languages":
                items = [primary_language(normalize_language(i, field="languages")) for i in items]
            if name == "ip_ranges":
                for item in items:
                    try:
                        ipaddress.ip_network(item, strict=False)
                    except ValueError as exc:
                        raise InvalidInput(f"{item!r} is not an IP range", field="ip_ranges") from exc
            if choices is not None:
                bad = [i for i in items if i not in choices]
                if bad:
                    what = {"categories": "category", "priorities": "priority", "types": "type"}.get(name, name)
                    valid = ", ".join(sorted(choices))
                    raise InvalidInput(f"unknown {what} {bad[0]!r}; valid: {valid}", field=name)
            values[name] = sorted(set(items))
        for name in ("archive_days", "download_limit"):
            if name in data:
                value = data[name]
                if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                    raise InvalidInput(f"{name} must be a non-negative integer or null", field=name)
                values[name] = value
        if "expires_at" in data:
            values["expires_at"] = parse_time(data["expires_at"], "expires_at")
        if "active" in data:
            if not isinstance(data["active"], bool):
                raise InvalidInput("active must be true or false", field="active")
            values["active"] = data["active"]
        return values

    # -- admin -----------------------------------------------------------------------------
    def create(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Create a subscriber with one API key and one user; secrets appear only here."""
        values = self._values(data, partial=False)
        now = self.clock()
        api_key = secrets.new_token("nfk")
        password = secrets.new_password()
        with self.db.write() as tx:
            subscriber_id = store.insert(tx.conn, {"active": True, "deleted": False, **values}, now)
            store.insert_key(tx.conn, subscriber_id, api_key[:8], secrets.digest(api_key), "initial", now)
            username = self._free_username(tx.conn, values["name"], subscriber_id)
            user_store.insert(
                tx.conn,
                {
                    "username": username,
                    "role": Role.SUBSCRIBER.value,
                    "display_name": values["name"],
                    "password_hash": secrets.hash_password(password),
                    "subscriber_id": subscriber_id,
                    "ui_language": "en",
                    "active": True,
                    "failed_logins": 0,
                },
                now,
            )
        return {"id": subscriber_id, "api_key": api_key, "username": username, "password": password}

    @staticmethod
    def _free_username(conn: Any, name: str, subscriber_id: int) -> str:
        base = "".join(c for c in name.lower() if c.isascii() and c.isalnum())[:20] or "subscriber"
        candidate = base
        if user_store.by_username(conn, candidate) is not None:
            candidate = f"{base}{subscriber_id}"
        return candidate

    def update(self, subscriber_id: int, data: Mapping[str, Any]) -> dict[str, Any]:
        values = self._values(data, partial=True)
        with self.db.write() as tx:
            store.update(tx.conn, subscriber_id, values, self.clock())
            tx.after_commit(lambda: self._changed(subscriber_id))
        return self.get(subscriber_id)

    def delete(self, subscriber_id: int) -> None:
        """Deactivate and revoke: usage history stays, every credential stops working."""
        now = self.clock()
        with self.db.write() as tx:
            store.update(tx.conn, subscriber_id, {"active": False, "deleted": True}, now)
            store.revoke_all_keys(tx.conn, subscriber_id, now)
            for user in user_store.for_subscriber(tx.conn, subscriber_id):
                user_store.update(tx.conn, user.id, {"active": False})
            tx.after_commit(lambda: self._changed(subscriber_id))

    def get(self, subscriber_id: int) -> dict[str, Any]:
        with self.db.read() as conn:
            return store.as_dict(store.get(conn, subscriber_id))

    def list(self) -> Rows:
        with self.db.read() as conn:
            return [store.as_dict(r) for r in store.list_all(conn)]

    def create_key(self, subscriber_id: int, label: str | None = None) -> dict[str, Any]:
        api_key = secrets.new_token("nfk")
        with self.db.write() as tx:
            store.get(tx.conn, subscriber_id)
            key_id = store.insert_key(tx.conn, subscriber_id, api_key[:8], secrets.digest(api_key), label, self.clock())
        return {"id": key_id, "api_key": api_key, "prefix": api_key[:8], "label": label}

    def revoke_key(self, subscriber_id: int, key_id: int) -> None:
        with self.db.write() as tx:
            store.revoke_key(tx.conn, subscriber_id, key_id, self.clock())
            tx.after_commit(lambda: self._changed(subscriber_id))

    def keys(self, subscriber_id: int) -> Rows:
        with self.db.read() as conn:
            return [
                {"id": r.id, "prefix": r.prefix, "label": r.label, "created_at": r.created_at.isoformat(),
                 "revoked_at": r.revoked_at.isoformat() if r.revoked_at else None}
                for r in store.list_keys(conn, subscriber_id)
            ]

    def packages(self) -> Sequence[Any]:
        """Every named package (rows with JSON lists of categories, languages, types, priorities)."""
        with self.db.read() as conn:
            return store.list_packages(conn)

    def set_package(self, name: str, data: Mapping[str, Any]) -> None:
        values = self._values({k: v for k, v in data.items() if k in ("categories", "languages", "types", "priorities")}, partial=True)
        with self.db.write() as tx:
            store.upsert_package(tx.conn, name, values)

    # -- the read-time check -----------------------------------------------------------------
    def entitlement(self, subscriber_id: int) -> Entitlement:
        return self.entitlements.get_or_load(subscriber_id, lambda: self._read_entitlement(subscriber_id))

    def _read_entitlement(self, subscriber_id: int) -> Entitlement:
        with self.db.read() as conn:
            return store.entitlement(conn, subscriber_id)

    def reload_entitlement(self, subscriber_id: int) -> Entitlement:
        """Complete a reload claimed through ``entitlements.lookup`` (worker thread)."""
        try:
            ent = self._read_entitlement(subscriber_id)
        except BaseException:
            self.entitlements.failed(subscriber_id)
            raise
        self.entitlements.put(subscriber_id, ent)
        return ent

    def check_live(self, ent: Entitlement, client_ip: str | None) -> Entitlement:
        if not ent.is_live(self.clock()):
            raise PermissionDenied("the subscription is inactive or expired")
        if not ent.allows_ip(client_ip):
            raise PermissionDenied("this address is not allowed for the subscription")
        return ent

    def forget(self, subscriber_id: int) -> None:
        """Drop the cached entitlement (called on every change, local or relayed)."""
        self.entitlements.forget(subscriber_id)

    def live_entitlement(self, subscriber_id: int, client_ip: str | None = None) -> Entitlement:
        """The entitlement, refusing an inactive, expired or wrong-address subscriber."""
        return self.check_live(self.entitlement(subscriber_id), client_ip)

    def record_download(self, ent: Entitlement, story_id: int, version: int, fmt: str) -> None:
        """Count one document download (refused past the daily limit) and log it durably."""
        self.usage_meter.record(ent, story_id, version, fmt)

    def usage(self, subscriber_id: int) -> dict[str, Any]:
        now = self.clock()
        day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        ent = self.entitlement(subscriber_id)
        used = self.usage_meter.used_today(subscriber_id)
        return {
            "subscriber_id": subscriber_id,
            "day": day_start.date().isoformat(),
            "downloads_today": used,
            "download_limit": ent.download_limit,
            "remaining": None if ent.download_limit is None else max(0, ent.download_limit - used),
        }

    def usage_report(self, start: datetime, end: datetime) -> Rows:
        with self.db.read() as conn:
            return [{"id": r.id, "name": r.name, "downloads": r.downloads} for r in store.usage_totals(conn, start, end)]

    def _changed(self, subscriber_id: int) -> None:
        self.forget(subscriber_id)
        for listener in self.on_change:
            listener(subscriber_id)


def month_range(month: str) -> tuple[datetime, datetime]:
    """The UTC start and end of a ``YYYY-MM`` month."""
    try:
        year, mon = (int(x) for x in month.split("-"))
        start = datetime(year, mon, 1, tzinfo=UTC)
    except ValueError as exc:
        raise InvalidInput("month must be YYYY-MM", field="month") from exc
    end = datetime(year + (mon == 12), 1 if mon == 12 else mon + 1, 1, tzinfo=UTC)
    return start, end
