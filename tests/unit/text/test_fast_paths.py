"""Shortcuts the text pipeline takes for speed give exactly what the plain definitions give."""

from __future__ import annotations

import re
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsflow.text.entities import _TOKEN
from newsflow.text.entities import words as entity_words
from newsflow.text.gazetteer import _capitalised_before
from newsflow.text.tokenize import WORD_RE, word_spans, word_texts

_TRICKY = st.text(
    alphabet=st.sampled_from(
        [*"aAzZ_-.'’ \t\n,;()«»\"Éé٣ßİı1x", "\u00a0", "\u3000", "\u0301", "\u064e", "\u0640", "ب", "ل", "ﷺ", "Σ"]
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=40)))
@example("Mr. Putin's Bakü'de 3.5 1,000 المُفاوَضات ﷺ a_b")
@example("x\u00a0y\u3000z \u0301e")
def test_words_by_pieces_equal_the_patterns_over_the_whole_text(text: str) -> None:
    assert word_spans(text) == tuple((m[1], m.start(1), m.end(1)) for m in WORD_RE.finditer(text))
    assert word_texts(text) == tuple(WORD_RE.findall(text))
    assert entity_words(text) == tuple((m[1], m.start(), m.end(1)) for m in _TOKEN.finditer(text))


_PREVIOUS_CAPITAL = re.compile(r"([A-Z][\w-]*)[ \t]+$")


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=20)))
@example("talks with Union \t")
@example("the Baku-Tbilisi \n")
@example("Saint \n\n")
@example("ÉA_b- ")
@example("x.Ab ")
@example("")
def test_capitalised_word_before_read_from_the_end_equals_the_search(before: str) -> None:
    m = _PREVIOUS_CAPITAL.search(before)
    assert _capitalised_before(before) == (m[1] if m else None)


def _first_characters(items: list[tuple[Any, Any]]) -> list[str]:
    """Every character a match of the parsed ``items`` can start with (literals and sets)."""
    for op, av in items:
        if op is _constants.AT:
            continue  # \b: no character
        if op is _constants.LITERAL:
            return [chr(av)]
        if op is _constants.IN:
            out = []
            for kind, value in av:
                if kind is _constants.LITERAL:
                    out.append(chr(value))
                elif kind is _constants.RANGE:
                    out += [chr(c) for c in range(value[0], value[1] + 1)]
                else:
                    raise AssertionError(f"unexpected set item {kind}")
            return out
        if op is _constants.SUBPATTERN:
            return _first_characters(list(av[3]))
        if op is _constants.BRANCH:
            return [c for branch in av[1] for c in _first_characters(list(branch))]
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and av[0] >= 1:
            return _first_characters(list(av[2]))
        raise AssertionError(f"a pattern opening with {op} needs a look at this test")
    raise AssertionError("a pattern that can match the empty string")


@pytest.mark.parametrize("name", ["_LATIN_PARTY", "_EN_WORKPLACE", "_EN_KIND"])
def test_look_ahead_names_every_first_letter_of_the_pattern(name: str) -> None:
    from newsflow.text import organisations

    pattern = getattr(organisations, name)
    items = list(_parser.parse(pattern.pattern, pattern.flags))
    assert items[0][0] is _constants.ASSERT  # the look-ahead
    look_ahead = re.compile(pattern.pattern[: pattern.pattern.index("\\b")], pattern.flags)
    firsts = _first_characters(items[1:])
    assert firsts
    for ch in firsts:
        assert look_ahead.match(ch), (name, ch)


_SPAN = st.tuples(st.integers(0, 30), st.integers(0, 30))


@settings(max_examples=400, deadline=None)
@given(st.lists(_SPAN, max_size=8), _SPAN)
@example([(5, 5)], (3, 7))
@example([(3, 7)], (5, 5))
@example([(0, 10), (2, 3)], (5, 6))
def test_overlap_test_equals_a_scan_of_every_span(spans: list[tuple[int, int]], span: tuple[int, int]) -> None:
    from newsflow.text.enrich import _overlap_test

    s, e = span
    assert _overlap_test(spans)(s, e) == any(a < e and s < b for a, b in spans)


def test_the_arabic_people_rules_read_each_distinct_word_once() -> None:
    from newsflow.text import people
    from newsflow.text.enrich import find_names

    sentence = "وقال الرئيس التركي رجب طيب أردوغان إن المباحثات مع الوزير أحمد يلماز مثمرة، ثم أضاف لاعب الفريق الهدف الثاني."
    text = f"{sentence}\n\n{sentence} {sentence}"
    distinct = {w for w, _, _ in entity_words(text)}
    people._OPENS.clear()  # the per-word memo the loop reads, and the test it remembers
    people._opens.cache_clear()
    people._scoring_verb.cache_clear()
    find_names(text, "ar")
    # one test per distinct word, not one per occurrence (the loop skips the words it has no use for)
    assert people._opens.cache_info().misses == len(distinct)
    assert people._scoring_verb.cache_info().misses == len(distinct)
    assert len(people._OPENS) == len(distinct)


