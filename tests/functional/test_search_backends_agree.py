"""Both engines return the same stories where ranking is defined the same: filters, time
order, phrase membership, date bounds (docs/search.md, "Relevance on the two engines"),
over one generated archive; and both answer bad input with a 422 or a bounded answer."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from newsflow.core.entitlements import Entitlement
from newsflow.errors import InvalidInput
from newsflow.search import SearchQuery, Visibility
from newsflow.search.document import IndexDocument
from newsflow.search.engine import SqlSearch
from newsflow.search.postgres_fts import PostgresSearch, _bitmap_scans, set_full_text_method
from newsflow.search.sqlite_fts import SqliteSearch
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from tests.conftest import PG_URL, _pg_database

STORIES = 300
START = datetime(2025, 1, 1, tzinfo=UTC)
VOCABULARY = ("market", "river", "cloud", "stone", "winter", "garden", "harbor", "signal", "copper", "meadow")
CATEGORIES = ("economy", "sports", "health")


def archive(seed: int = 17) -> list[IndexDocument]:
    """Stories in id order, times growing with ids; every tenth story corrected later
    (version 2, its time moved forward), as a correction does."""
    rng = random.Random(seed)
    docs = []
    for i in range(1, STORIES + 1):
        body = tuple(rng.choice(VOCABULARY[: 3 + i % 7]) for _ in range(12))
        corrected = i % 10 == 0
        when = START + timedelta(hours=i) + (timedelta(days=rng.randrange(1, 6)) if corrected else timedelta())
        docs.append(
            IndexDocument(
                story_id=i, uri=f"urn:test:{i}", version=2 if corrected else 1, headline=f"story {i}",
                language="en" if i % 2 else "ar", category=CATEGORIES[i % 3], priority="routine",
                type="text", public=i % 5 == 0, withdrawn=False, versioncreated=when, text=" ".join(body),
                public_text=" ".join(body[:4]), head_terms=("story",), body_terms=body,
                public_terms=body[:4], tags=(("topic", "medtop:04000000"),) if i % 4 == 0 else (),
            )
        )
    return docs


def day(n: int) -> datetime:
    return START + timedelta(days=n)


QUERIES = [
    SearchQuery(q="market", limit=100),
    SearchQuery(q="market", sort="time", limit=100),
    SearchQuery(q="harbor", sort="time", limit=100),
    SearchQuery(q="market river", limit=100),
    SearchQuery(q="market OR meadow", sort="time", limit=100),
    SearchQuery(q="cloud -market", limit=100),
    SearchQuery(q='"market river"', limit=100),
    SearchQuery(q='"river market"', sort="time", limit=100),
    SearchQuery(q='"stone winter garden"', limit=100),
    SearchQuery(q="stone", categories=("economy",), languages=("en",), limit=100),
    SearchQuery(q="river", categories=("sports",), languages=("ar",), date_from=day(2), date_to=day(9), limit=100),
    SearchQuery(q="cloud", date_to=day(4), sort="time", limit=100),
    SearchQuery(q="cloud", date_to=day(4), limit=100),
    SearchQuery(q="signal", date_from=day(5), limit=100),
    SearchQuery(q="garden", date_from=day(3), date_to=day(6), sort="time", limit=100),
    SearchQuery(q="market", date_from=day(-36_500), date_to=day(36_500), limit=100),
    SearchQuery(q="copper", topics=("medtop:04000000",), limit=100),
    SearchQuery(q="market", offset=20, limit=30, sort="time"),
    SearchQuery(q="winter", date_to=day(-1)),
    SearchQuery(q="market OR river", limit=100, visibility=Visibility.subscriber(
        Entitlement(1, categories=frozenset({"economy", "health"}), languages=frozenset({"en"})))),
    SearchQuery(q="cloud", sort="time", limit=100, visibility=Visibility.subscriber(
        Entitlement(2, archive_days=5), now=day(12))),
    SearchQuery(q="stone OR garden", limit=100, visibility=Visibility.public()),
]


def rum_installed() -> bool:
    assert PG_URL is not None
    engine = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            return bool(conn.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'").scalar())
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=["rum", "gin"])
def engines(request: pytest.FixtureRequest) -> Iterator[tuple[SqlSearch, SqlSearch]]:
    """SQLite and PostgreSQL over the same archive; PostgreSQL with the GIN indexes the
    migrations create, and with RUM indexes where the server has the extension."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    if request.param == "rum" and not rum_installed():
        pytest.skip("the rum extension is not installed for this PostgreSQL (make pg-rum)")
    docs = archive()
    with tempfile.TemporaryDirectory() as tmp:
        for url in _pg_database():
            lite_db, pg_db = Database(f"sqlite:///{tmp}/search.db"), Database(url)
            try:
                upgrade(lite_db)
                upgrade(pg_db)
                with pg_db.write() as tx:
                    set_full_text_method(tx.conn, request.param)
                lite, pg = SqliteSearch(lite_db, rank_window=40, window=150), PostgresSearch(pg_db, rank_window=40, window=150)
                pg.probe_span = 16  # several ranges, the older ones read with bitmap scans
                for engine in (lite, pg):
                    with engine.bulk() as load:
                        load(docs)
                assert pg.readiness_details()["full_text_index"] == request.param
                yield lite, pg
            finally:
                lite_db.dispose()
                pg_db.dispose()


