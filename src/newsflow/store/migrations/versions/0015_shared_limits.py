"""limits every node shares: a session epoch per user, and a rate-limit window per key

``users.session_epoch`` counts the changes that end a user's logins (a password change,
deactivation): sessions and stream tokens carry the epoch they were issued under, so
every node refuses them as soon as the row moves. ``rate_hits``: one row per limited key
(a form's client address) with the times of its accepted attempts in the window,
moved by one conditional upsert (PostgreSQL), so N nodes still allow ``limit`` per
window. UNLOGGED on PostgreSQL: losing it in a crash only forgets a few attempts.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("session_epoch", sa.Integer(), nullable=False, server_default="0"))
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "rate_hits",
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("hits", postgresql.ARRAY(sa.Float(53)) if postgres else sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_hits")),
        prefixes=["UNLOGGED"] if postgres else [],
    )


def downgrade() -> None:
    op.drop_table("rate_hits")
    with op.batch_alter_table("users") as batch:  # SQLite rebuilds the table
        batch.drop_column("session_epoch")
