"""Nodes started together migrate one at a time (a PostgreSQL advisory lock in the
Alembic environment): the first applies the history, the others find it at head."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from newsflow.store.migrate import MIGRATIONS
from tests.waiting import LIVENESS

NEWSFLOW = str(Path(sys.executable).parent / "newsflow")


@pytest.mark.postgres
def test_three_nodes_migrating_one_empty_database_at_once_all_succeed(pg_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "NEWSFLOW_DATABASE_URL": pg_url, "NEWSFLOW_DATA_DIR": str(tmp_path)}
    env.pop("NEWSFLOW_NATS_URL", None)
    runs = [subprocess.Popen([NEWSFLOW, "db", "upgrade"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for _ in range(3)]
    outputs = [run.communicate(timeout=LIVENESS)[0].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    head = max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("0*.py"))
    engine = sa.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1), poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == [head]
    engine.dispose()
