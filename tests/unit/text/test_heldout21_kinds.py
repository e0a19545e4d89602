"""Failure kinds met on the heldout21 stories, each written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own
writing and name other people, bodies and places, so a rule that only memorised a
held-out name would not pass them.
"""

from __future__ import annotations

from tests.unit.text.found import names as _names


def test_a_woman_commissioner_is_a_title_and_her_portfolio_completes_it() -> None:
    # المفوضة: the feminine title; لشؤون + a definite phrase is the portfolio, not the name
    text = "وقالت المفوضة الأوروبية لشؤون التوسيع ليندا ماركوفيتش إن المفاوضات ستستأنف الشهر المقبل."
    assert _names(text, "ar", "person") == ["ليندا ماركوفيتش"]
    text = "وحضر اللقاء المنسقة الأممية للشؤون الإنسانية جويس مسويا، ووفد من الحكومة."
    assert _names(text, "ar", "person") == ["جويس مسويا"]


def test_a_past_verb_in_the_feminine_after_a_titled_name_is_no_surname() -> None:
    # أصدرت "issued": a verb as written, though only its masculine form is in the dictionary
    text = "وأوضحت الوكالة أن القاضية هالة الساعدي أصدرت قرارها بعد جلسة مغلقة."
    assert _names(text, "ar", "person") == ["هالة الساعدي"]
    text = "بأن المحكمة برئاسة القاضي ناصر الحربي أصدرت حكمها حضوريا."
    assert _names(text, "ar", "person") == ["ناصر الحربي"]


def test_a_family_name_after_two_listed_given_names_in_a_list_is_kept() -> None:
    # no title before a list of defendants: the given name, the father's, then the family name
    text = "وقضت المحكمة بسجن المتهمين خالد العتيبي وسامي يوسف الطراونة، وتبرئة متهم ثالث."
    assert _names(text, "ar", "person") == ["خالد العتيبي", "سامي يوسف الطراونة"]
    # a clitic before the article is the sentence going on, not a family name
    text = "وأشاد رئيس الاتحاد الشيخ أحمد بن علي آل ثاني بالتنظيم."
    assert _names(text, "ar", "person") == ["أحمد بن علي آل ثاني"]


def test_a_nisba_after_a_patronymic_chain_is_the_family_name() -> None:
    text = "ونص المرسوم على نقل مريم بنت خالد الكعبي إلى وزارة الثقافة."
    assert _names(text, "ar", "person") == ["مريم بنت خالد الكعبي"]


def test_a_title_phrase_with_a_plural_and_its_pronoun_ends_before_the_name() -> None:
    # كبير مسؤوليها التنفيذيين: a plural in construct carrying the company's pronoun; the title word
    # أمين that is also a given name then opens the name before a listed given name
    text = "وقال رئيس الشركة وكبير مسؤوليها التنفيذيين أمين سعيد الغامدي في بيان إن الأرباح ارتفعت."
    assert _names(text, "ar", "person") == ["أمين سعيد الغامدي"]
    # the title word before a place or a body is still a title: no person
    assert _names("وقال أمين عمان إن البلدية ستفتح الطريق.", "ar", "person") == []


def test_a_listed_town_the_index_holds_is_a_place_though_a_dictionary_holds_it_too() -> None:
    # تعز after و in a list opened by a dual kind noun: the index holds the town
    text = "وشملت الاشتباكات محافظتي الحديدة وتعز خلال الأسبوع."
    assert _names(text, "ar", "place") == ["الحديدة", "تعز"]
    # a list of dictionary words the index does not hold is still no list of places
    assert _names("زار الوفد قرى الشمال والجنوب.", "ar", "place") == []


def test_an_english_officer_title_ends_before_the_name() -> None:
    text = "Chief Operating Officer Helena Lindqvist said the group would cut costs."
    assert _names(text, "en", "person") == ["Helena Lindqvist"]


def test_a_turkish_role_written_with_its_possessive_suffix_is_a_title() -> None:
    text = "Şirketin CEO'su Levent Arıkan, yatırımların süreceğini söyledi."
    assert _names(text, "tr", "person") == ["Levent Arıkan"]


def test_a_city_of_two_words_after_a_locative_is_no_person_and_keeps_its_surname_word() -> None:
    # "in Santa Cruz" is the city; the candidate's surname Cruz stays his
    text = (
        "SANTA CRUZ (AA) - Opposition candidate Manuel Cruz won the vote on Sunday. "
        "Cruz told supporters in Santa Cruz that the count was fair."
    )
    assert _names(text, "en", "person") == ["Manuel Cruz"]
    assert _names(text, "en", "place") == ["Santa Cruz de la Sierra"]  # the index's name of the city


def test_a_turkish_match_report_names_a_player_by_his_goal_his_equaliser_or_the_minute() -> None:
    text = (
        "Süper Lig'de Göztepe, konuk ettiği Kasımpaşa'yı 2-1 yendi. Ev sahibi ekip, 12. dakikada "
        "Juan Silvera'nın golüyle öne geçti. Kasımpaşa, 40. dakikada Mamadou Fall ile eşitliği "
        "yakaladı. Göztepe'nin galibiyet golünü Romulo Cardoso 77. dakikada attı."
    )
    assert _names(text, "tr", "person") == ["Juan Silvera", "Mamadou Fall", "Romulo Cardoso"]
    # a club's name before the minute is no player
    text = "Maç 1-1 bitti. Bandırmaspor Kulübü 88. dakikada beraberliği yakaladı."
    assert _names(text, "tr", "person") == []


