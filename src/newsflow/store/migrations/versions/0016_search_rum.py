"""search on PostgreSQL: RUM indexes (word positions in the index) where the server has RUM

A phrase (``'a' <-> 'b'``) on a GIN index finds every story holding both words and
re-reads each one's ``tsvector`` from the table to check the positions: at 200,000
stories a two-word phrase fetched 18,879 heap pages for 868 matches. The RUM access
method keeps positions in the index, so the index answers the phrase itself (860
pages for the same 868). Where the ``rum`` extension is not installed, or cannot be
created (not a superuser), the GIN indexes stay: the engine says which it reads
(``PostgresSearch.readiness_details``, ``/readyz``). Running this on a big index takes
minutes (the indexes are rebuilt). SQLite: nothing.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

log = logging.getLogger("newsflow.search")
COLUMNS = {"ix_search_docs_terms": "terms", "ix_search_docs_public_terms": "public_terms"}


def _rum(bind: sa.Connection) -> bool:
    """Whether the ``rum`` extension is there or could be created now."""
    if not bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'").scalar():
        return False
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS rum")
    except sa.exc.DBAPIError as exc:
        log.warning("search: the rum extension could not be created (%s); GIN indexes stay", exc.orig)
        return False
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if not _rum(bind):
        log.warning("search: PostgreSQL has no rum extension; phrases are checked row by row (GIN)")
        return
    for name, column in COLUMNS.items():
        method = bind.exec_driver_sql(
            "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = %(n)s", {"n": name}
        ).scalar()
        if method != "rum":  # an operator may have built it beforehand (CONCURRENTLY, then renamed)
            op.execute(f"DROP INDEX IF EXISTS {name}")
            op.execute(f"CREATE INDEX {name} ON search_docs USING rum ({column} rum_tsvector_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, column in COLUMNS.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON search_docs USING gin ({column})")
