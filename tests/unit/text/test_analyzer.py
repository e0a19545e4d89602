"""The search analyzer: documents and queries meet on the same terms."""

from __future__ import annotations

import pytest

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
