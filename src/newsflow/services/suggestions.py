"""Text suggestions applied on publish: the public abbreviation and enrichment.

The editor always wins: a field the editor filled is never replaced. What is filled
in here is stored with the version, so every channel shows the same text.
"""

from __future__ import annotations

from newsflow.core.language import primary_language
from newsflow.core.story import StoryContent, Subject
from newsflow.text import abbreviate, enrich, plain_text


def suggest_abbreviation(content: StoryContent, body: str | None = None) -> str:
    """The abbreviation of the story's body (``body``: its plain text, when already made)."""
    text = plain_text(content.body_html) if body is None else body
    return abbreviate(text, headline=content.headline, language=primary_language(content.language), dateline=content.dateline).text


def apply_suggestions(content: StoryContent) -> StoryContent:
    """Fill what the editor left empty: abbreviation (public stories), names, topics."""
    changes: dict[str, object] = {}
    wants_abbreviation = bool(content.public and not content.abbreviation and content.body_html)
    wants_names = not (content.people or content.places or content.organisations or content.subjects or content.keywords)
    body = plain_text(content.body_html) if wants_abbreviation or wants_names else ""  # parsed once for both
    if wants_abbreviation:
        changes["abbreviation"] = suggest_abbreviation(content, body) or None
    if wants_names:
        found = enrich(body, headline=content.headline, language=primary_language(content.language))
        changes.update(
            people=found.people,
            places=found.places,
            organisations=found.organisations,
            keywords=found.keywords,
            subjects=tuple(Subject(s.qcode, s.name) for s in found.subjects),
        )
    return content.with_changes(**changes) if changes else content
