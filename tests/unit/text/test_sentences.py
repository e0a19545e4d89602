"""Sentence splitting: abbreviations, numbers, quotations, Arabic punctuation."""

from __future__ import annotations

import pytest

from newsflow.text.sentences import quotes_balanced, sentence_spans, split_sentences

CASES = [
    (
        "en",
        "Mr. Smith met Dr. J. Doe in the U.S. on Monday. Prices rose 3.5 percent. Next.",
        ["Mr. Smith met Dr. J. Doe in the U.S. on Monday.", "Prices rose 3.5 percent.", "Next."],
    ),
    (
        "en",
        'He said: "We will stay. We will win." Then he left! Did he? Yes.',
        ['He said: "We will stay. We will win."', "Then he left!", "Did he?", "Yes."],
    ),
    (
        "en",
        '"Will we win?" he asked. Exports hit 1.000 units, e.g. cars… Sales fell.',
        ['"Will we win?" he asked.', "Exports hit 1.000 units, e.g. cars…", "Sales fell."],
    ),
    (
        "en",
        "The deal was signed on Nov. 28 in Baku. It covers gas.",
        ["The deal was signed on Nov. 28 in Baku.", "It covers gas."],
    ),
    (
        "tr",
        "Dr. Ahmet Yılmaz, enerji vb. konuları görüştü. Fiyatlar 1.000 lira arttı. 28. madde kabul edildi.",
        [
            "Dr. Ahmet Yılmaz, enerji vb. konuları görüştü.",
            "Fiyatlar 1.000 lira arttı.",
            "28. madde kabul edildi.",
        ],
    ),
    (
        "tr",
        "Prof. Kaya „Barış gelecek. Eminim“ dedi. Toplantı sona erdi.",
        ["Prof. Kaya „Barış gelecek. Eminim“ dedi.", "Toplantı sona erdi."],
    ),
    (
        "ar",
        "هل ستأتي؟ نعم، سآتي غداً. قال: «سنعمل معاً. ونحن جاهزون». وانتهى الاجتماع؛ ثم غادر الوفد",
        [
            "هل ستأتي؟",
            "نعم، سآتي غداً.",
            "قال: «سنعمل معاً. ونحن جاهزون».",
            "وانتهى الاجتماع؛",
            "ثم غادر الوفد",
        ],
    ),
    (
        "ar",
        'وقال الرئيس: "بعد 2023، ظهر وضع مختلف. إذ حققت البلاد سيادتها". وأضاف أن النمو 3.5 في المئة.',
        [
            'وقال الرئيس: "بعد 2023، ظهر وضع مختلف. إذ حققت البلاد سيادتها".',
            "وأضاف أن النمو 3.5 في المئة.",
        ],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_split(language: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, language) == expected


def test_paragraph_break_ends_a_sentence_and_an_unclosed_quote() -> None:
    text = 'He said "we go\n\nNew paragraph here. And more.'
    assert split_sentences(text, "en") == ['He said "we go', "New paragraph here.", "And more."]


def test_spans_point_at_exact_substrings() -> None:
    text = "  First one.   Second one!\n\n Third?  "
    spans = sentence_spans(text, "en")
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third?"]


def test_empty_text() -> None:
    assert split_sentences("", "en") == []
    assert split_sentences("   \n\n ", "ar") == []


@pytest.mark.parametrize(
    ("sentence", "balanced"),
    [('He said "yes".', True), ("«نعم» قال", True), ('He said "yes.', False), ("no» here", False)],
)
def test_quotes_balanced(sentence: str, balanced: bool) -> None:
    assert quotes_balanced(sentence) is balanced
