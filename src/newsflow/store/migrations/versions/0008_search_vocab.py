"""search: the index's vocabulary, so a prefix can be matched as the terms it stands for

A Turkish word in a query also matches as a prefix (``query.TR_PREFIX_MIN``), and every
Latin-script word of a query with no language is also read as Turkish. FTS5 answers a
prefix without a prefix index by merging the doclists of every term that has it into
one list in memory, in full, before the first row: for an English word at 1M stories
that cost 21-46 ms of window and 11-37 ms of count, against 6 and 2 ms for the same
terms asked exactly. ``search_vocab`` holds every term of 5 letters or more of the
searched columns (SQLite only), so the engine asks for the exact terms instead
(``search.sqlite_fts``). Filled here from FTS5's own vocabulary.

The SQL is frozen here on purpose, like ``0002`` and ``0003``.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE TABLE search_vocab (term TEXT PRIMARY KEY) WITHOUT ROWID")
    op.execute("CREATE VIRTUAL TABLE temp.search_fts_terms USING fts5vocab(main, search_fts, 'col')")
    op.execute(
        "INSERT OR IGNORE INTO search_vocab (term) SELECT term FROM temp.search_fts_terms"
        " WHERE col IN ('head', 'body', 'pub') AND length(term) >= 5"
    )
    op.execute("DROP TABLE temp.search_fts_terms")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE search_vocab")
