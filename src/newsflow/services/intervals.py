"""The minimum interval between one user's calls to the agency-compatible API.

Two keepers of the same rule: ``MinimumInterval`` remembers each user's last accepted
call in this process (SQLite, one node), ``SharedInterval`` in PostgreSQL, so that any
number of nodes still allow one call per interval (``store.call_clock``). Only accepted
calls move the clock, so a client that backs off for ``Retry-After`` gets through.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from newsflow.errors import RateLimited
from newsflow.services.lru import LruCache
from newsflow.store import call_clock
from newsflow.store.database import Database


class Interval(Protocol):
    seconds: float

    def check(self, key: str) -> None: ...


def _refuse(seconds: float, wait: float) -> RateLimited:
    return RateLimited(f"at most one request every {int(seconds * 1000)} ms", retry_after=wait)


class MinimumInterval:
    """Refuse a user's call that comes sooner than ``seconds`` after their last one (this process).

    The table is an ``LruCache`` of at most ``max_users`` entries, so a flood of distinct
    users cannot grow memory; an evicted user is simply treated as new.
    """

    def __init__(
        self, seconds: float, *, max_users: int = 50_000, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self._last: LruCache[str, float] = LruCache(max_users)
        self._lock = threading.Lock()  # the check and the move are one step
        self._now = monotonic

    def check(self, key: str) -> None:
        if self.seconds <= 0:
            return
        now = self._now()
        with self._lock:
            last = self._last.peek(key)
            if last is not None and now - last < self.seconds:
                raise _refuse(self.seconds, self.seconds - (now - last))
            self._last.put(key, now)

    def __len__(self) -> int:
        return len(self._last)


class SharedInterval:
    """The same rule kept in PostgreSQL: one autocommit upsert per accepted call."""

    def __init__(self, db: Database, seconds: float) -> None:
        self.db = db
        self.seconds = seconds

    def check(self, key: str) -> None:
        if self.seconds <= 0:
            return
        with self.db.write(one_statement=True) as tx:
            accepted = call_clock.claim(tx.conn, key, self.seconds)
        if not accepted:
            with self.db.read() as conn:
                wait = call_clock.wait(conn, key, self.seconds)
            raise _refuse(self.seconds, wait or self.seconds)


def minimum_interval(db: Database, seconds: float) -> Interval:
    """Shared by all nodes on PostgreSQL; in process on SQLite (a single node)."""
    return SharedInterval(db, seconds) if db.dialect == "postgresql" else MinimumInterval(seconds)
