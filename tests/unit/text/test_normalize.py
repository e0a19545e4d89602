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


def test_arabic_fold_is_exactly_the_documented_table() -> None:
    # normalize_arabic applies _ARABIC_TABLE by replacements for speed; it must
    # agree with a plain translate on every character it could meet.
    from newsflow.text.normalize import _ARABIC_TABLE

    chars = [chr(c) for c in range(0x0600, 0x0700)] + list("aİIıi 0 9 ییکک") + ["ة", "ى"]
    text = "".join(chars)
    assert normalize_arabic(text) == text.translate(_ARABIC_TABLE)
    # every pair, so a replacement never feeds another one
    for a in chars:
        for b in chars[::7]:
            assert normalize_arabic(a + b) == (a + b).translate(_ARABIC_TABLE)


def test_case_folding_keeps_its_turkish_rules() -> None:
    assert normalize("İSTANBUL IRAK", "tr") == "istanbul ırak"
    assert normalize("İSTANBUL IRAK", "en") == "istanbul irak"