def _gated_patterns() -> list[str]:
    from newsflow.text import organisations

    names = {id(v): k for k, v in vars(organisations).items() if isinstance(v, re.Pattern)}
    return [names[id(p)] for p in organisations._NEEDED]


@pytest.mark.parametrize("name", _gated_patterns())
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_text_a_pattern_matches_holds_one_of_the_words_it_needs(name: str, data: st.DataObject) -> None:
    from newsflow.text import organisations

    pattern = getattr(organisations, name)
    text = data.draw(st.from_regex(pattern, fullmatch=False))
    assert pattern.search(text)
    assert any(word in text for word in organisations._NEEDED[pattern]), (name, text)
    gated = [(m.span(), m.groups()) for m in organisations._matches(pattern, text)]
    assert gated == [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _labels() -> list[tuple[str, ...]]:
    from newsflow.text.subjects import _CURATED_TERMS, _LABEL_TERMS

    labels = sorted({label_terms for labels in _LABEL_TERMS.values() for _, label_terms in labels})
    return labels + sorted({(t,) for table in _CURATED_TERMS.values() for t in table})


# whole labels, labels missing a term, repeated: the stories' terms that can name a topic
_STORY_TERMS = st.lists(
    st.tuples(st.sampled_from(_labels()), st.booleans(), st.integers(1, 3)), max_size=12
).map(lambda drawn: [t for terms, whole, n in drawn for t in (terms if whole else terms[:-1]) * n])


@settings(max_examples=300, deadline=None)
@given(_STORY_TERMS, st.sampled_from(["ar", "en", "tr"]))
def test_topic_scores_equal_the_plain_minimum_over_each_label(terms: list[str], language: str) -> None:
    from collections import Counter, defaultdict

    from newsflow.text.mediatopics import label
    from newsflow.text.subjects import (
        _CURATED_TERMS,
        _LABEL_TERMS,
        MAX_SUBJECTS,
        MIN_SCORE,
        choose_subjects,
    )

    counts = Counter(terms)
    scores: dict[str, float] = defaultdict(float)
    table = _CURATED_TERMS.get(language, _CURATED_TERMS["en"])
    for term in counts:
        if term in table:
            scores[table[term]] += counts[term]
        for qcode, label_terms in _LABEL_TERMS.get(term, ()):
            hits = min(counts.get(t, 0) for t in label_terms)
            if hits:
                scores[qcode] += 0.5 * hits
    best = sorted((i for i in scores.items() if i[1] >= MIN_SCORE), key=lambda i: (-i[1], i[0]))
    assert [(s.qcode, s.name) for s in choose_subjects(terms, language)] == [
        (q, label(q, language)) for q, _ in best[:MAX_SUBJECTS]
    ]


def _place_pieces() -> list[tuple[str, ...]]:
    """Keys of the place index as words (whole, cut short, capitalised) and a few other words."""
    from newsflow.text.gazetteer import load

    index, _ = load()
    keys = [tuple(k.split()) for k in sorted(k for k in index if " " in k)[::25]]
    keys += [tuple(k.split()) for k in sorted(index)[::300]]
    pieces = keys + [k[:-1] for k in keys if len(k) > 1]
    pieces += [tuple(w.title() for w in k) for k in pieces if all(w.isascii() for w in k)]
    return [*sorted(set(pieces)), ("the",), ("في",), ("New",), ("وال",), ("x",)]


# place names next to each other, whole or cut short: the same first word before different words
_PLACE_WINDOWS = st.lists(st.sampled_from(_place_pieces()), min_size=1, max_size=5).map(
    lambda pieces: tuple(w for piece in pieces for w in piece)
)


@settings(max_examples=500, deadline=None)
@given(_PLACE_WINDOWS)
def test_a_remembered_place_match_equals_the_match_at_the_words(window: tuple[str, ...]) -> None:
    from newsflow.text.gazetteer import _heads_of, _match_at, _match_remembered, load

    index, longest_at = load()
    for i, word in enumerate(window):
        heads = _heads_of(word)
        if heads:
            expected = _match_at(window, i, heads, index, longest_at)
            assert _match_remembered(window, i, heads) == expected  # met first or remembered
            assert _match_remembered(window, i, heads) == expected  # remembered
            assert _match_remembered(window[: i + 1], i, heads) == _match_at(window[: i + 1], i, heads, index, longest_at)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_text_the_english_place_pattern_matches_holds_one_of_the_words_it_needs(data: st.DataObject) -> None:
    from newsflow.text.place_patterns import _EN_PLACE, _EN_PLACE_NEEDS

    text = data.draw(st.from_regex(_EN_PLACE, fullmatch=False))
    assert _EN_PLACE.search(text)
    assert any(word in text for word in _EN_PLACE_NEEDS), text


_SENTENCE_TEXT = st.lists(
    st.sampled_from([*"aB .!?…؟؛\"«»“”„‹›'’)]( \n\t", "Mr", "U.S.", "3.5", "ب", "\u00a0", "\u2029"]),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_SENTENCE_TEXT, st.sampled_from(["ar", "en", "tr"]))
@example('He said: "Peace." Next one.\n\nA b', "en")
@example("x.\u00a0Y z", "en")
def test_sentences_are_runs_of_whole_pieces(text: str, language: str) -> None:
    # abbreviate takes each sentence's terms from the body's pieces (piece_terms): this must hold
    from newsflow.text.analyzer import index_terms
    from newsflow.text.sentences import split_sentences

    sentences = split_sentences(text, language)
    assert [p for s in sentences for p in s.split()] == text.split()
    assert [t for s in sentences for t in index_terms(s, language)] == index_terms(text, language)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["Rizespor", "sports", "Sivasspor'u", "transport", "spor", "Spor", "Xspor", "Alanyaspor-", "AAspor", "ve", "Göztepe", "ÇaykurRizespor"]),
        max_size=8,
    ),
    seps=st.sampled_from([" ", ", ", "-", "'", "\n"]),
)
def test_the_spor_clubs_read_back_from_spor_are_the_pattern_s_matches(words: list[str], seps: str) -> None:
    from newsflow.text import organisations

    text = seps.join(words)
    assert list(organisations._spor_clubs(text)) == [m.span(1) for m in organisations._SPOR_CLUB.finditer(text)]


