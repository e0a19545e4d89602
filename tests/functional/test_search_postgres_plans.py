"""PostgreSQL plans a text query for its own words: the tsquery is rendered into the SQL,
so a statement psycopg prepares (after five runs) never carries it as a parameter, and
the planner never picks one plan for a word in half the archive and a rare one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from newsflow.search import SearchQuery, postgres_fts
from newsflow.search.engine import SqlSearch
from newsflow.search.postgres_fts import PostgresSearch
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.wiring import Services
from tests.conftest import PG_URL, _pg_database
from tests.functional.test_search_recent_tier import story


@pytest.fixture(params=[pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend() -> Iterator[str]:
    """PostgreSQL only (this module's tests are about its planner), as in tests/conftest.py."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    yield from _pg_database()


def test_the_tsquery_is_never_a_prepared_parameter(services: Services) -> None:
    for n in range(3):
        services.newsroom.create(
            {"language": "en", "headline": f"Bank holds rates {n}", "body": "<p>The central bank held rates.</p>",
             "priority": "routine", "category": "economy"},
            publish=True,
        )
    for _ in range(8):  # past psycopg's prepare threshold (5), on the one pooled connection
        assert services.search.search(SearchQuery(q="bank")).total == 3
    with services.db.read() as conn:
        prepared = list(conn.exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars())
    with_words = [s for s in prepared if "@@" in s]
    assert with_words, prepared  # the repeated search statements were prepared...
    assert all(re.search(r"@@ CAST\('", s) for s in with_words), with_words  # ...with their words inside
    assert not [s for s in with_words if re.search(r"@@ CAST\(\$\d", s)]


def test_a_bulk_load_leaves_statistics_for_every_table_it_wrote(services: Services) -> None:
    search = services.search.raw
    assert isinstance(search, SqlSearch)
    with search.bulk() as load:
        load([replace(story(i), tags=(("topic", "medtop:11000000"),)) for i in range(1, 41)])
    with services.db.read() as conn:
        stats = dict(
            conn.exec_driver_sql(
                "SELECT relname, reltuples FROM pg_class WHERE relname IN ('search_docs', 'search_tags', 'search_facts')"
            ).all()
        )
        vacuumed = set(
            conn.exec_driver_sql(
                "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL"
            ).scalars()
        )
    # reltuples is -1 until a table was analyzed (or vacuumed): the planner then guesses
    assert stats == {"search_docs": 40, "search_tags": 40, "search_facts": 40}
    assert {"search_docs", "search_tags", "search_facts"} <= vacuumed  # visibility maps: index-only scans
    assert search.search(SearchQuery(q="common", topics=("medtop:11000000",))).total == 40


QUERIES = [
    SearchQuery(q="common"), SearchQuery(q="alpha"), SearchQuery(q="rare"), SearchQuery(q='"common alpha"'),
    SearchQuery(q="alpha pair"), SearchQuery(q="common", sort="time"), SearchQuery(q="alpha", languages=("ar",)),
    SearchQuery(q="rare OR alpha", categories=("economy",)), SearchQuery(q="pair -alpha", facets=False),
    SearchQuery(q="common", date_from=datetime(2025, 1, 5, tzinfo=UTC)),
    SearchQuery(q="common", date_to=datetime(2025, 1, 9, tzinfo=UTC)),
    SearchQuery(q="pair", offset=30, limit=20), SearchQuery(q="nothing"),
]


def test_reading_in_ranges_finds_what_one_scan_finds(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ranges of 7, 28, 112 ... stories, the older ones with bitmap scans only, give the
    same hits, totals and facets as one scan of the whole index."""
    db = Database(backend)
    upgrade(db)
    try:
        one_scan = PostgresSearch(db, rank_window=40, window=120)
        with one_scan.bulk() as load:
            load([story(i) for i in range(1, 301)])
        ranged = PostgresSearch(db, rank_window=40, window=120)
        ranged.probe_span = 7
        bitmap_reads = 0
        real = postgres_fts._bitmap_scans

        @contextmanager
        def counted(conn):  # type: ignore[no-untyped-def]
            nonlocal bitmap_reads
            bitmap_reads += 1
            with real(conn):
                yield

        monkeypatch.setattr(postgres_fts, "_bitmap_scans", counted)
        for query in QUERIES:
            a, b = one_scan.search(query), ranged.search(query)
            assert (a.total, a.total_exact, a.facets) == (b.total, b.total_exact, b.facets), query
            assert [h.story_id for h in a.hits] == [h.story_id for h in b.hits], query
            assert [round(h.score, 9) for h in a.hits] == [round(h.score, 9) for h in b.hits], query
        assert one_scan.search(SearchQuery(q="common")).total == 120 and not one_scan.search(SearchQuery(q="common")).total_exact
        assert bitmap_reads >= len(QUERIES)  # the older ranges (and counts) were read with bitmaps
        with db.read() as conn:  # and the planner settings were put back on the pooled connection
            assert conn.exec_driver_sql("SHOW enable_indexscan").scalar() == "on"
            assert conn.exec_driver_sql("SHOW enable_seqscan").scalar() == "on"
    finally:
        db.dispose()
