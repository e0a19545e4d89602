"""What a subscriber may read, and the read itself: flow pages and documents.

Every subscriber read calls ``Subscribers.live_entitlement`` first (read time), then
filters with the pure rules in ``core.entitlements``. Documents come from the shared
``Renderer`` cache, so a version is rendered once per format and representation.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from newsflow.core.clock import Clock, utcnow
from newsflow.core.entitlements import Entitlement
from newsflow.core.filters import FlowFilters
from newsflow.core.flow import FlowEntry
from newsflow.core.story import Representation, StoryVersion
from newsflow.errors import Gone, InvalidInput, PermissionDenied
from newsflow.formats import get_format
from newsflow.services.freshness import FreshCache
from newsflow.services.lru import LruCache
from newsflow.services.rendering import Renderer
from newsflow.services.subscribers import Subscribers
from newsflow.store import flow_log
from newsflow.store import stories as story_store
from newsflow.store.database import Database

VERSION_CACHE = 10_000
CURRENT_TTL = 1.0


@dataclass(frozen=True, slots=True)
class Document:
    data: bytes
    media_type: str
    version: StoryVersion
    format: str


class FlowPosition(Protocol):
    """How far the flow log is known to reach (``flow.signal.FlowSignal``)."""

    @property
    def latest(self) -> int: ...


class Delivery:
    def __init__(
        self,
        db: Database,
        subscribers: Subscribers,
        renderer: Renderer,
        *,
        clock: Clock = utcnow,
        signal: FlowPosition | None = None,
    ) -> None:
        self.db = db
        self.subscribers = subscribers
        self.renderer = renderer
        self.clock = clock
        self.signal = signal
        self._versions: LruCache[tuple[int, int], StoryVersion] = LruCache(VERSION_CACHE)
        # story -> (current version, flow seq when read)
        self._current: FreshCache[int, tuple[int, int]] = FreshCache(CURRENT_TTL, max_items=VERSION_CACHE)

    def flow_page(
        self, after: int, limit: int, filters: FlowFilters, ent: Entitlement | None
    ) -> list[FlowEntry]:
        narrowed = filters.narrowed(ent)
        if narrowed is None:
            return []
        since: datetime | None = None
        if ent is not None and ent.archive_days is not None:
            since = self.clock() - timedelta(days=ent.archive_days)
        with self.db.read() as conn:
            return flow_log.read_after(
                conn,
                after,
                limit,
                categories=narrowed.categories,
                languages=narrowed.languages,
                priorities=narrowed.priorities,
                types=narrowed.types,
                since=since,
            )

    def _latest_seq(self) -> int:
        # A story's current version changes only with a flow entry, and every node hears of
        # new entries through the signal; CURRENT_TTL bounds what no signal reports.
        return self.signal.latest if self.signal else 0

    def cached(self, story_id: int, version: int | None = None) -> StoryVersion | None:
        """The version from memory if it is there and current (no I/O). When the story's
        current version must be re-read, the first caller gets None (and reads it)."""
        if version is None:
            seq = self._latest_seq()
            current, must_load = self._current.lookup(story_id, lambda hit: hit[1] == seq)
            if must_load or current is None:
                return None
            version = current[0]
        return self._versions.get((story_id, version))

    def load(self, story_id: int, version: int | None = None) -> StoryVersion:
        if version is None:
            seq = self._latest_seq()  # taken before the read: a later commit invalidates it
            try:
                with self.db.read() as conn:
                    version = story_store.current_version(conn, story_id)
            except BaseException:
                self._current.failed(story_id)
                raise
            self._current.put(story_id, (version, seq))
        key = (story_id, version)
        cached = self._versions.get(key)
        if cached is not None:
            return cached
        with self.db.read() as conn:
            v = story_store.get_version(conn, story_id, version)
        return self._versions.put(key, v)  # versions are immutable: a bounded cache never goes stale

    def story_id_for(self, uri: str) -> int:
        with self.db.read() as conn:
            return story_store.id_for_uri(conn, uri)

    def _check(self, ent: Entitlement, v: StoryVersion, latest: StoryVersion, asked: int | None) -> None:
        if not ent.allows_version(v, self.clock()):
            raise PermissionDenied("your subscription does not include this story")
        if asked is not None and not v.is_withdrawn and latest.is_withdrawn:
            # Earlier versions of a withdrawn story are not to be used any more; the
            # latest version (the withdrawal notice, without a body) is still served.
            raise Gone(f"story {v.story_id} was withdrawn; only its withdrawal notice is available")

    def document(
        self,
        ent: Entitlement,
        story_id: int,
        version: int | None,
        fmt: str,
        *,
        count: bool = True,
    ) -> Document:
        """A full document for an entitled subscriber; 403 for anything else."""
        get_format(fmt)  # unknown format: 4xx before anything else
        v = self.load(story_id, version)
        self._check(ent, v, v if version is None else self.load(story_id), version)
        if count:
            self.subscribers.record_download(ent, v.story_id, v.version, fmt)
        data = self.renderer.render(ent.visible(v), fmt, Representation.FULL)
        return Document(data, self.renderer.media_type(fmt), v, fmt)

    async def document_async(self, ent: Entitlement, story_id: int, version: int | None, fmt: str) -> Document:
        """``document`` for the event loop: memory when everything is cached, threads otherwise."""
        get_format(fmt)
        v = self.cached(story_id, version)
        if v is None:
            v = await asyncio.to_thread(self.load, story_id, version)
        latest = v if version is None else self.cached(story_id)
        if latest is None:
            latest = await asyncio.to_thread(self.load, story_id)
        self._check(ent, v, latest, version)
        await self.subscribers.usage_meter.record_async(ent, v.story_id, v.version, fmt)
        shown = ent.visible(v)
        data = self.renderer.peek(shown, fmt, Representation.FULL)
        if data is None:
            data = await asyncio.to_thread(self.renderer.render, shown, fmt, Representation.FULL)
        return Document(data, self.renderer.media_type(fmt), v, fmt)


def parse_list(value: str | None, field: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    if len(items) > 50:
        raise InvalidInput(f"too many values in {field}", field=field)
    return items
