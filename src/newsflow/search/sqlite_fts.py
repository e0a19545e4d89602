"""SQLite FTS5: the default search engine.

The FTS5 table ``search_fts(head, body, pub)`` holds the analyzer's terms joined by
spaces, one row per story with ``rowid = story_id``. Its tokenizer only has to split
on spaces: ``unicode61`` with ``remove_diacritics 0`` (the analyzer already folded
everything, and Arabic letters must stay as they are) and ``.``/``,`` as token
characters so numbers like ``1.000`` stay one term. Ranking is BM25 with the
headline weighted 3:1 over the body (set once by the migration as the table's
``rank``), so ``ORDER BY rank`` uses FTS5's own ranking path.

Filters are pushed into the MATCH (``0003_search_meta``): a fourth column ``meta``
holds one token per filterable fact of the story (language, category, priority, type,
year and month, public, withdrawn, each topic / person / place key, values hex-encoded
so any value is one token), weighted 0 in BM25. A filtered query ANDs those tokens to
the words, so FTS5 intersects posting lists instead of looking up every matching
story in ``search_docs``. With words, the tokens decide everything but time exactly;
time bounds inside a month are checked in SQL, on the narrow ``search_facts`` rows.

The recent tier (``0006_search_recent``): ``search_recent`` is a second FTS5 table, the
same columns, holding every indexed story whose id is at least ``search_recent_floor``
(about the newest ``RECENT_SPAN`` stories). BM25 reads each phrase's whole posting list
once per query to weigh it (FTS5's IDF): for a word in half the archive that is most of
a query's time. A relevance query first asks the tier for its newest window of matches,
unscored; when the tier holds a full window, those are the newest matches of the whole
archive, and they are scored there, against the tier's statistics. Otherwise the query
reads the full index as before. Writes keep the tier exact (the same rows for every id
at or above the floor), move the floor up in steps of a quarter of the span, and drop
the stories left below it a batch per write.

Native ranking: where the C module ``store/_fts5rank.c`` is built (``Database.fts5_rank``),
every relevance window is read from the full index in one pass, newest first, and scored
as it is read by ``nf_bm25`` with the tier's statistics; the tier then only supplies
those statistics. docs/search.md has the details and the measurements.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from newsflow.search import SearchQuery, bm25
from newsflow.search.document import IndexDocument, primary_language, tag_key
from newsflow.search.engine import Match, Plan, SqlSearch, capped_count
from newsflow.search.query import (
    Analyzed,
    expand_prefixes,
    fts5_phrase,
    fts5_phrases,
    positive_phrases,
    to_fts5,
)
from newsflow.search.tables import search_facts
from newsflow.store.database import Database
from newsflow.store.driver import rows as driver_rows
from newsflow.store.fts5rank import idf_blob

__all__ = ["FTS_TABLE", "SqliteSearch", "meta_terms", "vocab_tokens"]

FTS_TABLE = "search_fts"
RECENT_TABLE = "search_recent"  # the recent tier: the same rows for every story id >= the floor
RECENT_SPAN = 100_000  # stories the recent tier holds (it grows to 1.25 times this, then drops a quarter)
TRIM_BATCH = 2_000  # stories below the floor dropped from the tier per write (55 ms measured at 1M)
BULK_CACHE_KIB = 131_072  # page cache of a bulk load (128 MiB); normal connections keep the default
_INSERT = "INSERT INTO {table}(rowid, head, body, pub, meta) VALUES (?, ?, ?, ?, ?)"
_FLOOR = sa.text("SELECT floor FROM search_recent_floor WHERE id = 1")
_SET_FLOOR = sa.text("UPDATE search_recent_floor SET floor = :floor WHERE id = 1")
VOCAB_MIN = 5  # search_vocab holds the terms this long or longer (0008): prefixes this long are expanded
VOCAB_EXPAND_MAX = 64  # a prefix that more terms have stays a prefix
_VOCAB_INSERT = "INSERT OR IGNORE INTO search_vocab (term) VALUES (?)"
_VOCAB_RANGE = "SELECT term FROM search_vocab WHERE term >= ? AND term < ? ORDER BY term LIMIT ?"
_VOCAB_REFILL = (
    "INSERT OR IGNORE INTO search_vocab (term) SELECT term FROM temp.search_fts_terms"
    " WHERE col IN ('head', 'body', 'pub') AND length(term) >= ?"
)
# unicode61 (the tables' tokenizer) keeps letters, numbers, and the tokenchars '.' and ','
_NOT_TOKEN = re.compile(r"[^\w.,]|_")
_PLAIN = re.compile(r"[^\W_]+")
HITS_TTL = 60.0  # seconds a phrase's count in the tier is reused
HITS_CACHE_SIZE = 4096
_TIER_TOTALS = sa.text(f"SELECT block FROM {RECENT_TABLE}_data WHERE id = 1")  # FTS5's averages record
_TIER_HITS = sa.text(f"SELECT count(*) FROM {RECENT_TABLE} WHERE {RECENT_TABLE} MATCH :m")
# The stored terms of the columns a query searches, and the row's size (FTS5 docsize).
_TERMS = {
    public: sa.text(
        f"SELECT c.id, {columns}, s.sz FROM {FTS_TABLE}_content c JOIN {FTS_TABLE}_docsize s ON s.id = c.id"
        " WHERE c.id IN (SELECT value FROM json_each(:ids))"
    )
    for public, columns in ((False, "c.c0, c.c1"), (True, "c.c2"))
}


class FtsMatch(Match):
    """A ``Match`` that also keeps its MATCH expression, to run on the driver."""

    def __init__(self, expression: str, table: str) -> None:
        where = sa.text(f"{table} MATCH :fts_match").bindparams(fts_match=expression)
        fts = _fts_table(table)
        # The only SQL conditions left with words are time bounds (``_conditions``), on the
        # narrow search_facts rows: search_docs's wide rows missed the page cache.
        source = search_facts.join(fts, fts.c.rowid == search_facts.c.story_id)
        # rank: lower is better; rowid streams newest first. ``alone``: with no time bound
        # the window is read from the FTS5 table without a join.
        super().__init__(source, cast("ColumnElement[bool]", where), -fts.c.rank, fts.c.rowid, alone=fts)
        self.expression = expression


def _fts_table(name: str) -> sa.TableClause:
    return sa.table(name, sa.column("rowid", sa.Integer), sa.column("rank", sa.Float))


def _newest(conn: Connection, match: Match, conditions: list[ColumnElement[bool]], size: int) -> list[int]:
    """The ids of the newest ``size`` matches, unscored."""
    source = match.source if conditions else match.alone
    assert source is not None
    rows = conn.execute(
        sa.select(match.key).select_from(source).where(match.where, *conditions).order_by(match.key.desc()).limit(size)
    ).all()
    return [row[0] for row in rows]


_WEIGHTS = (3.0, 1.0, 1.0, 0.0)  # head, body, pub, meta: the tables' rank (0003, 0006)
_NATIVE = (
    f"SELECT rowid, nf_bm25({FTS_TABLE}, ?, ?, {', '.join(map(str, _WEIGHTS))}) FROM {FTS_TABLE}"
    f" WHERE {FTS_TABLE} MATCH ? ORDER BY rowid DESC LIMIT ?"
)
_TIMES = "SELECT story_id, versioncreated FROM search_facts WHERE story_id IN (SELECT value FROM json_each(?))"
_FACET_VALUES = (  # every value of the window's stories in one string (engine._facets splits it)
    "SELECT group_concat(facets, char(31)) FROM search_facts WHERE story_id IN (SELECT value FROM json_each(?))"
)

# What every query reads, by (table, column): the posting lists of both indexes, their
# row sizes (BM25), the narrow facts rows (facets, times) and the vocabulary. About
# 460 MiB at 1M stories; the wide search_docs rows (20 per query) are left to the cache.
PREWARM = (
    (f"{FTS_TABLE}_data", "block"), (f"{FTS_TABLE}_docsize", "sz"), (f"{RECENT_TABLE}_data", "block"),
    (f"{RECENT_TABLE}_docsize", "sz"), ("search_facts", "facets"), ("search_vocab", "term"),
)

TAG_PREFIX = {"topic": "g", "person": "e", "place": "a"}
MAX_DATE_TOKENS = 40  # a longer date range is left to the SQL condition alone


def _token(kind: str, value: str) -> str:
    """One FTS5 token for any value: a kind letter and the value's UTF-8 in hex."""
    return kind + value.encode().hex()


