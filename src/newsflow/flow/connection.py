"""One open stream: what it matches, its bounded send buffer, and why it closed.

A connection is cheap on purpose (slots, a small deque of shared ``bytes``, no task of
its own while idle): the hub may hold tens of thousands. What it *matches* is decided
once, when it opens or when its subscription changes, as a hashable ``Match``;
connections with equal ``Match`` share one group, so the hub evaluates a predicate
once per group and entry, never once per connection.

Two ways out. A *queued* connection (WebSocket; SSE until its replay is done) keeps
frames in its buffer and its request task sends them (``take``). An SSE connection
that went live is *attached* (``attach``): the hub calls its ASGI ``send`` inline, so
one entry to N idle streams costs N ``send`` calls and no task switch. A send that
must wait (the socket is full: the client reads slowly) finishes in a short-lived
task, and frames pushed meanwhile queue behind it in the same bounded buffer.

The buffer bound is the slow-consumer policy, in both modes: a client that lags more
than ``limit`` frames behind is closed with a reason and resumes from its cursor
(``Last-Event-ID``), instead of making the server hold an ever-growing backlog for it.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from newsflow.core.entitlements import Entitlement
from newsflow.core.filters import FlowFilters
from newsflow.core.flow import FlowEntry
from newsflow.core.language import primary_language
from newsflow.flow.sse import HEARTBEAT, Wire, sse_error

log = logging.getLogger("newsflow.hub")
_ids = itertools.count(1)

Message = dict[str, Any]
Send = Callable[[Message], Awaitable[None]]


def body(data: bytes, *, more: bool = True) -> Message:
    """An ASGI response body message (shared, never mutated, by every receiver)."""
    return {"type": "http.response.body", "body": data, "more_body": more}


HEARTBEAT_BODY = body(HEARTBEAT)


class Burst:
    """Frames for one group, and their ASGI message joined once for all its streams."""

    __slots__ = ("frames", "message")

    def __init__(self, frames: list[bytes]) -> None:
        self.frames = frames
        self.message = body(frames[0] if len(frames) == 1 else b"".join(frames))


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
    media: frozenset[str] = frozenset()  # the entitled types: other media is left off stories

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
            frozenset(primary_language(lang) for lang in narrowed.languages),
            frozenset(narrowed.priorities),
            frozenset(narrowed.types),
            ent.media_types if ent is not None else frozenset(),
        )

    @property
    def frame_key(self) -> tuple[str, Wire, frozenset[str]]:
        return (self.fmt, self.wire, self.media)

    def accepts(self, entry: FlowEntry) -> bool:
        return (
            (not self.categories or entry.category in self.categories)
            and (not self.languages or primary_language(entry.language) in self.languages)
            and (not self.priorities or entry.priority.value in self.priorities)
            and (not self.types or entry.type.value in self.types)
        )


@dataclass(frozen=True, slots=True)
class Closing:
    code: str  # slow_consumer | revoked | expired | shutdown
    reason: str


class Connection:
    __slots__ = (
        "_busy",
        "_ended",
        "_frames",
        "_send",
        "_task",
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
        "on_close",
        "subscriber_id",
        "user_epoch",
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
        user_epoch: int = 0,
    ) -> None:
        self.id = next(_ids)
        self.wire = wire
        self.fmt = fmt
        self.filters = filters
        self.subscriber_id = subscriber_id
        self.key_id = key_id
        self.user_id = user_id
        self.user_epoch = user_epoch  # the user's session epoch when the stream opened
        self.ent = ent
        self.match = Match.of(wire, fmt, filters, ent)
        self.limit = limit
        self._frames: deque[bytes] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self._send: Send | None = None  # set by attach: the hub writes inline
        self._busy = False  # attached, and a send is waiting for the socket
        self._ended = False  # the last body message was handed to send
        self._task: asyncio.Task[None] | None = None
        self.closing: Closing | None = None
        self.on_close: Callable[[Connection, str], None] | None = None  # the hub counts cut-offs
        self.gone = False  # the client went away; nothing more to say to it
        self.idle_ticks = 0

    @property
    def open(self) -> bool:
        return self.closing is None and not self.gone

    @property
    def expires_at(self) -> datetime | None:
        return self.ent.expires_at if self.ent is not None else None

    def push(self, data: bytes | Burst) -> None:
        """Send or queue frames (called by the hub, on the event loop); never blocks."""
        if not self.open:
            return
        self.idle_ticks = 0
        if self._send is not None and not self._busy:
            self._write(data.message if isinstance(data, Burst) else body(data))
            return
        frames = data.frames if isinstance(data, Burst) else (data,)
        if len(self._frames) + len(frames) > self.limit:
            self.close(
                "slow_consumer",
                f"slow consumer: buffer of {self.limit} events exceeded; reconnect with Last-Event-ID",
            )
            return
        self._frames.extend(frames)
        self._wake()

    def heartbeat(self) -> None:
        if not self.open or self._frames:
            return
        if self._send is None:
            self._frames.append(HEARTBEAT)
            self._wake()
        elif not self._busy:
            self._write(HEARTBEAT_BODY)

    def close(self, code: str, reason: str) -> None:
        if self.open:
            self.closing = Closing(code, reason)
            if self.on_close is not None:
                self.on_close(self, code)
            self._frames.clear()  # frames past the cut are replayed on reconnect
            if self._send is not None and not self._busy:
                self._write(self._last())
            self._wake()

    def disconnected(self) -> None:
        self.gone = True
        self._frames.clear()
        self._wake()

    # -- attached: the hub writes ----------------------------------------------------------------
    def attach(self, send: Send) -> None:
        """Go live: from now on whoever pushes a frame also sends it (see the module doc)."""
        assert not self._frames, "drain the buffer before attaching"
        self._send = send
        if self.closing is not None and not self.gone:
            self._write(self._last())

    def queued(self) -> list[bytes]:
        """Take what is buffered without waiting (the catch-up after a replay)."""
        frames = list(self._frames)
        self._frames.clear()
        return frames

    def _last(self) -> Message:
        self._ended = True
        closing = self.closing
        tail = sse_error(closing.reason, code=closing.code) if closing is not None and not self.gone else b""
        return body(tail, more=False)

    def _write(self, message: Message) -> None:
        """Run ``send`` up to its first suspension: a writable socket never suspends."""
        assert self._send is not None
        coro = cast("Coroutine[Any, Any, None]", self._send(message))
        try:
            waiting = coro.send(None)
        except StopIteration:
            return
        except Exception:  # the server refuses: nothing more can be said on this stream
            log.debug("stream %s: send failed", self.id, exc_info=True)
            self.disconnected()
            return
        self._busy = True
        self._task = asyncio.ensure_future(self._backlog(coro, waiting))

    async def _backlog(self, coro: Coroutine[Any, Any, None], waiting: Any) -> None:
        """Finish the send that had to wait, then send what queued behind it, joined."""
        assert self._send is not None
        try:
            await _finish(coro, waiting)
            while self._frames:
                frames = self.queued()
                await self._send(body(b"".join(frames)))
            if self.closing is not None and not self._ended:
                await self._send(self._last())
        except Exception:
            log.debug("stream %s: send failed", self.id, exc_info=True)
            self.disconnected()
        finally:
            self._busy = False
            self._task = None

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


async def _finish(coro: Coroutine[Any, Any, None], waiting: Any) -> None:
    """Resume a coroutine that ``Connection._write`` started and that suspended.

    ``waiting`` is what it yielded: the future it awaits (or None for a bare yield).
    This task awaits that future in its place, then resumes it, until it returns; the
    coroutine sees the future's outcome itself when resumed.
    """
    while True:
        try:
            if waiting is None:
                await asyncio.sleep(0)
            else:
                # What a Task does with a yielded future: take the "blocking" mark off
                # (the C Future refuses a second await while it is set), then wait.
                waiting._asyncio_future_blocking = False
                await waiting
        except asyncio.CancelledError:
            coro.close()
            raise
        except Exception:
            pass  # the coroutine gets this exception itself when resumed below
        try:
            waiting = coro.send(None)
        except StopIteration:
            return
