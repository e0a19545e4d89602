"""Choosing the search engine for a database: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

from newsflow.core.clock import Clock, utcnow
from newsflow.search.engine import SqlSearch
from newsflow.search.postgres_fts import PostgresSearch
from newsflow.search.sqlite_fts import SqliteSearch
from newsflow.store.database import Database

__all__ = ["open_index"]


def open_index(db: Database, *, clock: Clock = utcnow) -> SqlSearch:
    if db.dialect == "sqlite":
        return SqliteSearch(db, clock=clock)
    if db.dialect == "postgresql":
        return PostgresSearch(db, clock=clock)
    raise ValueError(f"no search engine for the {db.dialect} dialect")
