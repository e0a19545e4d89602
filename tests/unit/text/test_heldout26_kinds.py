"""Failure kinds met on the heldout26 stories (prisoner exchanges, outbreaks, archaeological
finds, runway excursions, vote counts, trade fairs, court rulings against companies), each
written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own writing
and name other people, bodies and places, so a rule that only memorised a held-out name would
not pass them.
"""

from __future__ import annotations

from tests.unit.text.found import mentions as _mentions


def test_a_town_naming_an_airport_is_no_place_mention() -> None:
    text = "İzmir'den kalkan uçak Trabzon Havalimanı'na indi. Trabzon Valisi açıklama yaptı."
    assert _mentions(text, "tr", "place") == ["İzmir", "Trabzon"]  # the governor's Trabzon only
    text = "The flight from Madrid landed at Glasgow Airport, police in Glasgow said."
    assert _mentions(text, "en", "place") == ["Madrid", "Glasgow"]
    # with the suffix written without an apostrophe, too; a town before another word stays a place
    text = "Uçak Trabzon Havaalanına indi, yolcular Trabzon kentine geçti."
    assert _mentions(text, "tr", "place") == ["Trabzon"]
