"""Words with offsets, shared by the people and organisation finders.

Both finders need to know whether two words are adjacent (only spaces
between them) or separated by punctuation, which a plain token list loses;
the words of a story are computed once and cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from newsflow.text.normalize import normalize_arabic
from newsflow.text.tokenize import Word, split_words, word_memo

__all__ = ["Word", "is_definite", "joined", "norm_set", "norm_word", "word_strings", "words"]

# Group 1 is the word without its trailing full stop (a full stop inside the
# word must be followed by a letter, so the group never ends with one). Runs of
# letters are matched whole, not letter by letter with a look-ahead per mark: the
# same words, in about 60 % of the time.
_TOKEN = re.compile(r"([^\W_]+(?:[\u064b-\u065f\u0670\u0640.’'-][^\W_]+)*)\.?")
_DOTTED = frozenset(["Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Sen", "Gov", "Sn"])

# Word-level folding is called for every word by every finder; words repeat.
norm_word = word_memo(normalize_arabic)


def norm_set(text: str) -> frozenset[str]:
    """The normalized words of ``text`` as a set (for hand-written word lists)."""
    return frozenset(normalize_arabic(w) for w in text.split())


_PIECES: dict[str, tuple[Word, ...]] = {}


@lru_cache(maxsize=4)
def words(text: str) -> tuple[Word, ...]:
    """Words of ``text`` with their offsets (a trailing full stop is left out of word and span)."""
    return split_words(_TOKEN, text, _PIECES)


@lru_cache(maxsize=4)
def word_strings(text: str) -> tuple[str, ...]:
    """The words of :func:`words` alone, remembered: the finders' per-word tests read them in
    several passes over a story."""
    return tuple(map(itemgetter(0), words(text)))


def joined(text: str, a: Word, b: Word) -> bool:
    """True when only spaces (or an abbreviation's full stop, "Mr.") separate two words."""
    raw = text[a[2] : b[1]]
    if raw == " ":
        return True  # most gaps
    if "\n" in raw:
        return False  # a name never runs across a line break (headline, dateline, paragraph)
    gap = raw.strip()
    return gap == "" or (gap == "." and a[0] in _DOTTED)


_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


@word_memo
def is_definite(word: str) -> bool:
    """True for an Arabic word with the article, bare or after a proclitic (الوزير, وال, لل).

    Read on the written word, not the folded one: إلهام, إلى and آل fold to a
    leading ال but carry no article.
    """
    bare = _MARKS.sub("", word)
    return bare.startswith(("ال", "وال", "فال", "بال", "كال", "لل", "ولل"))
