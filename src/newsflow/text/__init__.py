"""Language-aware text processing for newsflow: pure functions, no I/O at call time.

Arabic, English and Turkish: normalization and stemming for search,
sentence splitting and extractive abbreviation for public pages, and
enrichment (people, places, organisations, keywords, IPTC Media Topics).
Data files ship inside the package (``data/``) and are read at import.
"""

from newsflow.text.abbreviate import Abbreviation, abbreviate
from newsflow.text.analyzer import index_terms, query_terms
from newsflow.text.enrich import Enrichment, enrich
from newsflow.text.html import plain_paragraphs, plain_text
from newsflow.text.language import detect_language
from newsflow.text.mediatopics import Subject
from newsflow.text.normalize import normalize, normalize_arabic
from newsflow.text.sentences import split_sentences
from newsflow.text.stem import stem, stem_arabic
from newsflow.text.tokenize import tokens

__all__ = [
    "Abbreviation",
    "Enrichment",
    "Subject",
    "abbreviate",
    "detect_language",
    "enrich",
    "index_terms",
    "normalize",
    "normalize_arabic",
    "plain_paragraphs",
    "plain_text",
    "query_terms",
    "split_sentences",
    "stem",
    "stem_arabic",
    "tokens",
]
