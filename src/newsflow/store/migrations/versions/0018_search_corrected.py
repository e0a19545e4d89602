"""search on PostgreSQL: an index of the corrected stories (``version > 1``)

A query with a lower time bound reads the index in id ranges from the newest down to the
first story created inside the bound (``PostgresSearch._floor``); below that id only a
story corrected since can match, and this partial index finds those alone instead of
every older match of the words. Corrections are a small share of an archive, so the
index is small and cheap to build.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX IF NOT EXISTS ix_search_docs_corrected ON search_docs (story_id) WHERE version > 1")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_search_docs_corrected")
