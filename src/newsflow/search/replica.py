"""A node-local search replica: a PostgreSQL node searching a SQLite FTS5 file of its own.

On PostgreSQL every node shares one search index in the database. A node configured
with ``NEWSFLOW_SEARCH_REPLICA=/var/lib/newsflow/search.db`` also keeps a copy of the
index in a local SQLite file, built and searched by the same engine a SQLite node uses
(``SqliteSearch``: the same analysis, ``nf_bm25`` ranking, entitlement filtering,
facets, snippets and totals), and answers its searches from that copy.

The replica is derived data. Stories stay in PostgreSQL; the replica follows the flow
log there with an ``IndexFollower`` whose cursor lives inside the local file, so writing
a batch of documents and moving the cursor is one local transaction (a crash leaves
them in step; the node carries on from the cursor). The follower is woken by the
commit signal, which carries this node's commits and, through NATS or LISTEN, other
nodes'. ``newsflow search reindex`` rebuilds the file from the stories on PostgreSQL.

A new or lagging replica: until its follower has reached the end of the flow log once
(``ReplicaIndex.caught_up``), the node searches the shared PostgreSQL index, which every
node keeps following as before; it is the default without a replica and the fallback
with one. From then on searches read the replica, with read-your-writes as on a single
node (``FollowedIndex``). ``GET /readyz`` says which index a node searches and how many
flow entries its replica is behind.

Following writes the index in small transactions, each adding FTS5 segments, and a
replica that followed far (a new node's, or one long down) would be left in a layout
slower to query than a bulk-built index. When the follower has caught up after
applying more than ``COMPACT_AFTER`` entries since the node started, it compacts the
file once, in its own thread, as a bulk load ends (``SqliteSearch.compact``: FTS5
``optimize``, ``ANALYZE``, a WAL checkpoint); ``newsflow search reindex`` of a replica
ends with the same.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from newsflow.core.clock import Clock
from newsflow.search import SearchQuery, SearchResult
from newsflow.search.follower import Beacon, FollowedIndex, IndexFollower
from newsflow.search.sqlite_fts import SqliteSearch
from newsflow.store import cursors, flow_log
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade

__all__ = ["COMPACT_AFTER", "ReplicaIndex", "open_replica", "start_cursor"]

log = logging.getLogger("newsflow.search")

COMPACT_AFTER = 5_000  # flow entries applied since start after which a caught-up replica is compacted once


def open_replica(path: Path, *, migrate: bool = True) -> Database:
    """The replica's SQLite file, created and migrated when missing (the newsflow schema;
    only the search tables and the follower cursors are written in it). ``migrate=False``:
    someone did already (``serve --workers N`` migrates once, before its workers start)."""
    db = Database(f"sqlite:///{path}")
    if migrate:
        upgrade(db)
    return db


def start_cursor(replica: Database, source: Database, clock: Clock) -> int:
    """For a rebuild from the stories table: the flow log's end *before* the stories
    are read, as the replica's cursor when it has none further. Entries after it are
    applied by the follower; those before it are in the stories read (a version
    applied twice changes nothing: the newest version wins)."""
    with source.read() as conn:
        end = flow_log.last_seq(conn)
    with replica.write() as tx:
        cursors.claim(tx.conn, "search", clock())
        cursors.advance(tx.conn, "search", end, clock())
    return end


class ReplicaIndex(FollowedIndex):
    """The node's searches: its replica once that has caught up with the flow log, the
    shared index (``shared``) until then. Writes and maintenance (``bulk``, ``clear``,
    ``count``, ``prewarm``) go to the replica."""

    def __init__(
        self, replica: SqliteSearch, follower: IndexFollower, beacon: Beacon, shared: FollowedIndex, path: Path
    ) -> None:
        super().__init__(replica, follower, beacon)
        self.replica = replica
        self.shared = shared
        self.path = path
        self.caught_up = False
        self.compact_after = COMPACT_AFTER
        self.compacted = False  # compacted since the node started (after following far)
        follower.after_catch_up = self.compact_if_due

    @property
    def behind(self) -> int:
        """Flow entries this node knows were committed that the replica has not applied."""
        return max(0, self.beacon.latest - self.follower.position)

    def _replica_ready(self) -> bool:
        if not self.caught_up and self.behind == 0:
            self.caught_up = True
            log.info("search: the replica %s has caught up with the flow log (seq %d); searches read it",
                     self.path, self.follower.position)
        return self.caught_up

    def compact_if_due(self) -> bool:
        """Compact the replica once, when it has caught up after following far (the
        follower's hook, in its thread); True when it did."""
        if self.compacted or self.follower.applied < self.compact_after or self.behind > 0:
            return False
        started = time.perf_counter()
        self.replica.compact()
        self.compacted = True
        log.info("search: the replica %s compacted after following %d flow entries (%.1f s)",
                 self.path, self.follower.applied, time.perf_counter() - started)
        return True

    def search(self, query: SearchQuery) -> SearchResult:
        if self._replica_ready():
            return super().search(query)
        return self.shared.search(query)

    def readiness_details(self) -> dict[str, object]:
        """Which index this node searches, and how far behind the flow its replica is."""
        behind = self.behind
        return {
            "search_index": "replica" if self._replica_ready() else "shared",
            "full_text_index": "fts5",
            "replica": {
                "path": str(self.path), "position": self.follower.position, "behind": behind,
                "compacted": self.compacted,
            },
            "shared": self.shared.readiness_details(),
        }

    def prewarm(self) -> int:
        log.info("search: replica %s, %d flow entries behind (%s)", self.path, self.behind,
                 "searches read it" if self._replica_ready() else "searches read the shared index until it catches up")
        return super().prewarm()

