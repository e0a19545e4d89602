"""Search benchmark: index build rate and query latency on a synthetic archive.

Run: ``make bench-search STORIES=1000000 BACKEND=postgresql``, or
     ``.venv/bin/python bench/bench_search.py``           (100k stories, SQLite)
     ``.venv/bin/python bench/bench_search.py --full``    (1M stories)
     ``... --backend postgresql`` (PostgreSQL only; ``both``: SQLite, then PostgreSQL)
     ``... --backend postgresql-replica`` (a PostgreSQL node searching its local replica)

PostgreSQL runs on ``--postgres-url`` (default ``$NEWSFLOW_BENCH_POSTGRES_URL`` or the
local server) in a database of its own, ``newsflow_bench_search_<stories>`` (or
``--postgres-database``), created when missing and kept between runs; no other database
is touched. Each backend's
figures are also written to ``bench/results/search-<backend>-<stories>.json`` as
``{"stories": N, "kinds": {"<kind>": {"p50_ms": x, "p95_ms": y}}}``.

``postgresql-replica`` measures a PostgreSQL node with ``NEWSFLOW_SEARCH_REPLICA``
(``search/replica.py``). It needs the stories themselves on PostgreSQL, which the
``postgresql`` backend never writes (it loads the index alone): the same archive is
stored once in the benchmark database's ``stories``, ``story_versions`` and ``flow_log``
(one published version and one flow entry per story, as publishing leaves them). The
replica, ``bench/.cache/search-replica-N.db``, is then built as a new node builds it: its
``IndexFollower`` reads the flow log from PostgreSQL and writes the documents and its
cursor to the file (the rate printed is stories per second of that follow). Queries go
through ``ReplicaIndex.search``, as the node's API calls it. To compare with the shared
index, run ``--backend postgresql`` and ``--backend postgresql-replica`` in turn.

The archive comes from ``bench/search_archive.py`` (fixed seed). Building means what
reindex does: analyze every story (in ``--workers`` processes) and write it through
``SearchIndex.index_documents`` in transactions of 2,000; the rate is stories per
second of wall time including the final FTS5 ``optimize``. A built database is reused
when it already holds the requested number of stories (``--rebuild`` forces a build).

Queries run one at a time through ``SearchIndex.search`` exactly as the API calls it:
editor visibility, relevance sort, limit 20, total and facets (language, category,
priority, type, topic) on. Words are drawn with the archive's own Zipf skew, so common
words are asked often. Latency is wall time per call after a warm-up. As in the server,
the index is first read into the page cache (``SearchIndex.prewarm``, ``--no-prewarm`` to
skip) and the objects built at start-up are frozen out of the garbage collector
(``--no-gc-freeze`` to compare).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from calibration import machine_line

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsflow.cli import freeze_startup_objects
from newsflow.core.codec import content_to_dict, version_to_dict
from newsflow.errors import InvalidInput
from newsflow.search import SearchQuery, SearchResult
from newsflow.search.backends import open_index
from newsflow.search.document import IndexDocument
from newsflow.search.engine import SqlSearch
from newsflow.search.follower import FollowedIndex, IndexFollower
from newsflow.search.replica import ReplicaIndex, open_replica
from newsflow.search.sqlite_fts import SqliteSearch
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.store.tables import flow_counter, flow_log, stories, story_versions
from search_archive import (
    AR_PREFIXES,
    AR_VOCABULARY,
    CATEGORIES,
    EN_SUFFIXES,
    EN_VOCABULARY,
    START,
    TOPICS,
    Archive,
    chunk,
)

SEED = 20261129
CHUNK = 2000
console = Console()


def documents(index: int, total: int) -> list[IndexDocument]:
    return [IndexDocument.from_version(v) for v in chunk(SEED, index, CHUNK, total)]


def build(search: SqlSearch, db: Database, n: int, workers: int) -> float:
    """Clear and load ``n`` stories through ``SearchIndex.bulk``; stories/s of wall time."""
    search.clear()
    chunks = (n + CHUNK - 1) // CHUNK
    columns = (
        TextColumn("build"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        TextColumn("{task.fields[rate]} stories/s"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
    )
    started = time.perf_counter()
    with (
        Progress(*columns, console=console, refresh_per_second=2) as progress,
        ProcessPoolExecutor(workers) as pool,
        search.bulk() as load,
    ):
        task = progress.add_task("build", total=n, rate="-")
        done = 0
        for docs in pool.map(partial(documents, total=n), range(chunks), chunksize=1):
            load(docs)
            done += len(docs)
            progress.update(task, advance=len(docs), rate=f"{done / (time.perf_counter() - started):,.0f}")
            if not console.is_terminal and done % (CHUNK * 25) == 0:
                console.print(f"build: {done:,}/{n:,} at {done / (time.perf_counter() - started):,.0f} stories/s")
        progress.update(task, description="optimize")
    # leaving ``bulk`` ran FTS5 optimize + ANALYZE (SQLite) or ANALYZE (PostgreSQL): timed too
    return n / (time.perf_counter() - started)


def query_sets(count: int) -> dict[str, Callable[[int], SearchQuery]]:
    rng = random.Random(SEED + 1)
    ar_w = list(accumulate(1.0 / (r + 1) for r in range(len(AR_VOCABULARY))))
    en_w = list(accumulate(1.0 / (r + 1) for r in range(len(EN_VOCABULARY))))

    def word() -> str:
        """A word drawn as the archive draws them: common words are asked most."""
        if rng.random() < 0.6:
            return rng.choice(AR_PREFIXES) + rng.choices(AR_VOCABULARY, cum_weights=ar_w)[0] + rng.choice(("", "ات", "ة"))
        return rng.choices(EN_VOCABULARY, cum_weights=en_w)[0] + rng.choice(EN_SUFFIXES)

    def common() -> str:
        """One of the 20 most frequent words of each language: the worst case."""
        if rng.random() < 0.6:
            return rng.choice(AR_PREFIXES) + rng.choice(AR_VOCABULARY[:20])
        return rng.choice(EN_VOCABULARY[:20])

    phrase_source = Archive(SEED + 2)

    def phrase() -> str:
        while True:
            lang = rng.choice(("ar", "en"))
            words = [w.strip(".") for w in phrase_source.sentence(lang, 12).split()]
            i = rng.randrange(len(words) - 1)
            return f'"{words[i]} {words[i + 1]}"'

    def filtered() -> SearchQuery:
        year = START + timedelta(days=rng.randrange(0, 4 * 365))
        return SearchQuery(
            q=word(), categories=(rng.choice(CATEGORIES),), languages=(rng.choice(("ar", "en")),),
            date_from=year, date_to=year + timedelta(days=365),
            topics=(rng.choice(TOPICS),) if rng.random() < 0.5 else (),
        )

    return {
        "single word": lambda _: SearchQuery(q=word()),
        "common word (top 20)": lambda _: SearchQuery(q=common()),
        "single word, by time": lambda _: SearchQuery(q=word(), sort="time"),
        "phrase": lambda _: SearchQuery(q=phrase()),
        "two words AND": lambda _: SearchQuery(q=f"{word()} {word()}"),
        "filtered (word+category+language+year[+topic])": lambda _: filtered(),
        "single word, no facets": lambda _: SearchQuery(q=word(), facets=False),
    }


RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


class Searcher(Protocol):
    def search(self, query: SearchQuery) -> SearchResult: ...


def measure(search: Searcher, count: int, label: str, figures: dict[str, dict[str, float]] | None = None) -> Table:
    """Time every query kind; the table to print, and ``figures[kind]`` filled in."""
    table = Table(title=f"search latency, {label}")
    for col in ("queries", "p50 ms", "p95 ms", "max ms", "mean total"):
        table.add_column(col, justify="right")
    table.add_column("kind", justify="left")
    sets = query_sets(count)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console) as progress:
        for kind, make in sets.items():
            task = progress.add_task(kind, total=count)
            for i in range(10):  # warm-up
                search.search(make(i))
            times: list[float] = []
            totals: list[int] = []
            stopped = 0
            for i in range(count):
                query = make(i)
                t0 = time.perf_counter()
                try:
                    totals.append(search.search(query).total)
                except InvalidInput:  # stopped by the statement timeout (PostgreSQL): counted, timed
                    stopped += 1
                times.append((time.perf_counter() - t0) * 1000)
                progress.advance(task)
            times.sort()
            p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
            if figures is not None:
                figures[kind] = {
                    "p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "max_ms": round(times[-1], 2), "stopped": stopped,
                }
            table.add_row(
                str(count), f"{p50:.1f}", f"{p95:.1f}",
                f"{times[-1]:.1f}", f"{statistics.mean(totals) if totals else 0:.0f}",
                kind + (f" ({stopped} stopped at the statement timeout)" if stopped else ""),
            )
    return table


def run(
    url: str, n: int, workers: int, queries: int, rebuild: bool, recent_span: int | None = None, fts5_rank: bool = False,
    gc_freeze: bool = True, prewarm: bool = True,
) -> None:
    db = Database(url)
    upgrade(db)
    search = open_index(db, clock=lambda: datetime.now(UTC))
    if isinstance(search, SqliteSearch):
        search.native_rank = search.native_rank and not fts5_rank
        console.print(f"ranking: {'nf_bm25 (store/_fts5rank.c)' if search.native_rank else 'FTS5 bm25() and search/bm25.py'}")
    if recent_span is not None and isinstance(search, SqliteSearch):
        search.recent_span = recent_span  # 0: no recent tier (the full index ranks every query)
        console.print(f"recent tier span: {recent_span:,}")
    have = search.count()
    if have != n or rebuild:
        rate = build(search, db, n, workers)
        console.print(f"[bold]{db.dialect}[/bold]: built {n:,} stories at {rate:,.0f} stories/s ({workers} workers)")
    else:
        console.print(f"{db.dialect}: reusing the index of {have:,} stories (--rebuild to time a build)")
    if db.dialect == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        console.print(f"database size: {path.stat().st_size / 2**20:,.0f} MiB")
    else:
        with db.read() as conn:
            size = conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()
        console.print(f"database size: {size / 2**20:,.0f} MiB")
    if prewarm:  # as the server does in the background right after it starts
        started = time.perf_counter()
        read = search.prewarm()
        console.print(f"prewarm: {read / 2**20:,.0f} MiB read in {time.perf_counter() - started:.1f} s")
    if gc_freeze:
        freeze_startup_objects()  # as ``newsflow serve`` does before it serves
    figures: dict[str, dict[str, float]] = {}
    details = search.readiness_details()
    if details:
        console.print(f"engine: {details}")
    console.print(measure(search, queries, f"{db.dialect}, {n:,} stories{'' if gc_freeze else ', no gc.freeze'}", figures))
    machine = machine_line()
    console.print(machine)
    write_results(db.dialect, n, figures, details, machine)
    db.dispose()


def write_results(backend: str, n: int, figures: dict[str, dict[str, float]], details: object, machine: str) -> None:
    """``bench/results/search-<backend>-<stories>.json``: the figures, the engine's details, the machine."""
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"search-{backend}-{n}.json"
    out.write_text(json.dumps(
        {"stories": n, "kinds": figures, "engine": details, "machine": machine,
         "measured": datetime.now(UTC).isoformat(timespec="seconds")}, indent=2,
    ) + "\n")
    console.print(f"written: {out}")


