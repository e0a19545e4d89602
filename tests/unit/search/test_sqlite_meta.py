"""The SQLite filter tokens: every story a filter admits carries a token the filter asks for."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.search import SearchQuery, Visibility
from newsflow.search.document import IndexDocument, tag_key
from newsflow.search.sqlite_fts import (
    VOCAB_MIN,
    _date_tokens,
    _meta_filter,
    meta_terms,
    vocab_tokens,
)


def doc(**changes: object) -> IndexDocument:
    fields: dict[str, object] = {
        "story_id": 1, "uri": "urn:x:1", "version": 1, "headline": "h", "language": "ar",
        "category": "science-technology", "priority": "urgent", "type": "text", "public": True,
        "withdrawn": False, "versioncreated": datetime(2022, 3, 15, 23, 30, tzinfo=UTC), "text": "",
        "public_text": "", "head_terms": (), "body_terms": (), "public_terms": (),
        "tags": (("person", tag_key("Recep Tayyip Erdoğan")), ("place", "baku"), ("topic", "medtop:04000000")),
    }
    fields.update(changes)
    return IndexDocument(**fields)  # type: ignore[arg-type]


def admitted(query: SearchQuery, document: IndexDocument) -> bool:
    groups, excluded = _meta_filter(query)
    tokens = set(meta_terms(document).split())
    return all(tokens & set(group) for group in groups) and not tokens & set(excluded)


def test_every_token_is_one_fts5_word() -> None:
    for token in meta_terms(doc()).split():
        assert token.isascii() and token.isalnum(), token


def test_filters_admit_the_story_they_describe_and_not_others() -> None:
    story = doc()
    query = SearchQuery(
        languages=("ar-SA",), categories=("science-technology",), priorities=("urgent",), types=("text",),
        topics=("medtop:04000000",), people=("recep  tayyip ERDOĞAN",), places=("Baku",),
        date_from=datetime(2022, 3, 15, 23, 0, tzinfo=UTC), date_to=datetime(2022, 3, 16, tzinfo=UTC),
    )
    assert admitted(query, story)
    assert not admitted(SearchQuery(categories=("economy",)), story)
    assert not admitted(SearchQuery(topics=("medtop:01000000",)), story)
    assert not admitted(SearchQuery(date_from=datetime(2022, 5, 1, tzinfo=UTC), date_to=datetime(2022, 6, 1, tzinfo=UTC)), story)


def test_withdrawn_and_private_stories_are_excluded_for_public_and_subscribers() -> None:
    assert admitted(SearchQuery(visibility=Visibility.public()), doc())
    assert not admitted(SearchQuery(visibility=Visibility.public()), doc(public=False))
    assert not admitted(SearchQuery(visibility=Visibility.public()), doc(withdrawn=True))
    assert admitted(SearchQuery(visibility=Visibility.editor()), doc(withdrawn=True, public=False))


def test_date_tokens_cover_every_day_of_the_range_with_years_where_whole() -> None:
    start, end = datetime(2021, 11, 20, tzinfo=UTC), datetime(2024, 2, 3, tzinfo=UTC)
    tokens = _date_tokens(start, end)
    assert tokens is not None and "y2022" in tokens and "y2023" in tokens and "m202402" in tokens
    day = start
    while day <= end:
        assert {f"y{day:%Y}", f"m{day:%Y%m}"} & set(tokens), day
        day += timedelta(days=1)
    assert "m202110" not in tokens and "m202403" not in tokens and "y2024" not in tokens
    assert _date_tokens(end, start) is None  # an empty range: left to SQL
    assert _date_tokens(datetime(1900, 2, 1, tzinfo=UTC), end) is None  # too many tokens to help


_TERMS = st.lists(st.one_of(st.sampled_from(["مفاوض", "baku", "u.s", "1,500", "co-op", "abc_defgh", "x"]), st.text(max_size=9)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(_TERMS, _TERMS, _TERMS)
def test_vocabulary_tokens_are_each_terms_long_pieces(head: list[str], body: list[str], public: list[str]) -> None:
    document = doc(head_terms=tuple(head), body_terms=tuple(body), public_terms=tuple(public))
    plain = {
        token
        for term in [*head, *body, *public]
        if len(term) >= VOCAB_MIN
        for token in re.split(r"[^\w.,]|_", term)
        if len(token) >= VOCAB_MIN
    }
    assert vocab_tokens(document) == plain
