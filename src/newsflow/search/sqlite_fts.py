"""SQLite FTS5: the default search engine.

The FTS5 table ``search_fts(head, body, pub)`` holds the analyzer's terms joined by
spaces, one row per story with ``rowid = story_id``. Its tokenizer only has to split
on spaces: ``unicode61`` with ``remove_diacritics 0`` (the analyzer already folded
everything, and Arabic letters must stay as they are) and ``.``/``,`` as token
characters so numbers like ``1.000`` stay one term. Ranking is BM25 with the
headline weighted 3:1 over the body (set once by the migration as the table's
``rank``), so ``ORDER BY rank`` uses FTS5's own ranking path.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsflow.search.document import IndexDocument
from newsflow.search.engine import Match, SqlSearch
from newsflow.search.query import Analyzed, to_fts5
from newsflow.search.tables import search_docs

__all__ = ["FTS_TABLE", "SqliteSearch"]

FTS_TABLE = "search_fts"
BULK_CACHE_KIB = 131_072  # page cache of a bulk load (128 MiB); normal connections keep the default
_fts = sa.table(FTS_TABLE, sa.column("rowid", sa.Integer), sa.column("rank", sa.Float))




class SqliteSearch(SqlSearch):
    def _match(self, analyzed: Analyzed, *, public: bool) -> Match:
        columns = "{pub}" if public else "{head body}"
        expression = f"{columns} : ({to_fts5(analyzed)})"
        where = sa.text(f"{FTS_TABLE} MATCH :fts_match").bindparams(fts_match=expression)
        source = search_docs.join(_fts, _fts.c.rowid == search_docs.c.story_id)
        # rank: lower is better; rowid streams newest first. ``alone``: with no filter on
        # search_docs the window is read from the FTS5 table without a join.
        return Match(source, where, -_fts.c.rank, _fts.c.rowid, alone=_fts)

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
            f"INSERT INTO {FTS_TABLE}(rowid, head, body, pub) VALUES (?, ?, ?, ?)",
            [(doc.story_id, " ".join(doc.head_terms), " ".join(doc.body_terms), " ".join(doc.public_terms)) for doc in docs],
        )

    def _delete_terms(self, conn: Connection, story_ids: Sequence[int]) -> None:
        marks = ",".join("?" * len(story_ids))
        conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", tuple(story_ids))

    def _clear_terms(self, conn: Connection) -> None:
        conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
