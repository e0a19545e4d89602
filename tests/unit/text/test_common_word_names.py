"""Names that are also common words, and names signalled only by the copy around them.

The failure kinds met on held-out agency-style copy (our own writing): Arabic
words that folding makes into GeoNames towns (سيول "torrents" as Seoul, سنة
"year" as Sanandaj, كريم read as ك + a town), and the signals agency copy gives
for names no list holds.
"""

from __future__ import annotations

from newsflow.text.enrich import find_names
from tests.unit.text.found import mentions as _mentions
from tests.unit.text.found import names as _names


def test_common_words_that_folding_makes_into_towns_are_no_places() -> None:
    places = _mentions("وجرفت سيول غزيرة عشرات المنازل في أول عاصفة من نوعها منذ 30 سنة.", "ar", "place")
    assert places == [], places
    places = _mentions("وأحرز المهاجم كريم هدفا في الدقيقة الأخيرة، وعقد اجتماعا وزاريا.", "ar", "place")
    assert places == [], places


def test_towns_written_as_geonames_spells_them_are_still_places() -> None:
    places = _mentions("وزار الوفد مدينتي تبوك وبغداد قبل أن يتوجه إلى طوكيو.", "ar", "place")
    assert places == ["تبوك", "بغداد", "طوكيو"], places


def test_a_mauritanian_name_with_walad_is_one_name() -> None:
    people = _names("وأكد رئيس الحكومة الموريتانية المختار ولد أجاي، الأربعاء، أن الميزانية جاهزة.", "ar", "person")
    assert people == ["المختار ولد أجاي"], people
    people = _names("وقال وزير الاقتصاد محمد ولد بوه إن النمو بلغ 5 بالمئة.", "ar", "person")
    assert people == ["محمد ولد بوه"], people
    people = _names("وقال الكاتب محمد ولد في القاهرة عام 1950.", "ar", "person")
    assert all("ولد" not in p for p in people), people


def test_a_given_name_written_with_the_article_after_a_title() -> None:
    people = _names("واستقبل الرئيس الطيب أردوغان ضيفه في القصر.", "ar", "person")
    assert people == ["الطيب أردوغان"], people


def test_a_titled_name_runs_to_the_clause_boundary() -> None:
    # a short surname that the dictionary also holds, closed by إن or by punctuation
    people = _names("وقال وزير الصحة عمر بلان إن المستشفيات استقبلت الجرحى.", "ar", "person")
    assert people == ["عمر بلان"], people
    people = _names("وحضر اللقاء وزير الطاقة محمد فال.", "ar", "person")
    assert people == ["محمد فال"], people
    # the sentence going on is no surname: a clitic on a word, an adverb, a noun's plural
    people = _names("وقال وزير الخارجية هاكان فيدان للصحفيين إن اللقاء كان مثمرا.", "ar", "person")
    assert people == ["هاكان فيدان"], people
    people = _names("وسجل المهاجم ألكسندر ميتروفيتش هدفين، قبل أن يخرج مصابا.", "ar", "person")
    assert people == ["ألكسندر ميتروفيتش"], people


def test_a_title_completed_by_a_plural_in_construct_names_nobody() -> None:
    text = "وقال جون سميث، كبير مستشاري الاستثمار في مصرف أبوظبي الأول، إن السوق مستقرة."
    people = _names(text, "ar", "person")
    assert "مستشاري الاستثمار" not in people, people


def test_a_common_noun_before_a_name_is_no_given_name() -> None:
    people = _names("وقال محامي ميلوني، جوليا بونجورنو، إن الحكم سيستأنف.", "ar", "person")
    assert all(not p.startswith("محامي") for p in people), people


def test_a_family_name_in_allah_after_a_compound_given_name() -> None:
    people = _names("وسجل الجزائري عبد القادر فضل الله الهدف الأول.", "ar", "person")
    assert people == ["عبد القادر فضل الله"], people


def test_organisation_names_end_before_numbers_time_adjectives_and_anaphora() -> None:
    orgs = _names("وعقد مجلس الوزراء الشهري جلسته، فيما أقرت اللجنة الثلاثة القرار.", "ar", "organisation")
    assert orgs == ["مجلس الوزراء"], orgs
    orgs = _names("وقال رئيس مجلس إدارة الشركة إن الأرباح ارتفعت.", "ar", "organisation")
    assert orgs == [], orgs


