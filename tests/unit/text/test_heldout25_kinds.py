"""Failure kinds met on the heldout25 stories (sport results, markets, disasters), each written
here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own writing
and name other people, bodies and places, so a rule that only memorised a held-out name would
not pass them.
"""

from __future__ import annotations

from tests.unit.text.found import mentions as _mentions
from tests.unit.text.found import names as _names


def test_latin_bodies_ending_in_services_exchange_command_or_brokerage() -> None:
    text = "said Mark Lee, an analyst at Axis Capital Financial Services in Delhi."
    assert _names(text, "en", "organisation") == ["Axis Capital Financial Services"]
    assert _names(text, "en", "person") == ["Mark Lee"]  # not Services
    # an exchange named by its country: the country is no place mention there
    text = "Foreign funds sold shares, according to data from the Stock Exchange of Thailand."
    assert _names(text, "en", "organisation") == ["Stock Exchange of Thailand"]
    assert _names(text, "en", "place") == []
    assert _names("Deniz Kuvvetleri Komutanlığı açıklama yaptı.", "tr", "organisation") == [
        "Deniz Kuvvetleri Komutanlığı"
    ]
    # a brokerage (X Yatırım) is the body, not its bank's acronym alone
    text = "Garanti BBVA Yatırım Analisti Ayşe Kaya, indirimin sürmesini beklediklerini söyledi."
    assert _names(text, "tr", "organisation") == ["Garanti BBVA Yatırım"]
    assert _names("Yatırım ortamı iyileşti.", "tr", "organisation") == []
    # a minister's portfolio list is no brokerage
    text = "Malezya Yatırım, Ticaret ve Sanayi Bakanı Zafrul Aziz katıldı."
    assert _names(text, "tr", "organisation") == []


def test_turkish_companies_listed_before_their_shares() -> None:
    text = "Bankacılık endeksinde Garanti BBVA, Halkbank ve Vakıfbank hisseleri yüzde 3 değer kazandı."
    assert _names(text, "tr", "organisation") == ["Garanti BBVA", "Halkbank", "Vakıfbank"]
    # a common word opening the sentence, or a lowercase sector, names no company
    assert _names("Enerji hisseleri düştü.", "tr", "organisation") == []
    assert _names("Piyasada banka hisseleri yükseldi.", "tr", "organisation") == []


def test_turkish_locality_and_geographic_regions() -> None:
    assert _names("Kars'a bağlı Kızılçakçak mevkisinde çığ düştü.", "tr", "place")[-1:] == ["Kızılçakçak"]
    text = "İç Anadolu ve Güneydoğu Anadolu'da kar yağışı bekleniyor."
    assert _names(text, "tr", "place") == ["İç Anadolu", "Güneydoğu Anadolu"]
    assert _names(text, "tr", "person") == []  # not a list of two people
    assert _names("وضرب زلزال ولايات جنوب شرق الأناضول.", "ar", "place") == ["جنوب شرق الأناضول"]


def test_basketball_scorers_in_turkish() -> None:
    # a team's nickname in the locative is no name word, wherever it stands
    text = "Maçın ilk yarısında Sarı-kırmızılılarda Kevin Punter 24 sayı ve 7 asistle oynadı."
    assert _mentions(text, "tr", "person") == ["Kevin Punter"]
    # the genitive and sayısı after the name
    assert _names("Siyah-beyazlılarda Kevin Smith'in 21 sayısı yetmedi.", "tr", "person") == ["Kevin Smith"]
    # a given name the gazetteer holds as a country, before a surname and a score
    text = "Konuk ekipte Jordan Punter 24 sayı ve 7 asistle oynadı."
    assert _names(text, "tr", "person") == ["Jordan Punter"]
    assert _names(text, "tr", "place") == []
    assert _names("Jordan ile Türkiye arasında 24 sayı fark var.", "tr", "place") == ["Ürdün", "Türkiye"]


def test_english_athletes_premiers_and_compass_provinces() -> None:
    assert _names("with British runner Laura Muir fifth.", "en", "person") == ["Laura Muir"]
    assert _names("The minister met Gauteng premier Panyaza Lesufi on Monday.", "en", "person") == ["Panyaza Lesufi"]
    assert _names("He left for the Premier League last year.", "en", "person") == []
    text = "Floods hit North West province and the Western Cape province on Sunday."
    assert _names(text, "en", "place") == ["North West", "Western Cape"]
    assert _names("Leaders of the Eastern Gulf region met.", "en", "place") == []


def test_arabic_noun_after_a_given_name_and_a_fathers_name() -> None:
    # the verb's object, not a third name word
    text = "وأعلن وزير الداخلية خالد مراد إجلاء سكان ثلاث قرى."
    assert _names(text, "ar", "person") == ["خالد مراد"]


def test_arabic_venue_word_opens_no_name() -> None:
    text = "وأقيمت المباراة على ملاعب مجمع خليفة الدولي للتنس في الدوحة."
    assert _names(text, "ar", "person") == []


def test_arabic_foreign_surname_read_as_a_verb_after_a_nationality() -> None:
    text = "وفاز الثنائي الهندي روهان بوبانا والأسترالي ماثيو إبدن باللقب."
    assert _names(text, "ar", "person") == ["روهان بوبانا", "ماثيو إبدن"]


