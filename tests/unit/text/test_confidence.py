"""Confidence of name suggestions: what follows a name, the first-run table, the sure line."""

from __future__ import annotations

import json

import pytest

from newsflow.services.suggestions import Job, suggestions
from newsflow.text import enrich
from newsflow.text.confidence import ENDINGS, SURE, TABLE, confidence, ending, is_sure
from newsflow.text.evaluation import KINDS
from newsflow.text.mentions import REASONS


def _after(text: str, name: str, language: str) -> str:
    return ending(text, text.index(name) + len(name), language)


@pytest.mark.parametrize(
    ("text", "name", "language", "expected"),
    [
        ("استقبل الرئيس عبد المجيد تبون، الخميس، الضيف", "عبد المجيد تبون", "ar", "punctuation"),
        ("وقال الوزير سامر الحلبي إن الحكومة ستدعم القطاع", "سامر الحلبي", "ar", "clause opener"),
        ("وقال الوزير سامر الحلبي في بيان", "سامر الحلبي", "ar", "function word"),
        ("الوزير سامر الحلبي يستقبل الوفد", "سامر الحلبي", "ar", "verb"),
        ("أعلن الوزير سامر الحلبي مذكرة تفاهم", "سامر الحلبي", "ar", "other word"),
        ("عاد الوفد إلى دمشق\nوقال", "دمشق", "ar", "line end"),
        ("Minister Jane Doe said that talks went on", "Jane Doe said", "en", "clause opener"),
        ("Minister Jane Doe of Ruritania spoke", "Jane Doe", "en", "function word"),
        ("the Toyota Motor board met", "Toyota", "en", "capitalised word"),
        ("Minister Jane Doe spoke", "Jane Doe", "en", "other word"),
        ("Bakan Ali Veli, dün", "Ali Veli", "tr", "punctuation"),
        ("the end", "end", "en", "line end"),
    ],
)
def test_what_follows_a_name(text: str, name: str, language: str, expected: str) -> None:
    assert expected in ENDINGS
    assert _after(text, name, language) == expected


def test_the_table_holds_first_run_counts_for_every_language_and_kind() -> None:
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    assert table["parts"] and all(part.startswith("heldout") for part in table["parts"])
    seen = set()
    for cell in table["cells"]:
        assert cell["reason"] in REASONS and cell["ending"] in ENDINGS and cell["kind"] in KINDS
        assert 0 <= cell["right"] <= cell["suggested"]
        seen.add((cell["language"], cell["kind"]))
    assert seen == {(lang, kind) for lang in ("ar", "en", "tr") for kind in KINDS}


def test_a_name_cut_before_an_ordinary_word_is_less_sure_than_one_closed_by_punctuation() -> None:
    closed = confidence("ar", "person", "title", "punctuation")
    open_ended = confidence("ar", "person", "title", "other word")
    assert 0 < open_ended < closed <= 1
    assert closed >= SURE > open_ended


def test_a_cell_the_first_runs_never_saw_falls_back_to_the_broader_share() -> None:
    # no first-run suggestion had this reason: the share of the language and kind stands
    assert confidence("ar", "person", "no such reason", "other word") == pytest.approx(
        confidence("ar", "person", "no such reason", "punctuation"))
    assert confidence("xx", "person", "title", "punctuation") == pytest.approx(0.8)


STORY = (
    "استقبل الرئيس التركي رجب طيب أردوغان، الخميس، في أنقرة رئيس الوزراء البريطاني كير ستارمر.\n"
    "وأعلن وزير الداخلية سامر الحلبي مذكرة تفاهم مع الجانب البريطاني."
)


def test_every_suggestion_is_rated_and_publishing_fills_in_only_the_sure_ones() -> None:
    found = enrich(STORY, language="ar")
    assert found.suggestions and all(s.confidence is not None and 0 < s.confidence <= 1 for s in found.suggestions)
    sure = {s.name for s in found.suggestions if is_sure(s)}
    unsure = {s.name for s in found.suggestions if not is_sure(s)}
    assert "رجب طيب أردوغان" in sure
    assert unsure, [(s.name, s.confidence) for s in found.suggestions]  # the name before مذكرة is in doubt
    changes = suggestions(Job(f"<p>{STORY}</p>", "", "ar", None, abbreviation=False, names=True))
    filled = {*changes["people"], *changes["places"], *changes["organisations"]}  # type: ignore[misc]
    assert filled == sure and not filled & unsure
