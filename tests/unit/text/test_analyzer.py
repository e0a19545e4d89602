"""The search analyzer: documents and queries meet on the same terms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.text.analyzer import index_terms, query_terms


@pytest.mark.parametrize(
    "variants",
    [
        ("والمفاوضات", "مفاوضات", "المفاوضات", "المُفاوَضات", "المفاوضـات"),
        ("أذربيجان", "اذربيجان", "آذربيجان"),
        ("المدرسة", "مدرسه"),
        ("مستشفى", "المستشفي"),
    ],
)
def test_arabic_variants_index_the_same(variants: tuple[str, ...]) -> None:
    terms = {tuple(index_terms(v, "ar")) for v in variants}
    assert len(terms) == 1, terms
    assert next(iter(terms)) != ()


def test_stop_words_are_dropped() -> None:
    assert index_terms("قال الرئيس في باكو", "ar") == index_terms("الرئيس باكو", "ar")
    assert index_terms("The talks in Baku", "en") == ["talk", "baku"]
    assert index_terms("Bakü'de ve Ankara'da görüşmeler", "tr") == index_terms(
        "Bakü Ankara görüşmeler", "tr"
    )


def test_turkish_case_folding_in_terms() -> None:
    assert index_terms("İSTANBUL", "tr") == index_terms("istanbul", "tr")


def test_query_terms_never_empty_for_words() -> None:
    assert index_terms("the who", "en") == []
    assert query_terms("the who", "en") == ["the", "who"]
    assert query_terms("talks", "en") == index_terms("talks", "en")
    assert query_terms("", "en") == []


def test_remembered_stems_survive_a_full_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsflow.text import analyzer

    text = "والمفاوضات مع الوزير في باكو The talks in Baku were said to continue"
    first = index_terms(text, "ar"), index_terms(text, "en")
    monkeypatch.setattr(analyzer, "MAX_CACHED", 0)  # every miss now clears the table
    again = index_terms(text + " جديدة", "ar")[:-1], index_terms(text + " anew", "en")[:-1]
    assert again == first
    assert first[0][:2] == ["مفاوض", "وزير"]
    assert analyzer.analyze("The talks", "en") == [("talks", "talk")]


@pytest.mark.parametrize("language", ["ar", "en", "tr"])
def test_sentences_analysed_together_equal_one_by_one(language: str) -> None:
    from newsflow.text.analyzer import index_terms_each

    texts = [
        "ΟΔΟΣ ΣΟΦΟΣ",
        "ΣΑΣ Σ.",
        "İSTANBUL I",
        "ﷺ ﻻ ﺃﺣﻤﺪ ＡＢＣ １２３",
        "\u0301e ² ٣٫٥",
        "",
        "والمفاوضات مع الوزير.\nفي باكو",
        "The talks in Baku's port; 3.5 1.000",
    ]
    assert index_terms_each(texts, language) == [index_terms(t, language) for t in texts]
    odd = ["ends with a line feed\n", "\nstarts with one", "a\n\nblank line"]
    assert index_terms_each(odd, language) == [index_terms(t, language) for t in odd]
    assert index_terms_each([], language) == []


_PIECES = st.sampled_from(
    ["والمفاوضات", "ﷺ", "ﷲ", "ﻻ", "ﺃﺣﻤﺪ", "\ufe70", "ﱞ", "ＡＢＣ", "１２３", "\u0301", "e\u0301", "²", "٣٫٥", "ΣΟΦΟΣ",
     "Σ.", "İSTANBUL", "I", "ß", "ΐ", "ﬀ", "Bakü'de", "Baku’s", "3.5", "1,000", "_", "a_b", "المُفاوَضات", "ـ"]
)
_SPACES = st.sampled_from([" ", "\n", "\n\n", "\u00a0", "\u3000", "\u2009", "\t", "\x1f", "\u2028", "\u1680"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(_PIECES, st.text(max_size=6)), _SPACES), max_size=12),
    st.sampled_from(["ar", "en", "tr", "xx"]),
)
def test_analysis_by_pieces_equals_the_whole_text_at_once(parts: list[tuple[str, str]], language: str) -> None:
    """Tokens, pairs and terms remembered per whitespace-separated piece are the text's own."""
    from newsflow.text.analyzer import (
        _NORMALIZED_WORD_RE,
        analyze,
        analyze_tokens,
        normalized_tokens,
    )
    from newsflow.text.normalize import normalize

    text = "".join(p + s for p, s in parts)
    tokens = _NORMALIZED_WORD_RE.findall(normalize(text, language))
    assert normalized_tokens(text, language) == tokens
    pairs = analyze_tokens(tokens, language)
    assert analyze(text, language) == pairs
    assert index_terms(text, language) == [s for _, s in pairs]
