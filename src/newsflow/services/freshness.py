"""A small cache for values that may be read slightly stale, without thundering herds.

Tokens, entitlements and a story's current version are read on every download, and
each may change. They are kept for ``ttl`` seconds and dropped at once on every change
this node hears of; the ``ttl`` only bounds changes no event reports. When a value
expires under load, the first caller reloads it and the others keep using the previous
value meanwhile (for at most one more ``ttl``), instead of a hundred requests asking the
database the same question at the same moment.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class FreshCache(Generic[K, V]):
    def __init__(self, ttl: float, *, max_items: int = 10_000, now: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.max_items = max_items
        self._now = now
        self._items: dict[K, tuple[V, float]] = {}
        self._loading: set[K] = set()
        self._lock = threading.Lock()

    def lookup(self, key: K, valid: Callable[[V], bool] | None = None) -> tuple[V | None, bool]:
        """(value, must_load). A fresh value: (value, False). Expired (or not ``valid``):
        the first caller gets must_load=True and must ``put`` (or ``failed``) the key;
        callers meanwhile get the previous value. No usable value at all: (None, True)."""
        with self._lock:
            hit = self._items.get(key)
            age = self._now() - hit[1] if hit is not None else None
            fresh = hit is not None and age is not None and age < self.ttl
            if fresh and (valid is None or valid(hit[0])):  # type: ignore[index]
                return hit[0], False  # type: ignore[index]
            if key in self._loading and hit is not None and age is not None and age < 2 * self.ttl:
                return hit[0], False
            self._loading.add(key)
            return None, True

    def put(self, key: K, value: V) -> None:
        with self._lock:
            if len(self._items) >= self.max_items:
                self._items.clear()
            self._items[key] = (value, self._now())
            self._loading.discard(key)

    def failed(self, key: K) -> None:
        """The loader raised: let the next caller try again."""
        with self._lock:
            self._loading.discard(key)

    def get_or_load(self, key: K, load: Callable[[], V], valid: Callable[[V], bool] | None = None) -> V:
        value, must_load = self.lookup(key, valid)
        if not must_load:
            return value  # type: ignore[return-value]
        try:
            value = load()
        except BaseException:
            self.failed(key)
            raise
        self.put(key, value)
        return value

    def forget(self, key: K | None = None) -> None:
        with self._lock:
            if key is None:
                self._items.clear()
            else:
                self._items.pop(key, None)
