"""The fan-out hub: follow the flow log once, deliver to every open stream.

One task waits on ``FlowSignal``; for each batch of new entries it runs *one* query,
loads each version once, renders each needed format once through the shared
``Renderer`` and encodes each (entry, format, wire) frame once. The same ``bytes``
object is then pushed to every connection whose group ``Match`` accepts the entry;
entitlements are decided when a connection opens (and when its subscriber changes),
so the hot path does no per-subscriber query.

Replay-then-live without gap or duplicate: ``register`` returns the hub's high-water
mark ``H`` (atomically, on the event loop). Every entry above ``H`` will be pushed live
into the connection's buffer; the connection replays ``(cursor, H]`` from the database
and only then drains its buffer. The two ranges cannot overlap or leave a hole.

Flash policy: each connection's stream stays in strict ``seq`` order (the cursor
contract). Priority is applied *across* connections: within a batch, groups receiving
a flash (then urgent) entry are pushed first.

Writing: a batch's frames for one group are joined once into one ASGI body message
(``Burst``) and handed to each live SSE connection's ``send`` right here, inline
(``Connection.push``): no task wake-up per connection and event. Only connections
that are not live yet (replaying), WebSockets, or whose socket is full queue the
frames in their bounded buffer instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool

from newsflow.core.entitlements import media_visible
from newsflow.core.flow import FlowEntry
from newsflow.core.story import Priority, Representation, StoryVersion
from newsflow.errors import NotFound
from newsflow.flow.access import StreamAccess
from newsflow.flow.connection import Burst, Connection, Match
from newsflow.flow.recent import RecentFlow
from newsflow.flow.signal import FlowSignal
from newsflow.flow.sse import Wire, frame
from newsflow.services.delivery import Delivery
from newsflow.services.rendering import Renderer
from newsflow.services.subscribers import Subscribers
from newsflow.store import flow_log
from newsflow.store import stories as story_store
from newsflow.store.database import Database

log = logging.getLogger("newsflow.hub")

BATCH = 500
CLOSE_REASONS = ("slow_consumer", "revoked", "expired", "shutdown")
REPLAY_PAGE = 200
_RANK = {Priority.FLASH: 0, Priority.URGENT: 1, Priority.IMPORTANT: 2, Priority.ROUTINE: 3}

FrameKey = tuple[str, Wire, frozenset[str]]  # format, wire, the media types shown


@dataclass(slots=True)
class Prepared:
    entry: FlowEntry
    frames: dict[FrameKey, bytes]


def _given(version: StoryVersion) -> Callable[[], StoryVersion]:
    return lambda: version


class Hub:
    def __init__(
        self,
        db: Database,
        signal: FlowSignal,
        renderer: Renderer,
        subscribers: Subscribers,
        delivery: Delivery,
        access: StreamAccess,
        *,
        buffer: int,
        heartbeat_seconds: float,
        clock: Callable[[], datetime],
        recent: RecentFlow | None = None,
        latency: Callable[[float], None] | None = None,
    ) -> None:
        self.db = db
        self.signal = signal
        self.renderer = renderer
        self.subscribers = subscribers
        self.delivery = delivery
        self.access = access
        self.buffer = buffer
        self.heartbeat_seconds = heartbeat_seconds
        self.clock = clock
        self.recent = recent
        self.dispatched = signal.latest  # every entry above this is pushed live
        self.groups: dict[Match, set[Connection]] = {}
        self.connections: set[Connection] = set()
        self.by_subscriber: dict[int, set[Connection]] = {}
        self.by_user: dict[int, set[Connection]] = {}  # streams opened by a user's login
        self.frames_pushed = 0  # counters for /healthz-style checks and benchmarks
        self.batches = 0
        # For /metrics: open connections by wire, and closes by reason since start.
        self.open_by_wire: dict[str, int] = {wire.value: 0 for wire in Wire}
        self.cutoffs: dict[tuple[str, str], int] = {(w.value, r): 0 for w in Wire for r in CLOSE_REASONS}
        self.latency = latency  # observes seconds from an entry's commit to its push
        self._loop: asyncio.AbstractEventLoop | None = None
        self._progress: list[asyncio.Future[None]] = []  # streams waiting for ``dispatched`` to move

    # -- connections -----------------------------------------------------------------------
    def register(self, conn: Connection) -> int:
        """Start pushing live frames to ``conn``; returns the seq it must replay up to."""
        if conn not in self.connections:
            self.open_by_wire[conn.wire.value] += 1
            conn.on_close = self._closed
        self.connections.add(conn)
        if conn.match is not None:
            self.groups.setdefault(conn.match, set()).add(conn)
        if conn.subscriber_id is not None:
            self.by_subscriber.setdefault(conn.subscriber_id, set()).add(conn)
        if conn.user_id is not None:
            self.by_user.setdefault(conn.user_id, set()).add(conn)
        return self.dispatched

    async def join(self, conn: Connection, after: int | None) -> tuple[int, int]:
        """Register ``conn`` to resume after entry ``after`` (None: from now on); returns
        ``(cursor, upto)``: the stream replays ``(cursor, upto]``, then gets live frames.

        A stream may resume past what this hub has pushed so far: a client cut from one
        node reconnects to another whose hub has not yet followed the other node's last
        commits. Registered at once, it would get those entries again live. So it waits
        until this hub has pushed its ``after``, or the log's end if ``after`` lies beyond
        it (a cursor from elsewhere), and registers then."""
        if after is not None and after > self.dispatched:
            target = min(after, await run_in_threadpool(self._log_end))
            while self.dispatched < target:
                moved: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                self._progress.append(moved)
                await moved
        upto = self.register(conn)
        return (upto if after is None else after), upto

    def _log_end(self) -> int:
        with self.db.read() as conn:
            return flow_log.last_seq(conn)

    def unregister(self, conn: Connection) -> None:
        if conn in self.connections:
            self.open_by_wire[conn.wire.value] -= 1
        self.connections.discard(conn)
        self._ungroup(conn)
        if conn.subscriber_id is not None:
            peers = self.by_subscriber.get(conn.subscriber_id)
            if peers is not None:
                peers.discard(conn)
                if not peers:
                    del self.by_subscriber[conn.subscriber_id]
        if conn.user_id is not None:
            mine = self.by_user.get(conn.user_id)
            if mine is not None:
                mine.discard(conn)
                if not mine:
                    del self.by_user[conn.user_id]

    def _closed(self, conn: Connection, code: str) -> None:
        key = (conn.wire.value, code)
        self.cutoffs[key] = self.cutoffs.get(key, 0) + 1

    def _ungroup(self, conn: Connection) -> None:
        if conn.match is not None:
            group = self.groups.get(conn.match)
            if group is not None:
                group.discard(conn)
                if not group:
                    del self.groups[conn.match]

    async def replay(self, conn: Connection, after: int, upto: int) -> AsyncIterator[list[bytes]]:
        """Frames for the matching entries in ``(after, upto]``, a page at a time."""
        cursor = after
        while cursor < upto and conn.open:
            frames, last, more = await run_in_threadpool(self._replay_page, conn, cursor, upto)
            if frames:
                yield frames
            if not more:
                return
            cursor = last

    def _replay_page(self, conn: Connection, after: int, upto: int) -> tuple[list[bytes], int, bool]:
        if conn.match is None:
            return [], after, False
        entries = self.delivery.flow_page(after, REPLAY_PAGE, conn.filters, conn.ent)
        render = self.renderer.loader(self._load, conn.ent.visible if conn.ent is not None and conn.ent.types else None)
        frames: list[bytes] = []
        last = after
        for entry in entries:
            if entry.seq > upto:
                return frames, last, False
            doc = render(entry.story_id, entry.version, conn.fmt, Representation.FULL)
            frames.append(frame(entry, doc, conn.fmt, conn.wire))
            last = entry.seq
        return frames, last, len(entries) == REPLAY_PAGE

    def _load(self, story_id: int, version: int) -> StoryVersion:
        with self.db.read() as conn:
            return story_store.get_version(conn, story_id, version)

    # -- the follow loop ---------------------------------------------------------------------
    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        heartbeat = asyncio.create_task(self._heartbeats(), name="stream-heartbeats")
        try:
            while True:
                try:
                    if not await self.signal.wait_beyond(self.dispatched, 5.0):
                        continue
                    more = True
                    while more:
                        wanted = {m.frame_key for m in self.groups}
                        matches = list(self.groups)
                        held = self._held()
                        if held:  # just committed here: no database read, no thread hop
                            batch = [self._prepared(entry, _given(version), matches, wanted)
                                     for entry, version in held]
                        else:
                            batch = await run_in_threadpool(self._prepare, self.dispatched, matches, wanted)
                        if batch:
                            self._dispatch(batch)
                        more = len(batch) == BATCH
                except asyncio.CancelledError:
                    raise
                except Exception:  # keep following through a database hiccup
                    log.exception("stream hub failed to read the flow; retrying")
                    await asyncio.sleep(1.0)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
            for conn in list(self.connections):
                conn.close("shutdown", "the server is shutting down; reconnect with Last-Event-ID")

    def _held(self) -> list[tuple[FlowEntry, StoryVersion]] | None:
        """The next entries with their versions, if this node committed every one of them."""
        if self.recent is None:
            return None
        return self.recent.after(self.dispatched, self.signal.latest, BATCH)

    def _prepare(self, after: int, matches: list[Match], wanted: set[FrameKey]) -> list[Prepared]:
        """One query for the batch, each version loaded once, each frame encoded once."""
        with self.db.read() as conn:
            entries = flow_log.read_after(conn, after, BATCH)
            return [
                self._prepared(entry, partial(story_store.get_version, conn, entry.story_id, entry.version),
                               matches, wanted)
                for entry in entries
            ]

    def _prepared(
        self, entry: FlowEntry, version: Callable[[], StoryVersion], matches: list[Match], wanted: set[FrameKey]
    ) -> Prepared:
        """``entry`` with a frame for each (format, wire) a group wants (the version loaded
        only when one does)."""
        keys = {m.frame_key for m in matches if m.accepts(entry)} & wanted
        frames: dict[FrameKey, bytes] = {}
        if keys:
            loaded = version()
            for fmt, wire, media in keys:
                doc = self.renderer.render(media_visible(loaded, media), fmt, Representation.FULL)
                frames[(fmt, wire, media)] = frame(entry, doc, fmt, wire)
        return Prepared(entry, frames)

    def _frame(self, item: Prepared, key: FrameKey) -> bytes:
        data = item.frames.get(key)
        if data is None:  # a group that opened while the batch was being prepared
            version = self._load(item.entry.story_id, item.entry.version)
            doc = self.renderer.render(media_visible(version, key[2]), key[0], Representation.FULL)
            data = item.frames[key] = frame(item.entry, doc, key[0], key[1])
        return data

    def _dispatch(self, batch: list[Prepared]) -> None:
        """Push a batch (on the event loop, so ``register`` sees it whole or not at all)."""
        plan: list[tuple[int, list[bytes], list[Connection]]] = []
        for match, group in self.groups.items():
            items = [item for item in batch if match.accepts(item.entry)]
            if items:
                key = match.frame_key
                rank = min(_RANK[item.entry.priority] for item in items)
                plan.append((rank, [self._frame(item, key) for item in items], list(group)))
        self.dispatched = batch[-1].entry.seq
        self.batches += 1
        if self._progress:  # streams resuming past what was pushed: they check again
            waiting, self._progress = self._progress, []
            for moved in waiting:
                if not moved.done():
                    moved.set_result(None)
        plan.sort(key=lambda p: p[0])
        for _rank, frames, conns in plan:
            burst = Burst(frames)  # one body message per group, however many streams
            for conn in conns:
                conn.push(burst)
            self.frames_pushed += len(frames) * len(conns)
        if self.latency is not None and plan:
            self._observe(batch)

    def _observe(self, batch: list[Prepared]) -> None:
        """Commit → handed to the streams, for each entry some stream received."""
        assert self.latency is not None
        now = time.time()
        recent = self.recent
        for item in batch:
            if not item.frames:
                continue  # no open stream wanted it
            entry = item.entry
            committed = recent.committed_at(entry.seq) if recent is not None else None
            if committed is None:  # another node's commit: its own clock, at write time
                committed = entry.created.timestamp()
            self.latency(max(0.0, now - committed))

    # -- heartbeats, expiry and revocation -----------------------------------------------------
    async def _heartbeats(self) -> None:
        while True:
            await asyncio.sleep(max(0.05, self.heartbeat_seconds / 2))
            now = self.clock()
            for conn in list(self.connections):
                expires = conn.expires_at
                if expires is not None and expires <= now:
                    conn.close("expired", "the subscription has expired")
                    continue
                conn.idle_ticks += 1
                if conn.idle_ticks >= 2:
                    conn.idle_ticks = 0
                    conn.heartbeat()

    def subscriber_changed(self, subscriber_id: int) -> None:
        """``Subscribers.on_change`` listener; runs after commit, from any thread."""
        if subscriber_id in self.by_subscriber:
            self._on_loop(partial(self._recheck, subscriber_id))

    def user_changed(self, user_id: int) -> None:
        """``Accounts.on_user_change`` listener (a password change, a deactivation): the
        streams this user's logins opened end, unless the user is active under the same
        session epoch. Runs after commit, from any thread."""
        if user_id in self.by_user:
            self._on_loop(partial(self._recheck_user, user_id))

    def _on_loop(self, job: Callable[[], Coroutine[Any, Any, None]]) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return

        def start() -> None:
            loop.create_task(job())

        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            start()
        else:
            loop.call_soon_threadsafe(start)

    async def _recheck_user(self, user_id: int) -> None:
        principal = await run_in_threadpool(self.access.accounts.principal, user_id)
        for conn in list(self.by_user.get(user_id, ())):
            if principal is None or principal.epoch != conn.user_epoch:
                conn.close("revoked", "the account was deactivated or its password changed")

    async def _recheck(self, subscriber_id: int) -> None:
        try:
            ent = await run_in_threadpool(self.subscribers.entitlement, subscriber_id)
            keys = await run_in_threadpool(self.access.active_keys, subscriber_id)
        except NotFound:
            ent, keys = None, set()
        now = self.clock()
        for conn in list(self.by_subscriber.get(subscriber_id, ())):
            if ent is None or not ent.is_live(now):
                conn.close("revoked", "the subscription was revoked or has expired")
            elif conn.key_id is not None and conn.key_id not in keys:
                conn.close("revoked", "the API key of this stream was revoked")
            else:
                self._ungroup(conn)
                conn.ent = ent
                conn.match = Match.of(conn.wire, conn.fmt, conn.filters, ent)
                if conn.match is not None:
                    self.groups.setdefault(conn.match, set()).add(conn)
