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

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsflow.search.document import IndexDocument
from newsflow.search.engine import Match, SqlSearch
from newsflow.search.query import Analyzed, to_fts5
from newsflow.search.tables import search_docs

__all__ = ["FTS_TABLE", "SqliteSearch"]

FTS_TABLE = "search_fts"
_fts = sa.table(FTS_TABLE, sa.column("rowid", sa.Integer), sa.column("rank", sa.Float))




class SqliteSearch(SqlSearch):
    def _match(self, analyzed: Analyzed, *, public: bool) -> Match:
        columns = "{pub}" if public else "{head body}"
        expression = f"{columns} : ({to_fts5(analyzed)})"
        where = sa.text(f"{FTS_TABLE} MATCH :fts_match").bindparams(fts_match=expression)
        source = search_docs.join(_fts, _fts.c.rowid == search_docs.c.story_id)
        return Match(source, where, -_fts.c.rank, _fts.c.rowid)  # rank: lower is better; rowid streams newest first

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
