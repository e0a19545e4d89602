"""The one analyzer the search index uses for documents and for queries.

normalize → tokenize → drop stop-words → stem. Because both sides go through
the same function, والمفاوضات, المفاوضات and مفاوضات meet on one term, and
hamza seats, taa marbuta, alef maqsura, diacritics and tatweel never matter.
"""

from __future__ import annotations

from newsflow.text.normalize import normalize
from newsflow.text.stem import stem
from newsflow.text.stopwords import STOPWORDS
from newsflow.text.tokenize import WORD_RE

__all__ = ["analyze", "index_terms", "query_terms"]

_NONE: frozenset[str] = frozenset()


def analyze(text: str, language: str) -> list[tuple[str, str]]:
    """Return ``(normalized token, stem)`` for every non-stop-word token.

    Enrichment and abbreviation need both forms (the token to map a stem back
    to a readable word), so the pipeline is exposed once here.
    """
    stop = STOPWORDS.get(language, _NONE)
    return [
        (t, stem(t, language)) for t in WORD_RE.findall(normalize(text, language)) if t not in stop
    ]


def index_terms(text: str, language: str) -> list[str]:
    """Terms to index for ``text`` (a document or a query), in order, repeats kept."""
    stop = STOPWORDS.get(language, _NONE)
    return [stem(t, language) for t in WORD_RE.findall(normalize(text, language)) if t not in stop]


def query_terms(text: str, language: str) -> list[str]:
    """Like :func:`index_terms`, but never empty for a query that has words.

    A query made only of stop-words ("The Who", "ما هذا") would otherwise
    match nothing; then every word is stemmed and kept.
    """
    terms = index_terms(text, language)
    if terms:
        return terms
    return [stem(t, language) for t in WORD_RE.findall(normalize(text, language))]
