"""PostgreSQL plans a text query for its own words: the tsquery is rendered into the SQL,
so a statement psycopg prepares (after five runs) never carries it as a parameter, and
the planner never picks one plan for a word in half the archive and a rare one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event as sa_event

from newsflow.core.entitlements import Entitlement
from newsflow.search import SearchQuery, Visibility, postgres_fts
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
                "SELECT relname, reltuples FROM pg_class"
                " WHERE relname IN ('search_docs', 'search_terms', 'search_tags', 'search_facts')"
            ).all()
        )
        vacuumed = set(
            conn.exec_driver_sql(
                "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL"
            ).scalars()
        )
    # reltuples is -1 until a table was analyzed (or vacuumed): the planner then guesses
    assert stats == {"search_docs": 40, "search_terms": 40, "search_tags": 40, "search_facts": 40}
    assert {"search_docs", "search_terms", "search_tags", "search_facts"} <= vacuumed  # visibility maps: index-only scans
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

        def counted(conn):  # type: ignore[no-untyped-def]
            nonlocal bitmap_reads
            bitmap_reads += 1
            real(conn)

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


def test_a_search_transaction_sets_its_planner_limits_for_itself_only(backend: str) -> None:
    """No JIT, no parallel workers and room for a bitmap, for the search's own transaction
    (``SET LOCAL``): the pooled connection keeps the server's settings afterwards."""
    db = Database(backend)
    upgrade(db)
    names = ("jit", "max_parallel_workers_per_gather", "work_mem", "enable_indexscan", "enable_seqscan")
    try:
        search = PostgresSearch(db)
        with db.read() as conn:
            server = {n: conn.exec_driver_sql(f"SHOW {n}").scalar() for n in names}
        with search._reading() as conn:
            inside = {n: conn.exec_driver_sql(f"SHOW {n}").scalar() for n in names[:3]}
            postgres_fts._bitmap_scans(conn)
            assert conn.exec_driver_sql("SHOW enable_indexscan").scalar() == "off"
            assert conn.exec_driver_sql("SHOW enable_seqscan").scalar() == "off"
        assert inside == {"jit": "off", "max_parallel_workers_per_gather": "0", "work_mem": "32MB"}
        with db.read() as conn:
            assert {n: conn.exec_driver_sql(f"SHOW {n}").scalar() for n in names} == server
        assert server["enable_indexscan"] == "on"
    finally:
        db.dispose()


def test_the_window_ranks_only_the_rows_it_returns(backend: str) -> None:
    """PostgreSQL computes a SELECT list before it sorts: the window statement picks the
    newest matches' ids and terms, and ``ts_rank`` runs above the LIMIT, on those only
    (docs/search.md), whichever way the matches are read."""
    db = Database(backend)
    upgrade(db)
    try:
        search = PostgresSearch(db, rank_window=40, window=120)
        with search.bulk() as load:
            load([story(i) for i in range(1, 301)])
        statements: list[tuple[str, dict[str, object]]] = []
        engine = db._autocommit or db.engine

        def seen(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
            if "ts_rank" in statement:
                statements.append((statement, params))

        sa_event.listen(engine, "before_cursor_execute", seen)
        try:
            result = search.search(SearchQuery(q="common"))
        finally:
            sa_event.remove(engine, "before_cursor_execute", seen)
        assert result.total == 120 and len(result.hits) == 20 and all(h.score > 0 for h in result.hits)
        assert statements
        for bitmap in (False, True):
            for statement, params in statements:
                with search._reading() as conn:
                    if bitmap:
                        postgres_fts._bitmap_scans(conn)
                    plan = conn.exec_driver_sql(f"EXPLAIN (VERBOSE, COSTS OFF) {statement}", params).scalars().all()
                text = "\n".join(plan)
                scan = next(i for i, line in enumerate(plan) if "Scan" in line and "search_terms" in line)
                limit = next(i for i, line in enumerate(plan) if line.strip().removeprefix("->").strip().startswith("Limit"))
                assert limit < scan, text
                ranked = [i for i, line in enumerate(plan) if "Output:" in line and "ts_rank" in line]
                assert ranked and all(i < limit for i in ranked), text  # only above the LIMIT
    finally:
        db.dispose()


class _NoFloor(PostgresSearch):
    """The reference: one range down to the first story, whatever the time bounds."""

    def _bounds(self, conn, plan):  # type: ignore[no-untyped-def]
        top, _, open_above = super()._bounds(conn, plan)
        return top, 0, open_above


def test_a_lower_time_bound_stops_the_ranges_and_finds_stories_corrected_since(backend: str) -> None:
    """With ``date_from`` (or a subscriber's archive) the ranges stop at the first story
    created inside the bound; below it only the corrected stories are read, and a story
    created long before the bound but corrected inside it is still found."""
    db = Database(backend)
    upgrade(db)
    try:
        reference = _NoFloor(db, rank_window=40, window=120)
        reference.probe_span = 10**9
        docs = [story(i) for i in range(1, 301)]
        for i in (3, 50, 120):  # corrected at hour 250: their latest version is that late
            docs[i - 1] = replace(
                story(i, version=2, extra=("late",)), versioncreated=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=250)
            )
        with reference.bulk() as load:
            load(docs)
        ranged = PostgresSearch(db, rank_window=40, window=120)
        ranged.probe_span = 7
        statements: list[str] = []
        engine = db._autocommit or db.engine

        def seen(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
            statements.append(statement)

        since = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=240)
        queries = [
            SearchQuery(q="late", date_from=since), SearchQuery(q="late", date_from=since, sort="time"),
            SearchQuery(q="common", date_from=since), SearchQuery(q="rare OR late", date_from=since, limit=100),
            SearchQuery(q="alpha", date_from=since - timedelta(hours=100), date_to=since),
            SearchQuery(q="pair", date_from=since + timedelta(days=30)),
            SearchQuery(q="late", visibility=Visibility.subscriber(Entitlement(1, archive_days=3), now=since + timedelta(days=2))),
        ]
        sa_event.listen(engine, "before_cursor_execute", seen)
        try:
            for query in queries:
                a, b = reference.search(query), ranged.search(query)
                assert (a.total, a.total_exact, a.facets) == (b.total, b.total_exact, b.facets), query
                assert [h.story_id for h in a.hits] == [h.story_id for h in b.hits], query
                assert [round(h.score, 9) for h in a.hits] == [round(h.score, 9) for h in b.hits], query
        finally:
            sa_event.remove(engine, "before_cursor_execute", seen)
        assert {h.story_id for h in ranged.search(queries[0]).hits} == {3, 50, 120}
        assert any("search_terms.version > " in s for s in statements)  # the corrected stories alone
        with db.read() as conn:  # ... through their own index
            assert conn.exec_driver_sql(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_search_terms_corrected'"
            ).scalar().endswith("WHERE (version > 1)")
    finally:
        db.dispose()


