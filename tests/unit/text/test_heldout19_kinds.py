"""Failure kinds met on the heldout19 stories, each written here with other names.

The stories themselves stay in the evaluation set; the sentences below are our own
writing and name other people, bodies and places, so a rule that only memorised a
held-out name would not pass them.
"""

from __future__ import annotations

from tests.unit.text.found import mentions as _mentions
from tests.unit.text.found import names as _names


def test_a_body_in_construct_with_a_named_body_is_a_body_of_its_own() -> None:
    # the Council of the European Union is not the Union written more fully
    text = "ورحب الاتحاد الأوروبي بالاتفاق، فيما أقر مجلس الاتحاد الأوروبي حزمة العقوبات الجديدة."
    assert _names(text, "ar", "organisation") == ["الاتحاد الأوروبي", "مجلس الاتحاد الأوروبي"]
    # a fuller name ending in the short one is still the same body
    text = "Türkiye Cumhuriyet Merkez Bankası faizi sabit tuttu. Merkez Bankası açıklamasında enflasyona dikkat çekti."
    assert _names(text, "tr", "organisation") == ["Türkiye Cumhuriyet Merkez Bankası"]
