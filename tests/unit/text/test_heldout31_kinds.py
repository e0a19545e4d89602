"""Failure kinds met on the heldout31 stories (a wrestling championship, an olive harvest, an
earthquake drill, a book fair, a power outage, a drought, a maritime rescue, judicial
appointments, a heritage restoration, the Hajj, a drug recall, a press award; a bank merger, a
satellite contract, a marathon, a fertilizer plant; volleyball, tourism, a dam, air defence),
each written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own writing
and name other people, bodies and places, so a rule that only memorised a held-out name would
not pass them.
"""

from __future__ import annotations

from newsflow.text.enrich import find_names
from tests.unit.text.found import mentions as _mentions


def test_a_farmer_a_migrant_a_broadcaster_a_journalist_and_an_expert_are_roles_before_a_name() -> None:
    text = "وقال الفلاح عبد الكريم بوزيان إن المحصول تراجع."
    assert _mentions(text, "ar", "person") == ["عبد الكريم بوزيان"]
    text = "وروى المهاجر الإريتري عبد الرزاق تسفاي أنه عبر البحر."
    assert _mentions(text, "ar", "person") == ["عبد الرزاق تسفاي"]
    text = "ويقدم الحفل الإعلامي المصري سامي الشناوي."
    assert _mentions(text, "ar", "person") == ["سامي الشناوي"]
    text = "وفاز الصحفي اليمني خالد الحيمي والمصورة السورية نور كلثوم بالجائزة."
    assert _mentions(text, "ar", "person") == ["خالد الحيمي", "نور كلثوم"]
    text = "وقال خبير المناخ كينجي ماتسودا إن الحرارة ترتفع."
    assert _mentions(text, "ar", "person") == ["كينجي ماتسودا"]
    # الفلاحة is also "agriculture": a ministry's portfolio, no role
    text = "وأعلنت وزارة الفلاحة والموارد المائية التونسية خطة جديدة."
    assert _mentions(text, "ar", "organisation") == ["وزارة الفلاحة والموارد المائية التونسية"]
    assert _mentions(text, "ar", "person") == []


def test_a_company_after_a_noun_in_construct_or_in_quotes_completes_a_title() -> None:
    text = 'وقال مدير مشاريع شركة "فيستاس للرياح" في المغرب يوهانس كلاوسن إن المشروع تأخر.'
    assert _mentions(text, "ar", "person") == ["يوهانس كلاوسن"]
    text = 'وقال مدير شركة "فيستاس للرياح" في المغرب يوهانس كلاوسن إن المشروع تأخر.'
    assert _mentions(text, "ar", "person") == ["يوهانس كلاوسن"]


def test_the_country_an_envoy_is_sent_to_and_a_region_after_a_kind_noun_complete_a_title() -> None:
    text = "وقالت المبعوثة الأممية إلى اليمن غريتا فونتين، إن المحادثات ستستأنف."
    assert _mentions(text, "ar", "person") == ["غريتا فونتين"]
    text = "وقال مديرها الإقليمي لمنطقة آسيا فيكرام باتيل إن المبيعات ارتفعت."
    assert _mentions(text, "ar", "person") == ["فيكرام باتيل"]
    # إلى before no place found is no part of a title
    text = "ووصل الوزير إلى القاعة متأخرا."
    assert _mentions(text, "ar", "person") == []


def test_a_bodys_acronym_in_brackets_does_not_break_a_title() -> None:
    text = "وحضر الحفل رئيس الهيئة العامة للاستثمار (سيغا) عبد الرحمن بوزيد وعدد من المسؤولين."
    assert _mentions(text, "ar", "person") == ["عبد الرحمن بوزيد"]


def test_a_definite_family_name_closed_after_a_titled_compound_given_name() -> None:
    text = "وأشاد رئيس المجلس الأعلى للدولة عبد الرزاق الزين بالاتفاق."
    assert _mentions(text, "ar", "person") == ["عبد الرزاق الزين"]
    text = "وحضر رئيس هيئة الموانئ عبد الكريم الصغير، وعدد من المسؤولين."
    assert _mentions(text, "ar", "person") == ["عبد الكريم الصغير"]
    # a weekday after the name is no family name
    text = "وقال الوزير عبد الله الأحد إن الخطة جاهزة."
    assert _mentions(text, "ar", "person") == []


