"""story_reads: what each wire user has read, and which version

One row per (user, story): the version the user last opened. The wire marks a story
read, and a later update or correction of a story read at an older version as such.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsflow.store.tables import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_reads",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_story_reads_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", "story_id", name=op.f("pk_story_reads")),
    )


def downgrade() -> None:
    op.drop_table("story_reads")
