"""Failure kinds met on the heldout16 stories, each written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own
writing and name other towns, people and bodies, so a rule that only memorised a
held-out name would not pass them.
"""

from __future__ import annotations

from newsflow.text.enrich import find_names
from tests.unit.text.found import mentions as _spans
from tests.unit.text.found import names as _names


def test_northern_cyprus_is_one_place_in_all_three_languages() -> None:
    text = "وصل رئيس جمهورية شمال قبرص التركية المنتخب كمال أوزدمير إلى أنقرة، ثم زار شمال قبرص."
    assert _spans(text, "ar", "place").count("جمهورية شمال قبرص التركية") == 1
    assert "قبرص" not in _spans(text, "ar", "place")
    assert _names(text, "ar", "person") == ["كمال أوزدمير"]
    text = "Kuzey Kıbrıs Türk Cumhuriyeti (KKTC) Başbakanı Ali Kaya, Ankara'ya geldi. KKTC'de seçim yapılacak."
    assert _names(text, "tr", "organisation") == []
    assert _spans(text, "tr", "place").count("KKTC") == 2
    text = "The Turkish Republic of Northern Cyprus (TRNC) held a vote on Sunday."
    assert _names(text, "en", "organisation") == []
    assert _names(text, "en", "place") == ["Northern Cyprus"]


def test_a_body_before_a_role_and_a_name_is_no_person() -> None:
    text = (
        "CARDIFF (AA) - Plaid Cymru emerged as the largest party in the assembly, results showed.\n"
        "Plaid Cymru leader Rhun Jones said he would talk to other parties."
    )
    assert _names(text, "en", "person") == ["Rhun Jones"]
    orgs = [(s.name, [text[a:b] for a, b in s.mentions]) for s in find_names(text, "en") if s.kind == "organisation"]
    assert ("Plaid Cymru", ["Plaid Cymru", "Plaid Cymru"]) in orgs, orgs
    # a title or a place before the role names no body
    text = "President Ana Costa spokesman Rui Lopes said. Ireland coach Tom Byrne agreed."
    assert [n for n in _names(text, "en", "organisation") if n != "Anadolu Agency"] == []
    # a spokesman speaks for a person as often as for a body: no body is suggested from it
    text = "LISBON (AA) - Ana Costa spokesman Rui Lopes said the talks would go on."
    assert [n for n in _names(text, "en", "organisation") if n != "Anadolu Agency"] == []
    assert "Rui Lopes" in _names(text, "en", "person")


def test_a_player_named_only_by_a_scoring_verb() -> None:
    text = (
        "Porto beat Braga 2-0 on Sunday.\n"
        "Joao Mendes opened the scoring in the 20th minute and Rui Costa Pinto doubled the lead.\n"
    )
    assert _names(text, "en", "person") == ["Joao Mendes", "Rui Costa Pinto"]
    # a club's name before the same verbs is no person
    text = "Leeds beat Stoke 2-1.\nAston Villa pulled one back late and Stoke City doubled the pressure."
    assert _names(text, "en", "person") == []
    # outside a match report (no score line) the verb is no evidence
    text = "Shares of Acme Steel doubled the gains of the index on Monday."
    assert _names(text, "en", "person") == []


def test_taoiseach_is_a_title() -> None:
    text = "Outgoing Taoiseach Sean Kelly said talks would begin on Monday."
    assert _names(text, "en", "person") == ["Sean Kelly"]


def test_a_spokesman_for_a_body_in_construct_then_the_name() -> None:
    text = "وقال المتحدث باسم مكتب الإعلام الحكومي سامي بوكاري إن الحكومة ستواصل جهودها."
    assert _names(text, "ar", "person") == ["سامي بوكاري"]


def test_the_prosecutor_is_a_title() -> None:
    text = "وقال المدعي العام ميرزو أكراموف إن التحقيقات أثبتت ذلك."
    assert _names(text, "ar", "person") == ["ميرزو أكراموف"]


def test_a_particle_before_a_names_da_belongs_to_the_name() -> None:
    text = "وقال الرئيس البرتغالي مارسيلو ريبيلو دي سوزا إن البلدين سيوقعان اتفاقا."
    assert _names(text, "ar", "person") == ["مارسيلو ريبيلو دي سوزا"]
    text = "استقبل الرئيس التركي نظيره البرازيلي لويس إيناسيو لولا دا سيلفا في إسطنبول."
    assert _names(text, "ar", "person") == ["لويس إيناسيو لولا دا سيلفا"]


def test_a_player_after_a_verb_of_scoring_before_what_he_scored() -> None:
    text = (
        "وافتتح فريد مانع التسجيل في الدقيقة 12، ثم أضاف يوسف حمدان الهدف الثاني، قبل أن يعادل"
        " لاعب الضيوف النتيجة. وأضاف ريال مدريد الهدف الثالث."
    )
    assert _names(text, "ar", "person") == ["فريد مانع", "يوسف حمدان"]


def test_a_foreign_name_closed_by_inna_keeps_a_short_word_that_reads_as_a_verb() -> None:
    text = "وقال نائب وزير المالية الكوري الجنوبي كيو يون تشول إن الحكومة ستواصل دعمها."
    assert _names(text, "ar", "person") == ["كيو يون تشول"]


def test_its_governor_is_no_governorate() -> None:
    text = "ونقلت الوكالة عن البنك أن محافظه تشو سانغ مين سيزور طوكيو."
    assert "تشو" not in _spans(text, "ar", "place")


def test_an_exchange_or_a_bank_named_by_a_country_that_is_also_a_noun() -> None:
    text = "أغلق المؤشر الرئيسي في بورصة كوريا مرتفعا، وأبقى بنك روسيا سعر الفائدة دون تغيير."
    assert _names(text, "ar", "organisation") == ["بورصة كوريا", "بنك روسيا"]
    assert _names(text, "ar", "place") == []
