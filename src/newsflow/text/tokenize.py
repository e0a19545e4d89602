"""Word tokenization for Arabic, English and Turkish news copy.

A single regular expression finds words (letters of any script, with Arabic
combining marks kept inside the word) and numbers (``3.5``, ``1.000``,
``4,500`` stay one token). Everything else, including Arabic ``، ؛ ؟ « »``,
is a separator. An apostrophe suffix (``Bakü'de``, ``Putin's``) is dropped:
in Turkish and English it inflects a proper name, and the bare name is what
search and the gazetteer need.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["WORD_RE", "story_tokens", "tokens", "word_matches", "word_texts"]

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
WORD_RE = re.compile(
    r"(\d+(?:[.,]\d+)+(?![^\W_])|[^\W_](?:[^\W_]|[" + _MARKS + r"])*)(?:['’][^\W\d_]+)?"
)


def tokens(text: str, language: str) -> list[str]:
    """Return the words and numbers of ``text`` in order, as written.

    ``language`` is accepted so callers never need to change when a
    language-specific rule is added; the current rules are shared.
    """
    del language
    return WORD_RE.findall(text)


@lru_cache(maxsize=4)
def story_tokens(text: str) -> tuple[str, ...]:
    """``WORD_RE.findall(text)`` for a whole story, remembered for the last few stories.

    Enrichment needs the story's written tokens several times (places,
    organisations, and mapping keywords back to how they were written); this
    shares one pass with :func:`word_matches`.
    """
    return word_texts(text)


@lru_cache(maxsize=4)
def word_matches(text: str) -> tuple[re.Match[str], ...]:
    """``WORD_RE`` matches of a whole story (word in group 1, with offsets), remembered.

    The place and organisation finders both walk a story's words with offsets.
    """
    return tuple(WORD_RE.finditer(text))


@lru_cache(maxsize=4)
def word_texts(text: str) -> tuple[str, ...]:
    """The words (group 1) of :func:`word_matches`, remembered."""
    return tuple(m[1] for m in word_matches(text))
