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
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter
from typing import Generic, TypeVar

__all__ = [
    "WORD_RE",
    "Word",
    "WordMemo",
    "split_pieces",
    "split_words",
    "story_text",
    "story_tokens",
    "tokens",
    "word_matches",
    "word_memo",
    "word_spans",
    "word_texts",
]

_T = TypeVar("_T")

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


Word = tuple[str, int, int]  # a word and its span in the text
MAX_PIECES = 200_000  # remembered pieces per word pattern, before the table starts afresh


@lru_cache(maxsize=8)
def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_JOINED: dict[str, tuple[str, ...]] = {}  # the pieces of the last few texts made by story_text


def split_pieces(text: str) -> tuple[str, ...]:
    """``text.split()``, remembered for the last few texts: the steps of the pipeline cut the
    same body and headline at whitespace again and again (index terms, abbreviation, keywords,
    the finders' words), and a long text's split costs more than the lookup."""
    pieces = _JOINED.get(text)
    return _split(text) if pieces is None else pieces


def story_text(headline: str, body: str) -> str:
    """``f"{headline}\\n\\n{body}"``, the text the finders read, with its pieces
    (:func:`split_pieces`) remembered as the headline's and then the body's: no piece runs across
    the blank line, and the pipeline has cut both parts already."""
    text = f"{headline}\n\n{body}"
    if text not in _JOINED:
        if len(_JOINED) >= 4:
            _JOINED.clear()
        _JOINED[text] = split_pieces(headline) + split_pieces(body)
    return text


@lru_cache(maxsize=4)
def _pieces(text: str) -> tuple[list[Word], list[int]]:
    """``(piece, start, end)`` of each whitespace-separated piece of ``text``, and the
    indexes of the pieces that are not letters alone."""
    out: list[Word] = []
    others: list[int] = []
    find = text.find
    pos = -1  # the end of the piece before: a whitespace character (none before the first)
    for piece in split_pieces(text):
        start = pos + 1  # the piece starts right after it, unless more whitespace follows
        if text[start].isspace():
            start = find(piece, start)  # a find costs several times the test: only when needed
        pos = start + len(piece)
        if not piece.isalpha():
            others.append(len(out))
        out.append((piece, start, pos))
    return out, others


def split_words(pattern: re.Pattern[str], text: str, known: dict[str, tuple[Word, ...]]) -> tuple[Word, ...]:
    """``(group 1, its start, its end)`` of every ``pattern`` match in ``text``.

    For a pattern whose matches never contain whitespace, start with group 1 and, on
    a run of letters alone, match it whole (``WORD_RE`` and the entity finders'
    words): the text is split on whitespace once for every such pattern, a piece
    of letters only is one word, and what the pattern makes of any other piece is
    remembered in ``known`` (relative to the piece). Whitespace is a boundary for
    such a pattern, so the words are exactly those of ``pattern.finditer(text)``.
    """
    if len(known) > MAX_PIECES:
        known.clear()
    pieces, others = _pieces(text)
    out: list[Word] = []
    prev = 0
    for k in others:
        out += pieces[prev:k]
        piece, start, _ = pieces[k]
        inside = known.get(piece)
        if inside is None:
            inside = known[piece] = tuple((m[1], m.start(1), m.end(1)) for m in pattern.finditer(piece))
        if len(inside) == 1:  # most such pieces: a word and its punctuation
            word, a, b = inside[0]
            out.append((word, start + a, start + b))
        else:
            out += [(word, start + a, start + b) for word, a, b in inside]
        prev = k + 1
    out += pieces[prev:]
    return tuple(out)


_WORD_PIECES: dict[str, tuple[Word, ...]] = {}


@lru_cache(maxsize=4)
def word_spans(text: str) -> tuple[Word, ...]:
    """``(word, start, end)`` of each ``WORD_RE`` match of a whole story (group 1), remembered.

    The place and organisation finders both walk a story's words with offsets.
    """
    return split_words(WORD_RE, text, _WORD_PIECES)


@lru_cache(maxsize=4)
def word_texts(text: str) -> tuple[str, ...]:
    """The words of :func:`word_spans`, remembered."""
    return tuple(map(itemgetter(0), word_spans(text)))


class WordMemo(dict[str, _T], Generic[_T]):
    """``function(word)`` remembered per word in a plain dict, for the finders' tests of every
    word of a story (``map(memo.__getitem__, words)``).

    A hit is one dict lookup in C: ``functools.lru_cache`` also moves the entry to the front
    of its recency list on every hit, about twice the time per word. A word not seen yet is
    computed by ``__missing__``; the memo starts afresh when it holds ``limit`` words, which
    is exact for a pure function.
    """

    __slots__ = ("function", "limit")

    def __init__(self, function: Callable[[str], _T], limit: int = 65536) -> None:
        super().__init__()
        self.function = function
        self.limit = limit

    def __missing__(self, word: str) -> _T:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.function(word)
        return value


def word_memo(function: Callable[[str], _T]) -> Callable[[str], _T]:
    """``function`` of one word, remembered in a :class:`WordMemo`: the call is the memo's own
    ``__getitem__``, a C call that builds no argument tuple (an ``lru_cache`` is called through
    a tuple of its arguments and moves the entry in its recency list: two to three times the
    cost of a hit). For the pure per-word tests the finders call hundreds of times a story."""
    return WordMemo(function).__getitem__
