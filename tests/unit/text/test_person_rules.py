"""People in Arabic copy: the failure kinds met on held-out agency-style stories.

Each test is one kind (our own writing, names as agency copy spells them): a
surname that parses as a verb only when split (قالن, تبون), a given name no list
holds before a family name (جاسم البديوي), a chain of family names, a noun given
name before a nisba family name (رائد المالكي), a given name that is also a place
(جورجيا), a title ending in a company (لشركة سوناطراك), a name after a phrase with
باسم, and a given name that is also a common noun with no evidence around it.
"""

from __future__ import annotations

from newsflow.text.enrich import find_names


def _people(text: str) -> list[str]:
    return [s.name for s in find_names(text, "ar") if s.kind == "person"]


def _places(text: str) -> list[str]:
    return [text[a:b] for s in find_names(text, "ar") if s.kind == "place" for a, b in s.mentions]


def test_a_surname_that_is_a_verb_only_when_split_completes_the_name() -> None:
    people = _people("وحضر اللقاء رئيس جهاز الاستخبارات إبراهيم قالن.")
    assert people == ["إبراهيم قالن"], people
    people = _people("استقبل الرئيس الجزائري عبد المجيد تبون، الاثنين، ضيفه.")
    assert people == ["عبد المجيد تبون"], people
    people = _people("دعا رئيس إقليم كردستان نيجيرفان بارزاني إلى إجراء الانتخابات في موعدها.")
    assert people == ["نيجيرفان بارزاني"], people


def test_a_verb_as_written_still_ends_the_name() -> None:
    people = _people("وقال وزير الخارجية هاكان فيدان يستقبل نظيره.")
    assert people == ["هاكان فيدان"], people


def test_an_unlisted_given_name_takes_its_family_name_after_a_title() -> None:
    people = _people("وقال الأمين العام للمجلس جاسم البديوي إن حجم التجارة ارتفع.")
    assert people == ["جاسم البديوي"], people


def test_a_chain_of_family_names_is_one_name() -> None:
    people = _people(
        "وافتتح القمة أمير الكويت الشيخ مشعل الأحمد الجابر الصباح، الذي دعا إلى التكامل."
    )
    assert people == ["مشعل الأحمد الجابر الصباح"], people


def test_a_given_name_that_is_a_noun_before_a_nisba_family_name() -> None:
    people = _people("وانتقد النائب المستقل رائد المالكي القانون.")
    assert people == ["رائد المالكي"], people


def test_a_given_name_that_is_also_a_place_after_a_nationality() -> None:
    text = "استقبل الرئيس رئيسة الوزراء الإيطالية جورجيا ميلوني في القصر."
    assert _people(text) == ["جورجيا ميلوني"]
    assert "جورجيا" not in _places(text)


def test_a_title_that_ends_in_a_company_then_the_name() -> None:
    text = "وحضر المباحثات الرئيس التنفيذي لشركة سوناطراك رشيد حشيشي، ونظيره في شركة إيني الإيطالية كلاوديو ديسكالزي."
    assert _people(text) == ["رشيد حشيشي", "كلاوديو ديسكالزي"]
    assert "رشيد" not in _places(text)


def test_the_name_after_a_phrase_with_basm() -> None:
    people = _people("وأوضح المتحدث باسم الحكومة باسم العوادي أن الخطة طموحة.")
    assert people == ["باسم العوادي"], people


def test_a_given_name_that_is_a_common_noun_needs_evidence() -> None:
    people = _people("وقالت الوزيرة إن الموازنة تتضمن زيادة مخصصات صندوق المعونة.")
    assert not any("مخصصات" in p for p in people), people


def _latin_people(text: str, language: str) -> list[str]:
    return [s.name for s in find_names(text, language) if s.kind == "person"]


def test_counterpart_and_manager_are_roles_before_a_name() -> None:
    people = _latin_people(
        "Foreign Minister Sugiono and his Japanese counterpart Takeshi Iwaya signed three memorandums.",
        "en",
    )
    assert "Takeshi Iwaya" in people, people
    people = _latin_people(
        "Fenerbahce manager Domenico Tedesco complained about the refereeing.", "en"
    )
    assert people == ["Domenico Tedesco"], people


def test_an_arabic_article_joined_by_a_hyphen_stays_in_the_name() -> None:
    people = _latin_people(
        "Fidan daha sonra Mısır Cumhurbaşkanı Abdulfettah es-Sisi tarafından kabul edildi.", "tr"
    )
    assert people == ["Abdulfettah es-Sisi"], people


def test_a_turkish_word_with_a_case_ending_opening_a_sentence_is_no_name() -> None:
    text = (
        "Dışişleri Bakanı Hakan Fidan, Kahire'de temaslarda bulundu.\n"
        "Fidan, ortak basın toplantısında konuştu.\n"
        "Ziyarette Fidan'a, Dışişleri Bakan Yardımcısı Nuh Yılmaz eşlik etti."
    )
    people = find_names(text, "tr")
    names = [s.name for s in people if s.kind == "person"]
    assert names == ["Hakan Fidan", "Nuh Yılmaz"], names
    assert len(next(s for s in people if s.name == "Hakan Fidan").mentions) == 3


