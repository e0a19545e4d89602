"""At most ``limit`` attempts per ``window`` seconds per key (the public form, per address).

Two keepers of the same rule, like ``services.intervals``: ``RateLimiter`` counts in this
process (SQLite, one node), ``SharedRateLimiter`` in PostgreSQL (``store.rate_hits``), so
that any number of nodes together still allow ``limit`` per window. Both keep a sliding
window and count only accepted attempts, so a client that waits ``Retry-After`` gets in.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from newsflow.services.lru import LruCache
from newsflow.store import rate_hits
from newsflow.store.database import Database

PRUNE_EVERY = 500  # attempts per node between sweeps of keys that left their window


class RateLimit(Protocol):
    limit: int
    window: float

    def allow(self, key: str) -> tuple[bool, float]: ...


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key, in this process; bounded in keys too."""

    def __init__(
        self, limit: int = 5, window: float = 600.0, *, max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: LruCache[str, deque[float]] = LruCache(max_keys)  # a key evicted is new again
        self._lock = threading.Lock()  # counting and recording are one step

    def allow(self, key: str) -> tuple[bool, float]:
        """Record an attempt; (allowed, seconds until the next one would be)."""
        now = self._clock()
        with self._lock:
            hits = self._hits.peek(key) or deque()
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            allowed = len(hits) < self.limit
            if allowed:
                hits.append(now)
            self._hits.put(key, hits)
            retry = 0.0 if allowed else self.window - (now - hits[0])
            return allowed, retry


class SharedRateLimiter:
    """The same rule kept in PostgreSQL: one autocommit upsert per attempt, for every node."""

    def __init__(self, db: Database, name: str, limit: int = 5, window: float = 600.0) -> None:
        self.db = db
        self.name = name  # keys of different limits never meet in the table
        self.limit = limit
        self.window = window
        self._calls = itertools.count(1)

    def allow(self, key: str) -> tuple[bool, float]:
        scoped = f"{self.name}:{key}"[:120]
        with self.db.write(one_statement=True) as tx:
            accepted = rate_hits.claim(tx.conn, scoped, self.limit, self.window)
        if next(self._calls) % PRUNE_EVERY == 0:
            with self.db.write(one_statement=True) as tx:
                rate_hits.prune(tx.conn, f"{self.name}:", self.window)
        if accepted:
            return True, 0.0
        with self.db.read() as conn:
            return False, rate_hits.wait(conn, scoped, self.window) or self.window


def rate_limiter(db: Database, name: str, limit: int, window: float) -> RateLimit:
    """Shared by all nodes on PostgreSQL; in process on SQLite (a single node)."""
    if db.dialect == "postgresql":
        return SharedRateLimiter(db, name, limit, window)
    return RateLimiter(limit, window)
