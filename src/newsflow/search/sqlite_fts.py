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
story in ``search_docs``. The token filter only narrows to a superset: the SQL
conditions on ``search_docs`` still decide exactly (date bounds inside a month, say).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsflow.search import SearchQuery
from newsflow.search.document import IndexDocument, primary_language, tag_key
from newsflow.search.engine import Match, SqlSearch
from newsflow.search.query import Analyzed, to_fts5
from newsflow.search.tables import search_docs

__all__ = ["FTS_TABLE", "SqliteSearch", "meta_terms"]

FTS_TABLE = "search_fts"
BULK_CACHE_KIB = 131_072  # page cache of a bulk load (128 MiB); normal connections keep the default
_fts = sa.table(FTS_TABLE, sa.column("rowid", sa.Integer), sa.column("rank", sa.Float))




_FACET_GROUPS = sa.text(
    "SELECT language, category, priority, type, count(*) FROM search_docs INDEXED BY ix_search_docs_facets"
    " WHERE story_id IN (SELECT value FROM json_each(:ids)) GROUP BY language, category, priority, type"
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


def _meta_filter(query: SearchQuery) -> tuple[list[list[str]], list[str]]:
    """(every one of these groups, one token of each; none of these) for the query's
    visibility and filters: the same facts ``SqlSearch._conditions`` checks in SQL."""
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
    if query.date_from is not None and query.date_to is not None:
        dates = _date_tokens(_aware(query.date_from), _aware(query.date_to))
        if dates:
            groups.append(dates)
    return groups, excluded


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _any(tokens: list[str]) -> str:
    return "{meta} : (" + " OR ".join(f'"{t}"' for t in tokens) + ")"


class SqliteSearch(SqlSearch):
    def _match(self, analyzed: Analyzed, *, public: bool, query: SearchQuery) -> Match:
        columns = "{pub}" if public else "{head body}"
        expression = f"{columns} : ({to_fts5(analyzed)})"
        groups, excluded = _meta_filter(query)
        for group in groups:
            expression = f"({expression}) AND ({_any(group)})"
        if excluded:
            expression = f"({expression}) NOT ({_any(excluded)})"
        where = sa.text(f"{FTS_TABLE} MATCH :fts_match").bindparams(fts_match=expression)
        source = search_docs.join(_fts, _fts.c.rowid == search_docs.c.story_id)
        # rank: lower is better; rowid streams newest first. ``alone``: with no filter on
        # search_docs the window is read from the FTS5 table without a join.
        return Match(source, where, -_fts.c.rank, _fts.c.rowid, alone=_fts)

    def _id_list(self, ids: list[int]) -> sa.TextClause:
        return sa.text("SELECT value FROM json_each(:ids)").bindparams(ids=json.dumps(ids))

    def _facet_groups(self, conn: Connection, ids: list[int]) -> Sequence[Any]:
        # SQLite looks rows up by rowid when it can; the covering index (0005) is ~60
        # times smaller than the table and stays in the page cache, so it is named.
        return conn.execute(_FACET_GROUPS, {"ids": json.dumps(ids)}).all()

    @contextmanager
    def _bulk_connection(self) -> Iterator[Connection]:
        """A connection with durability relaxed for the load only, restored before it
        returns to the pool: a crash mid-load loses the load (rerun the reindex), never
        anything else, since nothing but the load writes through this connection."""
        with self.db.engine.connect() as conn:
            conn.info["nf_immediate"] = True
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
            try:
                with conn.begin():  # FTS5 merges small segments as it goes, 16 at a time
                    conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('automerge', 16)")
                yield conn
            finally:
                conn.info.pop("nf_immediate", None)
                raw.execute("PRAGMA synchronous=NORMAL")
                raw.execute("PRAGMA cache_size=-2000")

    def _after_bulk(self, conn: Connection) -> None:
        with conn.begin():  # one b-tree per term: the fastest layout to query
            conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
            conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('automerge', 4)")  # default
        with conn.begin():
            conn.exec_driver_sql("ANALYZE")
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # outside a transaction: fold the load's WAL in

    def _write_terms(self, conn: Connection, docs: Sequence[IndexDocument]) -> None:
        conn.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}(rowid, head, body, pub, meta) VALUES (?, ?, ?, ?, ?)",
            [
                (doc.story_id, " ".join(doc.head_terms), " ".join(doc.body_terms), " ".join(doc.public_terms), meta_terms(doc))
                for doc in docs
            ],
        )

    def _delete_terms(self, conn: Connection, story_ids: Sequence[int]) -> None:
        marks = ",".join("?" * len(story_ids))
        conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", tuple(story_ids))

    def _clear_terms(self, conn: Connection) -> None:
        conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
