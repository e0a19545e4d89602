"""flow_counter: PostgreSQL numbers flow entries from a locked counter row

Before, the append took a transaction-scoped advisory lock in one statement and read
``max(seq)`` in the next (a statement's snapshot must start after the lock). A row
lock taken by ``UPDATE flow_counter SET seq = seq + 1`` gives the same commit-order
guarantee inside a single statement, so the append can travel with the version and
story writes in one round trip. The row is seeded from the log as it stands.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flow_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_counter")),
    )
    op.execute("INSERT INTO flow_counter (id, seq) SELECT 1, coalesce(max(seq), 0) FROM flow_log")


def downgrade() -> None:
    op.drop_table("flow_counter")
