"""The SQL both engines share: visibility, filters, facets, hits, and index writes.

An engine (``SqliteSearch``, ``PostgresSearch``) only says how a full-text match is
written (``_match``) and how analyzed terms are stored (``_write_terms``,
``_delete_terms``, ``_clear_terms``); everything a caller can observe besides the
score is decided here, once, so the two engines cannot drift apart.

Every query is bounded: one scored scan, at most one unscored count, and three
primary-key lookups.

* The scan reads the *ranked window*: the newest ``RANK_WINDOW`` = 2,000 visible
  matches (filters applied before the cut; ids grow with time) as ids with their score
  (or their time for ``sort=time``). The page is picked from it in Python (the best
  ``offset + limit``); the facets count the same 2,000 stories. An engine may read a
  relevance window another way (``_recent_window``: SQLite's one-pass ``nf_bm25`` or
  its recent tier, see ``search.sqlite_fts``) or in steps (``_window_rows``:
  PostgreSQL's id ranges, see ``search.postgres_fts``); it must return the same newest
  matches.
  A time-sorted window with words is the matches' ids plus their times from
  ``search_facts``.
* The total is the window's size when it is not full; otherwise the window's size plus
  a count of the older matches, unscored, stopping at 10,001 in all: exact up to 10,000.
* The page's rows (text for the snippets) are read by id, and the facets count the
  window's ``search_facts`` rows (one short text of facet values per story, 0007).

A word found in 300,000 stories therefore costs about what one found in 10,000 costs;
the result then says ``total_exact=False`` and ``total`` is 10,000, and relevance
ranks (and facets count) the newest 2,000 matches.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from newsflow.core.clock import Clock, utcnow
from newsflow.core.story import StoryVersion
from newsflow.errors import InvalidInput
from newsflow.search import MAX_LIMIT, Hit, SearchQuery, SearchResult
from newsflow.search.document import (
    FACET_KINDS,
    FACET_SEP,
    IndexDocument,
    facet_values,
    primary_language,
    tag_key,
)
from newsflow.search.query import Analyzed, analyze, highlight_terms, parse
from newsflow.search.snippets import snippet
from newsflow.search.tables import search_docs, search_facts, search_tags
from newsflow.store import driver
from newsflow.store.database import Database

__all__ = ["Match", "Plan", "SqlSearch", "capped_count", "facet_counts"]

TOPIC_FACET_SIZE = 20
WINDOW = 10_000  # matches ranked and counted per query; see docs/search.md
RANK_WINDOW = 2_000  # newest matches ranked and faceted per query; see docs/search.md
d = search_docs.c


def _insert_all(table: sa.Table) -> sa.Insert:
    """An INSERT of every column of ``table``, each bound by its own name (``store.driver``)."""
    return table.insert().values({col.name: sa.bindparam(col.name, type_=col.type) for col in table.c})


# Built once: the index follower writes every batch with them, on the driver's cursor.
_INSERT_DOCS = _insert_all(search_docs)
_INSERT_TAGS = _insert_all(search_tags)
_INSERT_FACTS = _insert_all(search_facts)


def _marks(conn: Connection, n: int) -> str:
    """``n`` positional parameter marks in the driver's own style."""
    return ",".join(("?" if conn.dialect.paramstyle == "qmark" else "%s",) * n)


@dataclass(frozen=True, slots=True)
class Plan:
    """One search as the engine runs it: what the engine hooks are told."""

    query: SearchQuery
    analyzed: Analyzed | None  # None: no words (browsing by filters)
    public: bool
    conditions: list[ColumnElement[bool]]  # the SQL conditions on the engine's ``filters`` table
    size: int  # the ranked window: matches to rank (and to facet)