def ids(engine: SqlSearch, query: SearchQuery) -> tuple[int, bool, list[int]]:
    result = engine.search(query)
    hits = [h.story_id for h in result.hits]
    return result.total, result.total_exact, hits if query.sort == "time" else sorted(hits)


@pytest.mark.postgres
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.q}|{q.sort}|{q.date_from}|{q.date_to}|{q.categories}|{q.visibility.kind}")
def test_both_engines_find_the_same_stories(engines: tuple[SqlSearch, SqlSearch], query: SearchQuery) -> None:
    lite, pg = engines
    expected = ids(lite, query)
    assert ids(pg, query) == expected
    assert expected[0] > 0 or query.date_to == day(-1)  # the archive answers every other query


@pytest.mark.postgres
def test_a_phrase_is_words_next_to_each_other_on_both(engines: tuple[SqlSearch, SqlSearch]) -> None:
    lite, pg = engines
    adjacent = {
        d.story_id for d in archive()
        if any(a == "market" and b == "river" for a, b in zip(d.body_terms, d.body_terms[1:], strict=False))
    }
    for engine in (lite, pg):
        found = {h.story_id for h in engine.search(SearchQuery(q='"market river"', limit=100)).hits}
        assert found == adjacent


@pytest.mark.postgres
def test_an_upper_time_bound_keeps_corrected_stories_where_their_time_is(engines: tuple[SqlSearch, SqlSearch]) -> None:
    """Story 10 was corrected days after story 11 was written: a bound between them finds
    11 and not 10, and the id range the bound is read in starts above 11."""
    lite, pg = engines
    doc = {d.story_id: d for d in archive()}
    to = doc[11].versioncreated
    for engine in (lite, pg):
        found = {h.story_id for h in engine.search(SearchQuery(q="market OR river OR cloud", date_to=to, limit=100)).hits}
        assert found == {i for i in range(1, 12) if doc[i].versioncreated <= to}
        assert 11 in found and 10 not in found


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(q=" OR ".join(f"w{n}" for n in range(200))),
        SearchQuery(q='"market river'),
        SearchQuery(q='market "river'),
        SearchQuery(q="market", date_from=day(9), date_to=day(2)),
    ],
    ids=["200 ORed words", "unbalanced quote", "unbalanced quote after a word", "reversed date range"],
)
@pytest.mark.postgres
def test_bad_input_is_refused_by_both(engines: tuple[SqlSearch, SqlSearch], query: SearchQuery) -> None:
    for engine in engines:
        with pytest.raises(InvalidInput):
            engine.search(query)


@pytest.mark.postgres
@pytest.mark.parametrize("q", ["the of and", "a*", "m*", "x"])
def test_stop_words_and_one_letter_prefixes_get_a_bounded_answer(engines: tuple[SqlSearch, SqlSearch], q: str) -> None:
    lite, pg = engines
    a, b = lite.search(SearchQuery(q=q)), pg.search(SearchQuery(q=q))
    assert (a.total, [h.story_id for h in a.hits]) == (b.total, [h.story_id for h in b.hits])
    assert a.total <= lite.window


@pytest.mark.postgres
def test_a_search_statement_stops_at_the_timeout(engines: tuple[SqlSearch, SqlSearch]) -> None:
    """Each search runs in a transaction with ``SET LOCAL statement_timeout``: a statement
    past it is stopped and answered 422; the pooled connection keeps the server default."""
    _, pg = engines
    assert isinstance(pg, PostgresSearch)
    saved = pg.statement_timeout_ms
    pg.statement_timeout_ms = 50
    try:
        with pg._reading() as conn:
            assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "50ms"
        with pytest.raises(InvalidInput, match="longer than 50 ms"), pg._reading() as conn:
            conn.exec_driver_sql("SELECT pg_sleep(30)")
        with pytest.raises(InvalidInput, match="longer than 50 ms"), pg._reading() as conn:
            _bitmap_scans(conn)
            conn.exec_driver_sql("SELECT pg_sleep(30)")  # stopped inside a bitmap-only read too
    finally:
        pg.statement_timeout_ms = saved
    with pg.db.read() as conn:
        assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "0"
        assert conn.exec_driver_sql("SHOW enable_indexscan").scalar() == "on"
    assert pg.search(SearchQuery(q="market")).total > 0  # the pool's connections still work


PHRASE_PLAN = (
    "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT story_id FROM search_terms "
    "WHERE terms @@ CAST($$'market' <-> 'river'$$ AS tsquery)"
)


@pytest.mark.postgres
def test_a_phrase_is_checked_in_the_rum_index_and_row_by_row_on_gin(engines: tuple[SqlSearch, SqlSearch]) -> None:
    """The reason for RUM: its index keeps word positions, so a phrase's bitmap holds only
    the phrase's stories; GIN's holds every story with both words, re-checked row by row."""
    _, pg = engines
    assert isinstance(pg, PostgresSearch)
    method = pg.readiness_details()["full_text_index"]
    with pg.db.write() as tx:
        tx.conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        tx.conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
        plan = "\n".join(tx.conn.exec_driver_sql(PHRASE_PLAN).scalars())
    assert "ix_search_terms_terms" in plan, plan
    if method == "rum":
        assert "Rows Removed by Index Recheck" not in plan, plan
    else:
        assert "Rows Removed by Index Recheck" in plan, plan
