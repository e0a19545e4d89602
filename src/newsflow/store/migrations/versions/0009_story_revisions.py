"""stories.revision and story_versions.created_by: conflict checks and the desk's history

``stories.revision`` counts every change to a story row (a draft saved, a version
published). A save names the revision it started from (the desk's form, the API's
``If-Match``); a save made from an older revision is refused instead of overwriting
someone else's work. ``story_versions.created_by`` records who published each
version, for the history page. Existing rows start at revision 0 and no author.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("story_versions", sa.Column("created_by", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("story_versions") as batch:
        batch.drop_column("created_by")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("revision")
