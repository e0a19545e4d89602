"""Stemming: PyStemmer (Snowball) for English and Turkish, a light stemmer for Arabic.

Arabic uses a *light* stemmer in the style of Larkey's light10 (Larkey,
Ballesteros & Connell, 2007): it removes the conjunction و, the article ال and
its combinations (وال بال كال فال لل), and a fixed list of suffixes, and never
tries to extract a root. Light stemming is what works best for Arabic
retrieval: root extraction conflates too much (كتاب, كاتب, مكتب share a root).

Choices on top of light10, all in favour of precision:

* a prefix or suffix is removed only if at least :data:`MIN_STEM` (3) letters
  remain, so short words are never destroyed;
* a lone ف ب ل ك is *not* stripped (it would ruin فلسطين, بريطانيا, كتاب, لبنان);
  only و is, because it is by far the commonest proclitic;
* words that genuinely begin with و (وزير, وزارة, وفد, وضع, ...) are protected,
  so وزير, الوزير and والوزير all stem to the same term;
* beyond light10, a conjunction و/ف *before* a preposition + article is
  removed as one prefix (وبال وكال فبال فكال ولل فلل), so وللمفاوضات and
  وبالمفاوضات meet مفاوضات. These need 3 letters left, and a protected و-word
  (وكالة, وكالات: "agency") is never read as و + كال.

The input is normalized (:func:`normalize_arabic`) first, so callers may pass raw
tokens. Snowball stemmers are created once per language and reused; the Arabic
stemmer is memoised because news vocabulary repeats heavily.
"""

from __future__ import annotations

from functools import lru_cache

import Stemmer

from newsflow.text.normalize import normalize_arabic

__all__ = ["MIN_STEM", "is_arabic", "stem", "stem_arabic"]

MIN_STEM = 3
# (prefix, letters that must remain); the conjunction + preposition + article
# combinations are longer and rarer than light10's, so they ask for more.
_ARTICLES = (
    ("وبال", MIN_STEM),
    ("وكال", MIN_STEM),
    ("فبال", MIN_STEM),
    ("فكال", MIN_STEM),
    ("ولل", MIN_STEM),
    ("فلل", MIN_STEM),
    ("وال", MIN_STEM - 1),
    ("فال", MIN_STEM - 1),
    ("بال", MIN_STEM - 1),
    ("كال", MIN_STEM - 1),
    ("لل", MIN_STEM - 1),
    ("ال", MIN_STEM - 1),
)
_COMBINATIONS = frozenset(p for p, _ in _ARTICLES[:6])
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
# Normalized beginnings of common words whose first letter و is part of the word.
_WAW_TEXT = (
    "وزير وزارة وزراء وفد وفود وضع أوضاع وقت وطن وطني ولاية وكالة واشنطن وثيق وسط "
    "وصول وجود وحد وحيد ورق وقف واقع وسيل وعد ولي وفاة وفق وافق وقع وقود ورد وراء "
    "وجه وجهة وظيف وقائع واجب وصف وزن والد ولد وادي ولايات وارد وكالات وكالت"
)
_WAW_WORDS = tuple(normalize_arabic(w) for w in _WAW_TEXT.split())
_SNOWBALL = {"en": "english", "tr": "turkish"}


@lru_cache(maxsize=65536)
def stem_arabic(token: str) -> str:
    """Light-stem one Arabic token (see the module docstring for the rules)."""
    word = normalize_arabic(token)
    for article, rest in _ARTICLES:
        if word.startswith(article):
            if article in _COMBINATIONS and (
                len(word) - len(article) < rest
                or (article[0] == "و" and word.startswith(_WAW_WORDS))
            ):
                continue  # too short, or وكالات ("agencies"), not و + ك + الات: light10 rules
            if len(word) - len(article) >= rest:
                word = word[len(article) :]
            break
    else:
        if word.startswith("و") and len(word) - 1 >= MIN_STEM and not word.startswith(_WAW_WORDS):
            word = word[1:]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
    return word


@lru_cache(maxsize=8)
def _snowball(language: str) -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer(_SNOWBALL[language])
    stemmer.maxCacheSize = 50000
    return stemmer


def is_arabic(token: str) -> bool:
    """True when the token starts with a letter of the Arabic block."""
    return bool(token) and "\u0600" <= token[0] <= "\u06ff"


def stem(token: str, language: str) -> str:
    """Stem ``token`` for ``language`` ("ar", "en", "tr"; anything else is left as is).

    Arabic-script tokens always take the Arabic stemmer, whatever the story's
    language, so an Arabic name quoted in English copy is indexed consistently.
    """
    if is_arabic(token):
        return stem_arabic(token)
    if language in _SNOWBALL:
        return str(_snowball(language).stemWord(token))
    return token
