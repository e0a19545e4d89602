"""``search_vocab`` (0008): every term the index holds, so a prefix (the Turkish reading of a
query word) is asked as the exact terms it stands for, which FTS5 streams, instead of a
prefix query, which FTS5 merges in full first. Same answers, asked differently."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsflow.search import SearchQuery
from newsflow.search import sqlite_fts as engine_module
from newsflow.search.query import Alt, analyze, fts5_phrases, parse
from newsflow.search.sqlite_fts import SqliteSearch
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.text.analyzer import index_terms
from tests.functional.test_search_recent_tier import story

ALPHABET = (
    "abcçdefgğhıijklmnoöprsştuüvyzİIŞĞÇÖÜ" "ABCXYZ" "0123456789" " .,'’-_" "é" "\u0301"
    "ابتثجحخدذرسشصضطظعغفقكلمنهوية" "\u064b\u0650\u0640" "अआइ\u093e\u093f" "ß"
)


def open_search(path: Path, migrated: Path | None = None) -> tuple[Database, SqliteSearch]:
    """A search index in a new database at ``path``: a copy of ``migrated`` when given."""
    if migrated is not None:
        shutil.copyfile(migrated, path)
    db = Database(f"sqlite:///{path}")
    upgrade(db)  # a no-op on a copy of a migrated file
    return db, SqliteSearch(db)


def vocab(db: Database) -> set[str]:
    with db.read() as conn:
        return set(conn.execute(sa.text("SELECT term FROM search_vocab")).scalars())


def fts5_terms(db: Database) -> set[str]:
    with db.read() as conn:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.t USING fts5vocab(main, search_fts, 'col')")
        return set(
            conn.execute(sa.text("SELECT term FROM temp.t WHERE col IN ('head', 'body', 'pub') AND length(term) >= 5")).scalars()
        )


def doc(i: int, text: str, language: str):  # type: ignore[no-untyped-def]
    terms = tuple(index_terms(text, language))  # each column its own terms: a column left out shows
    return replace(story(i), language=language, head_terms=terms[:2], body_terms=terms[2:-2], public_terms=terms[-2:])


@given(st.lists(st.tuples(st.text(ALPHABET, min_size=1, max_size=60), st.sampled_from(["en", "tr", "ar", "hi"])), min_size=1, max_size=6))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_vocabulary_is_exactly_what_fts5_indexed(tmp_path_factory: pytest.TempPathFactory, sqlite_migrated_template: Path,  # type: ignore[no-untyped-def]
                                                    texts) -> None:
    db, search = open_search(tmp_path_factory.mktemp("v") / "v.db", sqlite_migrated_template)
    search.index_documents([doc(i, text, lang) for i, (text, lang) in enumerate(texts, 1)])
    assert vocab(db) == fts5_terms(db)
    db.dispose()


TURKISH = [
    "ekonomi büyüdü", "ekonomik kriz derinleşti", "ekonominin yükü ağır", "ekonomiler yavaşladı",
    "ekonomisi güçlü bir ülke", "ekonomist uyardı", "the economy grew", "economic news today",
]


@pytest.fixture
def indexed(tmp_path: Path):  # type: ignore[no-untyped-def]
    db, search = open_search(tmp_path / "tr.db")
    docs = [doc(i, text, "en" if text.startswith(("the", "economic")) else "tr") for i, text in enumerate(TURKISH * 5, 1)]
    search.index_documents(docs[:20])
    for d in docs[20:]:  # one per write: the vocabulary grows with the index
        search.index_documents([d])
    yield db, search
    db.dispose()


def test_a_prefix_is_asked_as_its_terms_with_the_same_answer(indexed, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, search = indexed
    query = SearchQuery(q="ekonomileri", languages=("tr",), limit=50)
    analyzed = analyze(parse(query.q), query.languages)
    assert analyzed is not None and any(prefix for (_, prefix), _ in fts5_phrases(analyzed))  # a prefix to expand
    resolved = search._resolve(analyzed)
    assert isinstance(resolved, Alt) and not any(prefix for _, prefix in resolved.options)
    assert {seq[0] for seq, _ in resolved.options} >= {"ekonomi", "ekonomik"}
    expanded = search.search(query)
    monkeypatch.setattr(SqliteSearch, "_resolve", lambda self, a: a)
    as_prefix = search.search(query)
    assert expanded.total == as_prefix.total == 30  # the six Turkish stories' words, five times each
    assert [(h.story_id, h.snippet) for h in expanded.hits] == [(h.story_id, h.snippet) for h in as_prefix.hits]
    assert expanded.facets == as_prefix.facets
    # Only the weights differ: each term now has its own IDF, where the prefix had one for all
    # of them (here 30 of 40 stories: FTS5's floor of 1e-6); the order above is the same.
    assert min(h.score for h in expanded.hits) > 100 * max(h.score for h in as_prefix.hits)


def test_too_many_or_too_short_stay_prefixes(indexed, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, search = indexed
    monkeypatch.setattr(engine_module, "VOCAB_EXPAND_MAX", 2)
    analyzed = Alt(((("ekonom",), True),))
    assert search._resolve(analyzed) == analyzed  # ekonomi, ekonomik, ekonominin, ...: more than 2
    short = Alt(((("eko",), True),))
    assert search._resolve(short) == short
    nothing = Alt(((("zzzzzz",), True),))
    assert search._resolve(nothing) == Alt(((("zzzzzz",), False),))  # no term has it: matches nothing, as before
    assert search.search(SearchQuery(q="zzzzzzlar", languages=("tr",))).total == 0


def test_bulk_loads_and_clear_keep_the_vocabulary(tmp_path: Path) -> None:
    db, search = open_search(tmp_path / "bulk.db")
    with search.bulk() as load:  # skips the vocabulary while loading, refills it from FTS5 at the end
        load([doc(i, text, "tr") for i, text in enumerate(TURKISH * 3, 1)])
    assert vocab(db) == fts5_terms(db) and "ekonomik" in vocab(db)
    search.clear()
    assert vocab(db) == set()
    db.dispose()
