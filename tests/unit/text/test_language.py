"""Language identification."""

from __future__ import annotations

import pytest

from newsflow.text.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("زار الرئيس الروسي باكو يوم الاثنين", "ar"),
        ("The president said the talks were useful.", "en"),
        ("Cumhurbaşkanı Bakü'de açıklama yaptı ve görüşmeler sürdü.", "tr"),
        ("Ticaret hacmi bu yıl artacak", "tr"),
        ("Putin visits Baku", "en"),
        ("Le président a déclaré que la réunion était utile.", "other"),
        ("Президент провёл переговоры", "other"),
        ("12345 !!!", "other"),
        ("", "other"),
    ],
)
def test_detect(text: str, expected: str) -> None:
    assert detect_language(text) == expected
