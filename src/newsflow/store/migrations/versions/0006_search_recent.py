"""search: the recent tier, a second FTS5 table for the newest stories (SQLite only)

BM25 in FTS5 reads every phrase's whole posting list once per query to weigh it; for a
common word at 1M stories that was most of the query (12-27 ms of a 14-29 ms window).
``search_recent`` has the columns, tokenizer and ranking of ``search_fts`` and holds
every story whose id is at least ``search_recent_floor.floor``: relevance queries whose
window it holds in full are scored there, against ~100,000 stories instead of all.
Filled here from ``search_fts``'s stored terms; ``search.sqlite_fts`` keeps it exact.

The DDL and SQL are frozen here on purpose, like ``0002`` and ``0003``.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = \"unicode61 remove_diacritics 0 tokenchars '.,'\""
SPAN = 100_000


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"CREATE VIRTUAL TABLE search_recent USING fts5(head, body, pub, meta, {TOKENIZE})")
    op.execute("INSERT INTO search_recent(search_recent, rank) VALUES ('rank', 'bm25(3.0, 1.0, 1.0, 0.0)')")
    op.execute("CREATE TABLE search_recent_floor (id INTEGER PRIMARY KEY CHECK (id = 1), floor INTEGER NOT NULL)")
    op.execute(
        "INSERT INTO search_recent_floor (id, floor) "
        f"SELECT 1, max(0, coalesce(max(id), 0) - {SPAN} + 1) FROM search_fts_content"
    )
    op.execute(
        "INSERT INTO search_recent(rowid, head, body, pub, meta) SELECT id, c0, c1, c2, c3 FROM search_fts_content "
        "WHERE id >= (SELECT floor FROM search_recent_floor) ORDER BY id"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE search_recent_floor")
    op.execute("DROP TABLE search_recent")