def store_archive(db: Database, n: int, workers: int) -> None:
    """The archive as published stories on PostgreSQL (stories, their one version, one flow
    entry each), unless the database already holds ``n`` of them."""
    with db.read() as conn:
        have = int(conn.execute(sa.select(sa.func.count()).select_from(stories)).scalar_one())
    if have == n:
        console.print(f"postgresql: reusing the {n:,} stored stories")
        return
    with db.write() as tx:
        for table in (flow_log, story_versions, stories):
            tx.conn.execute(table.delete())
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        for versions in pool.map(partial(chunk, SEED, size=CHUNK, total=n), range((n + CHUNK - 1) // CHUNK), chunksize=1):
            with db.write() as tx:
                tx.conn.execute(stories.insert(), [
                    {"id": v.story_id, "uri": v.uri, "status": "published", "language": v.language, "type": v.type.value,
                     "priority": v.priority.value, "category": v.category, "public": v.public, "current_version": 1,
                     "headline": v.headline, "draft": json.dumps(content_to_dict(v.content)), "created_at": v.firstcreated,
                     "updated_at": v.versioncreated}
                    for v in versions
                ])
                tx.conn.execute(story_versions.insert(), [
                    {"story_id": v.story_id, "version": v.version, "action": "publish", "versioncreated": v.versioncreated,
                     "data": json.dumps(version_to_dict(v))}
                    for v in versions
                ])
                tx.conn.execute(flow_log.insert(), [
                    {"seq": v.story_id, "story_id": v.story_id, "uri": v.uri, "version": v.version, "action": "publish",
                     "priority": v.priority.value, "category": v.category, "language": v.language, "type": v.type.value,
                     "public": v.public, "created": v.versioncreated}
                    for v in versions
                ])
    with db.write() as tx:
        tx.conn.execute(flow_counter.update().where(flow_counter.c.id == 1).values(seq=n))
        tx.conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('stories', 'id'), :n)"), {"n": n})
    console.print(f"postgresql: stored {n:,} stories in {time.perf_counter() - started:.0f} s")


class _End:
    """The commit signal of a node with nothing being published: the flow log's end."""

    def __init__(self, latest: int) -> None:
        self.latest = latest

    async def wait_beyond(self, seq: int, timeout: float) -> bool:  # never called: nothing runs
        raise NotImplementedError


def run_replica(
    url: str, path: Path, n: int, workers: int, queries: int, rebuild: bool, gc_freeze: bool = True, prewarm: bool = True,
) -> None:
    """A PostgreSQL node searching its replica: the archive stored as stories on
    PostgreSQL, the replica built by following the flow log, queries through the node's
    ``ReplicaIndex``."""
    clock = lambda: datetime.now(UTC)  # noqa: E731
    pg = Database(url)
    upgrade(pg)
    store_archive(pg, n, workers)
    if rebuild and path.exists():
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
    replica_db = open_replica(path)
    index = SqliteSearch(replica_db, clock=clock)
    beacon = _End(n)
    follower = IndexFollower(replica_db, index, beacon, clock=clock, log=pg)
    if follower.position < n:
        started, before = time.perf_counter(), follower.position
        with Progress(TextColumn("follow"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console) as progress:
            task = progress.add_task("follow", total=n, completed=before)
            while follower._apply_batch():  # the follower's own batches, for a progress bar
                progress.update(task, completed=follower.position)
        rate = (follower.position - before) / (time.perf_counter() - started)
        console.print(f"[bold]replica[/bold]: followed {follower.position - before:,} flow entries at {rate:,.0f} stories/s")
    else:
        console.print(f"replica: reusing {path} at seq {follower.position:,} (--rebuild to time the follow)")
    console.print(f"replica size: {path.stat().st_size / 2**20:,.0f} MiB")
    shared = FollowedIndex(open_index(pg, clock=clock), IndexFollower(pg, open_index(pg, clock=clock), beacon, clock=clock), beacon)
    search = ReplicaIndex(index, follower, beacon, shared, path)
    if prewarm:
        started = time.perf_counter()
        read = search.prewarm()
        console.print(f"prewarm: {read / 2**20:,.0f} MiB read in {time.perf_counter() - started:.1f} s")
    if gc_freeze:
        freeze_startup_objects()
    details = search.readiness_details()
    console.print(f"engine: {details}")
    assert details["search_index"] == "replica", details
    figures: dict[str, dict[str, float]] = {}
    label = f"postgresql-replica, {n:,} stories{'' if gc_freeze else ', no gc.freeze'}"
    console.print(measure(search, queries, label, figures))
    machine = machine_line()
    console.print(machine)
    write_results("postgresql-replica", n, figures, details, machine)
    pg.dispose()
    replica_db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--full", action="store_true", help="1,000,000 stories")
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default bench/.cache/search-N.db, kept between runs)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both", "postgresql-replica"), default="sqlite")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("NEWSFLOW_BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
        help="the PostgreSQL server (the benchmark creates and uses its own database there)",
    )
    parser.add_argument("--postgres", default=None, help="same as --backend both --postgres-url URL")
    parser.add_argument(
        "--postgres-database", default=None,
        help="the benchmark's database on that server (default newsflow_bench_search_<stories>); one per schema to compare",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--fts5-rank", action="store_true",
        help="rank with FTS5's bm25() and search/bm25.py, as an install without the C module does",
    )
    parser.add_argument(
        "--recent-span", type=int, default=None,
        help="SQLite: stories the recent tier is used for (0 = off, to compare); the tier itself is not rebuilt",
    )
    parser.add_argument(
        "--no-gc-freeze", action="store_true",
        help="leave start-up objects to the garbage collector (newsflow serve freezes them)",
    )
    parser.add_argument(
        "--no-prewarm", action="store_true", help="skip SearchIndex.prewarm (the server runs it after start-up)",
    )
    args = parser.parse_args()
    if args.recent_span is not None and args.rebuild:
        parser.error("--recent-span only changes how queries read the index; build with the default")
    n = 1_000_000 if args.full else args.stories
    path = args.db or Path(__file__).resolve().parent / ".cache" / f"search-{n}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.postgres:
        args.backend, args.postgres_url = "both", args.postgres
    if args.backend in ("sqlite", "both"):
        run(
            f"sqlite:///{path}", n, args.workers, args.queries, args.rebuild, args.recent_span, args.fts5_rank,
            not args.no_gc_freeze, not args.no_prewarm,
        )
    if args.backend in ("postgresql", "both", "postgresql-replica"):
        server = args.postgres_url
        name = args.postgres_database or f"newsflow_bench_search_{n}"
        admin = sa.create_engine(server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            if not conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
        base = server.replace("postgresql://", "postgresql+psycopg://", 1).rpartition("/")[0]
        if args.backend == "postgresql-replica":
            replica = path.with_name(f"search-replica-{n}.db")
            run_replica(
                f"{base}/{name}", replica, n, args.workers, args.queries, args.rebuild,
                gc_freeze=not args.no_gc_freeze, prewarm=not args.no_prewarm,
            )
            return
        run(f"{base}/{name}", n, args.workers, args.queries, args.rebuild, gc_freeze=not args.no_gc_freeze, prewarm=not args.no_prewarm)


if __name__ == "__main__":
    main()
