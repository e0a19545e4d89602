"""PostgreSQL full-text search over the same analyzer terms as SQLite.

No PostgreSQL text configuration decides what a word is: the ``tsvector`` is written
as a literal (``'term':1A,7A 'other':3``) built from the analyzer's terms with their
positions, and queries are ``tsquery`` literals from ``search.query``, both cast
without a parser. So PostgreSQL matches exactly what FTS5 matches, phrases included
(positions are term positions after stop-word removal, as in FTS5). Headline terms
carry weight A and body terms D; ``ts_rank`` weights them 1.0 and 0.33, close to the
3:1 BM25 weighting of the SQLite engine. GIN indexes serve ``@@`` (``0017_search_gin_again``;
``set_full_text_method`` can switch them to RUM, see docs/search.md).

The terms and the filter columns live in the narrow ``search_terms`` (``0019``), one row per
story, which every match, rank and count reads; ``search_docs`` (the display text) is read for
the page's stories only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY, TSVECTOR
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from newsflow.errors import InvalidInput
from newsflow.search import SearchQuery
from newsflow.search.document import FACET_SEP, IndexDocument
from newsflow.search.engine import Match, Plan, SqlSearch, capped_count, facet_counts
from newsflow.search.query import Analyzed, to_tsquery
from newsflow.search.tables import search_docs, search_facts
from newsflow.store.tables import UTCDateTime

__all__ = [
    "FULL_TEXT_INDEXES", "PostgresSearch", "full_text_method", "search_terms", "set_full_text_method", "tsvector_literal",
]

log = logging.getLogger("newsflow.search")
FULL_TEXT_INDEXES = {"ix_search_terms_terms": "terms", "ix_search_terms_public_terms": "public_terms"}

MAX_POSITION = 16383  # PostgreSQL's limit; later positions are clamped to it
MAX_POSITIONS_PER_TERM = 255
WEIGHTS = "{0.1, 0.2, 0.33, 1.0}"  # D, C, B, A

# What matching, ranking and counting read, one narrow row per story (0019): the filter
# columns of ``search_docs`` and the two tsvectors, without the display text.
search_terms = sa.Table(
    "search_terms",
    sa.MetaData(),
    sa.Column("story_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("versioncreated", UTCDateTime, nullable=False),
    sa.Column("language", sa.String(35), nullable=False),
    sa.Column("category", sa.String(60), nullable=False),
    sa.Column("priority", sa.String(20), nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("public", sa.Boolean, nullable=False),
    sa.Column("withdrawn", sa.Boolean, nullable=False),
    sa.Column("terms", TSVECTOR, nullable=False),
    sa.Column("public_terms", TSVECTOR, nullable=False),
)
t = search_terms.c


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(*fields: tuple[Sequence[str], str]) -> str:
    """A ``tsvector`` literal of ``(terms, weight)`` fields laid end to end.

    A gap of one position separates fields so a phrase never spans headline and body.
    """
    positions: dict[str, list[str]] = {}
    pos = 1
    for terms, weight in fields:
        for term in terms:
            where = positions.setdefault(term, [])
            if len(where) < MAX_POSITIONS_PER_TERM:
                where.append(f"{min(pos, MAX_POSITION)}{weight if weight != 'D' else ''}")
            pos += 1
        pos += 1
    return " ".join(f"{_lexeme(t)}:{','.join(p)}" for t, p in positions.items())


def _tsquery(analyzed: Analyzed) -> ColumnElement[Any]:
    # Rendered into the SQL, not bound: psycopg prepares a statement run five times, and
    # PostgreSQL then plans it once for any tsquery. A word in half the archive wants the
    # newest rows scanned backwards, a rare one its GIN bitmap; a generic plan picks one
    # for both (p95 about twice as slow at 100k, docs/performance.md).
    return sa.cast(sa.bindparam(None, to_tsquery(analyzed), type_=sa.String, literal_execute=True), TSQUERY)


def _terms_column(public: bool) -> ColumnElement[Any]:
    return t.public_terms if public else t.terms


def _rank(terms: ColumnElement[Any], tsq: ColumnElement[Any]) -> ColumnElement[Any]:
    """``ts_rank`` with the headline's weight A at 1.0 and the body's D at 0.33.

    PostgreSQL computes a SELECT list before it sorts, so ranking in the statement that
    picks the newest matches would rank every match of its id range (a common word:
    28,000 ``tsvector``s read from TOAST for a window of 2,000, 0.86 s at 100k stories):
    the window picks ids and terms first, and ranks only those (``_window_rows``)."""
    return sa.func.ts_rank(sa.literal_column(f"'{WEIGHTS}'::float4[]"), terms, tsq)


_WINDOW_READ = "newsflow.search.window_read"  # conn.info: (newest id, read by bitmap) of the last window
_BITMAP_SET = "newsflow.search.bitmap_set"  # conn.info: the transaction already reads by bitmap only
WALK_ROW_US, BITMAP_ENTRY_US, HEAP_ROW_US = 5.0, 0.5, 1.5  # see PostgresSearch._count

NEWEST_ID_TTL_S = 1.0  # how long a read newest id serves as the first range's lower edge
PROBE_SPAN = 50_000  # the newest stories a window reads in id order before the GIN index is asked
STATEMENT_TIMEOUT_MS = 1_000  # the longest one statement of a search may run (then: 422)
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement stopped by statement_timeout


def _bitmap_scans(conn: Connection) -> None:
    """Plan the statements from here to the end of the search's transaction with bitmap
    scans only: the GIN index's matches (and the id range's), never a walk along the
    primary key that tests every row. ``SET LOCAL``, in one round trip: the transaction's
    end puts the settings back, so nothing is reset statement by statement."""
    conn.exec_driver_sql("SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off")


# What every search transaction sets for itself (``SET LOCAL``: the pooled connection keeps
# the server's settings): no JIT compilation (at 1M stories the plans' costs pass Debian's
# jit_above_cost, and compiling took longer than the queries), no parallel workers (a
# search reads a bounded window; starting workers costs more on a busy machine than it
# saves), and room for a bitmap of a common word's matches in memory (a lossy bitmap
# re-checks every row of its pages).
SESSION_SETTINGS = ("jit = off", "max_parallel_workers_per_gather = 0", "work_mem = '32MB'")


def full_text_method(conn: Connection) -> str | None:
    """The access method of the ``terms`` index: ``rum`` (positions in the index, from
    ``0016_search_rum`` where the server has the extension), ``gin``, or ``None``."""
    found = conn.exec_driver_sql(
        "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
        "WHERE c.relname = 'ix_search_terms_terms' AND c.relkind = 'i'"
    ).scalar()
    return None if found is None else str(found)


def set_full_text_method(conn: Connection, method: str) -> None:
    """Rebuild both full-text indexes with ``method`` (``rum`` or ``gin``), inside the
    caller's transaction: what ``0016_search_rum`` does, and how a node whose server
    gained the extension later (or an operator going back to GIN) switches."""
    if method not in ("rum", "gin"):
        raise ValueError(f"no full-text index method {method!r}")
    if method == "rum":
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS rum")
    ops = " rum_tsvector_ops" if method == "rum" else ""
    for name, column in FULL_TEXT_INDEXES.items():
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE INDEX {name} ON search_terms USING {method} ({column}{ops})")


def _end(conn: Connection, how: str) -> None:
    """End the search's transaction after a failure; a connection the server dropped
    has none left to end (the pool replaces it), and the first error is the one to tell."""
    with suppress(sa.exc.DBAPIError):
        conn.exec_driver_sql(how)


class PostgresSearch(SqlSearch):
    """The window and the count are read in id ranges, newest first.

    PostgreSQL estimates how many stories a tsquery matches from per-word statistics, as
    if words were independent: an Arabic word AND an English word, never in one story,
    was taken for 224,000 matches of 1M. It then walked the primary key backwards
    testing every row for the newest 2,000, and read all 1M (1.4 s). So the newest
    ``PROBE_SPAN`` stories are read first, as the planner likes (bounded: at most that
    many rows tested); the matches are dense there when they fill the window. Older
    ranges, four times longer each, are read with bitmap scans only: the full-text index
    finds the matches, the id range bounds the rows fetched. A count past the window is a
    bitmap scan too.
    """

    filters = search_terms
    times_in_window = True  # search_terms holds versioncreated: a time-sorted window is one read
    probe_span = PROBE_SPAN
    statement_timeout_ms = STATEMENT_TIMEOUT_MS
    newest_id_ttl_s = NEWEST_ID_TTL_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._newest_id: tuple[float, int] | None = None  # (monotonic time read, id)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A read-only transaction whose statements stop after ``statement_timeout_ms``
        (``SET LOCAL``: the pooled connection keeps the server's default afterwards).

        A query the indexes cannot narrow (a word in most stories ANDed with filters
        that exclude nearly all of them) must not hold a connection and a core for
        seconds: it is stopped and answered 422, naming the way out. The transaction
        also gives the window, the count and the page one snapshot.
        """
        with self.db.read() as conn:
            settings = "".join(f"; SET LOCAL {setting}" for setting in SESSION_SETTINGS)
            conn.exec_driver_sql(
                f"BEGIN READ ONLY; SET LOCAL statement_timeout = {int(self.statement_timeout_ms)}{settings}"
            )
            try:
                yield conn
            except sa.exc.DBAPIError as exc:
                _end(conn, "ROLLBACK")
                if getattr(exc.orig, "sqlstate", None) == QUERY_CANCELED:
                    raise InvalidInput(
                        f"the search took longer than {self.statement_timeout_ms} ms and was stopped; "
                        "narrow it (more specific words, a shorter date range, fewer alternatives)",
                        field="q",
                    ) from exc
                raise
            except BaseException:
                _end(conn, "ROLLBACK")
                raise
            else:
                conn.exec_driver_sql("COMMIT")

    def _match(self, analyzed: Analyzed, *, public: bool, query: SearchQuery) -> Match:
        tsq = _tsquery(analyzed)
        column = _terms_column(public)
        return Match(search_terms, column.op("@@")(tsq), _rank(column, tsq), key=t.story_id)

    def _window_rows(self, conn: Connection, plan: Plan, matches: sa.Select[Any], key: ColumnElement[Any]) -> Sequence[Any]:
        conn.info.pop(_WINDOW_READ, None)
        conn.info.pop(_BITMAP_SET, None)
        if plan.analyzed is None:
            return super()._window_rows(conn, plan, matches, key)
        top, floor, open_above = self._bounds(conn, plan)
        if top is None:
            return super()._window_rows(conn, plan, matches, key)
        ranked = plan.query.sort != "time"
        if ranked:  # the matches' ids and terms: each range ranks only the rows it returns
            terms = _terms_column(plan.public)
            matches = matches.with_only_columns(key.label("sid"), terms.label("terms"))
        rows: list[Any] = []
        bitmap = False

        def read(part: sa.Select[Any]) -> None:
            if ranked:
                assert plan.analyzed is not None
                newest = part.subquery("newest")
                part = sa.select(newest.c.sid, _rank(newest.c.terms, _tsquery(plan.analyzed))).order_by(newest.c.sid.desc())
            rows.extend(conn.execute(part).all())

        upper, span = top + 1, self.probe_span  # the range [upper - span, upper)
        while len(rows) < plan.size and upper > floor:
            lower = max(floor, upper - span)
            if span != self.probe_span and not bitmap:
                _bitmap_scans(conn)
                conn.info[_BITMAP_SET] = bitmap = True
            # the first range of a query without an upper time bound has no upper edge: the
            # newest id may be up to newest_id_ttl_s old, and stories written since are in it
            in_range = [key >= lower] if open_above else [key >= lower, key < upper]
            read(matches.where(*in_range).order_by(key.desc()).limit(plan.size - len(rows)))
            upper, span, open_above = lower, span * 4, False
        if len(rows) < plan.size and floor > 0:
            # below the floor only a story corrected since the lower time bound can match
            # (ix_search_terms_corrected, 0019: the corrected stories alone)
            if not bitmap:
                _bitmap_scans(conn)
                conn.info[_BITMAP_SET] = True
            read(
                matches.where(key < min(floor, upper), t.version > 1)
                .order_by(key.desc()).limit(plan.size - len(rows))
            )
            bitmap = True
        conn.info[_WINDOW_READ] = (top, bitmap)
        return rows

    def _bounds(self, conn: Connection, plan: Plan) -> tuple[int | None, int, bool]:
        """Where the window's ranges start and stop, in at most one statement: the greatest id
        a match can have (``None``: the index is empty), the *floor* (the least id a story at
        its first version can have and be inside the query's lower time bound; 0 without one)
        and whether the first range is open above (no upper time bound).

        Ids are given in the order stories are created, and a story at its first version was
        last changed when it was created. So with an upper time bound (``date_to``) the
        earliest such story after it bounds the range: every story from its id on was
        created, and so last changed, after the bound (one step along
        ``ix_search_terms_versioncreated``; a few where the stories just after it were all
        corrected since). With a lower bound (``date_from``, a subscriber's archive) the
        earliest such story from the bound on is the floor: every story created before it
        was created before the bound, so below it only stories corrected since can match
        (``_window_rows`` reads them alone). A filtered query with fewer matches than the
        window otherwise read every older range down to the first story (a year of a 1M
        archive: the ranges of the three years before it). Without an upper bound the newest
        id is read at most every ``newest_id_ttl_s`` seconds: the first range is then open
        above, so a story written since is read all the same.
        """
        parts: dict[str, Any] = {}
        bounds = self._lower_time_bounds(plan.query)
        if bounds:
            since = max(b if b.tzinfo else b.replace(tzinfo=UTC) for b in bounds)
            parts["floor"] = (
                sa.select(t.story_id).where(t.versioncreated >= since, t.version == 1)
                .order_by(t.versioncreated, t.story_id).limit(1).scalar_subquery()
            )
        when = plan.query.date_to
        if when is not None:
            parts["after"] = (
                sa.select(t.story_id)
                .where(t.versioncreated > (when if when.tzinfo else when.replace(tzinfo=UTC)), t.version == 1)
                .order_by(t.versioncreated).limit(1).scalar_subquery()
            )
        newest = self._newest_id
        now = time.monotonic()
        fresh = newest is not None and now - newest[0] < self.newest_id_ttl_s
        found: dict[str, Any] = {}
        if parts or not fresh:
            parts["top"] = sa.select(sa.func.max(t.story_id)).scalar_subquery()
            found = dict(conn.execute(sa.select(*(v.label(k) for k, v in parts.items()))).one()._mapping)
            if found["top"] is None:
                self._newest_id = None
                return None, 0, False
            newest = (now, int(found["top"]))
            self._newest_id = newest
        assert newest is not None
        top = newest[1]
        floor = 0
        if "floor" in parts:
            floor = top + 1 if found["floor"] is None else int(found["floor"])
        if "after" in parts:
            return (top if found["after"] is None else int(found["after"]) - 1), floor, False
        return top, floor, True

    def _count(self, conn: Connection, plan: Plan, older: sa.Select[Any], oldest: int, cap: int) -> int:
        """The count past a full window: a walk along the key, newest first, where the
        window says the matches are dense; the index's bitmap otherwise.

        A GIN bitmap holds a word's whole posting list, whatever ids are asked for, and the
        heap row of every counted match is visited either way; a walk tests each row's
        ``tsvector`` until ``cap`` match. A word in 57 % of 1M stories: bitmap 420 ms (its
        posting list alone 309 ms), walk 73 ms; at 100k, 107 against 45-71 ms. A word in
        a few per cent of the stories would walk hundreds of thousands of rows: bitmap.
        The window's own density (``plan.size`` matches over the ids it spanned) decides,
        with the per-row costs measured there (``WALK_ROW_US`` a row tested,
        ``BITMAP_ENTRY_US`` a posting, ``HEAP_ROW_US`` a match's row visited).
        """
        return capped_count(conn, self._counting(conn, plan, older, oldest, cap), cap)

    def _counting(self, conn: Connection, plan: Plan, older: sa.Select[Any], oldest: int, cap: int) -> sa.Select[Any]:
        """``older`` as the count reads it, the transaction's scans set for it (``_count``)."""
        if plan.analyzed is None:
            return older
        top, bitmap = conn.info.pop(_WINDOW_READ, (None, True))
        if not bitmap and top is not None and top >= oldest:
            density = plan.size / (top - oldest + 1)
            walk = WALK_ROW_US * cap / density
            by_index = BITMAP_ENTRY_US * density * top + HEAP_ROW_US * cap
            if walk < by_index:
                conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
                return older.order_by(t.story_id.desc())
        if not conn.info.pop(_BITMAP_SET, False):
            _bitmap_scans(conn)
        return older

    def _finish(
        self, conn: Connection, plan: Plan, older: sa.Select[Any] | None, oldest: int, cap: int,
        page_ids: list[int], facet_ids: list[int] | None,
    ) -> tuple[int, dict[int, Any], dict[str, dict[str, int]]]:
        """The count past the window, the page's rows and the facet values in one statement
        (each a part of it that runs alone: a scalar subquery, or the page's rows joined to
        one row that is there when the page is empty)."""
        if older is None and not page_ids and not facet_ids:
            return 0, {}, facet_counts("") if facet_ids is not None else {}
        columns: list[Any] = []
        if older is not None:
            counted = self._counting(conn, plan, older, oldest, cap).limit(cap).subquery()
            columns.append(sa.select(sa.func.count()).select_from(counted).scalar_subquery().label("nf_more"))
        if facet_ids:
            f = search_facts.c
            columns.append(
                sa.select(sa.func.string_agg(f.facets, sa.literal(FACET_SEP)))
                .where(f.story_id.in_(self._id_list(facet_ids))).scalar_subquery().label("nf_facets")
            )
        # the values ride on one row only: the page's first story's, or alone when the page
        # is empty (a FULL JOIN on that id), not repeated on each of the page's rows
        key = min(page_ids) if page_ids else 0
        one = sa.select(sa.literal(key, sa.Integer).label("nf_key"), *columns).subquery("nf_one")
        page = sa.select(search_docs).where(search_docs.c.story_id.in_(page_ids)).subquery("page")
        found = conn.execute(
            sa.select(one, *page.c).select_from(page.outerjoin(one, page.c.story_id == one.c.nf_key, full=True))
        ).all()
        first = next(r._mapping for r in found if r.story_id is None or r.story_id == key)
        more = int(first["nf_more"]) if older is not None else 0
        rows = {r.story_id: r for r in found if r.story_id is not None}
        facets = facet_counts((first["nf_facets"] or "") if facet_ids else "") if facet_ids is not None else {}
        return more, rows, facets

    def readiness_details(self) -> dict[str, object]:
        """Which full-text index the queries read (``rum``; ``gin`` where the server has
        no RUM: phrases are then checked row by row), and whether RUM is installed."""
        with self.db.read() as conn:
            method = full_text_method(conn)
            available = bool(conn.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'").scalar())
        return {"full_text_index": method, "rum_available": available}

    def prewarm(self) -> int:
        """Nothing to read (the server keeps its own buffers); at start-up, say in the
        log which full-text index serves the queries."""
        details = self.readiness_details()
        log.info("search: full-text index is %s (RUM available: %s)", details["full_text_index"], details["rum_available"])
        return 0

    def _write_terms(self, conn: Connection, docs: Sequence[IndexDocument]) -> None:
        """The stories' ``search_terms`` rows (their old ones went with ``_delete_terms``)."""
        conn.execute(
            sa.text(
                "INSERT INTO search_terms (story_id, version, versioncreated, language, category, priority, type,"
                " public, withdrawn, terms, public_terms) VALUES (:story_id, :version, :versioncreated, :language,"
                " :category, :priority, :type, :public, :withdrawn, CAST(:terms AS tsvector),"
                " CAST(:public_terms AS tsvector))"
            ).bindparams(sa.bindparam("versioncreated", type_=UTCDateTime)),
            [
                {
                    "story_id": doc.story_id, "version": doc.version, "versioncreated": doc.versioncreated,
                    "language": doc.language, "category": doc.category, "priority": doc.priority,
                    "type": doc.type, "public": doc.public, "withdrawn": doc.withdrawn,
                    "terms": tsvector_literal((doc.head_terms, "A"), (doc.body_terms, "D")),
                    "public_terms": tsvector_literal((doc.public_terms, "D")),
                }
                for doc in docs
            ],
        )

    def _id_list(self, ids: list[int]) -> sa.TextClause:
        return sa.text("SELECT unnest(CAST(:ids AS integer[]))").bindparams(sa.bindparam("ids", ids, type_=ARRAY(sa.Integer)))

    def _facet_values(self, conn: Connection, ids: list[int]) -> Iterable[str]:
        """The window's ``search_facts`` rows joined in SQL into one string (``string_agg``):
        one row to fetch instead of 2,000."""
        f = search_facts.c
        joined = conn.execute(
            sa.select(sa.func.string_agg(f.facets, sa.literal(FACET_SEP))).where(f.story_id.in_(self._id_list(ids)))
        ).scalar()
        return [joined] if joined else []

    def _after_bulk(self, conn: Connection) -> None:
        """Statistics and visibility maps for every table the load wrote, before the first
        query: without them the planner took a topic shared by 105,000 stories for 11
        and walked them one by one (0.4-0.8 s at 1M), and index-only scans of the tags
        still read the heap. VACUUM runs outside a transaction."""
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM (ANALYZE) search_docs, search_terms, search_tags, search_facts"
        )

    def clear(self) -> None:
        """Empty the index (before a reindex) with one ``TRUNCATE``."""
        with self.db.write() as tx:
            tx.conn.exec_driver_sql("TRUNCATE search_tags, search_facts, search_terms, search_docs")

    def _delete_terms(self, conn: Connection, story_ids: Sequence[int]) -> None:
        conn.execute(search_terms.delete().where(t.story_id.in_(list(story_ids))))

    def _clear_terms(self, conn: Connection) -> None:
        conn.execute(search_terms.delete())
