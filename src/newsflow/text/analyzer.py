"""The one analyzer the search index uses for documents and for queries.

normalize → tokenize → drop stop-words → stem. Because both sides go through
the same function, والمفاوضات, المفاوضات and مفاوضات meet on one term, and
hamza seats, taa marbuta, alef maqsura, diacritics and tatweel never matter.

News vocabulary repeats heavily, so the stop-word test and the stem of each
normalized token are remembered per language in one dict (``None`` marks a
stop-word): a token costs one lookup after its first sighting. The tables are
bounded; when one grows past :data:`MAX_CACHED` tokens it starts afresh.
"""

from __future__ import annotations

import re

from newsflow.text.normalize import normalize
from newsflow.text.stem import stem
from newsflow.text.stopwords import STOPWORDS

__all__ = [
    "analyze",
    "analyze_tokens",
    "index_terms",
    "index_terms_each",
    "normalized_tokens",
    "query_terms",
]

MAX_CACHED = 200_000
_NONE: frozenset[str] = frozenset()
# WORD_RE without its Arabic-mark alternative: normalized text has no marks left
# (normalize deletes exactly WORD_RE's marks), and the plain class is faster.
_NORMALIZED_WORD_RE = re.compile(r"(\d+(?:[.,]\d+)+(?![^\W_])|[^\W_]+)(?:['’][^\W\d_]+)?")
_TABLES: dict[str, dict[str, str | None]] = {}


def normalized_tokens(text: str, language: str) -> list[str]:
    """The tokens of ``normalize(text, language)``, stop-words included."""
    return _NORMALIZED_WORD_RE.findall(normalize(text, language))


def _stems(tokens: list[str], language: str) -> list[str | None]:
    """The stem of each token, ``None`` for a stop-word."""
    table = _TABLES.get(language)
    if table is None:
        if len(_TABLES) >= 16:  # languages come from callers: keep the tables few
            _TABLES.clear()
        table = _TABLES[language] = {}
    try:
        return [table[t] for t in tokens]
    except KeyError:
        pass
    if len(table) > MAX_CACHED:
        table.clear()
    stop = STOPWORDS.get(language, _NONE)
    out: list[str | None] = []
    for t in tokens:
        if t in table:
            out.append(table[t])
        else:
            s = table[t] = None if t in stop else stem(t, language)
            out.append(s)
    return out


def analyze_tokens(tokens: list[str], language: str) -> list[tuple[str, str]]:
    """``(token, stem)`` for the non-stop-words of already normalized ``tokens``."""
    return [(t, s) for t, s in zip(tokens, _stems(tokens, language), strict=True) if s is not None]


def analyze(text: str, language: str) -> list[tuple[str, str]]:
    """Return ``(normalized token, stem)`` for every non-stop-word token.

    Enrichment and abbreviation need both forms (the token to map a stem back
    to a readable word), so the pipeline is exposed once here.
    """
    return analyze_tokens(normalized_tokens(text, language), language)


def index_terms(text: str, language: str) -> list[str]:
    """Terms to index for ``text`` (a document or a query), in order, repeats kept."""
    return [s for s in _stems(normalized_tokens(text, language), language) if s is not None]


def index_terms_each(texts: list[str], language: str) -> list[list[str]]:
    """``[index_terms(t, language) for t in texts]``, normalizing all texts in one call.

    Abbreviation analyses every sentence of a story; one normalization of the
    sentences joined by a blank line is cheaper than one per sentence. That is
    exact: a line feed is a boundary for NFKC, case folding (even Greek final
    sigma) and tokens, and no character normalizes to contain one. Texts that
    hold a blank line or start or end with a line feed (never a sentence) are
    analysed one by one.
    """
    if any("\n\n" in t or t[:1] == "\n" or t[-1:] == "\n" for t in texts):
        return [index_terms(t, language) for t in texts]
    parts = normalize("\n\n".join(texts), language).split("\n\n")
    if len(parts) != len(texts):  # only for an empty list
        return [index_terms(t, language) for t in texts]
    tokens = [_NORMALIZED_WORD_RE.findall(p) for p in parts]
    stems = _stems([t for ts in tokens for t in ts], language)
    out: list[list[str]] = []
    start = 0
    for ts in tokens:
        end = start + len(ts)
        out.append([s for s in stems[start:end] if s is not None])
        start = end
    return out


def query_terms(text: str, language: str) -> list[str]:
    """Like :func:`index_terms`, but never empty for a query that has words.

    A query made only of stop-words ("The Who", "ما هذا") would otherwise
    match nothing; then every word is stemmed and kept.
    """
    terms = index_terms(text, language)
    if terms:
        return terms
    return [stem(t, language) for t in normalized_tokens(text, language)]
