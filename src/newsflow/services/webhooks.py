"""Webhook registration: who may push where, with which filters, format and secret.

Registration validates everything before writing (a bad request stores nothing), starts
the endpoint's cursor at the current end of the flow log (or at ``after`` to backfill),
and shows the signing secret exactly once. Target URLs are http(s) without credentials;
unless ``Settings.webhooks_allow_private`` is set, a target that resolves to a loopback,
private, link-local or otherwise non-global address is refused, so a subscriber cannot
use the agency's servers to reach its internal network. Delivery itself lives in
``newsflow.flow.webhooks``; this module is told nothing about HTTP sending.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.engine import Row

from newsflow.config import Settings
from newsflow.core.clock import Clock, utcnow
from newsflow.core.editing import normalize_language
from newsflow.core.language import primary_language
from newsflow.core.story import ContentType, Priority
from newsflow.errors import Conflict, InvalidInput, NotFound
from newsflow.formats import FORMATS
from newsflow.services import secrets
from newsflow.store import flow_log
from newsflow.store import webhooks as store
from newsflow.store.database import Database

# The class below has a method named ``list``, which hides the builtin in its body.
Rows = list[dict[str, Any]]

MAX_PER_SUBSCRIBER = 20
MAX_URL = 2000
FILTER_KEYS = ("categories", "languages", "priorities", "types")
FIELDS = {"url", "filters", "format", "secret", "after"}


def check_target(url: str, *, allow_private: bool) -> None:
    """Refuse a URL that is not plain http(s), carries credentials, or points inside."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL:
        raise InvalidInput(f"url is required (at most {MAX_URL} characters)", field="url")
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise InvalidInput("url must not contain whitespace or control characters", field="url")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidInput(f"url is not valid: {exc}", field="url") from exc
    if parts.scheme not in ("http", "https"):
        raise InvalidInput("url must use http or https", field="url")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise InvalidInput("url must not carry credentials; use the signing secret", field="url")
    host = parts.hostname
    if not host:
        raise InvalidInput("url has no host", field="url")
    if allow_private:
        return
    for address in _addresses(host, port or (443 if parts.scheme == "https" else 80)):
        if not address.is_global or address.is_multicast:
            raise InvalidInput(
                "url points to a private, loopback or reserved address", field="url"
            )


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise InvalidInput(f"url host {host!r} does not resolve", field="url") from exc
    out = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        out.append(address)
    if not out:
        raise InvalidInput(f"url host {host!r} does not resolve", field="url")
    return out