_PLAIN_SIGNIFICANT = re.compile(r'[.!?…؟؛"«»“”„‹›]|\n[ \t\r\f\v]*\n\s*')


@settings(max_examples=500, deadline=None)
@given(st.one_of(_SENTENCE_TEXT, _TRICKY), st.data())
@example("a.\n\nb\n c\n \n\t\n.", None)
def test_sentence_marks_and_words_before_a_stop_equal_the_plain_definitions(text: str, data: st.DataObject | None) -> None:
    from newsflow.text import sentences
    from newsflow.text.abbreviate import _QUOTED, _quote_share

    # the class-first pattern also matches a line break alone, which the splitter passes over
    marks = [(m.start(), m[0]) for m in sentences._SIGNIFICANT.finditer(text) if m[0] != "\n"]
    assert marks == [(m.start(), m[0]) for m in _PLAIN_SIGNIFICANT.finditer(text)]
    assert sentences._has_quote_mark(text) == bool(re.search('["«»“”„‹›]', text))
    assert _quote_share(text) == sum(len(m[0]) for m in _QUOTED.finditer(text)) / max(len(text), 1)
    ends = range(len(text) + 1) if data is None else [data.draw(st.integers(0, len(text)))]
    for end in ends:
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        assert sentences._word_before(text, end) == text[start:end]


@pytest.mark.parametrize("name", ["_EN_WORKPLACE", "_EN_KIND"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_text_a_workplace_or_kind_pattern_matches_passes_its_piece_test(name: str, data: st.DataObject) -> None:
    from newsflow.text import organisations

    pattern = getattr(organisations, name)
    # drawn from the pattern without its look-ahead (which the generator cannot fill), a match of
    # the whole pattern all the same (test_look_ahead_names_every_first_letter_of_the_pattern)
    bare = re.compile(pattern.pattern[pattern.pattern.index("\\b") :], pattern.flags)
    text = data.draw(st.from_regex(bare, fullmatch=False))
    expected = [m.span() for m in (*organisations._EN_WORKPLACE.finditer(text), *organisations._EN_KIND.finditer(text))]
    assert [m.span() for m in organisations._workplaces_and_kinds(text)] == expected
    assert expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abcAB .(%", min_size=1, max_size=6), min_size=1, max_size=12), st.text(alphabet="abcAB .(%", max_size=40))
def test_the_trie_of_words_finds_one_where_the_alternation_does(words: list[str], text: str) -> None:
    from newsflow.text.organisations import _holds_any, _trie

    plain = re.search("|".join(map(re.escape, words)), text) is not None
    assert (re.search(_trie(set(words)), text) is not None) == plain
    assert _holds_any(tuple(words))(text) == plain


@settings(max_examples=400, deadline=None)
@given(_TRICKY, _TRICKY)
@example("Headline ", " body\n")
@example("", "")
def test_a_story_texts_pieces_are_its_headlines_and_bodys(headline: str, body: str) -> None:
    from newsflow.text.tokenize import split_pieces, story_text

    text = story_text(headline, body)
    assert text == f"{headline}\n\n{body}"
    assert split_pieces(text) == tuple(text.split())
