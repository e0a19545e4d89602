"""One open stream: what it matches, its bounded send buffer, and why it closed.

A connection is cheap on purpose (slots, a small deque of shared ``bytes``, one future
while its writer waits): the hub may hold tens of thousands. What it *matches* is
decided once, when it opens or when its subscription changes, as a hashable ``Match``;
connections with equal ``Match`` share one group, so the hub evaluates a predicate
once per group and entry, never once per connection.

The buffer bound is the slow-consumer policy: a client that lags more than ``limit``
frames behind is closed with a reason and resumes from its cursor (``Last-Event-ID``),
instead of making the server hold an ever-growing backlog for it.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from newsflow.core.entitlements import Entitlement
from newsflow.core.flow import FlowEntry
from newsflow.flow.sse import HEARTBEAT, Wire
from newsflow.services.delivery import FlowFilters

_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Match:
    """What a connection receives: its entitlement intersected with its filters.

    Empty sets mean "any". Hashable, so it is also the group key in the hub.
    """

    wire: Wire
    fmt: str
    categories: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    priorities: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()

    @classmethod
    def of(cls, wire: Wire, fmt: str, filters: FlowFilters, ent: Entitlement | None) -> Match | None:
        """None when the filters and the entitlement leave nothing to receive."""
        narrowed = filters.narrowed(ent)
        if narrowed is None:
            return None
        return cls(
            wire,
            fmt,
            frozenset(narrowed.categories),
            frozenset(lang.split("-")[0].lower() for lang in narrowed.languages),
            frozenset(narrowed.priorities),
            frozenset(narrowed.types),
        )

    def accepts(self, entry: FlowEntry) -> bool:
        return (
            (not self.categories or entry.category in self.categories)
            and (not self.languages or entry.language.split("-")[0].lower() in self.languages)
            and (not self.priorities or entry.priority.value in self.priorities)
            and (not self.types or entry.type.value in self.types)
        )


@dataclass(frozen=True, slots=True)
class Closing:
    code: str  # slow_consumer | revoked | expired | shutdown
    reason: str


class Connection:
    __slots__ = (
        "_frames",
        "_waiter",
        "closing",
        "ent",
        "filters",
        "fmt",
        "gone",
        "id",
        "idle_ticks",
        "key_id",
        "limit",
        "match",
        "subscriber_id",
        "user_id",
        "wire",
    )

    def __init__(
        self,
        *,
        wire: Wire,
        fmt: str,
        filters: FlowFilters,
        ent: Entitlement | None,
        limit: int,
        subscriber_id: int | None = None,
        key_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        self.id = next(_ids)
        self.wire = wire
        self.fmt = fmt
        self.filters = filters
        self.subscriber_id = subscriber_id
        self.key_id = key_id
        self.user_id = user_id
        self.ent = ent
        self.match = Match.of(wire, fmt, filters, ent)
        self.limit = limit
        self._frames: deque[bytes] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self.closing: Closing | None = None
        self.gone = False  # the client went away; nothing more to say to it
        self.idle_ticks = 0

    @property
    def open(self) -> bool:
        return self.closing is None and not self.gone

    @property
    def expires_at(self) -> datetime | None:
        return self.ent.expires_at if self.ent is not None else None

    def push(self, data: bytes) -> None:
        """Queue one frame (called by the hub, on the event loop); never blocks."""
        if not self.open:
            return
        if len(self._frames) >= self.limit:
            self.close(
                "slow_consumer",
                f"slow consumer: buffer of {self.limit} events exceeded; reconnect with Last-Event-ID",
            )
            return
        self._frames.append(data)
        self.idle_ticks = 0
        self._wake()

    def heartbeat(self) -> None:
        if self.open and not self._frames:
            self._frames.append(HEARTBEAT)
            self._wake()

    def close(self, code: str, reason: str) -> None:
        if self.open:
            self.closing = Closing(code, reason)
            self._frames.clear()  # frames past the cut are replayed on reconnect
            self._wake()

    def disconnected(self) -> None:
        self.gone = True
        self._frames.clear()
        self._wake()

    async def take(self) -> list[bytes] | None:
        """Everything queued, waiting if there is nothing; None once the stream ends."""
        while not self._frames:
            if not self.open:
                return None
            loop = asyncio.get_running_loop()
            self._waiter = loop.create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        if not self.open:
            return None
        frames = list(self._frames)
        self._frames.clear()
        return frames

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)
