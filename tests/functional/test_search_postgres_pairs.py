"""PostgreSQL finds a phrase through its adjacent term pairs (``search_terms.pairs``,
``0020``): a two-term phrase is one pair lexeme read from the GIN index with no row
re-checked, a longer one the AND of its pairs and the phrase checked on those rows only.
The stories found are exactly those ``terms @@ ('a' <-> 'b')`` finds, clamped positions,
the 255-position cap and the gap between headline and body included (docs/search.md)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event as sa_event

from newsflow.search import SearchQuery, Visibility, postgres_fts
from newsflow.search.document import IndexDocument
from newsflow.search.engine import Match
from newsflow.search.postgres_fts import PostgresSearch, search_terms
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.text.analyzer import index_terms
from tests.conftest import PG_URL, _pg_database

VOCABULARY = ("alpha", "delta", "kappa", "sigma", "omega", "zeta", "theta", "lambda")
ARABIC = ("البنك", "المركزي", "سعر", "الفائدة")
ARABIC_TERMS = tuple(term for word in ARABIC for term in index_terms(word, "ar"))  # what the index holds


@pytest.fixture(params=[pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    yield from _pg_database()


@pytest.fixture
def loaded(backend: str) -> Iterator[PostgresSearch]:
    """A migrated database holding ``archive()``, searched as the node searches it."""
    db = Database(backend)
    upgrade(db)
    try:
        search = PostgresSearch(db, rank_window=300, window=1000)
        with search.bulk() as load:
            load(archive())
        yield search
    finally:
        db.dispose()


def _doc(i: int, head: tuple[str, ...], body: tuple[str, ...], public: tuple[str, ...] = ()) -> IndexDocument:
    return IndexDocument(
        story_id=i, uri=f"urn:test:{i}", version=1, headline=" ".join(head), language="en",
        category=("economy", "sports")[i % 2], priority="routine", type="text", public=bool(public), withdrawn=False,
        versioncreated=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=i), text=" ".join(body),
        public_text=" ".join(public), head_terms=head, body_terms=body, public_terms=public, tags=(),
    )


def archive() -> list[IndexDocument]:
    """Random stories over a small vocabulary (every pair occurs), and the edge cases of
    positions: a phrase across headline and body, a word past its 255 kept positions,
    words past position 16,383 (PostgreSQL clamps them there)."""
    assert len(ARABIC_TERMS) == len(ARABIC)
    rng = random.Random(20)
    docs = []
    for i in range(1, 201):
        words = VOCABULARY if i % 4 else ARABIC_TERMS
        head = tuple(rng.choice(words) for _ in range(rng.randint(1, 3)))
        body = tuple(rng.choice(words) for _ in range(rng.randint(3, 12)))
        public = tuple(rng.choice(words) for _ in range(3)) if i % 5 == 0 else ()
        docs.append(_doc(i, head, body, public))
    docs.append(_doc(201, ("zeta",), ("omega", "kappa")))  # 'zeta omega' spans headline and body
    docs.append(_doc(202, ("story",), ("alpha",) * 300 + ("kappa", "zeta")))  # alpha's 256th position on is dropped
    late = ("sigma", "theta", "omega", "lambda", "delta")  # at 16,382, 16,383, then clamped to 16,383
    docs.append(_doc(203, ("story",), tuple(f"filler{k}" for k in range(16_379)) + late))
    return docs


class _PhraseOnTerms(PostgresSearch):
    """The reference: every query on ``terms`` alone, phrases checked by position."""

    def _match(self, analyzed, *, public, query):  # type: ignore[no-untyped-def]
        column = postgres_fts._terms_column(public)
        tsq = postgres_fts._tsquery(analyzed)
        return Match(search_terms, column.op("@@")(tsq), postgres_fts._rank(column, tsq), key=search_terms.c.story_id)


def _queries() -> list[SearchQuery]:
    words = [*VOCABULARY, "filler"]
    two = [f'"{a} {b}"' for a in words for b in words]
    three = [f'"{a} {b} {c}"' for a, b, c in zip(words, words[1:], words[2:], strict=False)]
    arabic = [f'"{a} {b}"' for a in ARABIC for b in ARABIC]
    mixed = [
        '"alpha delta" OR kappa', 'kappa -"alpha delta"', '"alpha delta" "sigma omega"', '"zeta omega"',
        '("alpha kappa" OR "kappa alpha") AND sigma', '"theta omega lambda delta"', '"filler16378 sigma theta"', '"sigma omega"',
        '"the alpha of delta"', '"kappa zeta"', '"alpha alpha"', 'sigma OR "omega alpha"',
    ]
    found = [SearchQuery(q=q, limit=100) for q in [*two, *three, *arabic, *mixed]]
    found += [SearchQuery(q=q, limit=100, visibility=Visibility.public()) for q in ['"alpha delta"', '"sigma kappa omega"']]
    found += [SearchQuery(q='"alpha delta"', limit=100, sort="time", categories=("sports",))]
    return found


def _answers(search: PostgresSearch, queries: list[SearchQuery]) -> list[Any]:
    out = []
    for query in queries:
        result = search.search(query)
        out.append((result.total, result.facets, [(h.story_id, round(h.score, 9)) for h in result.hits]))
    return out


def test_pairs_find_what_positions_find(loaded: PostgresSearch) -> None:
    queries = _queries()
    pairs = _answers(loaded, queries)
    reference = _answers(_PhraseOnTerms(loaded.db, rank_window=300, window=1000), queries)
    for query, a, b in zip(queries, pairs, reference, strict=True):
        assert a == b, query
    assert sum(1 for total, _, _ in pairs if total) > len(queries) // 2  # most phrases are found somewhere
    found = {q.q: {i for i, _ in hits} for q, (_, _, hits) in zip(queries, pairs, strict=True)}
    assert 203 in found['"filler16378 sigma theta"']  # up to position 16,383
    assert 203 in found['"sigma omega"']  # omega clamped to 16,383, next to sigma's 16,382
    assert 203 not in found['"theta omega lambda delta"']  # all at 16,383: not next to each other
    assert 202 in found['"kappa zeta"'] and 201 not in found['"zeta omega"']


def test_a_two_term_phrase_is_one_pair_lookup_with_no_row_rechecked(loaded: PostgresSearch) -> None:
    """The window's statement asks the pairs index for one lexeme: no ``<->`` in what the
    GIN bitmap is checked against, so no row is read to compare positions."""
    search, db = loaded, loaded.db
    statements: list[tuple[str, Any]] = []
    engine = db._autocommit or db.engine

    def seen(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if "@@" in statement and "ts_rank" in statement:
            statements.append((statement, params))

    sa_event.listen(engine, "before_cursor_execute", seen)
    try:
        assert search.search(SearchQuery(q='"البنك المركزي"')).total > 0
    finally:
        sa_event.remove(engine, "before_cursor_execute", seen)
    assert statements
    for statement, params in statements:
        with search._reading() as conn:
            postgres_fts._bitmap_scans(conn)
            plan = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {statement}", params).scalars().all()
        text = "\n".join(plan)
        assert "Bitmap Index Scan on ix_search_terms_pairs" in text, text
        assert "ix_search_terms_terms" not in text, text
        checks = [line for line in plan if "Recheck Cond" in line or "Filter" in line]
        assert checks and not [line for line in checks if "<->" in line], text
        assert "Rows Removed by Index Recheck" not in text, text


def test_a_one_word_or_stop_word_phrase_behaves_as_before(loaded: PostgresSearch) -> None:
    """A quoted single word is that word; stop-words in a phrase are skipped; a phrase of
    stop-words only finds nothing, without a statement failing."""
    search = loaded
    word = search.search(SearchQuery(q="kappa", limit=100))
    assert word.total > 0
    for same in ('"kappa"', '"the kappa"', '"kappa of"'):
        quoted = search.search(SearchQuery(q=same, limit=100))
        assert (quoted.total, [h.story_id for h in quoted.hits]) == (word.total, [h.story_id for h in word.hits]), same
    assert search.search(SearchQuery(q='"the of"')).total == 0
    assert search.search(SearchQuery(q='"the"')).total == 0
    skipped = search.search(SearchQuery(q='"alpha of the delta"', limit=100))
    assert skipped.total == search.search(SearchQuery(q='"alpha delta"', limit=100)).total > 0


class _Before0020(PostgresSearch):
    """Writes ``search_terms`` as it was up to ``0019``: no pair columns."""

    def _write_terms(self, conn, docs):  # type: ignore[no-untyped-def]
        conn.execute(
            sa.text(
                "INSERT INTO search_terms (story_id, version, versioncreated, language, category, priority, type,"
                " public, withdrawn, terms, public_terms) VALUES (:story_id, :version, :versioncreated, :language,"
                " :category, :priority, :type, :public, :withdrawn, CAST(:terms AS tsvector),"
                " CAST(:public_terms AS tsvector))"
            ),
            [
                {
                    "story_id": doc.story_id, "version": doc.version, "versioncreated": doc.versioncreated.replace(tzinfo=None),
                    "language": doc.language, "category": doc.category, "priority": doc.priority,
                    "type": doc.type, "public": doc.public, "withdrawn": doc.withdrawn,
                    "terms": postgres_fts.tsvector_literal((doc.head_terms, "A"), (doc.body_terms, "D")),
                    "public_terms": postgres_fts.tsvector_literal((doc.public_terms, "D")),
                }
                for doc in docs
            ],
        )


def test_upgrading_an_existing_index_pairs_its_terms(backend: str, capfd: pytest.CaptureFixture[str]) -> None:
    """``0020`` fills the pairs of an index written before it: every pair column equals what
    the write path writes, the rows are left in id order, the rewrite's progress is shown,
    and phrases are found right after the upgrade, no reindex."""
    db = Database(backend)
    upgrade(db, "0019")
    try:
        docs = archive()
        docs[4] = replace(docs[4], public_terms=("alpha", "delta"), public_text="alpha delta", public=True)
        _Before0020(db, rank_window=300, window=1000).index_documents(docs)
        capfd.readouterr()
        upgrade(db)
        # the rewrite is one statement; its rows are counted as they are paired (a notice)
        assert f"paired {len(docs)} of {len(docs)} stories (100%" in capfd.readouterr().err
        with db.read() as conn:
            storage = conn.exec_driver_sql(
                "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'search_terms'::regclass"
                " AND attname IN ('terms', 'public_terms', 'pairs', 'public_pairs')"
            ).all()
            # the pairs leave the row first, so the terms every walk reads stay in it
            assert dict(storage) == {"terms": "m", "public_terms": "m", "pairs": "e", "public_pairs": "e"}
            # the rows keep their id order (rewritten, not updated): a walk along the key reads each page once
            in_heap = conn.exec_driver_sql("SELECT story_id FROM search_terms ORDER BY ctid").scalars().all()
            assert in_heap == sorted(in_heap)
            for doc in docs:
                same = conn.exec_driver_sql(
                    "SELECT pairs = CAST(%(pairs)s AS tsvector) AND public_pairs = CAST(%(public)s AS tsvector)"
                    " FROM search_terms WHERE story_id = %(id)s",
                    {
                        "id": doc.story_id,
                        "pairs": postgres_fts.pairs_literal((doc.head_terms, "A"), (doc.body_terms, "D")),
                        "public": postgres_fts.pairs_literal((doc.public_terms, "D")),
                    },
                ).scalar()
                assert same, doc.story_id
        queries = _queries()
        migrated = _answers(PostgresSearch(db, rank_window=300, window=1000), queries)
        assert migrated == _answers(_PhraseOnTerms(db, rank_window=300, window=1000), queries)
        assert sum(1 for total, _, _ in migrated if total) > len(queries) // 2
    finally:
        db.dispose()
