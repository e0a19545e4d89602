"""the agency-compatible API's minimum interval, shared by every node

``compat_calls``: one row per user key with the time of their last accepted request,
moved by one conditional upsert (PostgreSQL), so N nodes still allow one request per
interval. UNLOGGED on PostgreSQL: losing it in a crash only forgets a few hundred
milliseconds of waiting.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsflow.store.tables import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    unlogged = ["UNLOGGED"] if op.get_bind().dialect.name == "postgresql" else []
    op.create_table(
        "compat_calls",
        sa.Column("user_key", sa.String(64), nullable=False),
        sa.Column("last_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_key", name=op.f("pk_compat_calls")),
        prefixes=unlogged,
    )


def downgrade() -> None:
    op.drop_table("compat_calls")
