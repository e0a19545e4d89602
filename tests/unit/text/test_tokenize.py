"""Tokenization."""

from __future__ import annotations

from newsflow.text.tokenize import tokens


def test_arabic_punctuation_dropped() -> None:
    assert tokens("قال: «نعم»، ثم؛ هل؟", "ar") == ["قال", "نعم", "ثم", "هل"]


def test_numbers_and_apostrophes() -> None:
    assert tokens("Bakü'de 3.5 ve 1.000 kişi, Putin's G20", "tr") == [
        "Bakü",
        "3.5",
        "ve",
        "1.000",
        "kişi",
        "Putin",
        "G20",
    ]


def test_diacritics_stay_inside_words() -> None:
    assert tokens("مُفَاوَضَاتٌ مفاوضـات", "ar") == ["مُفَاوَضَاتٌ", "مفاوضـات"]


def test_a_word_memo_remembers_each_word_and_starts_afresh_when_full() -> None:
    from newsflow.text.tokenize import WordMemo

    seen: list[str] = []

    def length(word: str) -> int:
        seen.append(word)
        return len(word)

    memo = WordMemo(length, limit=2)
    assert list(map(memo.__getitem__, ["باكو", "Baku", "باكو"])) == [4, 4, 4]
    assert seen == ["باكو", "Baku"]
    assert memo["Ankara"] == 6 and len(memo) == 1  # full: started afresh
    assert seen == ["باكو", "Baku", "Ankara"]
