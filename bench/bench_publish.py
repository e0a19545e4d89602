"""Committed publishes per second (version + flow entry), SQLite and PostgreSQL, 1 and 4 writers.

Run: ``make bench-publish`` (or ``.venv/bin/python bench/bench_publish.py [--stories N]``).
PostgreSQL is measured when NEWSFLOW_BENCH_POSTGRES_URL (or NEWSFLOW_TEST_POSTGRES_URL) is
set or the local server answers at 127.0.0.1:5432; a fresh database is created and dropped.

What is timed: ``Newsroom.create(..., publish=True)`` end to end — validation, sanitizing,
the story row, the immutable version, the flow entry in commit order, the commit and the
after-commit listeners — without HTTP and with text suggestions off (they have their own
benchmark, bench_text.py), so the figure is the storage path's ceiling.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from calibration import machine_line
from newsflow.config import Settings
from newsflow.services.newsroom import Newsroom
from newsflow.store import flow_log
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade

console = Console()
BODY = "<p>" + " ".join(["The quick brown fox jumps over the lazy dog."] * 30) + "</p>"


def pg_url() -> str | None:
    url = os.environ.get("NEWSFLOW_BENCH_POSTGRES_URL") or os.environ.get("NEWSFLOW_TEST_POSTGRES_URL")
    if url:
        return url
    import socket

    with socket.socket() as s:
        s.settimeout(0.3)
        if s.connect_ex(("127.0.0.1", 5432)) == 0:
            return "postgresql://postgres@127.0.0.1:5432/postgres"
    return None


def run(db: Database, settings: Settings, writers: int, total: int, progress: Progress) -> float:
    newsroom = Newsroom(db, settings)
    per_writer = total // writers
    task = progress.add_task(f"{db.dialect} × {writers} writer(s)", total=per_writer * writers)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(per_writer):
                newsroom.create(
                    {"language": "en", "headline": f"Bench {n}-{i}", "body": BODY, "category": "economy"},
                    publish=True,
                )
                progress.advance(task)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise errors[0]
    with db.read() as conn:
        entries = flow_log.read_after(conn, 0, 10_000_000)
    seqs = [e.seq for e in entries]
    assert seqs == list(range(1, len(seqs) + 1)), "flow log is not dense and ordered"
    return per_writer * writers / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=4000, help="publishes per configuration")
    args = parser.parse_args()
    machine = machine_line()  # before the load starts
    rows: list[tuple[str, int, float]] = []
    with Progress(console=console) as progress:
        for writers in (1, 4):
            with tempfile.TemporaryDirectory() as tmp:
                settings = Settings(data_dir=Path(tmp), secret_key="bench")
                db = Database(settings.sqlalchemy_url)
                upgrade(db)
                rows.append(("SQLite (WAL)", writers, run(db, settings, writers, args.stories, progress)))
                db.dispose()
        base = pg_url()
        if base:
            admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
            for writers in (1, 4):
                name = f"nf_bench_{uuid.uuid4().hex[:8]}"
                with admin.connect() as conn:
                    conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                try:
                    settings = Settings(database_url=f"{base.rpartition('/')[0]}/{name}", secret_key="bench")
                    db = Database(settings.sqlalchemy_url)
                    upgrade(db)
                    rows.append(("PostgreSQL", writers, run(db, settings, writers, args.stories, progress)))
                    db.dispose()
                finally:
                    with admin.connect() as conn:
                        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            console.print("[yellow]PostgreSQL not reachable: skipped[/yellow]")
    table = Table(title=f"Committed publishes per second ({args.stories} per row; target ≥ 1,000/s)")
    table.add_column("database")
    table.add_column("writers", justify="right")
    table.add_column("publishes/s", justify="right")
    table.add_column("vs Superdesk tick (20/s)", justify="right")
    for name, writers, rate in rows:
        table.add_row(name, str(writers), f"{rate:,.0f}", f"{rate / 20:,.0f}×")
    console.print(table)
    console.print(machine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
