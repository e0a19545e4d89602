"""Failure kinds met on the heldout33 stories (Sudanese ceasefire talks, a Lebanese cabinet
session, an Iraqi oil contract, a Jordanian parliament vote, Libya's election commission, an
Omani port deal, a Yemeni aid convoy, a Tunisian court ruling, an Algerian gas deal, a Somali
drought, a Palestinian health ministry statement, Syria's new banknotes; a Thai rate cut, a Tonga
earthquake, a football transfer, a Central African election), each written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own writing
and name other people, bodies and places, so a rule that only memorised a held-out name would
not pass them.
"""

from __future__ import annotations

from tests.unit.text.found import mentions as _mentions
from tests.unit.text.found import names as _names


def test_frequent_given_names_open_a_titled_name() -> None:
    text = "وقال وزير الصحة ماجد أبو سعدة إن المستشفيات تعمل بطاقتها القصوى."
    assert _mentions(text, "ar", "person") == ["ماجد أبو سعدة"]
    text = "وقال وزير الأشغال جوزيف نعمان إن الطريق سيفتح الشهر المقبل."
    assert _mentions(text, "ar", "person") == ["جوزيف نعمان"]
    text = "وقالت وزيرة الثقافة غادة شلبي إن المهرجان سيعود."
    assert _mentions(text, "ar", "person") == ["غادة شلبي"]


def test_towns_the_curated_table_now_holds() -> None:
    text = "ووصلت الشاحنات إلى رفح ونابلس، فيما أغلقت الطرق بين زليتن والمكلا."
    assert _mentions(text, "ar", "place") == ["رفح", "نابلس", "زليتن", "المكلا"]
    text = "وتراجعت صادرات جنوب شرق آسيا وقطاع الصيد في صقلية."
    assert _mentions(text, "ar", "place") == ["جنوب شرق آسيا", "صقلية"]


def test_a_court_named_by_its_town_is_one_body() -> None:
    # the town is in the index (as a town the curated table now holds can be): the court's name holds it
    text = "وأصدرت محكمة بنغازي حكما بسجن المتهمين."
    assert _mentions(text, "ar", "organisation") == ["محكمة بنغازي"]
    assert _mentions(text, "ar", "place") == []


def test_a_utility_named_by_what_it_supplies_and_its_country() -> None:
    text = "وقالت مؤسسة مياه لبنان إن الضخ سيستأنف غدا."
    assert _mentions(text, "ar", "organisation") == ["مؤسسة مياه لبنان"]
    assert _mentions(text, "ar", "place") == []


def test_a_capitals_municipality_before_its_city_and_honestly_no_body() -> None:
    text = "وأعلنت أمانة بغداد إغلاق الجسر للصيانة."
    assert _mentions(text, "ar", "organisation") == ["أمانة بغداد"]
    text = "وقال بكل أمانة إن الوضع صعب."
    assert _mentions(text, "ar", "organisation") == []


def test_an_abbreviated_country_keeps_its_last_dot() -> None:
    text = "The yen weakened as new U.S. tariffs took effect, while U.K. exporters waited."
    assert _mentions(text, "en", "place") == ["U.S.", "U.K."]


def test_a_country_before_a_portfolio_and_a_title_is_a_place() -> None:
    text = "Talks went on late into the night, and Japan Finance Minister Katsunobu Kato said a deal was close after several meetings."
    assert _mentions(text, "en", "place") == ["Japan"]
    assert _names(text, "en", "person") == ["Katsunobu Kato"]


def test_a_team_named_by_its_town_leaves_the_town_a_place() -> None:
    text = "The striker said the Lisbon club had made the better offer after weeks of talks."
    assert _mentions(text, "en", "place") == ["Lisbon"]


def test_a_list_of_names_after_a_plural_kind_and_of() -> None:
    text = "Heavy rain hit the districts of Kasese and Bundibugyo on Sunday, officials said."
    assert _mentions(text, "en", "place") == ["Kasese", "Bundibugyo"]


def test_a_nisba_adjective_after_wa_is_no_country_without_the_article() -> None:
    # والمالي "and the financial": و + the article + مالي is the adjective, not Mali
    text = "وقال القطب القضائي الاقتصادي والمالي إن التحقيق في الصفقة مستمر."
    assert _mentions(text, "ar", "place") == []
    text = "وأكدت الهيئة أن الدعم الفني وبالمالي سيصل إلى البلديات."
    assert _mentions(text, "ar", "place") == []
    # the country itself after و is still read
    text = "ووصل الوفد إلى النيجر ومالي لبحث الأمن في منطقة الساحل."
    assert "مالي" in _mentions(text, "ar", "place")


def test_a_hamza_below_is_no_madda_of_a_company() -> None:
    # الإبل "the camels" is no آبل (Apple): a writer may drop a hamza, not turn آ into إ
    text = "وارتفعت صادرات الأغنام والإبل إلى دول الخليج بنسبة عشرة في المئة."
    assert _mentions(text, "ar", "organisation") == []
    text = "وقالت شركة آبل إن مبيعاتها ارتفعت، كما أعلنت أبل عن هاتف جديد."
    assert _names(text, "ar", "organisation") == ["آبل"]
