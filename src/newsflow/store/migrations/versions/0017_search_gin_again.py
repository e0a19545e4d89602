"""search on PostgreSQL: back to GIN indexes where ``0016_search_rum`` built RUM ones

RUM's bitmap scan answered a query ORing a prefix with exact words wrongly at 100,000
stories: ``'sulti' | 'sultis':* | 'sultis'`` matched 218 stories where a scan of every
row finds 2,942 (and SQLite 2,942). Every Latin word of a query carries such a prefix
(the Turkish variant, ``search.query``), so the GIN indexes come back until that is
understood; ``postgres_fts.set_full_text_method(conn, "rum")`` still builds RUM ones.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

COLUMNS = {"ix_search_docs_terms": "terms", "ix_search_docs_public_terms": "public_terms"}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for name, column in COLUMNS.items():
        method = bind.exec_driver_sql(
            "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = %(n)s", {"n": name}
        ).scalar()
        if method != "gin":
            op.execute(f"DROP INDEX IF EXISTS {name}")
            op.execute(f"CREATE INDEX {name} ON search_docs USING gin ({column})")


def downgrade() -> None:
    """Nothing: 0016's downgrade builds GIN indexes too."""
