"""nf_bm25 (store/_fts5rank.c): FTS5's BM25 with the statistics handed in, and the SQLite
engine ranking every relevance window with it (docs/search.md, "Native ranking")."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from newsflow.search import SearchQuery
from newsflow.search.bm25 import idf
from newsflow.search.query import Alt, analyze, fts5_phrase, fts5_phrases, parse, to_fts5
from newsflow.search.sqlite_fts import SqliteSearch
from newsflow.store import fts5rank
from newsflow.store.database import Database
from newsflow.store.fts5rank import idf_blob
from tests.functional.test_search_recent_tier import SPAN, WINDOW, open_search, story

BUILT = fts5rank.install()
pytestmark = pytest.mark.skipif(
    not BUILT and not os.environ.get("NEWSFLOW_TEST_REQUIRE_FTS5RANK"),
    reason="the C module newsflow.store._fts5rank was not built (no C compiler or SQLite headers): "
    "search ranks with FTS5's bm25() instead, which the other search tests cover",
)


def test_the_c_module_is_built_and_installed(tmp_path: Path) -> None:
    """Runs where .ci/run found a C compiler and SQLite's headers (it sets
    NEWSFLOW_TEST_REQUIRE_FTS5RANK): a failed build must fail CI, not skip these tests."""
    assert BUILT, "newsflow.store._fts5rank is missing or not linked with the driver's SQLite: see pip's build log"
    db = Database(f"sqlite:///{tmp_path / 'built.db'}")
    assert db.fts5_rank
    db.dispose()


def varied(i: int):  # type: ignore[no-untyped-def]
    """Story ``i`` with lengths, repeats, headline hits and public terms that vary."""
    body = ("common " * (i % 5 + 1) + ("alpha beta " if i % 3 == 0 else "beta alpha ") * (i % 4) + "gamma" * (i % 2)).split()
    return replace(
        story(i), body_terms=tuple(body + ["pad"] * (i % 9)),
        head_terms=("alpha",) if i % 7 == 0 else ("story", "line"),
        public_terms=("common", "gamma") if i % 5 == 0 else (),
    )


CASES = [
    ("common", False), ("alpha beta", False), ('"alpha beta"', False), ("alpha OR gamma", False),
    ("common -gamma", False), ("pad -gamma common", False), ("(alpha -beta) OR gamma", False),
    ("common", True), ("gamma common", True), (Alt(((("alph",), True),)), False),
]


def test_nf_bm25_equals_fts5_bm25_given_the_same_statistics(tmp_path: Path) -> None:
    """On one table, with that table's own statistics, nf_bm25 is FTS5's bm25() negated:
    for words, AND, OR, NOT (in any place: FTS5 numbers phrases as written), phrases,
    prefixes, the public column, and with filter tokens ANDed (weight 0)."""
    db, search = open_search(tmp_path / "scores.db", 10_000)  # the tier holds every story
    search.index_documents([varied(i) for i in range(1, 121)])
    checked = 0
    with db.read() as conn:
        rows, avgdl = search._tier_totals(conn)
        assert rows == 120
        for q, public in CASES:
            analyzed = q if isinstance(q, Alt) else analyze(parse(q))  # an Alt: a prefix term (Turkish)
            assert analyzed is not None
            columns = "{pub}" if public else "{head body}"
            for filtered in (False, True):
                expression = f"{columns} : ({to_fts5(analyzed)})"
                if filtered:  # a filter token, as _meta_filter ANDs it: a phrase of weight 0
                    expression = f'({expression}) AND ({{meta}} : ("{"c" + b"economy".hex()}"))'
                weights = []
                for (terms, prefix), asked in fts5_phrases(analyzed):
                    hits = conn.execute(
                        sa.text("SELECT count(*) FROM search_recent WHERE search_recent MATCH :m"),
                        {"m": f"{columns} : {fts5_phrase(terms, prefix)}"},
                    ).scalar_one()
                    weights.append(idf(rows, hits) if asked else 0.0)
                found = conn.execute(
                    sa.text(
                        "SELECT rowid, -rank, nf_bm25(search_recent, :avgdl, :idf, 3.0, 1.0, 1.0, 0.0)"
                        " FROM search_recent WHERE search_recent MATCH :m"
                    ),
                    {"m": expression, "avgdl": avgdl, "idf": idf_blob(weights)},
                ).all()
                assert len(found) > 5, (q, filtered)
                for sid, theirs, ours in found:
                    assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-12), (q, filtered, sid)
                    checked += 1
                # the scores differ between rows, so a wrong weight would show
                assert len({round(r[2], 9) for r in found}) > 1 or q == "common", q
    assert checked > 500
    db.dispose()


def test_nf_bm25_rejects_a_call_without_its_statistics(tmp_path: Path) -> None:
    db, search = open_search(tmp_path / "bad.db", 10_000)
    search.index_documents([varied(1)])
    with db.read() as conn, pytest.raises(sa.exc.OperationalError, match="avgdl and idf expected"):
        conn.execute(sa.text("SELECT nf_bm25(search_fts) FROM search_fts WHERE search_fts MATCH 'common'")).all()
    db.dispose()


@pytest.fixture
def trio(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The same 200 stories, in batches of 7: ranked natively with a tier of SPAN, with
    FTS5's bm25() and the same tier, and with no tier at all (the full index scores)."""
    native, fallback, plain = (
        open_search(tmp_path / "native.db", SPAN, native=True), open_search(tmp_path / "fallback.db", SPAN),
        open_search(tmp_path / "plain.db", 0),
    )
    docs = [story(i) for i in range(1, 201)]
    for start in range(0, len(docs), 7):
        for _, search in (native, fallback, plain):
            search.index_documents(docs[start : start + 7])
    yield native[1], fallback[1], plain[1]
    for db, _ in (native, fallback, plain):
        db.dispose()


