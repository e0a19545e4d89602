"""The one analyzer the search index uses for documents and for queries.

normalize → tokenize → drop stop-words → stem. Because both sides go through
the same function, والمفاوضات, المفاوضات and مفاوضات meet on one term, and
hamza seats, taa marbuta, alef maqsura, diacritics and tatweel never matter.

News vocabulary repeats heavily, so the analysis of each whitespace-separated
piece of text (``والمفاوضات``, ``Baku,``) is remembered per language: its
normalized tokens, its ``(token, stem)`` pairs and its terms. A text then costs
one ``str.split`` (remembered for the last few texts: :func:`~newsflow.text.tokenize.split_pieces`)
and one dict lookup per piece, with no regular expression and no normalization for pieces
seen before. That is exact: no token spans
whitespace, normalization keeps whitespace whitespace and never joins or
reorders characters across it (NFKC composes nothing with a space, case folding
looks no further than a word, the Arabic fold is per character), so a text's
tokens are its pieces' tokens in order. A piece not seen yet is analysed when it is
looked up (the tables' ``__missing__``), in the same pass over the text. The tables are
bounded; when one grows past :data:`MAX_CACHED` pieces it starts afresh.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Any

from newsflow.text.normalize import normalize
from newsflow.text.stem import stem
from newsflow.text.stopwords import STOPWORDS
from newsflow.text.tokenize import split_pieces

__all__ = [
    "analyze",
    "analyze_tokens",
    "index_terms",
    "index_terms_each",
    "normalized_tokens",
    "piece_terms",
    "query_terms",
]

MAX_CACHED = 200_000
_NONE: frozenset[str] = frozenset()
# WORD_RE without its Arabic-mark alternative: normalized text has no marks left
# (normalize deletes exactly WORD_RE's marks), and the plain class is faster.
_NORMALIZED_WORD_RE = re.compile(r"(\d+(?:[.,]\d+)+(?![^\W_])|[^\W_]+)(?:['’][^\W\d_]+)?")


class _Kind(dict):  # type: ignore[type-arg]
    """One kind of what a language's analysis makes of each piece (tokens, pairs or terms):
    a piece not seen yet is analysed on lookup, for all three kinds, so a text costs one
    pass over its pieces whether or not they were all seen before."""

    __slots__ = ("kind", "pieces")

    def __init__(self, pieces: _Pieces, kind: int) -> None:
        super().__init__()
        self.pieces = pieces
        self.kind = kind

    def __missing__(self, piece: str) -> Any:
        return self.pieces.learn(piece)[self.kind]


class _Pieces:
    """What one language's analysis makes of each whitespace-separated piece of text."""

    __slots__ = ("language", "pairs", "terms", "tokens")

    def __init__(self, language: str) -> None:
        self.language = language
        self.tokens: dict[str, tuple[str, ...]] = _Kind(self, 0)
        self.pairs: dict[str, tuple[tuple[str, str], ...]] = _Kind(self, 1)
        self.terms: dict[str, tuple[str, ...]] = _Kind(self, 2)

    def learn(self, piece: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
        """Analyse ``piece`` (not seen yet) and remember it."""
        if len(self.tokens) >= MAX_CACHED:
            self.tokens.clear()
            self.pairs.clear()
            self.terms.clear()
        language = self.language
        stop = STOPWORDS.get(language, _NONE)
        tokens = tuple(_NORMALIZED_WORD_RE.findall(normalize(piece, language)))
        pairs = tuple((t, stem(t, language)) for t in tokens if t not in stop)
        terms = tuple(s for _, s in pairs)
        self.tokens[piece] = tokens
        self.pairs[piece] = pairs
        self.terms[piece] = terms
        return tokens, pairs, terms


_TABLES: dict[str, _Pieces] = {}
_STEMS: dict[str, dict[str, str | None]] = {}  # normalized token → stem, None for a stop-word


def _table(language: str) -> _Pieces:
    table = _TABLES.get(language)
    if table is None:
        if len(_TABLES) >= 16:  # languages come from callers: keep the tables few
            _TABLES.clear()
        table = _TABLES[language] = _Pieces(language)
    return table


def _joined(text: str, language: str, kind: str) -> list[Any]:
    """The ``kind`` ("tokens", "pairs", "terms") of each piece of ``text``, joined in order."""
    of = getattr(_table(language), kind)
    return list(chain.from_iterable(map(of.__getitem__, split_pieces(text))))


def normalized_tokens(text: str, language: str) -> list[str]:
    """The tokens of ``normalize(text, language)``, stop-words included."""
    return _joined(text, language, "tokens")


def analyze_tokens(tokens: list[str], language: str) -> list[tuple[str, str]]:
    """``(token, stem)`` for the non-stop-words of already normalized ``tokens``."""
    table = _STEMS.get(language)
    if table is None or len(table) > MAX_CACHED:
        if len(_STEMS) >= 16:
            _STEMS.clear()
        table = _STEMS[language] = {}
    stop = STOPWORDS.get(language, _NONE)
    out: list[tuple[str, str]] = []
    for t in tokens:
        if t in table:
            s = table[t]
        else:
            s = table[t] = None if t in stop else stem(t, language)
        if s is not None:
            out.append((t, s))
    return out


def analyze(text: str, language: str) -> list[tuple[str, str]]:
    """Return ``(normalized token, stem)`` for every non-stop-word token.

    Enrichment and abbreviation need both forms (the token to map a stem back
    to a readable word), so the pipeline is exposed once here.
    """
    return _joined(text, language, "pairs")


def index_terms(text: str, language: str) -> list[str]:
    """Terms to index for ``text`` (a document or a query), in order, repeats kept."""
    return _joined(text, language, "terms")


def piece_terms(text: str, language: str) -> list[tuple[str, ...]]:
    """The terms of each whitespace-separated piece of ``text``, one tuple per piece (joined in
    order, they are :func:`index_terms`): a caller that cuts the text at whitespace takes each
    part's terms from here instead of analysing the part again."""
    return list(map(_table(language).terms.__getitem__, split_pieces(text)))


def index_terms_each(texts: list[str], language: str) -> list[list[str]]:
    """``[index_terms(t, language) for t in texts]`` (abbreviation analyses every sentence)."""
    return [index_terms(t, language) for t in texts]


def query_terms(text: str, language: str) -> list[str]:
    """Like :func:`index_terms`, but never empty for a query that has words.

    A query made only of stop-words ("The Who", "ما هذا") would otherwise
    match nothing; then every word is stemmed and kept.
    """
    terms = index_terms(text, language)
    if terms:
        return terms
    return [stem(t, language) for t in normalized_tokens(text, language)]
