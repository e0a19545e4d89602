"""The newest flow entries this node committed, with their versions, held in memory.

The followers of the flow log on a node (the stream hub, the public live stream) read
every new entry right after its commit. Handing them the entry and the version the
newsroom just committed saves each of them a database read per commit, which showed in
profiles of publishing over HTTP.

The log stays the truth. ``after`` answers only when it holds *every* entry of the range
asked for (sequence numbers are dense), so an entry committed by another node or another
process, or one already dropped from the bound, sends the caller to the database.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from newsflow.core.flow import FlowEntry
from newsflow.core.story import StoryVersion

Committed = tuple[FlowEntry, StoryVersion]


class RecentFlow:
    def __init__(self, capacity: int = 1024) -> None:
        self.capacity = capacity
        self._items: dict[int, Committed] = {}
        self._at: dict[int, float] = {}  # seq -> wall time of the commit (for /metrics)
        self._order: deque[int] = deque()
        self._lock = threading.Lock()

    def committed(self, entry: FlowEntry, version: StoryVersion) -> None:
        """Newsroom listener: runs after each commit (from any thread), before the wake-up."""
        with self._lock:
            if entry.seq in self._items:
                return
            self._items[entry.seq] = (entry, version)
            self._at[entry.seq] = time.time()
            self._order.append(entry.seq)
            while len(self._order) > self.capacity:
                old = self._order.popleft()
                del self._items[old]
                del self._at[old]

    def committed_at(self, seq: int) -> float | None:
        """When this node's commit of ``seq`` finished (``time.time()``), if still held."""
        return self._at.get(seq)

    def after(self, seq: int, upto: int, limit: int) -> list[Committed] | None:
        """Entries ``seq+1 .. min(upto, seq+limit)`` in order, or None if any is not held."""
        last = min(upto, seq + limit)
        with self._lock:
            out: list[Committed] = []
            for n in range(seq + 1, last + 1):
                item = self._items.get(n)
                if item is None:
                    return None
                out.append(item)
            return out