def test_a_team_outside_sport_is_no_club() -> None:
    orgs = _names("وقال فريق الإنقاذ إن العمل متواصل، وأكد فريق الدفاع أنه سيستأنف الحكم.", "ar", "organisation")
    assert orgs == [], orgs
    orgs = _names("وفاز فريق الوحدة على ضيفه بهدفين في الدوري.", "ar", "organisation")
    assert orgs == ["الوحدة"], orgs


def test_an_exchange_a_party_named_for_its_country_and_a_long_name_closed_by_a_nationality() -> None:
    orgs = _names("وارتفع مؤشر سوق مسقط للأوراق المالية، بينما استقرت سوق العمل.", "ar", "organisation")
    assert orgs == ["سوق مسقط للأوراق المالية"], orgs
    orgs = _names("وأعلن الحزب الدستوري لتونس فوزه بالانتخابات.", "ar", "organisation")
    assert orgs == ["الحزب الدستوري لتونس"], orgs
    orgs = _names("ووقعت الهيئة العامة للطيران المدني والنقل التركية اتفاقية جديدة.", "ar", "organisation")
    assert orgs == ["الهيئة العامة للطيران المدني والنقل التركية"], orgs


def test_a_body_written_shortly_after_its_full_name_is_one_suggestion() -> None:
    text = "وقضت المحكمة الدستورية العليا برفض الطعن. وقالت المحكمة العليا إن الحكم نهائي."
    suggestions = [s for s in find_names(text, "ar") if s.kind == "organisation"]
    assert [(s.name, len(s.mentions)) for s in suggestions] == [("المحكمة الدستورية العليا", 2)], suggestions


def test_companies_named_by_what_they_are_or_where_someone_works() -> None:
    text = (
        "\"Demand is cooling,\" said Maria Lopez, senior economist at Oxford Economics. Analysts at Barclays"
        " cut their forecast, while carmaker Stellantis and pollster YouGov reported on Monday."
    )
    orgs = _names(text, "en", "organisation")
    assert orgs == ["Oxford Economics", "Barclays", "Stellantis", "YouGov"], orgs
    orgs = _names("A survey by Gallup found support fell, the statistics office Destatis said.", "en", "organisation")
    assert orgs == ["Gallup", "Destatis"], orgs
    orgs = _names("Swiss drugmaker Roche and shipbuilder Hanwha Ocean reported results.", "en", "organisation")
    assert orgs == ["Roche", "Hanwha Ocean"], orgs


def test_turkish_companies_in_a_list_and_boards() -> None:
    text = "Günün en çok kazandıranları Ford Otosan ve Koç Holding oldu. Yönetim Kurulu Başkanı konuştu."
    orgs = _names(text, "tr", "organisation")
    assert "Koç Holding" in orgs and all(" ve " not in o for o in orgs) and "Yönetim Kurulu" not in orgs, orgs
    orgs = _names("Rekabet Kurulu, birleşmeye izin verdi.", "tr", "organisation")
    assert orgs == ["Rekabet Kurulu"], orgs


def test_english_places_inside_names_and_as_adjectives_are_no_mentions() -> None:
    text = "Hertha Berlin beat Inter Milan, and Malaysia Airlines resumed flights. Gulf leaders met on Monday."
    assert _mentions(text, "en", "place") == [], _mentions(text, "en", "place")
    text = "London Mayor Sadiq Khan met officials in Berlin on Monday as tensions rose in the Gulf."
    assert _mentions(text, "en", "place") == ["London", "Berlin", "Gulf"], _mentions(text, "en", "place")


def test_english_copy_writes_cities_without_their_accents() -> None:
    places = _mentions("Floods cut off villages near Quang Ngai on Friday, and Da Nang closed its airport.", "en", "place")
    assert places == ["Quang Ngai", "Da Nang"], places