QUERIES = [
    SearchQuery(q="common", limit=WINDOW), SearchQuery(q="alpha", limit=WINDOW), SearchQuery(q="pair", limit=WINDOW),
    SearchQuery(q="common alpha", limit=WINDOW), SearchQuery(q='"common alpha"', limit=WINDOW),
    SearchQuery(q="common OR rare", limit=WINDOW), SearchQuery(q="rare", limit=WINDOW),
    SearchQuery(q="common", languages=("en",), categories=("economy",), limit=WINDOW),
    SearchQuery(q="alpha", date_from=datetime(2025, 1, 3, tzinfo=UTC), date_to=datetime(2025, 1, 8, 12, tzinfo=UTC), limit=WINDOW),
    SearchQuery(q="pair -alpha", limit=WINDOW, offset=5),
]


def test_native_ranking_finds_the_same_window_and_scores_it_as_the_tier_does(trio, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    native, fallback, plain = trio
    assert native.native_rank and not fallback.native_rank
    seen: list[bool] = []
    window = SqliteSearch._native_window
    monkeypatch.setattr(SqliteSearch, "_native_window", lambda self, conn, plan: seen.append(True) or window(self, conn, plan))
    for query in QUERIES:
        a, b, c = native.search(query), fallback.search(query), plain.search(query)
        assert a.hits or query.q == "rare", query
        # the newest matches, counted and faceted as the index without a tier does
        assert (a.total, a.total_exact, a.facets) == (c.total, c.total_exact, c.facets), query
        # scored with the tier's statistics: as the fallback scores them (FTS5 in the tier,
        # or search.bm25 for a filtered window), except where it ranks on the full index
        assert {h.story_id for h in a.hits} == {h.story_id for h in b.hits}, query
        if query.q != "rare":  # 4 matches, most below the floor: FTS5 on the full index
            assert [h.story_id for h in a.hits] == [h.story_id for h in b.hits], query
            assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits], rel=1e-9), query
    assert len(seen) == len(QUERIES)  # every query was ranked natively
    # the totals past the ranked window are exact: every story, every third, every 50th
    for q, expected in (("common", 200), ("alpha", 66), ("rare", 4), ("common alpha", 66)):
        assert native.search(SearchQuery(q=q, limit=WINDOW)).total == expected, q


def test_native_scores_equal_the_tiers_own_when_the_tier_holds_the_window(trio) -> None:  # type: ignore[no-untyped-def]
    native, fallback, _ = trio
    for q in ("common", "alpha", "pair", "common alpha", "common OR alpha"):
        a, b = native.search(SearchQuery(q=q, limit=WINDOW)), fallback.search(SearchQuery(q=q, limit=WINDOW))
        assert [h.story_id for h in a.hits] == [h.story_id for h in b.hits], q
        assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits], rel=1e-9), q
        assert len({h.score for h in a.hits}) > 1 or q in ("pair",), q
