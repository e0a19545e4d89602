"""Abbreviation: invariants under generated stories, and behaviour on real copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.text.abbreviate import abbreviate
from newsflow.text.sentences import quotes_balanced, split_sentences

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"

_WORDS_EN = [
    "oil",
    "gas",
    "talks",
    "minister",
    "Baku",
    "trade",
    "pipeline",
    "summit",
    "energy",
    "deal",
    "exports",
    "Caspian",
]
_WORDS_AR = [
    "النفط",
    "الغاز",
    "المفاوضات",
    "الوزير",
    "باكو",
    "التجارة",
    "الطاقة",
    "قزوين",
    "اتفاق",
    "الصادرات",
]


@st.composite
def stories(draw: st.DrawFn) -> tuple[str, str]:
    """Plain-text stories of 1–20 sentences, some quoted, some multi-sentence quotes."""
    language = draw(st.sampled_from(["en", "ar"]))
    vocab = _WORDS_EN if language == "en" else _WORDS_AR
    stop = "." if language == "en" else draw(st.sampled_from([".", "؟", "!"]))
    paragraphs: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        sentences: list[str] = []
        for _ in range(draw(st.integers(1, 4))):
            words = draw(st.lists(st.sampled_from(vocab), min_size=1, max_size=25))
            body = " ".join(words)
            if language == "en":
                body = body[0].upper() + body[1:]
            kind = draw(st.integers(0, 3))
            if kind == 1:
                sentences.append(f'He said: "{body}{stop} {body}{stop}"')
            elif kind == 2:
                sentences.append(f"«{body}{stop}» {body}{stop}")
            else:
                sentences.append(body + stop)
        paragraphs.append(" ".join(sentences))
    return language, "\n\n".join(paragraphs)


@settings(max_examples=200, deadline=None)
@given(stories(), st.integers(5, 120), st.floats(0.05, 1.0))
def test_invariants(story: tuple[str, str], max_words: int, max_ratio: float) -> None:
    language, body = story
    source = split_sentences(body, language)
    result = abbreviate(body, language=language, max_words=max_words, max_ratio=max_ratio)
    # every output sentence is a source sentence, in original order (a subsequence)
    remaining = iter(source)
    assert all(any(s == t for t in remaining) for s in result.sentences)
    # the lead is always present
    assert result.sentences[0] == source[0]
    # within budget unless the lead alone exceeds it
    budget = min(max_words, max_ratio * result.source_words)
    lead_words = len(source[0].split())
    assert result.words <= max(budget, lead_words)
    if lead_words >= budget:
        assert result.sentences == (source[0],)
    assert result.words == sum(len(s.split()) for s in result.sentences)
    assert result.text == " ".join(result.sentences)
    # never starts or ends inside a quotation
    assert all(quotes_balanced(s) for s in result.sentences)
    # deterministic
    assert abbreviate(body, language=language, max_words=max_words, max_ratio=max_ratio) == result


def test_dateline_line_stays_with_the_lead() -> None:
    body = (
        "BAKU, Nov 28 (Agency) -\n\nPresident Putin arrived in Baku for talks on energy and trade. "
        "The two leaders discussed gas exports across the Caspian Sea and new pipelines. "
        "Weather was mild."
    )
    result = abbreviate(body, language="en", max_words=40, max_ratio=1.0)
    assert result.sentences[:2] == (
        "BAKU, Nov 28 (Agency) -",
        "President Putin arrived in Baku for talks on energy and trade.",
    )


def test_dateline_is_never_invented() -> None:
    body = "President Putin arrived in Baku for talks. They discussed gas exports at length today."
    result = abbreviate(body, language="en", dateline="BAKU, Nov 28 (Agency) -")
    assert "BAKU" not in result.text
    assert result.sentences[0] == "President Putin arrived in Baku for talks."


def test_empty_body() -> None:
    result = abbreviate("", language="en")
    assert (result.text, result.sentences, result.words) == ("", (), 0)


def test_corpus_story() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    body = (CORPUS / "000_df422cbc89eb26dc.txt").read_text(encoding="utf-8")
    result = abbreviate(body, headline="بوتين وعلييف يبحثان التجارة والطاقة في باكو")
    source = split_sentences(body, "ar")
    assert result.language == "ar"
    assert result.sentences[0] == source[0]
    assert result.words <= 60
    assert 0.05 < result.words / result.source_words <= 0.35
    assert len(result.sentences) >= 2
    assert "مشاركة" not in result.text  # the share-control fragment is not a sentence to pick
