"""Failure kinds met on the heldout17 stories, each written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own
writing and name other venues, companies and nouns, so a rule that only memorised a
held-out name would not pass them.
"""

from __future__ import annotations

from tests.unit.text.found import names as _names


def test_a_venue_named_after_a_person_names_no_person() -> None:
    text = "وتقام المباراة النهائية على ستاد الأمير عبد الله الفيصل بجدة، بعد أن أقلع الفريق من مطار الملك عبد العزيز الدولي."
    assert _names(text, "ar", "person") == []
    text = "ويلعب الفريق مباراته المقبلة في ملعب خليفة بن زايد بمدينة العين."
    assert _names(text, "ar", "person") == []


def test_a_person_after_a_title_near_a_venue_is_still_found() -> None:
    text = "وافتتح الرئيس محمد بن زايد ملعبا جديدا في أبوظبي."
    assert _names(text, "ar", "person") == ["محمد بن زايد"]


def test_a_share_is_no_person() -> None:
    text = "وتراجع سهم الأهلي 1.4 بالمئة في ختام تعاملات الخميس."
    assert _names(text, "ar", "person") == []


def test_a_place_written_as_an_adjective_after_a_definite_noun_is_no_place() -> None:
    text = "وقالت الحكومة السعودية إن الخارجية السعودية تتابع الوضع."
    assert _names(text, "ar", "place") == []
    text = "وزار وزير الخارجية التركي السعودية الأسبوع الماضي."
    assert _names(text, "ar", "place") == ["المملكة العربية السعودية"]


def test_a_place_after_its_kind_that_opens_with_santa_is_never_cut_to_santa() -> None:
    text = "وقال حاكم ولاية سانتا كاتارينا إن الأمطار توقفت."
    assert _names(text, "ar", "place") == ["سانتا كاتارينا"]
    text = "وقع الحادث في إقليم سانتا في شمالي البلاد."
    assert "سانتا" not in _names(text, "ar", "place")
