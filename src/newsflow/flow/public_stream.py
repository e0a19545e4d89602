"""The public live stream: new public stories for the home page, abbreviations only.

One reader task follows the flow log (woken by ``FlowSignal``), renders each *public*
entry once into an SSE frame built from ``PublicStory`` (headline, abbreviation, path:
no body exists there to leak) of the story's *current* public state, and pushes the same bytes to every connection of that
language. Each connection has a bounded queue; a reader that falls ``buffer`` events
behind is cut off with a final ``reset`` event, and its browser's EventSource
reconnects with ``Last-Event-ID`` and catches up from the log.

The reader also drops cached pages for every entry it sees, which keeps the page cache
right when another node committed the change (its own listener only runs there).

The subscriber hub (``newsflow.flow.hub``) is built around entitlements and formats;
the public channel needs neither, so it stays this small.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from newsflow.core.flow import FlowEntry
from newsflow.core.story import Action
from newsflow.errors import NotFound
from newsflow.flow.recent import RecentFlow
from newsflow.flow.signal import FlowSignal
from newsflow.services.public import Gone, PublicStories
from newsflow.store import flow_log
from newsflow.store.database import Database

log = logging.getLogger("newsflow.public.live")
HEARTBEAT = b": hb\n\n"
RESET = b"event: reset\ndata: {}\n\n"
BATCH = 200
REPLAY_LIMIT = 100


def sse(seq: int, event: str, data: dict[str, object]) -> bytes:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"id: {seq}\nevent: {event}\ndata: {body}\n\n".encode()


@dataclass(eq=False)
class _Listener:
    language: str
    queue: asyncio.Queue[tuple[int, bytes] | None] = field(default_factory=lambda: asyncio.Queue(256))


class PublicStream:
    def __init__(
        self,
        db: Database,
        signal: FlowSignal,
        public: PublicStories,
        *,
        on_entry: Callable[[FlowEntry], None] = lambda _e: None,
        recent: RecentFlow | None = None,
        buffer: int = 256,
        heartbeat_seconds: float = 15.0,
    ) -> None:
        self.db = db
        self.signal = signal
        self.public = public
        self.on_entry = on_entry
        self.recent = recent
        self.buffer = buffer
        self.heartbeat_seconds = heartbeat_seconds
        self._listeners: set[_Listener] = set()
        self.high_water = signal.latest
        self.frames_rendered = 0
        self.cutoffs = 0  # readers cut off for falling behind (for /metrics)

    # -- the one reader --------------------------------------------------------------------
    async def run(self) -> None:
        self.high_water = self.signal.latest
        while True:
            await self.signal.wait_beyond(self.high_water, 30.0)
            try:
                entries = await self._next_entries()
                frames: dict[int, bytes | None] = {}
                # A frame is rendered only for a language someone is listening to. One who
                # connects while frames are being rendered is taken into account before
                # the batch goes out (high_water has not moved yet, so it gets them live).
                while wanted := [e for e in self._to_frame(entries) if e.seq not in frames]:
                    frames.update(await asyncio.to_thread(self._render, wanted))
            except Exception:  # a database hiccup must not end the stream for everyone
                log.exception("public stream: reading the flow failed")
                await asyncio.sleep(1.0)
                continue
            for entry in entries:
                self.high_water = max(self.high_water, entry.seq)
                data = frames.get(entry.seq)
                if data is not None:
                    self._fan_out(entry.language, entry.seq, data)

    async def _next_entries(self) -> list[FlowEntry]:
        """The entries after ``high_water``: from this node's memory when it holds them all
        (no database read per commit), else from the log. Cached pages are dropped for each."""
        held = self.recent.after(self.high_water, self.signal.latest, BATCH) if self.recent else None
        if held:
            entries = [entry for entry, _version in held]
            for entry in entries:
                self.on_entry(entry)
            return entries
        return await asyncio.to_thread(self._read, self.high_water)

    def _read(self, after: int) -> list[FlowEntry]:
        with self.db.read() as conn:
            entries = flow_log.read_after(conn, after, BATCH)
        for entry in entries:
            self.on_entry(entry)
        return entries

    def _to_frame(self, entries: list[FlowEntry]) -> list[FlowEntry]:
        """Public entries, the last of each story in the batch, in a language listened to."""
        languages = {listener.language for listener in self._listeners}
        if not languages:
            return []
        last = {e.story_id: e.seq for e in entries}
        return [e for e in entries if e.public and e.language in languages and last[e.story_id] == e.seq]

    def _render(self, entries: list[FlowEntry]) -> dict[int, bytes | None]:
        return {entry.seq: self.frame(entry) for entry in entries}

    def frames(self, entries: list[FlowEntry]) -> list[tuple[FlowEntry, bytes | None]]:
        """Frames for a batch: the *current* public state of each story, once.

        Rendering the current state (not the entry's version) means a reader that was
        slow, or replays after a reconnect, never gets text the agency has since
        replaced or withdrawn; only the last entry per story in a batch is sent.
        """
        last = {e.story_id: e.seq for e in entries}
        out: list[tuple[FlowEntry, bytes | None]] = []
        for entry in entries:
            frame = self.frame(entry) if entry.public and last[entry.story_id] == entry.seq else None
            out.append((entry, frame))
        return out

    def frame(self, entry: FlowEntry) -> bytes | None:
        """The SSE frame announcing ``entry``'s story as the public sees it now."""
        try:
            story = self.public.story(entry.story_id)
        except NotFound:  # no longer public (or never was): nothing to announce
            return None
        if isinstance(story, Gone):
            return sse(entry.seq, "withdraw", {"id": story.id, "language": story.language})
        self.frames_rendered += 1
        event = "publish" if entry.action is Action.WITHDRAW else entry.action.value
        return sse(entry.seq, event, {
            "id": story.id,
            "language": story.language,
            "category": story.category,
            "priority": story.priority,
            "headline": story.headline,
            "abbreviation": story.abbreviation,
            "dateline": story.dateline,
            "path": story.path,
            "published": story.published.isoformat(),
        })

    def _fan_out(self, language: str, seq: int, data: bytes) -> None:
        for listener in list(self._listeners):
            if listener.language != language:
                continue
            try:
                listener.queue.put_nowait((seq, data))
            except asyncio.QueueFull:  # too slow: cut off; the browser reconnects and replays
                self._listeners.discard(listener)
                self.cutoffs += 1
                with contextlib.suppress(asyncio.QueueFull):
                    listener.queue.get_nowait()
                    listener.queue.put_nowait(None)

    # -- one connection --------------------------------------------------------------------
    async def events(self, language: str, last_event_id: int | None) -> AsyncIterator[bytes]:
        listener = _Listener(language, asyncio.Queue(self.buffer))
        self._listeners.add(listener)  # registered first: nothing newer can be missed
        upto = self.high_water
        try:
            yield b"retry: 3000\n\n"
            if last_event_id is not None and 0 <= last_event_id < upto:
                for replayed in await asyncio.to_thread(self._replay, language, last_event_id, upto):
                    yield replayed
            # A browser may already hold entries the reader has not reached yet (it read
            # them from another node, or before a restart): live frames up to there are skipped.
            seen = max(upto, last_event_id or 0)
            while True:
                try:  # not wait_for: on Python 3.11 it can lose a cancellation (flow/waits.py)
                    async with asyncio.timeout(self.heartbeat_seconds):
                        item = await listener.queue.get()
                except TimeoutError:
                    yield HEARTBEAT
                    continue
                if item is None:
                    yield RESET
                    return
                seq, data = item
                if seq > seen:
                    seen = seq
                    yield data
        finally:
            self._listeners.discard(listener)

    def _replay(self, language: str, after: int, upto: int) -> list[bytes]:
        with self.db.read() as conn:
            entries = flow_log.read_after(conn, after, REPLAY_LIMIT, languages=[language], public_only=True)
        entries = [e for e in entries if e.seq <= upto and e.language == language]
        return [f for _e, f in self.frames(entries) if f is not None]

    @property
    def connections(self) -> int:
        return len(self._listeners)
