"""Alembic environment: uses the engine handed over by ``newsflow.store.migrate``."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from newsflow.store.tables import metadata

config = context.config
engine = config.attributes.get("engine") or sa.create_engine(config.get_main_option("sqlalchemy.url") or "")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
