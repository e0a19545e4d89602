"""A page cache for the public site: each page is rendered once per story version.

Keys are request paths (with the query string). Every cached page carries *tags*: the
story ids it shows. After a commit the newsroom listener calls ``invalidate(ids)``,
which drops the pages of those stories and every list page (home, categories, feeds,
sitemaps), so the next reader renders the new version. Lists are dropped on any entry,
not only public ones: a story that stops being public must leave the lists too.

Bounded (least recently used pages go first: ``services.lru.LruCache``) and
thread-safe: the listener runs in the writer's thread, readers on the event loop.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsflow.core.flow import FlowEntry
from newsflow.core.story import StoryVersion
from newsflow.services.lru import LruCache


@dataclass(frozen=True, slots=True)
class CachedPage:
    body: bytes
    status: int
    media_type: str
    headers: tuple[tuple[str, str], ...] = ()
    story_ids: frozenset[int] = field(default_factory=frozenset)  # empty: a list page
    etag: str = ""


def etag_for(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


class PageCache:
    def __init__(self, max_pages: int = 4000) -> None:
        self._pages: LruCache[str, CachedPage] = LruCache(max_pages)
        self._lock = threading.Lock()  # a put and an invalidation never interleave
        self._generation = 0
        self.hits = 0
        self.misses = 0

    @property
    def generation(self) -> int:
        """Bumped by every invalidation: a page rendered across one is not stored."""
        return self._generation

    def get(self, key: str) -> CachedPage | None:
        page = self._pages.get(key)
        if page is None:
            self.misses += 1
        else:
            self.hits += 1
        return page

    def put(self, key: str, page: CachedPage, generation: int) -> None:
        """Store ``page`` unless an invalidation happened since ``generation`` was read."""
        with self._lock:
            if generation != self._generation:
                return
            self._pages.put(key, page)

    def invalidate(self, story_ids: Iterable[int]) -> None:
        ids = set(story_ids)
        with self._lock:
            self._generation += 1
            self._pages.drop_where(lambda _key, page: not page.story_ids or bool(page.story_ids & ids))

    def committed(self, entry: FlowEntry, version: StoryVersion) -> None:
        """Newsroom listener (after commit): drop the pages this entry changes.

        The cache lives in memory, so it needs no durable cursor: a process that dies
        between the commit and this call starts with an empty cache.
        """
        ids = {entry.story_id}
        if version.content.translation_of is not None:
            ids.add(version.content.translation_of)  # the original's translation switcher
        self.invalidate(ids)

    def entry_seen(self, entry: FlowEntry) -> None:
        """The public live stream's reader: the same for commits made by other nodes."""
        self.invalidate({entry.story_id})

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._pages.clear()

    def __len__(self) -> int:
        return len(self._pages)


def page_key(path: str, query: str = "") -> str:
    """The cache key of a request: the decoded path, plus the query when there is one."""
    return f"{path}?{query}" if query else path