def test_headed_by_is_a_title_not_a_given_name() -> None:
    text = 'وزار الميناء وفد من شركة "فينكانتيري" الإيطالية برئاسة جوزيبي روسو قد التقى المحافظ.'
    assert _mentions(text, "ar", "person") == ["جوزيبي روسو"]


def test_the_next_persons_title_with_wa_closes_a_titled_foreign_name() -> None:
    text = "وحضر الافتتاح وزير الطاقة كنان أوزتورك باك ورئيس البلدية سامي الحسن."
    assert _mentions(text, "ar", "person") == ["كنان أوزتورك باك", "سامي الحسن"]


def test_a_medal_or_title_won_is_a_verb_before_a_name() -> None:
    text = "وتوج خالد بيلغين بذهبية وزن 86 كيلوغراما."
    assert _mentions(text, "ar", "person") == ["خالد بيلغين"]
    text = "ونال رضا بوزيد فضية الوزن نفسه."
    assert _mentions(text, "ar", "person") == ["رضا بوزيد"]
    text = "نال مشروع القانون موافقة البرلمان."
    assert _mentions(text, "ar", "person") == []


def test_a_department_and_its_body_named_by_a_pronoun_complete_a_title() -> None:
    text = "وقال رئيس قسم الجراحة نديم يلماز إن المستشفى جاهز."
    assert _mentions(text, "ar", "person") == ["نديم يلماز"]
    text = "وقالت رئيسة قسم الأطفال فيه سلمى دياب إن الأسرة امتلأت."
    assert _mentions(text, "ar", "person") == ["سلمى دياب"]


def test_a_body_named_after_a_princess_or_a_ruler_keeps_the_patronymic() -> None:
    text = "وتقام الندوة في جامعة الأميرة سمية بنت الحسن، وفق بيان للجامعة."
    assert _mentions(text, "ar", "organisation") == ["جامعة الأميرة سمية بنت الحسن"]
    assert _mentions(text, "ar", "person") == []
    text = "وتقام الندوة في جامعة الأمير محمد بن فهد، وفق بيان للجامعة."
    assert _mentions(text, "ar", "organisation") == ["جامعة الأمير محمد بن فهد"]


def test_an_indefinite_nisba_closed_by_punctuation_ends_a_titled_name() -> None:
    text = "بحسب ما قاله المتحدث باسم الوزارة حسن باقري شيرازي."
    assert _mentions(text, "ar", "person") == ["حسن باقري شيرازي"]


def test_a_two_word_family_name_repeated_is_one_mention_of_the_full_name() -> None:
    text = "وحضر وزير الطاقة كنان أوزتورك باك ورئيس البلدية. وقال أوزتورك باك إن الخطة جاهزة. وأضاف أوزتورك باك أن العمل بدأ."
    found = find_names(text, "ar")
    people = [(s.name, [text[a:b] for a, b in s.mentions]) for s in found if s.kind == "person"]
    assert people == [("كنان أوزتورك باك", ["كنان أوزتورك باك", "أوزتورك باك", "أوزتورك باك"])]


def test_a_role_opening_the_sentence_is_a_title_before_a_name_of_a_body() -> None:
    text = "Analyst Maria Keller of Wood Mackenzie Group in Oslo said rates would fall."
    assert _mentions(text, "en", "person") == ["Maria Keller"]
    assert _mentions(text, "en", "organisation") == ["Wood Mackenzie Group"]
    text = "Senior analyst Maria Keller of Wood Mackenzie Group in Oslo said rates would fall."
    assert _mentions(text, "en", "organisation") == ["Wood Mackenzie Group"]


def test_turkish_da_before_a_place_in_the_locative_is_no_joiner_of_a_name() -> None:
    text = "Ticaret Bakanı Ömer Faruk Bolat da Kaş'ta düzenlenen törende konuştu."
    assert _mentions(text, "tr", "person") == ["Ömer Faruk Bolat"]
    # a Portuguese da before a surname in the genitive stays in the name
    text = "Brezilya Devlet Başkanı Luiz Inacio Lula da Silva'nın ziyareti başladı."
    assert _mentions(text, "tr", "person") == ["Luiz Inacio Lula da Silva"]
