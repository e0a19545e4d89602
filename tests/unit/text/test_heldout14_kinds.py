"""Failure kinds met on the heldout14 stories, each written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own
writing and name other towns, people and bodies, so a rule that only memorised a
held-out name would not pass them.
"""

from __future__ import annotations

from newsflow.text.enrich import find_names
from tests.unit.text.found import mentions as _spans
from tests.unit.text.found import names as _names


def test_the_dateline_city_is_a_place_with_its_other_mentions() -> None:
    text = "فيضانات في نواكشوط الكبرى\n\nنواكشوط/ الأناضول\n\nغمرت الأمطار أحياء في نواكشوط، الأحد.\n"
    places = _spans(text, "ar", "place")
    assert places.count("نواكشوط") == 3, places
    # a city the index lacks, with a proclitic on a later mention
    text = "مدرسة جديدة في دوغوندوتشي\n\nدوغوندوتشي/ الأناضول\n\nافتتحت السلطات مدرسة بدوغوندوتشي، الأحد.\n"
    places = _spans(text, "ar", "place")
    assert places == ["دوغوندوتشي"] * 3, places


def test_the_dateline_city_inside_a_body_is_no_place_mention() -> None:
    text = "دوغوندوتشي/ الأناضول\n\nقضت محكمة دوغوندوتشي الابتدائية، الأحد، بسجن المتهمين.\n"
    assert _spans(text, "ar", "place") == ["دوغوندوتشي"]


def test_a_bracketed_acronym_spells_the_whole_name_across_ve_and_of() -> None:
    text = "Toplantıya Kalkınma ve Yatırım Ajansı (KYA) Başkanı Murat Demir de katıldı. KYA yeni bir plan açıkladı."
    orgs = [(s.name, [text[a:b] for a, b in s.mentions]) for s in find_names(text, "tr") if s.kind == "organisation"]
    assert orgs == [("Kalkınma ve Yatırım Ajansı", ["Kalkınma ve Yatırım Ajansı", "KYA", "KYA"])], orgs
    text = "Oil rose after the Organization of the Petroleum Exporting Countries (OPEC) met in Vienna."
    assert "Organization of the Petroleum Exporting Countries" in _names(text, "en", "organisation")


def test_a_team_named_after_a_two_word_city_is_no_person() -> None:
    text = (
        "The San Antonio Spurs beat the New Orleans Pelicans 110-98 on Friday. "
        '"We defended well," said Victor Wembanyama, who scored 30 points for the San Antonio Spurs.'
    )
    people = _names(text, "en", "person")
    assert people == ["Victor Wembanyama"], people


def test_a_surname_repeated_with_the_middle_name_is_one_mention() -> None:
    text = (
        "وقال المرشح المعارض إبراهيم كامتو نغانغو إن النتائج مزورة.\n"
        "وغادر كامتو نغانغو القاعة غاضبا، فيما التزم نغانغو الصمت لاحقا.\n"
    )
    mentions = [text[a:b] for s in find_names(text, "ar") if s.kind == "person" for a, b in s.mentions]
    assert mentions == ["إبراهيم كامتو نغانغو", "كامتو نغانغو", "نغانغو"], mentions


def test_a_given_name_geonames_holds_as_a_town_after_the_titles_nationality() -> None:
    text = "وشارك في التوقيع وزير الزراعة الكيني أورلاندو كيبتو موغامبي."
    assert _names(text, "ar", "person") == ["أورلاندو كيبتو موغامبي"]
    assert _names(text, "ar", "place") == []


def test_a_body_in_construct_with_common_nouns_completes_the_title() -> None:
    text = "ورحب رئيس غرفة تجارة وصناعة عجمان سالم الشامسي بالقرار."
    assert _names(text, "ar", "person") == ["سالم الشامسي"]
    text = "ورحب رئيس غرفة عجمان سالم الشامسي بالقرار."
    assert _names(text, "ar", "person") == ["سالم الشامسي"]
    # an adjective after the body is no noun in construct
    text = "في أول زيارة لرئيس حكومة ماليزي إلى قرغيزستان منذ سنوات."
    assert _names(text, "ar", "person") == []


def test_a_short_given_name_that_is_a_noun_and_a_verb_after_a_title() -> None:
    text = "وحضر الحفل رئيس الوزراء باب ثياو بدعوة من نظيره."
    assert _names(text, "ar", "person") == ["باب ثياو"]
    # the same word with no title, or before a word the dictionary holds, opens no name
    assert _names(text.replace("رئيس الوزراء ", ""), "ar", "person") == []
    assert _names("وقال الوزير إن باب الحوار مفتوح.", "ar", "person") == []


def test_a_quantifier_after_a_given_name_that_is_a_word_ends_the_name() -> None:
    text = "وحثت الأمم المتحدة في بيان جميع الأطراف على التهدئة."
    assert _names(text, "ar", "person") == []


def test_a_chamber_of_commerce_named_by_its_place() -> None:
    text = "ووقعت غرفة تجارة وصناعة البحرين اتفاقا مع غرفة تجارة بيروت أمس."
    assert _names(text, "ar", "organisation") == ["غرفة تجارة وصناعة البحرين", "غرفة تجارة بيروت"]
    assert _names(text, "ar", "place") == []


def test_an_analyst_and_an_outgoing_president_are_titles() -> None:
    text = "وقال المحلل الاقتصادي هوغو بيريرا إن السوق ستتعافى."
    assert _names(text, "ar", "person") == ["هوغو بيريرا"]
    text = "وهنأ الرئيس المنتهية ولايته هاكاندي هيشيليما منافسه بالفوز."
    assert _names(text, "ar", "person") == ["هاكاندي هيشيليما"]


def test_a_centre_or_a_service_heads_an_english_body() -> None:
    text = "At least 12 people died, the National Emergency Operations Centre said on Friday."
    assert _names(text, "en", "organisation") == ["National Emergency Operations Centre"]
    assert _names(text, "en", "person") == []


def test_a_surname_two_people_share_is_not_suggested_alone() -> None:
    text = (
        "Peru's former president Humala jailed for 15 years\n\n"
        "LIMA (AA) - A court on Tuesday sentenced former President Ollanta Humala to 15 years in prison.\n"
        "The ruling comes before an election in which his brother Antauro Humala leads a party.\n"
    )
    people = _names(text, "en", "person")
    assert people == ["Ollanta Humala", "Antauro Humala"], people


def test_a_presidency_after_bi_names_no_body() -> None:
    text = "وفاز مرشح المعارضة برئاسة توفالو بعد جولة ثانية."
    assert _names(text, "ar", "organisation") == []


def test_a_judge_after_a_committee_is_a_title() -> None:
    text = "وقالت رئيسة اللجنة القاضية ماريا كيبوغو إن النتائج نهائية."
    assert _names(text, "ar", "person") == ["ماريا كيبوغو"]
    assert _names(text, "ar", "organisation") == []


def test_a_lone_word_before_a_place_after_a_verb_is_a_title_in_construct() -> None:
    text = "سلطان بروناي يزور تركيا\n\nأنقرة/ الأناضول\n\nاستقبل سلطان بروناي حسن البلقية، الأربعاء، في أنقرة.\n"
    assert "سلطان" not in _names(text, "ar", "person")
