"""Failure kinds met on the heldout30 stories (fisheries, a chess olympiad, a hacking ring, a
desalination plant, a central bank governor, refugee returns, a cycling tour, grain tenders, a
film festival's jury, a polio campaign, a port strike, a copper licence, border crossings),
each written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own writing
and name other people, bodies and places, so a rule that only memorised a held-out name would
not pass them.
"""

from __future__ import annotations

from tests.unit.text.found import mentions as _mentions


def test_a_nationality_before_a_foreign_given_name_read_as_a_word_and_an_unknown_surname() -> None:
    text = "وفاز الفرنسي أدريان موكيليه بالسباق."
    assert _mentions(text, "ar", "person") == ["أدريان موكيليه"]
    text = "وقالت الإسبانية كارمن غاريغيث إن الفيلم جاهز."
    assert _mentions(text, "ar", "person") == ["كارمن غاريغيث"]
    text = "وحل ثانيا النيوزيلندي بول تولوكي."
    assert _mentions(text, "ar", "person") == ["بول تولوكي"]
    # a preposition before a name no dictionary holds is no given name
    text = "وتعادل المنتخب التونسي مع كوراساو."
    assert _mentions(text, "ar", "person") == []
    # a last word that reads as a word belongs to the name before punctuation or a proclitic
    text = "وفازت الإسبانية كارمن غاريغيث ملدونادو بالجائزة."
    assert _mentions(text, "ar", "person") == ["كارمن غاريغيث ملدونادو"]
    text = "وتوج البرازيلي أدريان موكيليه سييرا."
    assert _mentions(text, "ar", "person") == ["أدريان موكيليه سييرا"]
    # a title completed by a nationality, then such a name
    text = "وقالت مديرة البرنامج في كينيا الإيطالية كارمن غاريغيث إن التمويل تأخر."
    assert _mentions(text, "ar", "person") == ["كارمن غاريغيث"]
    # a given name that opens with و after a nationality is no conjunction
    text = "وقالت الهندية وحيدة كاتياري إن المشروع بدأ."
    assert _mentions(text, "ar", "person") == ["وحيدة كاتياري"]
