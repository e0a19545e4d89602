"""The SQLite recent tier: it always holds exactly the newest stories' terms, and a query
it answers returns the window the full index returns (docs/search.md, "Recent tier")."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsflow.search import SearchQuery
from newsflow.search.document import IndexDocument
from newsflow.search.sqlite_fts import SqliteSearch
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade

SPAN = 40
WINDOW = 10
LENGTH = 12  # every story has as many body terms: BM25's length norm is then the same everywhere


def story(i: int, *, version: int = 1, extra: tuple[str, ...] = ()) -> IndexDocument:
    """Story ``i``: 'common' in every story (1-4 times), 'alpha' in every third, 'rare'
    in every 50th, 'pair' in every other; English or Arabic, three categories."""
    words = ["common"] * (i % 4 + 1) + (["alpha"] if i % 3 == 0 else []) + (["rare"] if i % 50 == 0 else [])
    words += ["pair"] if i % 2 == 0 else []
    words += list(extra)
    body = tuple(words + [f"filler{i % 7}"] * (LENGTH - len(words)))
    return IndexDocument(
        story_id=i, uri=f"urn:test:{i}", version=version, headline=f"story {i}",
        language="en" if i % 2 else "ar", category=("economy", "sports", "health")[i % 3], priority="routine",
        type="text", public=i % 5 == 0, withdrawn=False,
        versioncreated=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=i), text=" ".join(body),
        public_text="", head_terms=("story",), body_terms=body, public_terms=(), tags=(),
    )


def open_search(path: Path, span: int, *, native: bool = False) -> tuple[Database, SqliteSearch]:
    """``native``: rank with nf_bm25 (store.fts5rank); otherwise with FTS5's bm25() and
    search.bm25, the path of an install without the C module (most tests here)."""
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    return db, SqliteSearch(db, recent_span=span, rank_window=WINDOW, native_rank=native)


def tier_rows(db: Database, *, below: bool = False) -> tuple[int, dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
    """(floor, the tier's rows at or above the floor, the full index's rows there);
    ``below``: the tier's rows below the floor instead (not yet trimmed)."""
    with db.read() as conn:
        floor = int(conn.execute(sa.text("SELECT floor FROM search_recent_floor")).scalar_one())
        recent = {
            r[0]: tuple(r[1:])
            for r in conn.execute(sa.text("SELECT id, c0, c1, c2, c3 FROM search_recent_content"))
            if (r[0] < floor) == below
        }
        full = {
            r[0]: tuple(r[1:])
            for r in conn.execute(sa.text("SELECT id, c0, c1, c2, c3 FROM search_fts_content WHERE id >= :f"), {"f": floor})
        }
    return floor, recent, full


@pytest.fixture
def pair(tmp_path: Path) -> tuple[tuple[Database, SqliteSearch], tuple[Database, SqliteSearch]]:
    """The same 200 stories in a tiered index and in one without a tier, in batches of 7."""
    tiered, plain = open_search(tmp_path / "tiered.db", SPAN), open_search(tmp_path / "plain.db", 0)
    docs = [story(i) for i in range(1, 201)]
    for start in range(0, len(docs), 7):
        for _, search in (tiered, plain):
            search.index_documents(docs[start : start + 7])
    yield tiered, plain
    tiered[0].dispose()
    plain[0].dispose()


def test_the_tier_holds_exactly_the_newest_stories_as_the_floor_moves(pair) -> None:  # type: ignore[no-untyped-def]
    (db, _), _ = pair
    floor, recent, full = tier_rows(db)
    assert recent == full and recent  # same terms for every id at or above the floor
    assert min(recent) == floor and max(recent) == 200
    assert SPAN <= len(recent) <= SPAN + SPAN // 4  # it was trimmed, in quarter steps