def meta_terms(doc: IndexDocument) -> str:
    """The ``meta`` column of a story (keep in step with the SQL in ``0003_search_meta``)."""
    when = doc.versioncreated.astimezone(UTC)
    tokens = [
        _token("l", doc.language), _token("c", doc.category), _token("p", doc.priority), _token("t", doc.type),
        f"y{when:%Y}", f"m{when:%Y%m}",
    ]
    if doc.public:
        tokens.append("pub")
    if doc.withdrawn:
        tokens.append("wd")
    tokens += [_token(TAG_PREFIX[kind], key[:200]) for kind, key in doc.tags]
    return " ".join(tokens)


def vocab_tokens(doc: IndexDocument) -> set[str]:
    """The tokens FTS5 indexes for the story's searched columns that ``search_vocab``
    keeps: its terms split where unicode61 splits them, ``VOCAB_MIN`` letters or more.
    (A stale token is harmless: removed stories leave theirs.) Each distinct term is
    split once (a story repeats most of its terms)."""
    terms = set(doc.head_terms).union(doc.body_terms, doc.public_terms)
    return set(chain.from_iterable(map(_VOCAB_PIECES.__getitem__, terms)))


class _VocabPieces(dict[str, tuple[str, ...]]):
    """Each term's tokens for ``search_vocab`` (none for a short term); a term not seen yet is
    split on lookup. Terms repeat from story to story: bounded, exact."""

    def __missing__(self, term: str) -> tuple[str, ...]:
        if len(self) >= _VOCAB_PIECES_MAX:
            self.clear()
        tokens = self[term] = tuple(t for t in _NOT_TOKEN.split(term) if len(t) >= VOCAB_MIN)
        return tokens


