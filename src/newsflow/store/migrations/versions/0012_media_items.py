"""media: graphics and video beside photos, with a processing state and their metadata

A media row was a photo with a caption and a byline. It now says what it is
(``picture``, ``graphic`` or ``video``), whether it is ready (a video is transcoded in
the background: ``processing``, ``ready`` or ``failed`` with the ``error`` shown to the
editor), and keeps the rest as JSON in ``details``: credit, copyright, language, the
time taken, and for video the duration and codecs. Existing rows are ready photos.

A subscription lists the renditions (sizes) its subscriber may download
(``subscribers.renditions``, empty: all), beside the types it already listed.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("media") as batch:
        batch.add_column(sa.Column("type", sa.String(20), nullable=False, server_default="picture"))
        batch.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="ready"))
        batch.add_column(sa.Column("error", sa.Text))
        batch.add_column(sa.Column("details", sa.Text, nullable=False, server_default="{}"))
    with op.batch_alter_table("subscribers") as batch:
        batch.add_column(sa.Column("renditions", sa.Text, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("subscribers") as batch:
        batch.drop_column("renditions")
    with op.batch_alter_table("media") as batch:
        for column in ("details", "error", "status", "type"):
            batch.drop_column(column)
