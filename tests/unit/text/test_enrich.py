"""Enrichment on the real agency story and on our own labelled set."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsflow.text.enrich import enrich

from .labelled import STORIES

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"


def _story() -> str:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return (CORPUS / "000_df422cbc89eb26dc.txt").read_text(encoding="utf-8")


def test_corpus_story_entities() -> None:
    result = enrich(_story())
    assert result.language == "ar"
    assert {"بوتين", "علييف"} <= set(result.people)
    assert len(result.people) == 2
    assert {"باكو", "أذربيجان", "روسيا", "أرمينيا", "بحر قزوين"} <= set(result.places)
    assert "وكالة الأناضول" in result.organisations


def test_corpus_story_subjects() -> None:
    qcodes = [s.qcode for s in enrich(_story()).subjects]
    assert 1 <= len(qcodes) <= 3
    sensible = {
        "medtop:20000638",  # international relations
        "medtop:20000639",  # diplomacy
        "medtop:20001243",  # oil and gas industry
        "medtop:20000373",  # international trade
        "medtop:20000256",  # energy and resource
        "medtop:20000344",  # economy
    }
    assert set(qcodes) <= sensible
    names = [s.name for s in enrich(_story()).subjects]
    assert all(names)


def test_clitics_on_places() -> None:
    result = enrich("وصل الوفد إلى بباكو ثم لأذربيجان والسعودية وباكو.", language="ar")
    assert {"باكو", "أذربيجان", "المملكة العربية السعودية"} <= set(result.places)


def test_places_in_story_language() -> None:
    assert "Bakü" in enrich("Heyet Bakü'ye ulaştı ve Azerbaycan ile görüştü.", language="tr").places
    assert "Baku" in enrich("The delegation reached Baku.", language="en").places


def test_deterministic() -> None:
    story = STORIES[0]
    assert enrich(story["body"], headline=story["headline"]) == enrich(
        story["body"], headline=story["headline"]
    )


def _prf(kind: str) -> tuple[float, float]:
    tp = fp = fn = 0
    for story in STORIES:
        result = enrich(story["body"], headline=story["headline"], language=story["language"])
        found = set(getattr(result, kind))
        expected = story[kind]  # type: ignore[literal-required]
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


@pytest.mark.parametrize(
    ("kind", "min_precision", "min_recall"),
    [("people", 0.85, 0.8), ("places", 0.85, 0.85), ("organisations", 0.8, 0.7)],
)
def test_labelled_precision_recall(kind: str, min_precision: float, min_recall: float) -> None:
    precision, recall = _prf(kind)
    assert precision >= min_precision, precision
    assert recall >= min_recall, recall


def test_labelled_topics() -> None:
    chosen = correct = hit = 0
    for story in STORIES:
        result = enrich(story["body"], headline=story["headline"], language=story["language"])
        qcodes = {s.qcode for s in result.subjects}
        chosen += len(qcodes)
        correct += len(qcodes & story["topics"])
        hit += bool(qcodes & story["topics"])
    assert correct / chosen >= 0.8
    assert hit / len(STORIES) >= 0.9


@pytest.mark.parametrize("language", ["ar", "en", "tr"])
def test_headline_and_body_tokens_join_at_the_blank_line(language: str) -> None:
    # enrich tokenizes headline and body once each and relies on this identity.
    from newsflow.text.analyzer import normalized_tokens

    cases = [
        ("ΟΔΟΣ ΣΟΦΟΣ", "ΣΑΣ Σ"),  # Greek final sigma depends on context
        ("İSTANBUL I", "İzmir ISPARTA"),
        ("ﷺ ﻻ ﺃﺣﻤﺪ", "ＡＢＣ １２３ e\u0301 ²"),  # presentation forms, full width, combining
        ("3.5", "1.000 Bakü'de"),
        ("مُفَاوَضَات", "والمفاوضـات"),
    ]
    for headline, body in cases:
        joined = normalized_tokens(f"{headline}\n\n{body}", language)
        assert joined == normalized_tokens(headline, language) + normalized_tokens(body, language)


def test_place_index_is_built_on_first_use_not_at_import() -> None:
    import subprocess
    import sys

    code = (
        "import newsflow.text, newsflow.text.gazetteer as g\n"
        "assert g.load.cache_info().currsize == 0, 'built at import'\n"
        "newsflow.text.enrich('Talks in Baku.', language='en')\n"
        "assert g.load.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