def test_a_name_before_a_score_is_a_player() -> None:
    text = "Lacivert-beyazlı ekipte Shane Larkin 24 sayıyla maçın en skorer oyuncusu oldu."
    assert _latin_people(text, "tr") == ["Shane Larkin"]


def test_a_chain_after_a_compound_given_name() -> None:
    people = _people("برئاسة رئيس الوزراء الشيخ أحمد عبد الله الأحمد الصباح.")
    assert people == ["أحمد عبد الله الأحمد الصباح"], people


def test_a_family_name_from_a_town_is_no_nationality() -> None:
    people = _people("وأوضح وزير النفط طارق الرومي أن المؤسسة ستضخ استثمارات جديدة.")
    assert people == ["طارق الرومي"], people


def test_a_noun_before_a_listed_given_name_after_a_title() -> None:
    people = _people("وأكدت وزيرة المالية مشكاة سلامة الخالدي أن عجز الموازنة سيتراجع.")
    assert people == ["مشكاة سلامة الخالدي"], people


def test_a_body_in_construct_completes_the_title_and_a_title_word_inside_a_name() -> None:
    text = "وقال رئيس حكومة الإقليم علي أمين غندابور إن فرق الإنقاذ أجلت السكان إلى مناطق آمنة على الفور."
    suggestions = find_names(text, "ar")
    people = [s for s in suggestions if s.kind == "person"]
    assert [p.name for p in people] == ["علي أمين غندابور"], people
    assert len(people[0].mentions) == 1  # على (on) is no mention of علي
    assert not any(s.kind == "organisation" for s in suggestions)


def test_a_role_in_construct_then_a_company_then_the_name() -> None:
    text = "وقال كبير المحللين في شركة ساكسو بنك أولي هانسن إن المستثمرين يلجؤون إلى الذهب."
    suggestions = find_names(text, "ar")
    assert [s.name for s in suggestions if s.kind == "person"] == ["أولي هانسن"]
    assert [s.name for s in suggestions if s.kind == "organisation"] == ["ساكسو بنك"]


def test_a_turkish_economist_before_a_name() -> None:
    text = "Ekonomist Haluk Bürümcekçi, Merkez Bankasının indirime gidebileceğini söyledi."
    assert _latin_people(text, "tr") == ["Haluk Bürümcekçi"]


def test_frequent_arabic_given_names_and_a_noun_dual_ending_a_name() -> None:
    people = _people("التقى وزير الخارجية السعودي الأمير فيصل بن فرحان، الأحد، نظيره في طهران.")
    assert people == ["فيصل بن فرحان"], people
    people = _people("بعد فوزه في المباراة النهائية على الصربي نوفاك ديوكوفيتش بمجموعتين دون رد.")
    assert people == ["نوفاك ديوكوفيتش"], people


def test_joiners_in_a_row_and_a_title_word_closing_a_latin_name() -> None:
    text = "European Commission President Ursula von der Leyen urged calm."
    assert _latin_people(text, "en") == ["Ursula von der Leyen"]
    text = "CHP Grup Başkanvekili Murat Emir ise bütçenin yetersiz olduğunu savundu."
    assert _latin_people(text, "tr") == ["Murat Emir"]
    text = "Başantrenör Daniele Santarelli, oyuncularının mücadelesini övdü."
    assert _latin_people(text, "tr") == ["Daniele Santarelli"]


def test_a_competition_is_no_person() -> None:
    text = "Takım, Dünya Şampiyonası yarı finalinde kazandı.\nDünya Şampiyonası finali pazar günü oynanacak."
    assert _latin_people(text, "tr") == []


def test_compound_given_names_in_allah_and_a_title_word_as_family_name() -> None:
    people = _people("وأعلن المتحدث باسم الحكومة ذبيح الله مجاهد تشكيل لجنة لمتابعة الأوضاع.")
    assert people == ["ذبيح الله مجاهد"], people
    people = _people("وقال رئيس البورصة أحمد الشيخ إن قيم التداول ارتفعت.")
    assert people == ["أحمد الشيخ"], people


def test_the_second_name_of_a_list_joined_by_the_conjunction() -> None:
    text = "وسجل هدفي المغرب كريم البركاوي وأشرف بن شرقي، فيما أحرز هدف الجزائر يوسف بلايلي."
    suggestions = find_names(text, "ar")
    people = [(s.name, [text[a:b] for a, b in s.mentions]) for s in suggestions if s.kind == "person"]
    assert ("أشرف بن شرقي", ["أشرف بن شرقي"]) in people, people


def test_a_body_noun_after_a_name_is_no_nisba_family_name() -> None:
    people = _people("وهنأ رئيس الاتحاد المصري لكرة القدم هاني أبو ريدة النادي على اللقب.")
    assert people == ["هاني أبو ريدة"], people
    people = _people("وقال وزير الدولة لشؤون الطاقة سعد بن شريده الكعبي إن الاتفاقية مهمة.")
    assert people == ["سعد بن شريده الكعبي"], people