class Match:
    """An engine's full-text part of a query: the FROM clause, the condition, the score."""

    def __init__(
        self,
        source: sa.FromClause,
        where: ColumnElement[bool],
        score: ColumnElement[Any],
        key: ColumnElement[Any] | None = None,
        alone: sa.FromClause | None = None,
    ) -> None:
        self.source = source
        self.where = where
        self.score = score
        self.key = key if key is not None else search_docs.c.story_id  # newest-first order
        self.alone = alone  # the full-text table without search_docs, when that can run alone


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class SqlSearch:
    """The engine-independent half of a ``SearchIndex``."""

    # The table whose columns the filters and visibility read (story_id, version,
    # versioncreated, language, category, priority, type, public, withdrawn): the wide
    # ``search_docs`` here; PostgreSQL's narrow ``search_terms``.
    filters: sa.Table = search_docs
    # The window's rows carry the latest version's time (``filters`` holds it narrow), so a
    # time-sorted window is read in one statement rather than ids, then ``_times``.
    times_in_window = False

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utcnow,
        window: int = WINDOW,
        rank_window: int = RANK_WINDOW,
    ) -> None:
        self.db = db
        self.clock = clock
        self.window = window
        self.rank_window = rank_window

    # -- engine hooks -------------------------------------------------------------------------
    def _match(self, analyzed: Analyzed, *, public: bool, query: SearchQuery) -> Match:
        raise NotImplementedError

    def _resolve(self, analyzed: Analyzed) -> Analyzed:
        """Engine hook: the analyzed query rewritten to what is cheaper to match and means
        the same (SQLite: prefixes as the exact terms of the index that have them)."""
        return analyzed

    def _recent_window(self, conn: Connection, plan: Plan) -> Sequence[Any] | None:
        """Engine hook: the ranked window (id, score) of a query with words, read from a
        smaller index of the newest stories when that holds all of it; ``None`` to read
        the full index."""
        return None

    def _write_terms(self, conn: Connection, docs: Sequence[IndexDocument]) -> None:
        raise NotImplementedError

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """Engine hook: the connection one search runs on (PostgreSQL bounds each of its
        statements in time there)."""
        with self.db.read() as conn:
            yield conn

    def _id_list(self, ids: list[int]) -> sa.TextClause:
        """A one-column SELECT of ``ids`` bound as ONE parameter (2,000 separate ones cost
        more to render than the query costs to run)."""
        raise NotImplementedError

    def _delete_terms(self, conn: Connection, story_ids: Sequence[int]) -> None:
        raise NotImplementedError

    def _clear_terms(self, conn: Connection) -> None:
        raise NotImplementedError

    # -- writing ------------------------------------------------------------------------------
    def index(self, version: StoryVersion) -> None:
        with self.db.write() as tx:
            self.write_newest(tx.conn, [IndexDocument.from_version(version)])

    def write_newest(self, conn: Connection, docs: Sequence[IndexDocument]) -> int:
        """Upsert, inside the caller's transaction, each story's newest document unless
        the index already holds a newer version (a late, older one changes nothing).
        Idempotent: writing the same documents twice leaves the same index."""
        newest: dict[int, IndexDocument] = {}
        for doc in docs:
            if doc.story_id not in newest or doc.version > newest[doc.story_id].version:
                newest[doc.story_id] = doc
        if not newest:
            return 0
        current: dict[int, int] = {}
        for chunk in _chunks(list(newest), 500):
            sql = f"SELECT story_id, version FROM search_docs WHERE story_id IN ({_marks(conn, len(chunk))})"
            current.update((int(r[0]), int(r[1])) for r in driver.rows(conn, sql, tuple(chunk)))
        fresh = [doc for doc in newest.values() if current.get(doc.story_id, -1) <= doc.version]
        if fresh:
            # a story the index does not hold yet (a first publish) has no rows to delete
            self._upsert(conn, fresh, held=[doc.story_id for doc in fresh if doc.story_id in current])
        return len(fresh)

    def index_many(self, versions: list[StoryVersion]) -> None:
        self.index_documents([IndexDocument.from_version(v) for v in versions])

    def index_documents(self, docs: Sequence[IndexDocument]) -> None:
        """Upsert already-built documents in one transaction (reindex, benchmarks)."""
        if docs:
            with self.db.write() as tx:
                self._upsert(tx.conn, docs)

    @contextmanager
    def bulk(
        self, commit_every: int = 50_000, *, newest_only: bool = False
    ) -> Iterator[Callable[[Sequence[IndexDocument]], None]]:
        """A loader for big loads: ``load(docs)`` upserts a batch.

        Batches share a transaction until ``commit_every`` documents were written. The
        engines override this to relax durability for the load only (SQLite) and to tidy
        the full-text structures once at the end (PostgreSQL: ``VACUUM (ANALYZE)``).
        ``newest_only``: a document never replaces a newer version already indexed
        (``write_newest``), for a load that runs while publishing goes on (PostgreSQL's
        ``reindex``, with short transactions); benchmarks load what nothing else writes.
        """
        with self._bulk_connection() as conn:
            pending = 0
            tx = conn.begin()
            try:

                def load(docs: Sequence[IndexDocument]) -> None:
                    nonlocal pending, tx
                    if docs:
                        if newest_only:
                            self.write_newest(conn, docs)
                        else:
                            self._upsert(conn, docs)
                        pending += len(docs)
                    if pending >= commit_every:
                        tx.commit()
                        tx, pending = conn.begin(), 0

                yield load
                tx.commit()
            except BaseException:
                tx.rollback()
                raise
            self._after_bulk(conn)

    @contextmanager
    def _bulk_connection(self) -> Iterator[Connection]:
        with self.db.engine.connect() as conn:
            yield conn

    def _after_bulk(self, conn: Connection) -> None:
        """Engine hook: tidy the full-text structures after a bulk load."""

    def _upsert(self, conn: Connection, docs: Sequence[IndexDocument], *, held: Sequence[int] | None = None) -> None:
        """Replace the documents' rows; ``held``: the ids among them the index holds rows
        of (when the caller knows; otherwise every one is deleted first)."""
        ids = [doc.story_id for doc in docs] if held is None else held
        if ids:
            self._delete_rows(conn, ids)
        driver.run_many(
            conn,
            _INSERT_DOCS,
            [
                {
                    "story_id": doc.story_id, "uri": doc.uri, "version": doc.version,
                    "headline": doc.headline, "language": doc.language, "category": doc.category,
                    "priority": doc.priority, "type": doc.type, "public": doc.public,
                    "withdrawn": doc.withdrawn, "versioncreated": doc.versioncreated,
                    "text": doc.text, "public_text": doc.public_text,
                }
                for doc in docs
            ],
        )
        tags = [{"kind": k, "key": v[:200], "story_id": doc.story_id} for doc in docs for k, v in doc.tags]
        driver.run_many(conn, _INSERT_TAGS, tags)
        driver.run_many(
            conn,
            _INSERT_FACTS,
            [{"story_id": doc.story_id, "versioncreated": doc.versioncreated, "facets": facet_values(doc)} for doc in docs],
        )
        self._write_terms(conn, docs)

    def _delete_rows(self, conn: Connection, ids: Sequence[int]) -> None:
        for chunk in _chunks(ids, 500):
            conn.execute(search_tags.delete().where(search_tags.c.story_id.in_(chunk)))
            conn.execute(search_facts.delete().where(search_facts.c.story_id.in_(chunk)))
            conn.execute(search_docs.delete().where(d.story_id.in_(chunk)))
            self._delete_terms(conn, chunk)

    def remove(self, story_id: int) -> None:
        with self.db.write() as tx:
            self._delete_rows(tx.conn, [story_id])

    def clear(self) -> None:
        with self.db.write() as tx:
            tx.conn.execute(search_tags.delete())
            tx.conn.execute(search_facts.delete())
            tx.conn.execute(search_docs.delete())
            self._clear_terms(tx.conn)

    def count(self) -> int:
        with self.db.read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(search_docs)).scalar_one())

    def readiness_details(self) -> dict[str, object]:
        """Engine hook: facts about the engine for ``GET /readyz`` (an extension in use,
        the index's state); nothing by default."""
        return {}

    def prewarm(self) -> int:
        """Engine hook: PostgreSQL keeps its own buffers (``pg_prewarm`` is the server's
        tool for this), so the shared half reads nothing."""
        return 0

    # -- searching ------------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResult:
        if not 1 <= query.limit <= MAX_LIMIT:
            raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}", field="limit")
        if query.offset < 0:
            raise InvalidInput("offset must not be negative", field="offset")
        if query.sort not in ("relevance", "time"):
            raise InvalidInput("sort must be relevance or time", field="sort")
        if query.date_from is not None and query.date_to is not None and _utc(query.date_from) > _utc(query.date_to):
            raise InvalidInput("the date range ends before it starts (from is after to)", field="from")
        public = query.visibility.kind == "public"
        analyzed = analyze(parse(query.q), query.languages)
        if query.q.strip() and analyzed is None:
            return SearchResult(0, [], {})  # only stop-words: nothing can match
        if analyzed is not None:
            analyzed = self._resolve(analyzed)
        conditions = self._conditions(query, matched=analyzed is not None)
        if conditions is None:
            return SearchResult(0, [], {})
        by_time = query.sort == "time" or analyzed is None
        if analyzed is not None:
            match = self._match(analyzed, public=public, query=query)
            source, key, score, where = match.source, match.key, match.score, [match.where, *conditions]
            if not conditions and match.alone is not None:
                source = match.alone  # nothing needs search_docs: the full-text table alone
        else:
            source, key, score, where = self.filters, self.filters.c.story_id, sa.literal(0.0), conditions
        # The one scan: the newest WINDOW + 1 visible matches, as ids with their score (or
        # the time to order by). Hits, the total and the facet window all come from it;
        # the extra row only says whether more matched than the window holds.
        # versioncreated as stored (ISO text on SQLite, sorting like the time it is; a
        # datetime on PostgreSQL): parsing 10,000 of them would cost more than the scan.
        when = self.filters.c.versioncreated
        columns: list[Any] = [key.label("sid"), sa.type_coerce(when, sa.Text) if by_time else score]
        # Deep pages widen the ranked window (up to WINDOW) rather than come back empty.
        size = min(self.window, max(self.rank_window, query.offset + query.limit))
        with self._reading() as conn:
            plan = Plan(query, analyzed, public, conditions, size)
            window = None
            if not by_time and analyzed is not None:
                window = self._recent_window(conn, plan)
            if window is None and by_time and analyzed is not None and not self.times_in_window:
                # the matches' ids, then their times from the narrow search_facts rows: reading
                # them from search_docs's wide rows missed the page cache (0007)
                ids = [row[0] for row in self._window_rows(conn, plan, sa.select(key).select_from(source).where(*where), key)]
                times = self._times(conn, ids)
                window = [(sid, times[sid]) for sid in ids]
            if window is None:
                window = self._window_rows(conn, plan, sa.select(*columns).select_from(source).where(*where), key)
            total = len(window)
            older: sa.Select[Any] | None = None
            oldest = 0
            if total == size:  # the ranked window is full: count on, unscored, up to WINDOW + 1
                oldest = min(r[0] for r in window)  # the window is the newest matches: count the older
                older = sa.select(key).select_from(source).where(*where, key < oldest)
            want = query.offset + query.limit
            if by_time:
                ordered = heapq.nlargest(want, window, key=lambda r: (r[1], r[0]))
            else:
                ordered = heapq.nlargest(want, window, key=lambda r: (float(r[1] or 0.0), r[0]))
            page = ordered[query.offset :]
            facet_ids = [r[0] for r in window[: self.rank_window]] if query.facets else None
            more, rows, facets = self._finish(
                conn, plan, older, oldest, self.window + 1 - size, [r[0] for r in page], facet_ids
            )
            total += more
            exact = total <= self.window
        terms, prefixes = highlight_terms(analyzed)
        hits = []
        for sid, value in page:
            r = rows[sid]
            hits.append(
                Hit(
                    story_id=r.story_id, uri=r.uri, version=r.version, headline=r.headline,
                    snippet=snippet(r.public_text if public else (r.text or r.headline), r.language, terms, prefixes),
                    language=r.language, category=r.category, priority=r.priority, type=r.type,
                    versioncreated=r.versioncreated, score=0.0 if by_time else float(value or 0.0),
                    withdrawn=r.withdrawn,
                )
            )
        return SearchResult(min(total, self.window), hits, facets, total_exact=exact)

    def _finish(
        self, conn: Connection, plan: Plan, older: sa.Select[Any] | None, oldest: int, cap: int,
        page_ids: list[int], facet_ids: list[int] | None,
    ) -> tuple[int, dict[int, Any], dict[str, dict[str, int]]]:
        """What a search reads after its window: the count of ``older`` (the matches past a
        full window, up to ``cap``; 0 without it), the page's rows by id and the facet counts
        of ``facet_ids`` (none asked: ``None``). An engine may read them in one statement."""
        more = self._count(conn, plan, older, oldest, cap) if older is not None else 0
        rows = self._rows(conn, page_ids)
        facets = self._facets(conn, facet_ids) if facet_ids is not None else {}
        return more, rows, facets

    def _window_rows(self, conn: Connection, plan: Plan, matches: sa.Select[Any], key: ColumnElement[Any]) -> Sequence[Any]:
        """The newest ``plan.size`` rows of ``matches``, newest first (an engine may read
        them in steps)."""
        return conn.execute(matches.order_by(key.desc()).limit(plan.size)).all()

    def _count(self, conn: Connection, plan: Plan, older: sa.Select[Any], oldest: int, cap: int) -> int:
        """The rows of ``older`` (the query's matches older than story ``oldest``, the
        window's last, unscored), up to ``cap`` (an engine may count the plan in parts
        instead)."""
        return capped_count(conn, older, cap)

    def _rows(self, conn: Connection, ids: list[int]) -> dict[int, Any]:
        """The page's stories by id (at most ``limit`` primary-key lookups)."""
        if not ids:
            return {}
        return {r.story_id: r for r in conn.execute(sa.select(search_docs).where(d.story_id.in_(ids)))}

    def _conditions(self, query: SearchQuery, *, matched: bool = False) -> list[ColumnElement[bool]] | None:
        """Visibility first, then the caller's filters; ``None`` when nothing can be visible.

        ``matched``: the query has words, so the engine's full-text match runs too. An
        engine whose match already applies the filters exactly (SQLite's ``meta`` tokens)
        then keeps only what the match cannot decide exactly: the time bounds.
        """
        facts = self._fact_conditions(query)
        if facts is None:
            return None
        return [*facts, *self._time_conditions(query)]

    def _fact_conditions(self, query: SearchQuery) -> list[ColumnElement[bool]] | None:
        """Visibility and every filter but time; ``None`` when nothing can be visible."""
        out: list[ColumnElement[bool]] = []
        d = self.filters.c
        vis = query.visibility
        if vis.kind == "public":
            out += [d.public.is_(True), d.withdrawn.is_(False)]
        elif vis.kind == "subscriber":
            ent = vis.entitlement
            if ent is None:
                return None
            out.append(d.withdrawn.is_(False))
            for column, allowed in (
                (d.category, ent.categories), (d.language, ent.languages),
                (d.type, ent.types), (d.priority, ent.priorities),
            ):
                if allowed:
                    out.append(column.in_(sorted(allowed)))
        for column, wanted in (
            (d.language, [primary_language(v) for v in query.languages]), (d.category, query.categories),
            (d.priority, query.priorities), (d.type, query.types),
        ):
            if wanted:
                out.append(column.in_(list(dict.fromkeys(wanted))))
        for kind, values in (("topic", query.topics), ("person", query.people), ("place", query.places)):
            keys = [v if kind == "topic" else tag_key(v) for v in values]
            if keys:
                out.append(
                    d.story_id.in_(
                        sa.select(search_tags.c.story_id).where(
                            search_tags.c.kind == kind, search_tags.c.key.in_(keys)
                        )
                    )
                )
        return out

    def _time_conditions(
        self, query: SearchQuery, when: sa.Column[Any] | None = None
    ) -> list[ColumnElement[bool]]:
        """The bounds on the latest version's time (``when``: the column that holds it, by
        default the ``filters`` table's): the subscriber's archive and the caller's
        ``date_from`` / ``date_to``."""
        if when is None:
            when = self.filters.c.versioncreated
        out: list[ColumnElement[bool]] = [when >= since for since in self._lower_time_bounds(query)]
        if query.date_to is not None:
            out.append(when <= _utc(query.date_to))
        return out

    def _lower_time_bounds(self, query: SearchQuery) -> list[datetime]:
        """The earliest times the latest version may have: the subscriber's archive and
        the caller's ``date_from``."""
        out: list[datetime] = []
        vis = query.visibility
        if vis.kind == "subscriber" and vis.entitlement is not None and vis.entitlement.archive_days is not None:
            now = vis.now or self.clock()
            out.append(now - timedelta(days=vis.entitlement.archive_days))
        if query.date_from is not None:
            out.append(_utc(query.date_from))
        return out

    def _times(self, conn: Connection, ids: Sequence[int]) -> dict[int, Any]:
        """The latest version's time of the stories ``ids``, as stored (see ``search``)."""
        f = search_facts.c
        rows = conn.execute(
            sa.select(f.story_id, sa.type_coerce(f.versioncreated, sa.Text)).where(f.story_id.in_(self._id_list(list(ids))))
        )
        return {sid: when for sid, when in rows}

    def _facet_values(self, conn: Connection, ids: list[int]) -> Iterable[str]:
        """The ``search_facts`` rows of the stories ``ids`` (engines may join them in SQL)."""
        f = search_facts.c
        return conn.execute(sa.select(f.facets).where(f.story_id.in_(self._id_list(ids)))).scalars()

    def _facets(self, conn: Connection, ids: list[int]) -> dict[str, dict[str, int]]:
        """Facet counts over the facet window (the ranked window, by id): the stories'
        ``search_facts`` rows, read as one string and counted in Python (0007)."""
        return facet_counts(FACET_SEP.join(self._facet_values(conn, ids)) if ids else "")


def facet_counts(joined: str) -> dict[str, dict[str, int]]:
    """The facet counts of the window's ``search_facts`` values joined by ``FACET_SEP``
    (topics: the top ``TOPIC_FACET_SIZE``)."""
    facets: dict[str, dict[str, int]] = {name: {} for name in FACET_KINDS.values()}
    if joined:
        for value, n in Counter(joined.split(FACET_SEP)).items():
            name = FACET_KINDS.get(value[:1])
            if name is not None:
                facets[name][value[1:]] = n
    ordered = {name: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))) for name, values in facets.items()}
    ordered["topic"] = dict(list(ordered["topic"].items())[:TOPIC_FACET_SIZE])
    return ordered


def capped_count(conn: Connection, select: sa.Select[Any], cap: int) -> int:
    """How many rows ``select`` returns, counting no further than ``cap``."""
    return int(conn.execute(sa.select(sa.func.count()).select_from(select.limit(cap).subquery())).scalar_one())


def _chunks(items: Sequence[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])
