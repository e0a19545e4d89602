"""Failure kinds met on the heldout32 stories (a handball cup, date exports, a wildfire, exam
results, Ramadan prices, peace mediation, an IMF mission, ambassadors' credentials, migrant
boats, falconry, a museum reopening, judo; shipbuilding, a rail strike, a dam inauguration, a
customs seizure; the minimum wage, auto exports, a church pilgrimage, weightlifting), each
written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own writing
and name other people, bodies and places, so a rule that only memorised a held-out name would
not pass them.
"""

from __future__ import annotations

from tests.unit.text.found import mentions as _mentions


def test_a_pupil_and_a_student_are_roles_before_a_name() -> None:
    text = "وقالت التلميذة سلمى الحسناوي إنها ستدرس الطب."
    assert _mentions(text, "ar", "person") == ["سلمى الحسناوي"]
    text = "وقال الطالب السنغالي مامادو سيك إنه سيعود إلى بلاده."
    assert _mentions(text, "ar", "person") == ["مامادو سيك"]
    text = "وكرمت المدرسة الطالبة نوال بنشقرون والتلميذ رشيد العلمي."
    assert _mentions(text, "ar", "person") == ["نوال بنشقرون", "رشيد العلمي"]


def test_the_star_of_the_match_after_a_name_is_no_family_name() -> None:
    text = "وكان المهاجم سمير العبدلي نجم المباراة بتسجيله هدفين."
    assert _mentions(text, "ar", "person") == ["سمير العبدلي"]
    text = "وكان لاعب الوسط كريم الهداجي نجم اللقاء بلا منازع."
    assert _mentions(text, "ar", "person") == ["كريم الهداجي"]
    # نجم الدين is a compound given name
    text = "وقال الوزير نجم الدين كريم إن الاتفاق قريب."
    assert _mentions(text, "ar", "person") == ["نجم الدين كريم"]


def test_a_french_railway_station_is_a_place_and_the_town_it_is_named_after_stays_apart() -> None:
    text = "Trains out of Gare de l'Est towards Strasbourg and Metz were cancelled, union leader Paul Girard said."
    assert _mentions(text, "en", "place") == ["Gare de l'Est", "Strasbourg", "Metz"]
    assert _mentions(text, "en", "person") == ["Paul Girard"]
    text = "Commuters waited at the Gare Saint-Lazare and at Gare de Lyon before travelling on to Lyon."
    assert _mentions(text, "en", "place") == ["Gare Saint-Lazare", "Gare de Lyon", "Lyon"]
    assert _mentions(text, "en", "person") == []


def test_a_name_before_river_is_a_place_with_its_kind_word() -> None:
    text = "The new bridge spans the Kwilu River near the town of Bandundu, officials said."
    assert _mentions(text, "en", "place") == ["Kwilu River", "Bandundu"]
    # a body named after a river keeps its whole name
    text = "The Okavango River Basin Commission met on Monday."
    assert _mentions(text, "en", "place") == []


def test_a_resident_or_a_commuter_opening_the_sentence_is_a_role_before_a_name() -> None:
    text = "Resident Jean-Paul Mbarga, who runs a bakery in the town of Obala, said the lights stayed on."
    assert _mentions(text, "en", "person") == ["Jean-Paul Mbarga"]
    text = "Commuter Lucie Fontaine said the train never came."
    assert _mentions(text, "en", "person") == ["Lucie Fontaine"]


def test_a_town_right_after_the_country_of_a_title_opens_the_name() -> None:
    # the given or family name a GeoNames town shares, after سفير + country, before a name word
    text = "وقدم سفير اليابان أوساكا كينجي أوراق اعتماده."
    assert _mentions(text, "ar", "person") == ["أوساكا كينجي"]
    assert _mentions(text, "ar", "place") == ["اليابان"]
