"""The search tables both engines share (the full-text part is engine-specific).

They live on their own ``MetaData``: the index is derived data, rebuilt by
``newsflow search reindex``, created by the ``0002_search`` migration by hand, and
the FTS5 virtual table / tsvector columns beside them are not expressible here.
"""

from __future__ import annotations

import sqlalchemy as sa

from newsflow.store.tables import UTCDateTime

metadata = sa.MetaData()

search_docs = sa.Table(
    "search_docs",
    metadata,
    sa.Column("story_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("uri", sa.String(200), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("headline", sa.Text, nullable=False),
    sa.Column("language", sa.String(35), nullable=False),
    sa.Column("category", sa.String(60), nullable=False),
    sa.Column("priority", sa.String(20), nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("public", sa.Boolean, nullable=False),
    sa.Column("withdrawn", sa.Boolean, nullable=False),
    sa.Column("versioncreated", UTCDateTime, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("public_text", sa.Text, nullable=False),
    sa.Index("ix_search_docs_versioncreated", "versioncreated"),
)

# What a time-sorted window and the facet counts read, one short row per story (0007):
# the latest version's time and ``document.facet_values``.
search_facts = sa.Table(
    "search_facts",
    metadata,
    sa.Column("story_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("versioncreated", UTCDateTime, nullable=False),
    sa.Column("facets", sa.Text, nullable=False),
)

search_tags = sa.Table(
    "search_tags",
    metadata,
    sa.Column("kind", sa.String(10), primary_key=True),  # topic | person | place
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("story_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Index("ix_search_tags_story_kind_key", "story_id", "kind", "key"),  # covering, by story (0005)
)