class Webhooks:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        clock: Clock = utcnow,
        on_change: Sequence[Callable[[], None]] = (),
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.on_change = list(on_change)  # the dispatcher: start or stop workers

    # -- validation ------------------------------------------------------------------------
    def _filters(self, value: Any) -> dict[str, list[str]]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise InvalidInput("filters must be an object", field="filters")
        unknown = set(value) - set(FILTER_KEYS)
        if unknown:
            name = sorted(unknown)[0]
            raise InvalidInput(f"unknown filter {name!r} (use {', '.join(FILTER_KEYS)})", field=f"filters.{name}")
        choices: dict[str, set[str] | None] = {
            "categories": set(self.settings.categories),
            "priorities": {p.value for p in Priority},
            "types": {t.value for t in ContentType},
            "languages": None,
        }
        out: dict[str, list[str]] = {}
        for key in FILTER_KEYS:
            items = value.get(key)
            if items is None:
                continue
            if not isinstance(items, list) or len(items) > 50 or not all(isinstance(i, str) for i in items):
                raise InvalidInput(f"filters.{key} must be a list of strings", field=f"filters.{key}")
            if key == "languages":
                items = [primary_language(normalize_language(i, field="filters.languages")) for i in items]
            allowed = choices[key]
            if allowed is not None:
                bad = [i for i in items if i not in allowed]
                if bad:
                    raise InvalidInput(f"unknown value {bad[0]!r} in filters.{key}", field=f"filters.{key}")
            if items:
                out[key] = sorted(set(items))
        return out

    @staticmethod
    def _secret(value: Any) -> str:
        if value is None:
            return secrets.new_token("whsec")
        if (
            not isinstance(value, str)
            or not 16 <= len(value) <= 200
            or not all(33 <= ord(c) < 127 for c in value)
        ):
            raise InvalidInput("secret must be 16-200 printable ASCII characters without spaces", field="secret")
        return value

    # -- use cases -------------------------------------------------------------------------
    def register(self, subscriber_id: int, data: Mapping[str, Any]) -> dict[str, Any]:
        """Validate and store an endpoint; the answer is the only place the secret appears."""
        if not isinstance(data, Mapping):
            raise InvalidInput("the body must be a JSON object")
        unknown = set(data) - FIELDS
        if unknown:
            name = sorted(unknown)[0]
            raise InvalidInput(f"unknown field {name!r}", field=name)
        url = data.get("url")
        check_target(url, allow_private=self.settings.webhooks_allow_private)  # type: ignore[arg-type]
        fmt = data.get("format", "ninjs")
        if fmt not in FORMATS:
            raise InvalidInput(f"format must be one of {', '.join(FORMATS)}", field="format")
        filters = self._filters(data.get("filters"))
        secret = self._secret(data.get("secret"))
        after = data.get("after")
        if after is not None and (not isinstance(after, int) or isinstance(after, bool) or after < 0):
            raise InvalidInput("after must be a non-negative flow seq", field="after")
        with self.db.write() as tx:
            if len(store.for_subscriber(tx.conn, subscriber_id)) >= MAX_PER_SUBSCRIBER:
                raise Conflict(f"at most {MAX_PER_SUBSCRIBER} webhooks per subscriber")
            end = flow_log.last_seq(tx.conn)
            if after is not None and after > end:
                raise InvalidInput(f"after is past the end of the flow ({end})", field="after")
            webhook_id = store.insert(
                tx.conn,
                {"subscriber_id": subscriber_id, "url": url, "secret": secret, "format": fmt,
                 "filters": filters, "active": True, "cursor": end if after is None else after},
                self.clock(),
            )
            tx.after_commit(self._changed)
        return {**self.get(subscriber_id, webhook_id), "secret": secret}

    def owned(self, subscriber_id: int | None, webhook_id: int) -> Row:
        """The endpoint, if ``subscriber_id`` owns it (None: an admin, who sees all)."""
        with self.db.read() as conn:
            row = store.get(conn, webhook_id)
        if subscriber_id is not None and row.subscriber_id != subscriber_id:
            raise NotFound(f"no webhook {webhook_id}")  # not 403: existence is not revealed
        return row

    def get(self, subscriber_id: int | None, webhook_id: int) -> dict[str, Any]:
        return as_dict(self.owned(subscriber_id, webhook_id))

    def list(self, subscriber_id: int) -> Rows:
        with self.db.read() as conn:
            return [as_dict(r) for r in store.for_subscriber(conn, subscriber_id)]

    def delete(self, subscriber_id: int | None, webhook_id: int) -> None:
        self.owned(subscriber_id, webhook_id)
        with self.db.write() as tx:
            store.delete(tx.conn, webhook_id)
            tx.after_commit(self._changed)

    def attempts(
        self, subscriber_id: int | None, webhook_id: int, *, limit: int = 100, before: int | None = None
    ) -> Rows:
        self.owned(subscriber_id, webhook_id)
        with self.db.read() as conn:
            rows = store.attempts(conn, webhook_id, limit=limit, before=before)
        return [
            {"id": r.id, "seq": r.seq, "attempt": r.attempt, "status_code": r.status_code,
             "error": r.error, "at": r.at.isoformat()}
            for r in rows
        ]

    def dead_letters(self, subscriber_id: int | None, webhook_id: int) -> Rows:
        self.owned(subscriber_id, webhook_id)
        with self.db.read() as conn:
            rows = store.dead_letters(conn, webhook_id)
        return [
            {"id": r.id, "seq": r.seq, "attempts": r.attempts, "last_error": r.last_error,
             "created_at": r.created_at.isoformat(),
             "replayed_at": r.replayed_at.isoformat() if r.replayed_at else None}
            for r in rows
        ]

    def health(self, latest: int, states: Mapping[int, str]) -> Rows:
        """Every endpoint's cursor, lag behind the log, last status, failures, dead letters."""
        with self.db.read() as conn:
            rows = store.list_all(conn)
            stats = store.health(conn)
        out = []
        for r in rows:
            s = stats.get(r.id, {})
            out.append({
                **as_dict(r),
                "lag": max(0, latest - r.cursor),
                "state": states.get(r.id, "running" if r.active else "inactive"),
                "last_status": s.get("last_status"),
                "last_error": s.get("last_error"),
                "last_attempt_at": s.get("last_attempt_at"),
                "failures": s.get("failures", 0),
                "dead_letters": s.get("dead_letters", 0),
            })
        return out

    def totals(self, latest: int) -> tuple[int, int]:
        """Backlog of the active endpoints behind ``latest`` and open dead letters (for /metrics)."""
        with self.db.read() as conn:
            return store.totals(conn, latest)

    def _changed(self) -> None:
        for listener in self.on_change:
            listener()


def as_dict(row: Row) -> dict[str, Any]:
    """An endpoint as the API shows it: never the secret."""
    return {
        "id": row.id,
        "subscriber_id": row.subscriber_id,
        "url": row.url,
        "format": row.format,
        "filters": store.filters(row),
        "active": row.active,
        "cursor": row.cursor,
        "created_at": row.created_at.isoformat(),
    }
