"""search: a ``meta`` column in ``search_fts`` so filters run inside the FTS5 match

SQLite only (PostgreSQL filters through its own indexes and is untouched). FTS5 cannot
add a column, so the table is rebuilt: renamed aside, recreated with ``meta``, refilled
from the old table's stored terms plus ``meta`` tokens computed here in SQL from
``search_docs`` and ``search_tags`` (the same tokens as ``search.sqlite_fts.meta_terms``:
a kind letter and the value's UTF-8 in hex; ``y``/``m`` year and month of
versioncreated; ``pub``; ``wd``). No reindex is needed. ``meta`` has BM25 weight 0.

The DDL and SQL are frozen here on purpose, like ``0002``.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = \"unicode61 remove_diacritics 0 tokenchars '.,'\""
META_SQL = (
    "'l' || lower(hex(d.language)) || ' c' || lower(hex(d.category)) || ' p' || lower(hex(d.priority))"
    " || ' t' || lower(hex(d.type))"
    " || ' y' || substr(d.versioncreated, 1, 4) || ' m' || substr(d.versioncreated, 1, 4) || substr(d.versioncreated, 6, 2)"
    " || CASE WHEN d.public THEN ' pub' ELSE '' END || CASE WHEN d.withdrawn THEN ' wd' ELSE '' END"
    " || coalesce((SELECT ' ' || group_concat(CASE t.kind WHEN 'topic' THEN 'g' WHEN 'person' THEN 'e' ELSE 'a' END"
    " || lower(hex(t.key)), ' ') FROM search_tags t WHERE t.story_id = d.story_id), '')"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ALTER TABLE search_fts RENAME TO search_fts_0002")
    op.execute(f"CREATE VIRTUAL TABLE search_fts USING fts5(head, body, pub, meta, {TOKENIZE})")
    op.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0, 1.0, 0.0)')")
    op.execute(
        "INSERT INTO search_fts(rowid, head, body, pub, meta) "
        f"SELECT o.rowid, o.head, o.body, o.pub, {META_SQL} "
        "FROM search_fts_0002 o JOIN search_docs d ON d.story_id = o.rowid ORDER BY o.rowid"
    )
    op.execute("DROP TABLE search_fts_0002")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ALTER TABLE search_fts RENAME TO search_fts_0003")
    op.execute(f"CREATE VIRTUAL TABLE search_fts USING fts5(head, body, pub, {TOKENIZE})")
    op.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0, 1.0)')")
    op.execute(
        "INSERT INTO search_fts(rowid, head, body, pub) SELECT rowid, head, body, pub FROM search_fts_0003 ORDER BY rowid"
    )
    op.execute("DROP TABLE search_fts_0003")