def test_a_player_known_by_one_name_after_a_scoring_verb_and_his_nationality() -> None:
    text = "وأضاف البرتغالي أوتافيو الهدف الثاني في الدقيقة 70، فيما أحرز الكولومبي بورخا هدفا ثالثا."
    assert _names(text, "ar", "person") == ["أوتافيو", "بورخا"]
    # no object after the word: nothing says it is the player
    assert _names("وأضاف البرتغالي أوتافيو أن الفريق تحسن.", "ar", "person") == []


def test_a_nationality_with_the_conjunction_of_a_list_opens_the_next_name() -> None:
    text = "بعد تألق الفرنسي ويليام ساليبا والسويدي فيكتور ليندلوف في المباراة."
    assert _names(text, "ar", "person") == ["ويليام ساليبا", "فيكتور ليندلوف"]
    # after a name no dictionary holds, a short last word that reads as a verb, closed by punctuation
    text = "وتراجع دوره أمام الفرنسي ويليام ساليبا والسنغالي إسماعيلا سار."
    assert _names(text, "ar", "person") == ["ويليام ساليبا", "إسماعيلا سار"]


def test_an_official_is_a_title_and_his_nationality_or_rank_completes_it() -> None:
    text = "وقال مسؤول الإعلام في البلدية رامي حداد إن الطرق أغلقت."
    assert _names(text, "ar", "person") == ["رامي حداد"]
    assert _names("قال مسؤول أمريكي رفيع المستوى إن واشنطن لن تتراجع.", "ar", "person") == []
    assert _names("وقال مسؤول في الوزارة إن المفاوضات ستستأنف.", "ar", "person") == []


def test_a_turkish_match_report_names_a_player_right_after_the_minute() -> None:
    text = "Maç 2-0 sona erdi. Konuk ekibi 23. dakikada Olivier Ntcham öne geçirdi."
    assert _names(text, "tr", "person") == ["Olivier Ntcham"]
    # a club named after its city is no player
    text = "Maç 2-0 sona erdi. 23. dakikada Atletico Madrid öne geçti."
    assert _names(text, "tr", "person") == []


def test_a_descriptor_and_a_definite_word_complete_a_title() -> None:
    # مجموعة / شركة + a definite word in construct: the body's short name, then the person
    text = "وقال رئيس مجموعة البنك عادل الحمد إن البنك سيمول المشاريع."
    assert _names(text, "ar", "person") == ["عادل الحمد"]


def test_two_capitalised_words_after_a_countrys_possessive_are_its_person() -> None:
    text = "She crossed the line ahead of Kenya's Agnes Ngetich. Uganda's Joshua Cheptegei was third."
    assert _names(text, "en", "person") == ["Agnes Ngetich", "Joshua Cheptegei"]
    # a club or a city after the possessive is no person
    text = "Shares in Germany's Bayer fell. The sponsor chose Spain's Real Madrid."
    assert _names(text, "en", "person") == []


def test_two_capitalised_words_before_a_comma_and_who_are_a_person() -> None:
    text = "The Celtics were again without Jayson Tatum, who is recovering from an Achilles injury."
    assert _names(text, "en", "person") == ["Jayson Tatum"]


def test_the_names_between_a_turkish_goal_word_and_its_verb_are_the_scorers() -> None:
    text = (
        "Trabzonspor, Konyaspor'u 3-1 yendi. Bordo-mavililerin gollerini Edin Visca, Bakasetas ve "
        "Umut Bozok attı. Konuk ekibin tek golü Kolombiyalı Marlos'tan geldi."
    )
    assert _names(text, "tr", "person") == ["Edin Visca", "Bakasetas", "Umut Bozok", "Marlos"]
    # a club between the goal word and the verb is no scorer
    text = "Maç 1-1 bitti. Golleri Rizespor attı."
    assert _names(text, "tr", "person") == []


def test_the_words_of_a_ministry_spelt_out_with_ve_are_no_people() -> None:
    text = (
        "Komisyon, Aile ve Sosyal Hizmetler Bakanlığında toplandı.\n"
        "Toplantıya Aile ve Sosyal Hizmetler Bakanı Mahinur Özdemir Göktaş başkanlık etti."
    )
    assert _names(text, "tr", "person") == ["Mahinur Özdemir Göktaş"]


def test_a_scorer_after_a_scoring_verb_and_through() -> None:
    text = "Arsenal won 2-1. Chelsea had levelled through Cole Palmer before the break."
    assert _names(text, "en", "person") == ["Cole Palmer"]


def test_a_noun_surname_after_a_title_and_a_compound_given_name_before_a_clause() -> None:
    text = "وانتقد رئيس الفريق النيابي عبد السلام جبل ما وصفه بالتأخير."
    assert _names(text, "ar", "person") == ["عبد السلام جبل"]
    # a time word there is the sentence going on
    assert _names("وقال الشيخ عبد الله أمس إن الاجتماع ناجح.", "ar", "person") == ["عبد الله"]
