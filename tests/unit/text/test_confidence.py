"""Confidence of name suggestions: what follows a name, the model fitted on first runs, the sure line."""

from __future__ import annotations

import json

import pytest

from newsflow.services.suggestions import Job, suggestions
from newsflow.text import enrich
from newsflow.text.confidence import ENDINGS, SURE, TABLE, confidence, ending, fit, is_sure
from newsflow.text.evaluation import KINDS
from newsflow.text.mentions import REASONS, Suggestion


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


def test_the_model_was_fitted_on_first_runs_of_every_language_and_kind() -> None:
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    assert table["parts"] and all(part.startswith("heldout") for part in table["parts"])
    assert 0 < table["right"] < table["suggestions"]
    cells = {name for name in table["weights"] if name.count(" ") == 1}
    assert cells == {f"{lang} {kind}" for lang in ("ar", "en", "tr") for kind in KINDS}
    reasons = {name.split("=", 1)[1] for name in table["weights"] if " reason=" in name}
    endings = {name.split("=", 1)[1] for name in table["weights"] if " ending=" in name}
    assert reasons <= set(REASONS) and endings <= set(ENDINGS)


def _rate(text: str, name: str, language: str, kind: str = "person", reason: str = "title") -> float:
    start = text.index(name)
    return confidence(text, language, Suggestion(kind, name, reason, "", ((start, start + len(name)),)))


def test_a_name_cut_before_an_ordinary_word_is_less_sure_than_one_closed_by_punctuation() -> None:
    closed = _rate("وأعلن وزير الداخلية سامر الحلبي، الخميس، مذكرة تفاهم.", "سامر الحلبي", "ar")
    open_ended = _rate("وأعلن وزير الداخلية سامر الحلبي مذكرة تفاهم.", "سامر الحلبي", "ar")
    assert 0 < open_ended < closed <= 1
    assert closed >= SURE > open_ended


def test_a_one_word_person_is_never_sure() -> None:
    assert _rate("وقال الوزير الحلبي، الخميس، إن الحكومة ستدعم القطاع.", "الحلبي", "ar") < SURE


def test_a_language_the_first_runs_never_saw_gets_a_middling_rating() -> None:
    assert _rate("Le ministre Jean Dupont, jeudi, a dit", "Jean Dupont", "fr") == pytest.approx(0.8)


def test_fitting_learns_which_facts_tell_right_from_wrong() -> None:
    rows = [(["ar person", "ar person ending=punctuation"], True)] * 40
    rows += [(["ar person", "ar person ending=other word"], i % 4 == 0) for i in range(40)]
    model = fit(rows)
    closed = model.probability(["ar person", "ar person ending=punctuation"])
    open_ended = model.probability(["ar person", "ar person ending=other word"])
    assert closed > 0.9 and 0.15 < open_ended < 0.35
    assert fit(rows).weights == model.weights  # deterministic
    assert model.probability(["fr person", "fr person ending=punctuation"]) == pytest.approx(0.8)


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