def test_arabic_ranks_women_governors_and_a_place_in_a_title() -> None:
    text = "وقال المكلف بالإعلام في الحماية المدنية النقيب نسيم برناوي إن الحرائق تراجعت."
    assert _names(text, "ar", "person") == ["نسيم برناوي"]
    text = "وقالت حاكمة إقليم سيبو باميلا باريكواترو إن الفيضانات غمرت الأحياء."
    assert _names(text, "ar", "person") == ["باميلا باريكواترو"]
    text = "وقال عمدة مدينة ليون جان ميشيل أولاس إن الملعب جاهز."
    assert _names(text, "ar", "person") == ["جان ميشيل أولاس"]


def test_arabic_definite_given_name_before_a_nisba_family_name() -> None:
    text = "بحضور وزير الشباب والرياضة الصادق المورالي."
    assert _names(text, "ar", "person") == ["الصادق المورالي"]
    # no half name when the family name is none the rules can read
    assert _names("بحضور وزير الشباب والرياضة الطيب البكوش.", "ar", "person") == []


def test_arabic_bank_named_by_a_city_and_the_bank_pointed_back_to() -> None:
    text = "وارتفع سهم مصرف الموصل وشركة زين."
    assert _mentions(text, "ar", "organisation")[:1] == ["مصرف الموصل"]
    assert _names(text, "ar", "place") == []
    # مجلس البنك "the bank's board" after the bank was named
    text = "أبقى بنك تونس المركزي سعر الفائدة. وقال المحافظ عقب اجتماع مجلس البنك إن التضخم تراجع."
    assert "مجلس البنك" not in _names(text, "ar", "organisation")


def test_arabic_delegations_and_offices_with_a_l_phrase() -> None:
    text = "وتزامن القرار مع إعلان المندوبية العامة لإدارة السجون نقل النزلاء."
    assert _names(text, "ar", "organisation") == ["المندوبية العامة لإدارة السجون"]
    text = "وأفاد الديوان الوطني للإحصائيات بأن البطالة تراجعت."
    assert _names(text, "ar", "organisation") == ["الديوان الوطني للإحصائيات"]
    # the ruler's court, with no ل-phrase, stays unread as before
    assert _names("وقال الديوان الأميري في بيان إن الزيارة انتهت.", "ar", "organisation") == []


def test_arabic_name_cut_before_its_min_phrase_is_no_suggestion() -> None:
    text = "وفق المجلس الأعلى للوقاية من الأمراض ومكافحتها."
    assert _names(text, "ar", "organisation") == []


def test_arabic_table_name_after_wa_keeps_its_article() -> None:
    text = "بدعم من صعود سهمي اتصالات المغرب والتجاري وفا بنك."
    assert _mentions(text, "ar", "organisation") == ["اتصالات المغرب", "التجاري وفا بنك"]


def test_a_national_coast_guard() -> None:
    assert _names("وقال حرس السواحل اليوناني إنه أنقذ 40 مهاجرا.", "ar", "organisation") == ["حرس السواحل اليوناني"]
    assert _names("The Philippine Coast Guard rescued 300 people.", "en", "organisation") == ["Philippine Coast Guard"]


def test_arabic_title_completed_by_a_company_in_quotes() -> None:
    text = 'وقالت المحللة في شركة "أطلس كابيتال" للأبحاث هند بنكيران إن القرار كان متوقعا.'
    assert _names(text, "ar", "person") == ["هند بنكيران"]


def test_arabic_municipality_as_a_kind_noun() -> None:
    assert _names("وأجلت السلطات سكان قريتين في بلدية تيشي.", "ar", "place") == ["تيشي"]


def test_arabic_company_named_by_a_place_and_a_word_after_sharika() -> None:
    text = "وتراجع سهم شركة مصر سيل للاتصالات 2 بالمئة."
    assert _names(text, "ar", "organisation") == ["مصر سيل"]
    assert _names(text, "ar", "place") == []
    # the verb's object after a place is no company name
    assert _names("ووقعت شركة تركيا اتفاقا مع الحكومة.", "ar", "organisation") == []


def test_english_athletes_after_a_nationality() -> None:
    text = "In the women's race, Ethiopian Amane Beriso held off Kenyan Hellen Obiri to win."
    assert _names(text, "en", "person") == ["Amane Beriso", "Hellen Obiri"]
    assert _names("Chinese New Year celebrations began on Friday.", "en", "person") == []
    assert _names("Indian Premier League matches resume on Monday.", "en", "person") == []


def test_arabic_definite_noun_after_a_given_name_and_a_fathers_name() -> None:
    # the cup handed over, not a family name
    text = "وسلم رئيس اللجنة خالد سعيد الكأس لقائد الفريق."
    assert _names(text, "ar", "person") == ["خالد سعيد"]
    # the second half of a compound name stays
    text = "وقال رئيس الهيئة وليد جمال الدين إن الموانئ جاهزة."
    assert _names(text, "ar", "person") == ["وليد جمال الدين"]
