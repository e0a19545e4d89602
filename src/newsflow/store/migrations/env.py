"""Alembic environment: uses the engine handed over by ``newsflow.store.migrate``."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from newsflow.store.tables import metadata

config = context.config
# Nodes started together (or one started while another upgrades) migrate one at a time:
# the next one waits on this lock, then finds the schema already at head.
MIGRATION_LOCK = 0x6E6600F1
engine = config.attributes.get("engine") or sa.create_engine(config.get_main_option("sqlalchemy.url") or "")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        context.run_migrations()
    connection.commit()
