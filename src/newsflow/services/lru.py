"""The one bounded cache of the package: ``LruCache``, and ``TtlCache`` on top of it.

``LruCache`` is a bounded, thread-safe map that forgets the least recently used entry
first. For values that never go stale (rendered documents and versions are immutable,
so are public views of a version) only the bound matters; it also keeps the public
page cache (dropped by tag, ``drop_where``), each ``/abone/`` user's last call and each
address's recent form submissions, where the bound keeps a flood of distinct keys from
growing memory (an evicted key is simply new again).

``TtlCache`` adds an age: an entry older than ``ttl`` seconds is gone (the ``/abone/``
verified logins). Values that may change and must be refreshed without a thundering
herd use ``services.freshness.FreshCache`` instead.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LruCache(Generic[K, V]):
    def __init__(self, max_items: int) -> None:
        self.max_items = max_items
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """The value (now the most recently used), or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def peek(self, key: K) -> V | None:
        """The value without touching its place in the order."""
        with self._lock:
            return self._items.get(key)

    def put(self, key: K, value: V) -> V:
        """Store ``value`` as the most recently used; the least recently used go past the bound."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
        return value

    def pop(self, key: K) -> V | None:
        with self._lock:
            return self._items.pop(key, None)

    def drop_where(self, predicate: Callable[[K, V], bool]) -> int:
        """Forget every entry ``predicate`` accepts; how many went."""
        with self._lock:
            doomed = [k for k, v in self._items.items() if predicate(k, v)]
            for key in doomed:
                del self._items[key]
            return len(doomed)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class TtlCache(Generic[K, V]):
    """An ``LruCache`` whose entries also expire ``ttl`` seconds after they were put."""

    def __init__(self, max_items: int, ttl: float, *, now: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._now = now
        self._items: LruCache[K, tuple[float, V]] = LruCache(max_items)

    def get(self, key: K) -> V | None:
        hit = self._items.get(key)
        if hit is None:
            return None
        if self._now() - hit[0] > self.ttl:
            self._items.pop(key)
            return None
        return hit[1]

    def put(self, key: K, value: V) -> V:
        self._items.put(key, (self._now(), value))
        return value

    def __len__(self) -> int:
        return len(self._items)
