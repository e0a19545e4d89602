"""follower_cursors: the stored position of each durable follower of the flow log

The search index follows the flow log instead of running after each commit in the
writer's request. Its cursor starts at the end of the log as it is now: the index of
an existing database already holds every version published so far.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from newsflow.store.tables import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    cursors = op.create_table(
        "follower_cursors",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_follower_cursors")),
    )
    latest = op.get_bind().execute(sa.text("SELECT COALESCE(MAX(seq), 0) FROM flow_log")).scalar_one()
    op.bulk_insert(cursors, [{"name": "search", "seq": int(latest), "updated_at": datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table("follower_cursors")