_VOCAB_PIECES_MAX = 200_000
_VOCAB_PIECES = _VocabPieces()


def _date_tokens(start: datetime, end: datetime) -> list[str] | None:
    """Year / month tokens covering [start, end]; ``None`` when too many to help."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if start > end:
        return None
    year, month = start.year, start.month
    out: list[str] = []
    while (year, month) <= (end.year, end.month):
        if month == 1 and year < end.year:
            out.append(f"y{year}")
            year += 1
        else:
            out.append(f"m{year}{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if len(out) > MAX_DATE_TOKENS:
            return None
    return out


def _meta_filter(query: SearchQuery, dates: list[str] | None = None) -> tuple[list[list[str]], list[str]]:
    """(every one of these groups, one token of each; none of these) for the query's
    visibility and filters: the same facts ``SqlSearch._conditions`` checks in SQL.
    ``dates``: the time tokens to ask for instead of those covering the query's range."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    vis = query.visibility
    if vis.kind == "public":
        groups.append(["pub"])
        excluded.append("wd")
    elif vis.kind == "subscriber" and vis.entitlement is not None:
        ent = vis.entitlement
        excluded.append("wd")
        for kind, allowed in (("c", ent.categories), ("l", ent.languages), ("t", ent.types), ("p", ent.priorities)):
            if allowed:
                groups.append([_token(kind, str(v)) for v in sorted(allowed)])
    for kind, wanted in (
        ("l", [primary_language(v) for v in query.languages]), ("c", list(query.categories)),
        ("p", list(query.priorities)), ("t", list(query.types)),
    ):
        if wanted:
            groups.append([_token(kind, v) for v in dict.fromkeys(wanted)])
    for kind, values in (("topic", query.topics), ("person", query.people), ("place", query.places)):
        keys = [v if kind == "topic" else tag_key(v) for v in values]
        if keys:
            groups.append([_token(TAG_PREFIX[kind], k[:200]) for k in dict.fromkeys(keys)])
    if dates is None and query.date_from is not None and query.date_to is not None:
        dates = _date_tokens(_aware(query.date_from), _aware(query.date_to))
    if dates:
        groups.append(dates)
    return groups, excluded


