"""What the index stores for one story, built the same way for both engines.

Why here and not in each engine: the terms a story is found by, the public text,
the filter tags and the snippet sources must be identical on SQLite and PostgreSQL,
or the two would answer the same query differently.

* ``head_terms`` / ``body_terms``: the analyzer's terms of the headline and of the
  description, dateline and body (subscribers and editors search these).
* ``public_terms``: the analyzer's terms of the stored public abbreviation, and
  nothing else; an anonymous search never touches the body.
* ``tags``: (kind, key) pairs for the topic, person and place filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from newsflow.core.language import primary_language as primary_language
from newsflow.core.story import StoryVersion
from newsflow.text.analyzer import index_terms
from newsflow.text.html import plain_text
from newsflow.text.normalize import normalize
from newsflow.text.stem import is_arabic
from newsflow.text.tokenize import WORD_RE

__all__ = ["FACET_KINDS", "FACET_SEP", "IndexDocument", "facet_values", "primary_language", "tag_key"]

FACET_SEP = "\x1f"  # between a story's facet values (search_facts, 0007)
FACET_KINDS = {"l": "language", "c": "category", "p": "priority", "t": "type", "g": "topic"}


@lru_cache(maxsize=65536)  # names repeat from story to story; the index process keys every one
def tag_key(value: str) -> str:
    """The comparable form of a person or place name (folded, words single-spaced)."""
    lang = "ar" if any(is_arabic(ch) for ch in value) else "en"
    return " ".join(WORD_RE.findall(normalize(value, lang)))


@dataclass(frozen=True, slots=True)
class IndexDocument:
    story_id: int
    uri: str
    version: int
    headline: str
    language: str  # primary subtag
    category: str
    priority: str
    type: str
    public: bool
    withdrawn: bool
    versioncreated: datetime
    text: str  # plain text the snippet is cut from (description + body)
    public_text: str  # the abbreviation, or "" — all the public may see besides the headline
    head_terms: tuple[str, ...]
    body_terms: tuple[str, ...]
    public_terms: tuple[str, ...]
    tags: tuple[tuple[str, str], ...]

    @classmethod
    def from_version(cls, v: StoryVersion) -> IndexDocument:
        c = v.content
        lang = primary_language(c.language)
        body = plain_text(c.body_html) if c.body_html else ""
        text = "\n".join(part for part in (c.description or "", body) if part)
        searchable = "\n".join(part for part in (c.dateline or "", text) if part)
        public_text = c.abbreviation or ""
        tags = {("topic", s.qcode) for s in c.subjects}
        tags |= {("person", key) for key in map(tag_key, c.people) if key}
        tags |= {("place", key) for key in map(tag_key, c.places) if key}
        return cls(
            story_id=v.story_id,
            uri=v.uri,
            version=v.version,
            headline=c.headline,
            language=lang,
            category=c.category,
            priority=c.priority.value,
            type=c.type.value,
            public=c.public,
            withdrawn=v.is_withdrawn,
            versioncreated=v.versioncreated,
            text=text,
            public_text=public_text,
            head_terms=tuple(index_terms(c.headline, lang)),
            body_terms=tuple(index_terms(searchable, lang)),
            public_terms=tuple(index_terms(public_text, lang)) if c.public else (),
            tags=tuple(sorted(tags)),
        )


def facet_values(doc: IndexDocument) -> str:
    """The story's row in ``search_facts``: each value the facets count, after the
    letter of its facet (``FACET_KINDS``), joined by ``FACET_SEP``."""
    values = [("l", doc.language), ("c", doc.category), ("p", doc.priority), ("t", doc.type)]
    values += [("g", key[:200]) for kind, key in doc.tags if kind == "topic"]
    return FACET_SEP.join(letter + value.replace(FACET_SEP, "") for letter, value in values)
