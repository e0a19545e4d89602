"""Failure kinds met on the heldout34 stories (a Mauritanian fisheries protocol, a Bahraini
election, a Djiboutian port, a Comoros cabinet, Suez Canal revenue, a Kuwaiti bourse close, a
Qatari LNG contract, a Hajj briefing, a Baghdad–Erbil budget dispute, a Moroccan stadium, an
Emirati satellite, a Caspian summit; an Indonesian volcano, a Brazilian court ruling, Indian
monsoon floods, a Canadian wildfire; a Kızılay aid ship, a Borsa İstanbul close, a basketball
game, an Aegean earthquake drill), each written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own writing
and name other people, bodies and places, so a rule that only memorised a held-out name would
not pass them.
"""

from __future__ import annotations

from tests.unit.text.found import mentions as _mentions


def test_states_and_provinces_named_alone_are_places() -> None:
    text = "Crews battled fires in Alberta and British Columbia, while a heat wave hit Texas and Nevada."
    assert _mentions(text, "en", "place") == ["Alberta", "British Columbia", "Texas", "Nevada"]
    text = "Floods cut roads on Lombok and Java on Monday, officials said."
    assert _mentions(text, "en", "place") == ["Lombok", "Java"]
    text = "وضربت العاصفة ولاية فلوريدا قبل أن تتجه إلى لويزيانا."
    assert _mentions(text, "ar", "place") == ["فلوريدا", "لويزيانا"]


def test_towns_the_curated_table_now_holds() -> None:
    text = "Yangın Marmaris ve Bodrum'da etkili oldu, Fethiye'de ise kontrol altına alındı."
    assert _mentions(text, "tr", "place") == ["Marmaris", "Bodrum", "Fethiye"]
    text = "وافتتح المصنع في الوكرة، فيما تقرر توسيع ميناء الصيد في روصو."
    assert _mentions(text, "ar", "place") == ["الوكرة", "روصو"]
    text = "ووصلت المساعدات إلى أرض الصومال وإقليم كردفان."
    assert _mentions(text, "ar", "place") == ["أرض الصومال", "كردفان"]


def test_the_aegean_named_alone_in_turkish() -> None:
    text = "Meteoroloji, Ege'de sağanak yağış beklendiğini açıkladı."
    assert _mentions(text, "tr", "place") == ["Ege"]


def test_greek_and_central_asian_given_names_open_a_titled_name() -> None:
    text = "وقال المفوض الأوروبي لشؤون مصايد الأسماك والمحيطات يانيس باباس، في بيان، إن الاتفاق جيد."
    assert _mentions(text, "ar", "person") == ["يانيس باباس"]
    text = "وشارك في القمة الرئيس التركمانستاني رستم بردي محمدوف، والأمين العام لمنظمة شنغهاي."
    assert _mentions(text, "ar", "person") == ["رستم بردي محمدوف"]
    text = "وشارك في القمة الرئيس الطاجيكي رستم إمام علي، والأمين العام لمنظمة شنغهاي."
    assert _mentions(text, "ar", "person") == ["رستم إمام علي"]


def test_the_word_after_abd_alone_is_no_mention_of_the_name() -> None:
    text = "وقال الوزير حسين عبد الرسول إن الرسول الكريم قدوة."
    assert _mentions(text, "ar", "person") == ["حسين عبد الرسول"]
    text = "وقال النائب جاسم عبد الأمير إن المجلس سيصوت. وأضاف عبد الأمير أن الجلسة مؤجلة."
    assert _mentions(text, "ar", "person") == ["جاسم عبد الأمير", "عبد الأمير"]


def test_mohamed_al_amin_is_a_compound_given_name() -> None:
    text = "وقال النائب محمد الأمين عبد الله إن الحكومة فشلت."
    assert _mentions(text, "ar", "person") == ["محمد الأمين عبد الله"]
    text = "وانتقد زعيم المعارضة محمد الأمين بوخريص القرار، معتبرا أنه متسرع."
    assert _mentions(text, "ar", "person") == ["محمد الأمين بوخريص"]
    assert _mentions(text, "ar", "place") == []


def test_a_family_name_after_a_patronymic_chain_closed_by_punctuation() -> None:
    text = "وقال وزير المالية خالد بن سعود المحاسبة، في بيان، إن العجز تراجع."
    assert _mentions(text, "ar", "person") == ["خالد بن سعود المحاسبة"]


def test_a_party_named_in_quotes_after_its_kind_word() -> None:
    text = 'وقال المتحدث باسم حزب "التجمع الوطني" الحاكم يحيى بوعزة إن التعديل جيد.'
    assert _mentions(text, "ar", "organisation") == ["التجمع الوطني"]
    assert _mentions(text, "ar", "person") == ["يحيى بوعزة"]


def test_a_college_and_a_governorship_are_bodies() -> None:
    text = "Ligin 8. haftasında Bahçeşehir Koleji, sahasında Darüşşafaka'yı 91-84 yendi. Bahçeşehir Koleji'nde Jordan Theodore 21 sayı attı."
    assert _mentions(text, "tr", "organisation") == ["Bahçeşehir Koleji", "Bahçeşehir Koleji"]
    assert _mentions(text, "tr", "person") == ["Jordan Theodore"]
    text = "Tatbikatı Muğla Valiliği'ndeki kriz masasından izleyen Vali İdris Akbıyık açıklama yaptı."
    assert _mentions(text, "tr", "organisation") == ["Muğla Valiliği"]
    assert _mentions(text, "tr", "place") == []


def test_a_noun_in_a_case_form_opening_the_sentence_is_no_part_of_a_name() -> None:
    text = "Karşılaşmayı Ali Şahin, Cem Papila ve Emre Kaya yönetti."
    assert _mentions(text, "tr", "person") == ["Ali Şahin", "Cem Papila", "Emre Kaya"]
    text = "Toplantıya Türkiye Yazarlar Derneği Başkanı Nazmi Bilgin de katıldı."
    assert _mentions(text, "tr", "organisation") == ["Türkiye Yazarlar Derneği"]
