"""Render a version once per (format, representation) and keep the bytes.

Published versions are immutable, so a rendered document never goes stale: the cache
only needs a bound on memory (LRU). Every delivery path (document API, streams,
webhooks, the compatible API) asks this one object, so the same bytes go everywhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

from newsflow.core.story import Representation, StoryVersion
from newsflow.errors import InvalidInput
from newsflow.formats import Format, get_format
from newsflow.services.lru import LruCache

Key = tuple[int, int, str, str, str]


def media_key(version: StoryVersion) -> str:
    """Which media types the version carries: a version with some media left off for a
    subscriber (``Entitlement.visible``) is another document than the whole one."""
    return ",".join(sorted({a.type.value for a in version.content.associations}))


class Renderer:
    def __init__(self, max_items: int = 20_000, *, formats: Mapping[str, Format] | None = None) -> None:
        self._formats = formats  # None: the standard registry (``newsflow.formats.FORMATS``)
        self._cache: LruCache[Key, bytes] = LruCache(max_items)
        self._lock = threading.Lock()  # guards _rendering and renders
        self._rendering: dict[Key, threading.Event] = {}  # keys being rendered right now
        self.renders = 0  # how many times a document was actually rendered (for tests/metrics)

    def render(self, version: StoryVersion, fmt: str, representation: Representation) -> bytes:
        key = (version.story_id, version.version, fmt, representation.value, media_key(version))
        while True:
            with self._lock:
                cached = self._cache.get(key)
                if cached is not None:
                    return cached
                waiting = self._rendering.get(key)
                if waiting is None:  # this thread renders; others asking meanwhile wait
                    self._rendering[key] = threading.Event()
                    break
            waiting.wait()
        try:
            data = self.format(fmt).render(version, representation)
            with self._lock:
                self.renders += 1
                self._cache.put(key, data)
            return data
        finally:
            with self._lock:
                self._rendering.pop(key).set()

    def peek(self, version: StoryVersion, fmt: str, representation: Representation) -> bytes | None:
        """The rendered bytes if already cached (no rendering)."""
        return self._cache.peek((version.story_id, version.version, fmt, representation.value, media_key(version)))

    def format(self, fmt: str) -> Format:
        if self._formats is None:
            return get_format(fmt)
        try:
            return self._formats[fmt]
        except KeyError:
            raise InvalidInput(f"unknown format {fmt!r} (known: {', '.join(self._formats)})", field="format") from None

    def media_type(self, fmt: str) -> str:
        return self.format(fmt).media_type

    def loader(
        self, load: Callable[[int, int], StoryVersion], view: Callable[[StoryVersion], StoryVersion] | None = None
    ) -> Callable[[int, int, str, Representation], bytes]:
        """Render by id, loading the version only when needed; ``view`` narrows it first
        (``Entitlement.visible``), so those documents always load the version."""
        def _render(story_id: int, version: int, fmt: str, representation: Representation) -> bytes:
            if view is not None:
                return self.render(view(load(story_id, version)), fmt, representation)
            key = (story_id, version, fmt, representation.value, "")
            with self._lock:
                cached = self._cache.get(key)
            if cached is not None:
                return cached
            return self.render(load(story_id, version), fmt, representation)

        return _render
