"""search: one narrow row of facet values per story

Facets count the language, category, priority, type and topics of the ranked window
(2,000 stories). Two queries over covering indexes (``0005``) took 13 ms at 1M stories
on a slow machine: a GROUP BY and a count of topic tags, most of it grouping in SQL.
``search_facets`` holds each story's values in one short text, ``l``anguage,
``c``ategory, ``p``riority, ``t``ype and each topic (``g``) joined by U+001F; the engine
reads the window's rows as one string and counts its parts (5.5 ms measured).
``search.document.facet_values`` writes it; this migration fills it from the index.

The SQL is frozen here on purpose, like ``0002`` and ``0003``.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.execute("CREATE TABLE search_facets (story_id INTEGER PRIMARY KEY, facets TEXT NOT NULL)")
    sep = "char(31)" if sqlite else "chr(31)"
    topics = (
        f"(SELECT group_concat({sep} || 'g' || t.key, '') FROM search_tags t WHERE t.story_id = d.story_id AND t.kind = 'topic')"
        if sqlite
        else f"(SELECT string_agg({sep} || 'g' || t.key, '' ORDER BY t.key) FROM search_tags t"
        " WHERE t.story_id = d.story_id AND t.kind = 'topic')"
    )
    op.execute(
        "INSERT INTO search_facets (story_id, facets) SELECT d.story_id, "
        f"'l' || d.language || {sep} || 'c' || d.category || {sep} || 'p' || d.priority || {sep} || 't' || d.type"
        f" || coalesce({topics}, '') FROM search_docs d"
    )
    op.drop_index("ix_search_docs_facets", table_name="search_docs")


def downgrade() -> None:
    op.create_index("ix_search_docs_facets", "search_docs", ["story_id", "language", "category", "priority", "type"])
    op.execute("DROP TABLE search_facets")