def test_a_query_the_tier_answers_gives_the_full_index_window(pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (_, tiered), (_, plain) = pair
    answered: list[bool] = []
    read_tier = SqliteSearch._recent_window

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        window = read_tier(self, *args, **kwargs)
        answered.append(window is not None)
        return window

    monkeypatch.setattr(SqliteSearch, "_recent_window", spy)
    for q in ("common", "alpha", "pair", "common alpha", '"common alpha"', "common OR rare"):
        a, b = tiered.search(SearchQuery(q=q, limit=WINDOW)), plain.search(SearchQuery(q=q, limit=WINDOW))
        assert [h.story_id for h in a.hits], q
        assert {h.story_id for h in a.hits} == {h.story_id for h in b.hits}, q  # the newest WINDOW matches
        assert (a.total, a.total_exact, a.facets) == (b.total, b.total_exact, b.facets), q
    # One phrase and equal lengths: the tier's statistics cannot change the order.
    for q in ("common", "alpha", "pair"):
        a, b = tiered.search(SearchQuery(q=q, limit=WINDOW)), plain.search(SearchQuery(q=q, limit=WINDOW))
        assert [h.story_id for h in a.hits] == [h.story_id for h in b.hits], q
    assert answered and all(answered[::2])  # the tier answered every query (the plain index never asks)


def test_filters_and_rare_words_fall_back_or_agree(pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (_, tiered), (_, plain) = pair
    scored: list[int] = []
    score = SqliteSearch._scored
    monkeypatch.setattr(
        SqliteSearch, "_scored", lambda self, conn, a, public, ids: scored.append(len(ids)) or score(self, conn, a, public, ids)
    )
    queries = [
        SearchQuery(q="rare", limit=WINDOW),  # 4 matches, most below the floor: the full index answers
        SearchQuery(q="common", languages=("en",), categories=("economy",), limit=WINDOW),
        SearchQuery(q="alpha", date_from=datetime(2025, 1, 3, tzinfo=UTC), date_to=datetime(2025, 1, 8, 12, tzinfo=UTC), limit=WINDOW),
    ]
    for query in queries:
        a, b = tiered.search(query), plain.search(query)
        assert [h.story_id for h in a.hits] == [h.story_id for h in b.hits], query
        assert (a.total, a.facets) == (b.total, b.facets), query
    assert [h.story_id for h in tiered.search(queries[0]).hits] == [200, 150, 100, 50]
    assert len(scored) == 2 and all(scored)  # the two filtered queries were scored outside FTS5


def test_updates_removals_and_old_stories_keep_the_tier_exact(pair) -> None:  # type: ignore[no-untyped-def]
    (db, search), _ = pair
    floor, _, _ = tier_rows(db)
    search.index_documents([story(190, version=2, extra=("fresh",)), story(3, version=2, extra=("fresh",))])
    search.remove(195)
    _, recent, full = tier_rows(db)
    assert recent == full and 195 not in recent and 3 not in recent and "fresh" in recent[190][1]
    assert {h.story_id for h in search.search(SearchQuery(q="fresh")).hits} == {3, 190}
    assert tier_rows(db)[0] == floor  # nothing newer was written: the floor stays


def test_a_trim_in_batches_never_lets_the_tier_answer_below_its_floor(tmp_path: Path) -> None:
    tiered = SqliteSearch(
        open_search(tmp_path / "slow.db", SPAN)[0], recent_span=SPAN, rank_window=WINDOW, trim_batch=1, native_rank=False
    )
    db, plain = open_search(tmp_path / "ref.db", 0)
    zeta = ("zeta",)
    for i in range(1, 53):  # one story per write: the floor jumps to 11 at 50, then one story leaves per write
        for search in (tiered, plain):
            search.index_documents([story(i, extra=zeta if 4 <= i <= 16 else ())])
    floor, recent, full = tier_rows(tiered.db)
    stray = tier_rows(tiered.db, below=True)[1]
    assert floor == 11 and recent == full and sorted(stray) == list(range(4, 11))
    # An update below the floor goes to the full index only: the tier now lacks story 7
    # but still holds 6, so its newest ten 'zeta' stories (16 .. 8, 6) are not the newest ten.
    for search in (tiered, plain):
        search.index_documents([story(7, version=2, extra=zeta)])
    for q in ("zeta", "rare", "alpha", "common", "pair"):
        a, b = tiered.search(SearchQuery(q=q, limit=WINDOW)), plain.search(SearchQuery(q=q, limit=WINDOW))
        assert [h.story_id for h in a.hits] == [h.story_id for h in b.hits], q
    assert {h.story_id for h in tiered.search(SearchQuery(q="zeta", limit=WINDOW)).hits} == set(range(7, 17))
    for i in range(53, 60):
        tiered.index_documents([story(i)])
    assert tier_rows(tiered.db, below=True)[1] == {}  # gone, one per write
    tiered.db.dispose()
    db.dispose()


def test_bulk_load_and_clear(tmp_path: Path) -> None:
    db, search = open_search(tmp_path / "bulk.db", SPAN)
    search.index_documents([story(i) for i in range(1, 30)])
    with search.bulk() as load:  # skips the tier while loading, refills it once at the end
        for start in range(1, 301, 50):
            load([story(i, version=2) for i in range(start, start + 50)])
    floor, recent, full = tier_rows(db)
    assert floor == 300 - SPAN + 1 and recent == full and len(recent) == SPAN
    search.clear()
    assert tier_rows(db) == (0, {}, {})
    search.index_documents([story(1)])
    assert set(tier_rows(db)[1]) == {1}
    db.dispose()


# -- scoring outside the tier gives FTS5's own BM25 (search/bm25.py) ---------------------------
def test_python_bm25_equals_fts5_bm25_with_the_same_statistics(tmp_path: Path) -> None:
    from newsflow.search.query import Alt, analyze, parse, to_fts5

    db, search = open_search(tmp_path / "scores.db", 10_000)  # the tier holds every story
    docs = []
    for i in range(1, 121):  # lengths, repeats and headline hits vary
        body = ("common " * (i % 5 + 1) + ("alpha beta " if i % 3 == 0 else "beta alpha ") * (i % 4) + "gamma" * (i % 2)).split()
        docs.append(
            replace(
                story(i), body_terms=tuple(body + ["pad"] * (i % 9)),
                head_terms=("alpha",) if i % 7 == 0 else ("story", "line"),
                public_terms=("common", "gamma") if i % 5 == 0 else (),
            )
        )
    search.index_documents(docs)
    cases = [("common", False), ("alpha beta", False), ('"alpha beta"', False), ("alpha OR gamma", False),
             ("common -gamma", False), ("common", True), ("gamma common", True), (Alt(((("alph",), True),)), False)]
    with db.read() as conn:
        for q, public in cases:
            analyzed = q if isinstance(q, Alt) else analyze(parse(q))  # an Alt: a prefix term (Turkish)
            assert analyzed is not None
            expression = ("{pub}" if public else "{head body}") + " : (" + to_fts5(analyzed) + ")"
            fts5 = dict(conn.execute(
                sa.text("SELECT rowid, -rank FROM search_recent WHERE search_recent MATCH :m"), {"m": expression}
            ).all())
            assert len(fts5) > 5, q
            ours = dict(search._scored(conn, analyzed, public, sorted(fts5, reverse=True)))
            assert ours.keys() == fts5.keys(), q
            for sid, value in fts5.items():
                assert ours[sid] == pytest.approx(value, rel=1e-9, abs=1e-12), (q, sid)
    db.dispose()



# -- time ranges: whole months by their tokens, partial months in SQL ---------------------------
class _Unsplit(SqliteSearch):
    """The reference: the whole range checked in SQL, in one statement."""

    def _parts(self, plan, table):  # type: ignore[no-untyped-def]
        return [(self._match(plan.analyzed, public=plan.public, query=plan.query, table=table), plan.conditions)]

    def _count(self, conn, plan, older, oldest, cap):  # type: ignore[no-untyped-def]
        from newsflow.search.engine import SqlSearch

        return SqlSearch._count(self, conn, plan, older, oldest, cap)


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    import random

    rng = random.Random(7)
    path = tmp_path_factory.mktemp("dated") / "dated.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    start = datetime(2023, 11, 20, tzinfo=UTC)
    docs = [replace(story(i), versioncreated=start + timedelta(minutes=rng.randrange(0, 60 * 24 * 500))) for i in range(1, 161)]
    SqliteSearch(db).index_documents(docs)
    yield [
        (SqliteSearch(db, recent_span=30, rank_window=6, window=40, native_rank=native), _Unsplit(db, recent_span=30, rank_window=6, window=40, native_rank=native))
        for native in (False, True)
    ]
    db.dispose()


@given(
    st.datetimes(min_value=datetime(2023, 10, 1), max_value=datetime(2025, 5, 1)),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
    st.sampled_from(["common", "alpha", "pair", "common alpha"]),
    st.sampled_from([(), ("economy",), ("sports", "health")]),
    st.sampled_from(["relevance", "time"]),
    st.booleans(),
)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_time_range_in_parts_finds_what_one_sql_check_finds(dated, lo, span, q, categories, sort, native) -> None:  # type: ignore[no-untyped-def]
    split, reference = dated[native]
    query = SearchQuery(q=q, categories=categories, date_from=lo.replace(tzinfo=UTC), date_to=lo.replace(tzinfo=UTC) + span, sort=sort, limit=6)
    a, b = split.search(query), reference.search(query)
    assert (a.total, a.total_exact, a.facets) == (b.total, b.total_exact, b.facets)
    assert [h.story_id for h in a.hits] == [h.story_id for h in b.hits]


def test_time_split_months() -> None:
    from newsflow.search.sqlite_fts import _time_split

    q = SearchQuery(date_from=datetime(2024, 3, 15, tzinfo=UTC), date_to=datetime(2025, 2, 1, tzinfo=UTC))
    assert _time_split(q) == (["m202404", "m202405", "m202406", "m202407", "m202408", "m202409", "m202410", "m202411", "m202412", "m202501"], ["m202403", "m202502"])
    whole_year = SearchQuery(date_from=datetime(2024, 1, 1, tzinfo=UTC), date_to=datetime(2025, 1, 1, tzinfo=UTC))
    assert _time_split(whole_year) == (["y2024"], ["m202501"])  # 2025-01-01T00:00 itself is in range
    assert _time_split(SearchQuery(date_from=datetime(2024, 3, 2, tzinfo=UTC), date_to=datetime(2024, 3, 30, tzinfo=UTC))) is None
