"""Arabic folding and language-aware case folding."""

from __future__ import annotations

import pytest

from newsflow.text.normalize import normalize, normalize_arabic


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أحمد", "احمد"),
        ("إسلام", "اسلام"),
        ("آخر", "اخر"),
        ("ٱلله", "الله"),
        ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("مُفَاوَضَاتٌ", "مفاوضات"),
        ("شدّة", "شده"),
        ("هٰذا", "هذا"),
        ("مفاوضـــات", "مفاوضات"),
        ("٢٠٢٣", "2023"),
        ("۱۲", "12"),
        ("سماء", "سماء"),
    ],
)
def test_normalize_arabic_folds_variants(raw: str, folded: str) -> None:
    assert normalize_arabic(raw) == folded


def test_normalize_arabic_leaves_latin_alone() -> None:
    assert normalize_arabic("Bakü İstanbul") == "Bakü İstanbul"


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("İSTANBUL", "tr", "istanbul"),
        ("ISPARTA", "tr", "ısparta"),
        ("IRAQ", "en", "iraq"),
        ("İzmir", "en", "izmir"),
        ("Straße", "en", "strasse"),
        ("ﻣﺮﺣﺒﺎ", "ar", "مرحبا"),  # presentation forms → base letters (NFKC)
        ("ＡＢＣ", "en", "abc"),
    ],
)
def test_normalize_case_and_compatibility(raw: str, language: str, expected: str) -> None:
    assert normalize(raw, language) == expected