def test_a_dense_word_is_counted_by_walking_the_key_a_sparse_one_by_bitmap(backend: str) -> None:
    """Past a full window the count walks the key newest first when the window's matches
    were dense (a GIN bitmap would hold the word's whole posting list), and reads the
    bitmap when they were sparse; the totals are the same either way."""
    db = Database(backend)
    upgrade(db)
    try:
        search = PostgresSearch(db, rank_window=40, window=120)
        with search.bulk() as load:
            load([story(i) for i in range(1, 1001)])
        statements: list[str] = []
        engine = db._autocommit or db.engine

        def seen(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
            statements.append(statement)

        sa_event.listen(engine, "before_cursor_execute", seen)
        try:
            dense = search.search(SearchQuery(q="common"))  # every story
            walked = [s for s in statements if "enable_bitmapscan = off" in s]
            statements.clear()
            narrow = PostgresSearch(db, rank_window=5, window=120)
            sparse = narrow.search(SearchQuery(q="rare"))  # every 50th: 20, the window of 5 is full
            counted = [s for s in statements if "count(" in s]
            bitmapped = [s for s in statements if "enable_bitmapscan = off" in s]
        finally:
            sa_event.remove(engine, "before_cursor_execute", seen)
        assert (dense.total, dense.total_exact) == (120, False) and walked
        assert sparse.total == 20 and counted and not bitmapped
        reference = PostgresSearch(db, rank_window=40, window=10_000)  # counts nothing: the window holds all
        for query in (SearchQuery(q="common"), SearchQuery(q="alpha"), SearchQuery(q="pair", categories=("economy",))):
            a, b = search.search(query), reference.search(query)
            assert min(b.total, 120) == a.total or (b.total > 120 and a.total == 120 and not a.total_exact), query
    finally:
        db.dispose()


class _Before0019(PostgresSearch):
    """Writes the terms where they lived up to ``0018``: on the ``search_docs`` rows."""

    def _write_terms(self, conn, docs):  # type: ignore[no-untyped-def]
        conn.execute(
            sa.text(
                "UPDATE search_docs SET terms = CAST(:terms AS tsvector), "
                "public_terms = CAST(:public_terms AS tsvector) WHERE story_id = :story_id"
            ),
            [
                {
                    "story_id": doc.story_id,
                    "terms": postgres_fts.tsvector_literal((doc.head_terms, "A"), (doc.body_terms, "D")),
                    "public_terms": postgres_fts.tsvector_literal((doc.public_terms, "D")),
                }
                for doc in docs
            ],
        )

    def _delete_terms(self, conn, story_ids):  # type: ignore[no-untyped-def]
        pass


def test_upgrading_an_existing_index_moves_its_terms_to_the_narrow_table(backend: str) -> None:
    """``0019`` fills ``search_terms`` from an index written before it: every query then
    answers as an index loaded through the current write path does, and ``search_docs``
    keeps only the display columns."""
    db = Database(backend)
    upgrade(db, "0018")
    try:
        docs = [story(i) for i in range(1, 301)]
        for i in range(5, 301, 5):  # the public ones, with their abbreviation's terms
            docs[i - 1] = replace(docs[i - 1], public_text="common abstract", public_terms=("common", "abstract"))
        docs[49] = replace(story(50, version=2, extra=("late",)), versioncreated=datetime(2025, 3, 1, tzinfo=UTC))
        _Before0019(db, rank_window=40, window=120).index_documents(docs)
        upgrade(db)
        with db.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM search_terms").scalar() == 300
            columns = set(conn.exec_driver_sql(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'search_docs'"
            ).scalars())
        assert not {"terms", "public_terms"} & columns
        search = PostgresSearch(db, rank_window=40, window=120)
        search.probe_span = 7
        queries = [
            *QUERIES, SearchQuery(q="late", date_from=datetime(2025, 2, 1, tzinfo=UTC)),
            SearchQuery(q="abstract", visibility=Visibility.public()),
        ]
        migrated = [search.search(query) for query in queries]
        search.clear()
        with search.bulk() as load:
            load(docs)
        for query, before in zip(queries, migrated, strict=True):
            after = search.search(query)
            assert (before.total, before.total_exact, before.facets) == (after.total, after.total_exact, after.facets), query
            assert [(h.story_id, round(h.score, 9)) for h in before.hits] == [(h.story_id, round(h.score, 9)) for h in after.hits]
        assert migrated[-2].total == 1 and migrated[-1].total == 59  # story 50 was corrected without its abbreviation
    finally:
        db.dispose()


def test_the_facets_come_back_as_one_joined_row(backend: str) -> None:
    """The window's 2,000 ``search_facts`` rows are joined in SQL (``string_agg``) and
    fetched in the statement that reads the page (its rows, not the window's); the counts
    are those of the rows one by one."""
    db = Database(backend)
    upgrade(db)
    try:
        search = PostgresSearch(db, rank_window=40, window=120)
        with search.bulk() as load:
            load([replace(story(i), tags=(("topic", f"medtop:{i % 4}"),)) for i in range(1, 301)])
        fetched: list[int] = []
        engine = db._autocommit or db.engine

        def rows(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
            if "string_agg(search_facts.facets" in statement:
                fetched.append(cursor.rowcount)

        sa_event.listen(engine, "after_cursor_execute", rows)
        try:
            result = search.search(SearchQuery(q="common"))
        finally:
            sa_event.remove(engine, "after_cursor_execute", rows)
        assert fetched == [len(result.hits)] and len(result.hits) == 20  # one statement, the page's rows
        assert result.facets["topic"] == {"medtop:0": 10, "medtop:1": 10, "medtop:2": 10, "medtop:3": 10}
        assert sum(result.facets["category"].values()) == 40 and sum(result.facets["language"].values()) == 40
    finally:
        db.dispose()


def test_a_story_written_after_the_newest_id_was_read_is_found(backend: str) -> None:
    """The newest id is read at most every ``newest_id_ttl_s`` seconds; the first range is
    open above, so the stories written since (ids above it) are read all the same, by
    relevance and by time, and counted."""
    db = Database(backend)
    upgrade(db)
    try:
        search = PostgresSearch(db, rank_window=40, window=120)
        search.probe_span = 7
        search.newest_id_ttl_s = 3600.0  # the newest id read by the first search serves every later one
        search.index_documents([story(i) for i in range(1, 101)])
        before = search.search(SearchQuery(q="rare"))
        assert {h.story_id for h in before.hits} == {50, 100}
        statements: list[str] = []
        engine = db._autocommit or db.engine

        def seen(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
            statements.append(statement)

        search.index_documents([story(i) for i in range(101, 251)])
        sa_event.listen(engine, "before_cursor_execute", seen)
        try:
            by_rank = search.search(SearchQuery(q="rare"))
            by_time = search.search(SearchQuery(q="rare", sort="time"))
            common = search.search(SearchQuery(q="common", sort="time", limit=5))
        finally:
            sa_event.remove(engine, "before_cursor_execute", seen)
        assert not [s for s in statements if "max(search_terms.story_id)" in s]  # the cached newest id (100)
        assert {h.story_id for h in by_rank.hits} == {50, 100, 150, 200, 250} and by_rank.total == 5
        assert [h.story_id for h in by_time.hits] == [250, 200, 150, 100, 50]
        assert [h.story_id for h in common.hits] == [250, 249, 248, 247, 246] and common.total == 120
        assert common.total_exact is False
    finally:
        db.dispose()