def test_towns_listed_after_a_plural_kind_noun() -> None:
    places = _mentions("وضربت العاصفة ولايات تيزنيت وأزيلال قبل أن تضعف.", "ar", "place")
    assert places == ["تيزنيت", "أزيلال"], places
    assert _mentions("وتضررت مدن كثيرة وقرى نائية.", "ar", "place") == []


def test_a_family_name_beginning_with_waw_after_a_given_name() -> None:
    people = _names("واستقبل الرئيس علي ويدودو ضيوفه.", "ar", "person")
    assert people == ["علي ويدودو"], people
    people = _names("واستقبل الرئيس أردوغان وستارمر الوفود.", "ar", "person")
    assert all(" و" not in p for p in people), people


def test_a_nationality_before_a_listed_given_name_and_a_surname() -> None:
    people = _names("وسجل المغربي حكيم زياش هدفين في المباراة.", "ar", "person")
    assert people == ["حكيم زياش"], people


def test_an_organisation_name_ends_before_the_object_and_a_noun_after_a_bare_name() -> None:
    orgs = _names("وطالبت منظمة الصحة العالمية الحكومات الأفريقية بزيادة التمويل.", "ar", "organisation")
    assert orgs == ["منظمة الصحة العالمية"], orgs
    orgs = _names("وحصل حزب فيدس الأغلبية في البرلمان.", "ar", "organisation")
    assert "حزب فيدس" in orgs, orgs


def test_a_word_with_the_conjunction_opens_no_name() -> None:
    people = _names("وفاز الحزب الحاكم في البلاد وحليفه في الائتلاف بالأغلبية.", "ar", "person")
    assert people == [], people


def test_english_roles_events_and_a_teams_person() -> None:
    text = (
        "Chief Executive Ola Kallenius said on Tuesday that Mercedes's George Russell finished ahead of"
        " the field at the Las Vegas Grand Prix. The Las Vegas Grand Prix drew 300,000 fans, first lady"
        " Brigitte Macron said, and the Catholic Church and Boeing Industries welcomed it."
    )
    people = _names(text, "en", "person")
    assert people == ["Ola Kallenius", "George Russell", "Brigitte Macron"], people
    orgs = _names(text, "en", "organisation")
    assert "Catholic Church" in orgs, orgs


def test_a_name_in_apposition_after_a_reporting_verb() -> None:
    people = _names("وقال ماركو ريس، كبير الاقتصاديين في البنك، إن التضخم سيتراجع.", "ar", "person")
    assert people == ["ماركو ريس"], people
    people = _names("وقال توماس كلاين، رئيس قسم الأبحاث، إن الطلب ضعيف.", "ar", "person")
    assert people == ["توماس كلاين"], people
    people = _names("وقال مصدر مطلع، رئيس سابق للجنة، إن الاجتماع تأجل.", "ar", "person")
    assert "مصدر مطلع" not in people, people


def test_a_foreign_surname_that_reads_as_a_short_verb_before_punctuation() -> None:
    people = _names("وحضر الحفل رئيسة الشركة ستيفاني بوب.", "ar", "person")
    assert people == ["ستيفاني بوب"], people
    people = _names("وقال المتحدث إن الوزير أحمد وصل.", "ar", "person")
    assert all("وصل" not in p for p in people), people


def test_a_lawyer_is_a_title_and_cldr_names_with_a_gloss() -> None:
    people = _names("وطالب المحامي نيكولاس كوفمان بالإفراج عن موكله.", "ar", "person")
    assert people == ["نيكولاس كوفمان"], people
    assert _mentions("ضرب زلزال وسط ميانمار.", "ar", "place") == ["ميانمار"]
    assert _mentions("An earthquake struck central Myanmar on Friday.", "en", "place") == ["Myanmar"]


def test_an_adjective_or_the_object_after_a_titled_name_is_no_name() -> None:
    people = _names("وقال مصدر مطلع، رئيس سابق، إن الاجتماع تأجل.", "ar", "person")
    assert people == [], people
    people = _names("واستقبل الرئيس أردوغان الوفد في القصر.", "ar", "person")
    assert people == ["أردوغان"], people
    people = _names("وقال وزير الاستثمار خالد الفالح إن الصفقة مهمة.", "ar", "person")
    assert people == ["خالد الفالح"], people
