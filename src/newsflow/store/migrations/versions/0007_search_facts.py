"""search: one narrow row per story with what the window and the facets read

Two reads of every query touched 2,000 stories each in wide or grouped structures:
* the facets (language, category, priority, type and topics of the ranked window): a
  GROUP BY and a count of topic tags over covering indexes (``0005``), 13 ms at 1M
  stories on a slow machine, most of it grouping in SQL;
* a time-sorted window, which read each story's ``versioncreated`` from the wide
  ``search_docs`` rows: 57-100 ms at 1M stories, page misses over 3 GB.
``search_facts`` holds, per story, ``versioncreated`` and its facet values in one short
text (``l``anguage, ``c``ategory, ``p``riority, ``t``ype, each topic ``g``, joined by
U+001F), written by the engine (``search.document.facet_values``) and filled here from
the index. The facet index of ``0005`` on ``search_docs`` is no longer read.

The SQL is frozen here on purpose, like ``0002`` and ``0003``.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import newsflow.store.tables

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "search_facts",
        sa.Column("story_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("versioncreated", newsflow.store.tables.UTCDateTime(), nullable=False),
        sa.Column("facets", sa.Text, nullable=False),
    )
    sep = "char(31)" if sqlite else "chr(31)"
    topics = (
        f"(SELECT group_concat({sep} || 'g' || t.key, '') FROM search_tags t WHERE t.story_id = d.story_id AND t.kind = 'topic')"
        if sqlite
        else f"(SELECT string_agg({sep} || 'g' || t.key, '' ORDER BY t.key) FROM search_tags t"
        " WHERE t.story_id = d.story_id AND t.kind = 'topic')"
    )
    op.execute(
        "INSERT INTO search_facts (story_id, versioncreated, facets) SELECT d.story_id, d.versioncreated, "
        f"'l' || d.language || {sep} || 'c' || d.category || {sep} || 'p' || d.priority || {sep} || 't' || d.type"
        f" || coalesce({topics}, '') FROM search_docs d"
    )
    op.drop_index("ix_search_docs_facets", table_name="search_docs")


def downgrade() -> None:
    op.create_index("ix_search_docs_facets", "search_docs", ["story_id", "language", "category", "priority", "type"])
    op.drop_table("search_facts")