def _month_start(year: int, month: int) -> datetime:
    return datetime(year, month, 1, tzinfo=UTC)


def _time_split(query: SearchQuery) -> tuple[list[str], list[str]] | None:
    """The caller's time range as (tokens of the months wholly inside it, tokens of the
    partial months at its ends); ``None`` when there is no whole month to gain or the
    range is not the caller's own ``date_from``..``date_to``.

    A story in a whole month is inside the range: its token decides exactly, without
    reading ``search_docs``. Only stories of the (at most two) partial months need the
    SQL time check.
    """
    vis = query.visibility
    if query.date_from is None or query.date_to is None:
        return None
    if vis.kind == "subscriber" and vis.entitlement is not None and vis.entitlement.archive_days is not None:
        return None  # the archive bound moves with the clock: left to SQL
    lo, hi = _aware(query.date_from).astimezone(UTC), _aware(query.date_to).astimezone(UTC)
    if lo > hi or hi.year - lo.year > MAX_DATE_TOKENS:
        return None
    whole: list[tuple[int, int]] = []
    partial: list[str] = []
    year, month = lo.year, lo.month
    while (year, month) <= (hi.year, hi.month):
        after = (year + 1, 1) if month == 12 else (year, month + 1)
        if lo <= _month_start(year, month) and _month_start(*after) <= hi:
            whole.append((year, month))
        else:
            partial.append(f"m{year}{month:02d}")
        year, month = after
    if not whole:
        return None
    tokens: list[str] = []
    for year in sorted({y for y, _ in whole}):
        months = [m for y, m in whole if y == year]
        tokens += [f"y{year}"] if len(months) == 12 else [f"m{year}{m:02d}" for m in months]
    if len(tokens) > MAX_DATE_TOKENS:
        return None
    return tokens, partial


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _any(tokens: list[str]) -> str:
    return "{meta} : (" + " OR ".join(f'"{t}"' for t in tokens) + ")"


