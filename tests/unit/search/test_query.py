"""The query language: parsing, analysis and both compilers, without a database."""

from __future__ import annotations

import re

import pytest

from newsflow.errors import InvalidInput
from newsflow.search.query import (
    All,
    Alt,
    And,
    Any_,
    Not,
    Or,
    Phrase,
    Word,
    analyze,
    parse,
    to_fts5,
    to_tsquery,
)


def test_parse_builds_the_tree() -> None:
    assert parse("") is None
    assert parse("bank") == Word("bank")
    assert parse('"central bank" rates') == And((Phrase("central bank"), Word("rates")))
    assert parse("a OR b c") == Or((Word("a"), And((Word("b"), Word("c")))))
    assert parse("a AND NOT b") == And((Word("a"), Not(Word("b"))))
    assert parse("a -b") == And((Word("a"), Not(Word("b"))))
    assert parse("(a OR b) c") == And((Or((Word("a"), Word("b"))), Word("c")))
    assert parse("and or not") == And((Word("and"), Word("or"), Word("not")))  # lower case: words


@pytest.mark.parametrize("bad", ['"open', "(a", "a)", "a AND", "OR a", "()", "NOT", "-alone", "a OR -b", "x" * 501])
def test_bad_syntax_is_invalid_input_on_q(bad: str) -> None:
    with pytest.raises(InvalidInput) as info:
        analyze(parse(bad))
    assert info.value.field == "q"


def test_too_many_parts_are_refused() -> None:
    with pytest.raises(InvalidInput):
        parse(" ".join(f"w{i}" for i in range(65)))


def test_arabic_words_take_only_the_arabic_analyzer() -> None:
    assert analyze(parse("والمفاوضات")) == Alt(((("مفاوض",), False),))
    assert analyze(parse("أحمد")) == analyze(parse("احمد")) == analyze(parse("إحمد"))


def test_latin_words_are_analyzed_per_language_and_turkish_is_a_prefix() -> None:
    node = analyze(parse("müzakereler"), ["tr"])
    assert node == Alt(((("müzaker",), True),))
    assert analyze(parse("negotiations"), ["en"]) == Alt(((("negoti",), False),))


def test_stop_words_drop_out_and_only_stop_words_is_nothing() -> None:
    assert analyze(parse("the")) is None
    assert analyze(parse("the bank"), ["en"]) == Alt(((("bank",), False),))


def test_compilers_quote_every_term() -> None:
    node = analyze(parse('"central bank" OR rate -oil'), ["en"])
    assert isinstance(node, Any_) and isinstance(node.children[1], All)
    assert to_fts5(node) == '("central bank" OR (("rate") NOT ("oil")))'
    assert to_tsquery(node) == "(('central' <-> 'bank') | ('rate' & !'oil'))"


def test_hostile_text_stays_inside_quoted_terms() -> None:
    node = analyze(parse("head:x NEAR(a b) {pub} it's"), ["en", ""])
    assert node is not None
    outside = re.sub(r'"(?:[^"]|"")*"\*?', "", to_fts5(node))
    assert set(outside.split()) <= {"AND", "OR", "NOT", "(", ")"} | {""} or set(outside) <= set("()ANDORT ")
    lexemes = re.sub(r"'(?:[^']|'')*'(?::\*)?", "", to_tsquery(node))
    assert set(lexemes) <= set("()&|!<-> ")
