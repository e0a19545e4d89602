"""The search index follows the flow log, with its own cursor stored in the database.

Publishing never waits for the index: the editor's request commits the version and its
flow entry, and this follower, woken by the commit signal (or by another node's commit),
reads the entries after its cursor, analyses their versions (outside any transaction),
then writes the documents and moves the cursor in one write transaction. A process
killed between a publish and its indexing leaves the cursor behind the entry, so the
story is indexed as soon as the node is back, without a reindex.

Several nodes on one PostgreSQL share one index: whichever follower takes the cursor's
row lock first applies the entries, the others find the cursor already past them.
Writes are idempotent as well (a story's newest version wins), so a batch applied twice
changes nothing.

The flow log and the index may live in different databases: a node on PostgreSQL with
a search replica (``search.replica``) reads the log from PostgreSQL (``log``) and keeps
the index and its cursor in a local SQLite file (``db``), so the documents and the
cursor still move in one (local) transaction.

``FollowedIndex`` gives searches read-your-writes: a query waits (bounded) until the
index has applied everything the node knew was committed when the query arrived, so an
editor who publishes and then searches finds the story.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from newsflow.core.flow import FlowEntry
from newsflow.core.story import StoryVersion
from newsflow.search import SearchQuery, SearchResult
from newsflow.search.document import IndexDocument
from newsflow.search.engine import SqlSearch
from newsflow.store import cursors
from newsflow.store import stories as story_store
from newsflow.store.database import Database

log = logging.getLogger("newsflow.search")

CURSOR = "search"
BATCH = 200
FRESH_WAIT = 5.0  # seconds a search waits for the index to catch up before answering anyway


class Beacon(Protocol):
    """What the follower needs of the commit signal (``flow.signal.FlowSignal``)."""

    @property
    def latest(self) -> int: ...

    async def wait_beyond(self, seq: int, timeout: float) -> bool: ...


class Recent(Protocol):
    """This node's newest commits held in memory (``flow.recent.RecentFlow``)."""

    def after(self, seq: int, upto: int, limit: int) -> list[tuple[FlowEntry, StoryVersion]] | None: ...


class IndexFollower:
    def __init__(
        self, db: Database, index: SqlSearch, beacon: Beacon, *, clock: Callable[[], datetime],
        recent: Recent | None = None, log: Database | None = None,
    ) -> None:
        self.db = db  # where the index and the cursor are
        self.log = db if log is None else log  # where the flow log and the stories are
        self.recent = recent
        self.index = index
        self.beacon = beacon
        self.clock = clock
        self.running = False
        self._position = -1  # unknown until read from the database
        self.applied = 0  # flow entries this follower applied since it started
        self.after_catch_up: Callable[[], object] | None = None  # run's hook, in its thread
        self._changed = threading.Condition()
        self._applying = threading.Lock()

    @property
    def position(self) -> int:
        """The last flow seq whose version is in the index (as far as this node knows)."""
        if self._position < 0:
            with self.db.read() as conn:
                self._moved(cursors.position(conn, CURSOR) or 0)
        return self._position

    def _moved(self, seq: int) -> None:
        with self._changed:
            if seq > self._position:
                self._position = seq
                self._changed.notify_all()

    # -- applying entries -------------------------------------------------------------------
    def catch_up(self) -> int:
        """Apply every entry after the stored cursor, in batches; the new position."""
        with self._applying:
            with self.db.read() as conn:
                self._moved(cursors.position(conn, CURSOR) or 0)  # another node may have moved it
            while self._apply_batch():
                pass
        return self.position

    def _apply_batch(self) -> bool:
        """One batch: True when there may be more after it."""
        after = self.position
        held = self.recent.after(after, self.beacon.latest, BATCH) if self.recent is not None else None
        if held:  # what this node just committed, from memory: no database read
            versions = [(entry.seq, version) for entry, version in held]
        else:  # the entries and their versions in one query
            with self.log.read() as conn:
                versions = story_store.versions_after(conn, after, BATCH)
        if not versions:
            return False
        docs = _newest_documents(versions)
        with self.db.write() as tx:
            stored = cursors.claim(tx.conn, CURSOR, self.clock())
            pending = [doc for seq, doc in docs if seq > stored]
            last = versions[-1][0]
            if pending:
                self.index.write_newest(tx.conn, pending)
            cursors.advance(tx.conn, CURSOR, last, self.clock())
            moved_to = max(stored, last)
        self._moved(moved_to)
        self.applied += len(versions)
        return len(versions) == BATCH

    # -- following --------------------------------------------------------------------------
    async def run(self) -> None:
        """Follow the flow log until cancelled: wake on each commit, apply, repeat."""
        self.running = True
        try:
            while True:
                try:
                    position = await asyncio.to_thread(self.catch_up)
                    if self.after_catch_up is not None:
                        await asyncio.to_thread(self.after_catch_up)
                except Exception:  # keep following through a database hiccup
                    log.exception("search: following the flow log failed; retrying")
                    await asyncio.sleep(1.0)
                    continue
                await self.beacon.wait_beyond(position, 30.0)
        finally:
            self.running = False

    def wait_for(self, seq: int, timeout: float) -> bool:
        """Block until the index has applied ``seq`` (True), or ``timeout`` passed.

        Without a running follower (a script, the CLI) the caller applies the entries itself.
        """
        if self.position >= seq:
            return True
        if not self.running:
            return self.catch_up() >= seq
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._position < seq:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)
        return True


def _newest_documents(versions: list[tuple[int, StoryVersion]]) -> list[tuple[int, IndexDocument]]:
    """Each story's last version in the batch, analysed once, with the seq of its entry."""
    last: dict[int, tuple[int, StoryVersion]] = {}
    for seq, version in versions:
        last[version.story_id] = (seq, version)
    return [(seq, IndexDocument.from_version(version)) for seq, version in last.values()]


class FollowedIndex:
    """The search index as readers see it: every search first waits for the follower."""

    def __init__(self, index: SqlSearch, follower: IndexFollower, beacon: Beacon, *, wait: float = FRESH_WAIT) -> None:
        self.raw = index
        self.follower = follower
        self.beacon = beacon
        self.wait = wait
        self.observe: Callable[[float], None] | None = None  # seconds per search (for /metrics)

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        try:
            if not self.follower.wait_for(self.beacon.latest, self.wait):
                log.warning("search: the index is behind the flow log; answering from what it has")
            return self.raw.search(query)
        finally:
            if self.observe is not None:
                self.observe(time.perf_counter() - started)

    def readiness_details(self) -> dict[str, object]:
        """What ``GET /readyz`` says about the search engine (see ``SqlSearch``)."""
        return self.raw.readiness_details()

    def index(self, version: StoryVersion) -> None:
        self.raw.index(version)

    def index_many(self, versions: list[StoryVersion]) -> None:
        self.raw.index_many(versions)

    def index_documents(self, docs: list[IndexDocument]) -> None:
        self.raw.index_documents(docs)

    def bulk(self, commit_every: int = 50_000, *, newest_only: bool = False) -> AbstractContextManager[Callable[..., None]]:
        return self.raw.bulk(commit_every, newest_only=newest_only)

    def remove(self, story_id: int) -> None:
        self.raw.remove(story_id)

    def clear(self) -> None:
        self.raw.clear()

    def count(self) -> int:
        return self.raw.count()

    def prewarm(self) -> int:
        return self.raw.prewarm()