class SqliteSearch(SqlSearch):
    def __init__(
        self,
        db: Database,
        *,
        recent_span: int = RECENT_SPAN,
        trim_batch: int = TRIM_BATCH,
        native_rank: bool | None = None,
        **options: Any,
    ) -> None:
        super().__init__(db, **options)
        self.recent_span = recent_span
        self.trim_batch = trim_batch
        # nf_bm25 (store.fts5rank) when the C module was built; False: FTS5's bm25()
        self.native_rank = db.fts5_rank if native_rank is None else native_rank and db.fts5_rank
        self._hits_cache: dict[str, tuple[int, float]] = {}

    def _match(
        self, analyzed: Analyzed, *, public: bool, query: SearchQuery, table: str = FTS_TABLE, dates: list[str] | None = None
    ) -> FtsMatch:
        columns = "{pub}" if public else "{head body}"
        expression = f"{columns} : ({to_fts5(analyzed)})"
        groups, excluded = _meta_filter(query, dates)
        for group in groups:
            expression = f"({expression}) AND ({_any(group)})"
        if excluded:
            expression = f"({expression}) NOT ({_any(excluded)})"
        return FtsMatch(expression, table)

    def _conditions(self, query: SearchQuery, *, matched: bool = False) -> list[ColumnElement[bool]] | None:
        """With words to match, the ``meta`` tokens (``_meta_filter``) apply visibility and
        every filter but time exactly, inside FTS5: only the time bounds stay in SQL, on
        ``search_facts``, so most queries join no table at all."""
        if not matched:
            return super()._conditions(query)
        if self._fact_conditions(query) is None:
            return None
        return self._time_conditions(query, search_facts.c.versioncreated)

    def _resolve(self, analyzed: Analyzed) -> Analyzed:
        """Prefixes as the exact terms of the index that have them (``search_vocab``):
        FTS5 merges a prefix's doclists in full before the first row, exact terms stream."""
        if not any(prefix and len(seq) == 1 for (seq, prefix), _ in fts5_phrases(analyzed)):
            return analyzed
        with self.db.read() as conn:
            return expand_prefixes(analyzed, lambda prefix: self._terms_with_prefix(conn, prefix))

    def _terms_with_prefix(self, conn: Connection, prefix: str) -> list[str] | None:
        if len(prefix) < VOCAB_MIN or not _PLAIN.fullmatch(prefix) or ord(prefix[-1]) >= 0x10FFFF:
            return None  # shorter than the vocabulary's terms, or more than one token
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the first string past every term with it
        terms = [row[0] for row in driver_rows(conn, _VOCAB_RANGE, (prefix, after, VOCAB_EXPAND_MAX + 1))]
        return None if len(terms) > VOCAB_EXPAND_MAX else terms

    def _recent_window(self, conn: Connection, plan: Plan) -> Sequence[Any] | None:
        if self.recent_span <= 0:
            return None
        assert plan.analyzed is not None
        if self.native_rank:
            return self._native_window(conn, plan)
        # Unscored first (no BM25 statistics to gather): does the tier hold a full window,
        # all at or above the floor (where it holds every story)?
        ids = self._newest(conn, plan, RECENT_TABLE)
        if len(ids) == plan.size and ids[-1] >= int(conn.execute(_FLOOR).scalar_one()):
            # The same matches (ids >= the oldest of them), scored; one read transaction,
            # so the same snapshot as the first query.
            match = self._match(plan.analyzed, public=plan.public, query=plan.query, table=RECENT_TABLE)
            return conn.execute(
                sa.select(match.key.label("sid"), match.score)
                .select_from(match.source if plan.conditions or match.alone is None else match.alone)
                .where(match.where, *plan.conditions, match.key >= ids[-1])
                .order_by(match.key.desc())
            ).all()
        if not _meta_filter(plan.query)[0]:
            return None  # the full index scores it: FTS5 weighs only the query's words
        # A filtered query the tier cannot answer: FTS5 would weigh every filter token
        # too (a language token's posting list is half the archive), so the full index
        # finds the window unscored and the stories are scored here with the tier's
        # statistics (search.bm25), as the tier would have scored them.
        return self._scored(conn, plan.analyzed, plan.public, self._newest(conn, plan, FTS_TABLE))

    def _native_window(self, conn: Connection, plan: Plan) -> Sequence[Any]:
        """The newest ``plan.size`` matches of the full index, scored as they are read by
        ``nf_bm25`` with the tier's statistics: one pass that stops at the window, with
        no phrase's posting list read to the end to weigh it."""
        assert plan.analyzed is not None
        rows, avgdl = self._tier_totals(conn)
        idfs = idf_blob([
            bm25.idf(rows, self._tier_hits(conn, phrase, plan.public)) if asked else 0.0
            for phrase, asked in fts5_phrases(plan.analyzed)
        ])  # the meta tokens come after the words: past the blob, they weigh 0
        score = sa.func.nf_bm25(sa.literal_column(FTS_TABLE), avgdl, idfs, *_WEIGHTS)
        parts: list[Sequence[Any]] = []
        for match, where in self._parts(plan, FTS_TABLE):
            if where:
                parts.append(
                    conn.execute(
                        sa.select(match.key.label("sid"), score).select_from(match.source)
                        .where(match.where, *where).order_by(match.key.desc()).limit(plan.size)
                    ).all()
                )
            else:  # the common case, on the driver: 2,000 SQLAlchemy rows cost more than the scan
                parts.append(driver_rows(conn, _NATIVE, (avgdl, idfs, match.expression, plan.size)))
        if len(parts) == 1:
            return parts[0]
        return sorted((row for part in parts for row in part), key=lambda row: row[0], reverse=True)[: plan.size]

    def _parts(self, plan: Plan, table: str) -> list[tuple[FtsMatch, list[ColumnElement[bool]]]]:
        """The query as disjoint parts (match, SQL conditions): the whole months of its
        time range, decided by their tokens alone, and the partial months, checked in
        SQL; or the query itself."""
        assert plan.analyzed is not None
        query, conditions = plan.query, plan.conditions
        split = _time_split(query)
        if split is None:
            return [(self._match(plan.analyzed, public=plan.public, query=query, table=table), conditions)]
        whole, partial = split
        parts: list[tuple[FtsMatch, list[ColumnElement[bool]]]] = [
            (self._match(plan.analyzed, public=plan.public, query=query, table=table, dates=whole), [])
        ]
        if partial:
            parts.append((self._match(plan.analyzed, public=plan.public, query=query, table=table, dates=partial), conditions))
        return parts

    def _newest(self, conn: Connection, plan: Plan, table: str) -> list[int]:
        """The ids of the newest ``plan.size`` matches, unscored (the parts are disjoint)."""
        ids: list[int] = []
        for match, where in self._parts(plan, table):
            ids += _newest(conn, match, where, plan.size)
        return sorted(ids, reverse=True)[: plan.size]

    def _count(self, conn: Connection, plan: Plan, older: sa.Select[Any], oldest: int, cap: int) -> int:
        if plan.analyzed is None or _time_split(plan.query) is None:
            return super()._count(conn, plan, older, oldest, cap)
        total = 0
        for match, part in self._parts(plan, FTS_TABLE):
            source = match.source if part else match.alone
            assert source is not None
            matches = sa.select(match.key).select_from(source).where(match.where, *part, match.key < oldest)
            total += capped_count(conn, matches, cap - total)
            if total >= cap:
                break
        return total

    def _scored(self, conn: Connection, analyzed: Analyzed, public: bool, ids: Sequence[int]) -> list[tuple[int, float]]:
        if not ids:
            return []
        query = positive_phrases(analyzed)
        rows, avgdl = self._tier_totals(conn)
        weights = [bm25.idf(rows, self._tier_hits(conn, phrase, public)) for phrase in query]
        columns = ((2, 1.0),) if public else ((0, 3.0), (1, 1.0))  # the rank's weights (0003)
        needles = bm25.needles(query)
        found = conn.execute(_TERMS[public], {"ids": json.dumps(list(ids))}).all()
        scores = {
            row[0]: bm25.score([(row[1 + n], w) for n, (_, w) in enumerate(columns)], bm25.size(row[-1]), avgdl, weights, needles)
            for row in found
        }
        return [(sid, scores[sid]) for sid in ids if sid in scores]

    def _tier_totals(self, conn: Connection) -> tuple[int, float]:
        """(stories in the tier, their average size in tokens) from FTS5's own totals."""
        blob = conn.execute(_TIER_TOTALS).scalar()
        numbers = bm25.varints(blob) if blob else [0]
        rows = numbers[0]
        return rows, (sum(numbers[1:]) / rows if rows else 0.0)

    def _tier_hits(self, conn: Connection, phrase: bm25.Phrase, public: bool) -> int:
        """Stories of the tier the phrase matches in the searched columns (cached a
        minute: it is a weight, and a minute of new stories barely moves it)."""
        terms, prefix = phrase
        expression = ("{pub}" if public else "{head body}") + " : " + fts5_phrase(terms, prefix)
        now = time.monotonic()
        cached = self._hits_cache.get(expression)
        if cached is not None and now - cached[1] < HITS_TTL:
            return cached[0]
        hits = int(conn.execute(_TIER_HITS, {"m": expression}).scalar_one())
        if len(self._hits_cache) >= HITS_CACHE_SIZE:
            self._hits_cache.clear()
        self._hits_cache[expression] = (hits, now)
        return hits

    def prewarm(self) -> int:
        """Read the tables of ``PREWARM`` through once, so the first queries after a
        start do not wait for the disk: a rare word's 2,000 facts rows are 2,000 random
        reads (facets took 50-95 ms per query cold, 1.8 s of reading at 1M stories
        made them warm, docs/performance.md). One short read transaction per table."""
        total = 0
        for table, column in PREWARM:
            with self.db.read() as conn:
                total += int(conn.exec_driver_sql(f"SELECT total(length({column})) FROM {table}").scalar_one())
        return total

    def _id_list(self, ids: list[int]) -> sa.TextClause:
        return sa.text("SELECT value FROM json_each(:ids)").bindparams(ids=json.dumps(ids))

    def _times(self, conn: Connection, ids: Sequence[int]) -> dict[int, Any]:
        return dict(driver_rows(conn, _TIMES, (json.dumps(list(ids)),)))

    def _facet_values(self, conn: Connection, ids: list[int]) -> Iterable[str]:
        joined = driver_rows(conn, _FACET_VALUES, (json.dumps(ids),))[0][0]
        return [joined] if joined else []

    @contextmanager
    def _bulk_connection(self) -> Iterator[Connection]:
        """A connection with durability relaxed for the load only, restored before it
        returns to the pool: a crash mid-load loses the load (rerun the reindex), never
        anything else, since nothing but the load writes through this connection."""
        with self.db.engine.connect() as conn:
            conn.info["nf_immediate"] = True
            conn.info["nf_bulk"] = True
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
            # the load's own commits fold the WAL in as they go (nothing waits on them),
            # where the node's writers leave it to store.database.WalCheckpoints
            autocheckpoint = raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
            raw.execute("PRAGMA wal_autocheckpoint=1000")
            try:
                with conn.begin():  # FTS5 merges small segments as it goes, 16 at a time
                    conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('automerge', 16)")
                yield conn
            finally:
                conn.info.pop("nf_immediate", None)
                conn.info.pop("nf_bulk", None)
                raw.execute("PRAGMA synchronous=NORMAL")
                raw.execute("PRAGMA cache_size=-2000")
                raw.execute(f"PRAGMA wal_autocheckpoint={int(autocheckpoint)}")

    def _after_bulk(self, conn: Connection) -> None:
        with conn.begin():  # one b-tree per term: the fastest layout to query
            conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
            conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('automerge', 4)")  # default
        with conn.begin():  # the load skipped the tier: refill it from the stored terms
            self._refill_recent(conn)
        with conn.begin():  # and the vocabulary, from FTS5's own
            self._refill_vocab(conn)
        with conn.begin():
            conn.exec_driver_sql("ANALYZE")
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # outside a transaction: fold the load's WAL in

    def compact(self) -> None:
        """What a bulk load ends with, for an index built by small writes (a search
        replica's follower): FTS5 ``optimize`` (one b-tree per term, the fastest layout
        to query), ``ANALYZE`` and a WAL checkpoint. The optimize holds the write lock
        while it merges (tens of seconds at 1M stories): run it off the request path."""
        with self.db.write() as tx:
            tx.conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
            tx.conn.exec_driver_sql(f"INSERT INTO {RECENT_TABLE}({RECENT_TABLE}) VALUES ('optimize')")
        with self.db.write() as tx:
            tx.conn.exec_driver_sql("ANALYZE")
        with self.db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # outside a transaction: fold the WAL in

    def segments(self) -> int:
        """The full-text index's FTS5 segments (1 after ``optimize``; small writes add more)."""
        with self.db.read() as conn:
            return int(conn.exec_driver_sql(f"SELECT count(DISTINCT segid) FROM {FTS_TABLE}_idx").scalar_one())

    def _write_terms(self, conn: Connection, docs: Sequence[IndexDocument]) -> None:
        rows = [
            (doc.story_id, " ".join(doc.head_terms), " ".join(doc.body_terms), " ".join(doc.public_terms), meta_terms(doc))
            for doc in docs
        ]
        conn.exec_driver_sql(_INSERT.format(table=FTS_TABLE), rows)
        if conn.info.get("nf_bulk"):
            return  # a bulk load refills the tier and the vocabulary once at the end (_after_bulk)
        vocab = {token for doc in docs for token in vocab_tokens(doc)}
        if vocab:
            conn.exec_driver_sql(_VOCAB_INSERT, [(token,) for token in vocab])
        floor = int(conn.execute(_FLOOR).scalar_one())
        recent = [row for row in rows if row[0] >= floor]
        if recent:
            conn.exec_driver_sql(_INSERT.format(table=RECENT_TABLE), recent)
        top = max(row[0] for row in rows)
        if top - floor + 1 > self.recent_span + self.recent_span // 4:
            floor = top - self.recent_span + 1
            conn.execute(_SET_FLOOR, {"floor": floor})
        # Stories left below the floor are dropped a batch per write: deleting a quarter
        # span at once held SQLite's write lock for ~0.8 s (25,000 stories, 1M archive),
        # and this runs right after a publish. Until they are gone the tier only answers
        # windows that end at or above the floor (_recent_window).
        oldest = conn.exec_driver_sql(f"SELECT rowid FROM {RECENT_TABLE} ORDER BY rowid LIMIT 1").scalar()
        if oldest is not None and oldest < floor:
            conn.exec_driver_sql(
                f"DELETE FROM {RECENT_TABLE} WHERE rowid IN"
                f" (SELECT rowid FROM {RECENT_TABLE} WHERE rowid < ? ORDER BY rowid LIMIT ?)",
                (floor, self.trim_batch),
            )

    def _raise_floor(self, conn: Connection, floor: int) -> None:
        """Drop the tier's stories below ``floor`` at once (in the caller's transaction)."""
        conn.exec_driver_sql(f"DELETE FROM {RECENT_TABLE} WHERE rowid < ?", (floor,))
        conn.execute(_SET_FLOOR, {"floor": floor})

    def _refill_recent(self, conn: Connection) -> None:
        """Make the tier exact again after writes that skipped it: the newest
        ``recent_span`` stories, read back from the full index's stored terms."""
        top = conn.exec_driver_sql(f"SELECT rowid FROM {FTS_TABLE} ORDER BY rowid DESC LIMIT 1").scalar()
        floor = max(0, int(top or 0) - self.recent_span + 1)
        self._raise_floor(conn, floor)
        conn.exec_driver_sql(
            f"INSERT INTO {RECENT_TABLE}(rowid, head, body, pub, meta) SELECT id, c0, c1, c2, c3"
            f" FROM {FTS_TABLE}_content WHERE id >= ? AND id NOT IN (SELECT rowid FROM {RECENT_TABLE}) ORDER BY id",
            (floor,),
        )
        conn.exec_driver_sql(f"INSERT INTO {RECENT_TABLE}({RECENT_TABLE}) VALUES ('optimize')")

    def _refill_vocab(self, conn: Connection) -> None:
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE temp.search_fts_terms USING fts5vocab(main, {FTS_TABLE}, 'col')")
        try:
            conn.exec_driver_sql(_VOCAB_REFILL, (VOCAB_MIN,))
        finally:
            conn.exec_driver_sql("DROP TABLE temp.search_fts_terms")

    def _delete_terms(self, conn: Connection, story_ids: Sequence[int]) -> None:
        marks = ",".join("?" * len(story_ids))
        for table in (FTS_TABLE, RECENT_TABLE):
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE rowid IN ({marks})", tuple(story_ids))

    def _clear_terms(self, conn: Connection) -> None:
        for table in (FTS_TABLE, RECENT_TABLE, "search_vocab"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
        conn.execute(_SET_FLOOR, {"floor": 0})
