"""search index: search_docs, search_tags, and the engine's full-text part

SQLite gets the FTS5 table ``search_fts``; PostgreSQL gets tsvector columns with GIN
indexes on ``search_docs``. The DDL is frozen here on purpose (a migration must not
change when the engine modules do). The index is derived data: after upgrading an
existing database run ``newsflow search reindex``.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import newsflow.store.tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("story_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("uri", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("priority", sa.String(length=20), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("versioncreated", newsflow.store.tables.UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("public_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("story_id", name="pk_search_docs"),
    )
    op.create_index("ix_search_docs_versioncreated", "search_docs", ["versioncreated"])
    op.create_table(
        "search_tags",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("story_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", "story_id", name="pk_search_tags"),
    )
    op.create_index("ix_search_tags_story_id", "search_tags", ["story_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(head, body, pub, "
            "tokenize = \"unicode61 remove_diacritics 0 tokenchars '.,'\")"
        )
        op.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0, 1.0)')")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_docs ADD COLUMN terms tsvector NOT NULL DEFAULT ''::tsvector")
        op.execute("ALTER TABLE search_docs ADD COLUMN public_terms tsvector NOT NULL DEFAULT ''::tsvector")
        op.execute("CREATE INDEX ix_search_docs_terms ON search_docs USING gin (terms)")
        op.execute("CREATE INDEX ix_search_docs_public_terms ON search_docs USING gin (public_terms)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_index("ix_search_tags_story_id", table_name="search_tags")
    op.drop_table("search_tags")
    op.drop_index("ix_search_docs_versioncreated", table_name="search_docs")
    op.drop_table("search_docs")
