"""The agency-compatible API's own costs: agency-shape renders and the shared interval.

Run: ``.venv/bin/python bench/bench_abone.py [--seconds 2] [--calls 1000]``

* renders per second of one document in ``newsmlg2`` (strict), ``newsml29`` and
  ``newsml12`` (agency shapes), over the hand-written fixture stories; each version is
  rendered once and cached after, so this is the cost of a first download;
* the minimum interval's cost per call: in process (SQLite, one node) and in PostgreSQL
  (shared by all nodes: one autocommit upsert per accepted call, one more read per
  refused one). The PostgreSQL rows need ``NEWSFLOW_TEST_POSTGRES_URL``; a database of
  its own is made and dropped.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from calibration import machine_line

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from newsflow.config import Settings
from newsflow.core.story import Representation
from newsflow.errors import RateLimited
from newsflow.formats import FORMATS, AgencyNames, agency_formats
from newsflow.services.intervals import MinimumInterval, SharedInterval
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.text.gazetteer import load, place_names
from strategies import FIXTURES


def renders(seconds: float) -> list[tuple[str, str]]:
    load()
    agency = agency_formats(AgencyNames.build("nf", (), place_names))
    versions = list(FIXTURES.values())
    rows = []
    for name, fmt in (("newsmlg2 (strict)", FORMATS["newsmlg2"]), ("newsml29", agency["newsml29"]),
                      ("newsml12", agency["newsml12"])):
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            for v in versions:
                fmt.render(v, Representation.FULL)
                done += 1
        elapsed = time.perf_counter() - start
        rows.append((f"render {name}", f"{done / elapsed:,.0f}/s, {elapsed / done * 1e6:,.0f} µs each"))
        print(f"  {name}: done", file=sys.stderr)
    return rows


def _latencies(check: Callable[[str], None], keys: list[str]) -> str:
    times = []
    for key in keys:
        start = time.perf_counter()
        with contextlib.suppress(RateLimited):
            check(key)
        times.append(time.perf_counter() - start)
    times.sort()
    return f"median {times[len(times) // 2] * 1e3:.3f} ms, p95 {times[int(len(times) * 0.95)] * 1e3:.3f} ms"


def intervals(calls: int) -> list[tuple[str, str]]:
    users = [f"user:{i}" for i in range(calls)]
    rows = [("interval in process, accepted", _latencies(MinimumInterval(0.5).check, users))]
    base = os.environ.get("NEWSFLOW_TEST_POSTGRES_URL")
    if not base:
        rows.append(("interval in PostgreSQL", "skipped: set NEWSFLOW_TEST_POSTGRES_URL"))
        return rows
    import sqlalchemy as sa

    name = f"nf_bench_abone_{uuid.uuid4().hex[:8]}"
    admin_url = Settings(database_url=base).sqlalchemy_url
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        db = Database(admin_url.rsplit("/", 1)[0] + f"/{name}")
        upgrade(db)
        shared = SharedInterval(db, 0.5)
        rows.append(("interval in PostgreSQL, accepted", _latencies(shared.check, users)))
        rows.append(("interval in PostgreSQL, refused", _latencies(shared.check, ["user:0"] * calls)))
        db.dispose()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per render measurement")
    parser.add_argument("--calls", type=int, default=1000, help="interval checks per measurement")
    args = parser.parse_args()
    print(machine_line())
    rows = renders(args.seconds) + intervals(args.calls)
    width = max(len(r[0]) for r in rows)
    print(f"| {'what'.ljust(width)} | figure |")
    print(f"| {'-' * width} | --- |")
    for what, figure in rows:
        print(f"| {what.ljust(width)} | {figure} |")


if __name__ == "__main__":
    main()
