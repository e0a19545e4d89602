"""e-mail alerts for saved topics: the address per topic, the outbox, the flow cursor

``saved_filters.email``: where a topic's alerts go (NULL: no e-mail; an unsubscribe
link sets it back to NULL). ``alert_outbox``: one row per (topic, story) to tell, sent
at once for flash/urgent stories or gathered into a digest, retried while the SMTP
server is down. ``alert_cursor``: the last flow seq turned into outbox rows, so the
alerts follow the flow log exactly once across restarts.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsflow.store.tables import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("saved_filters", sa.Column("email", sa.String(254), nullable=True))
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("filter_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(20), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_outbox")),
    )
    with op.batch_alter_table("alert_outbox") as batch:
        batch.create_index(batch.f("ix_alert_outbox_status_next_attempt_at"), ["status", "next_attempt_at"])
        batch.create_index(batch.f("ix_alert_outbox_user_id_sent_at"), ["user_id", "sent_at"])
    op.create_table(
        "alert_cursor",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_cursor")),
    )
    # Start at the end of the flow: nothing published before alerts existed is mailed.
    op.execute("INSERT INTO alert_cursor (id, seq) SELECT 1, coalesce(max(seq), 0) FROM flow_log")


def downgrade() -> None:
    op.drop_table("alert_cursor")
    op.drop_table("alert_outbox")
    with op.batch_alter_table("saved_filters") as batch:
        batch.drop_column("email")
