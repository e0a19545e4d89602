"""Text suggestions applied on publish: the public abbreviation and enrichment.

The editor always wins: a field the editor filled is never replaced. What is filled
in here is stored with the version, so every channel shows the same text. Of the names
found, only the sure ones are filled in (:mod:`newsflow.text.confidence`): nobody checks
them before they reach subscribers.

``apply_suggestions`` runs in the publishing request. Finding the suggestions takes
plain strings and gives plain values (``Job`` → ``suggestions``), so a
``services.text_pool.SuggestionPool`` can run that part in another process and hand
back exactly what this process would have found.
"""

from __future__ import annotations

from typing import NamedTuple

from newsflow.core.language import primary_language
from newsflow.core.story import StoryContent, Subject
from newsflow.text import abbreviate, enrich, plain_text
from newsflow.text.confidence import is_sure

Changes = dict[str, object]  # field name → value, plain values only (subjects as (qcode, name) pairs)


class Job(NamedTuple):
    """What finding the suggestions reads of a story (cheap to send to another process)."""

    body_html: str
    headline: str
    language: str
    dateline: str | None
    abbreviation: bool  # the public abbreviation is wanted
    names: bool  # people, places, organisations, keywords and topics are wanted


def suggest_abbreviation(content: StoryContent, body: str | None = None) -> str:
    """The abbreviation of the story's body (``body``: its plain text, when already made)."""
    text = plain_text(content.body_html) if body is None else body
    return abbreviate(text, headline=content.headline, language=primary_language(content.language), dateline=content.dateline).text


def job_for(content: StoryContent) -> Job | None:
    """What is left for the suggestions to fill in, or None when the editor filled it all."""
    wants_abbreviation = bool(content.public and not content.abbreviation and content.body_html)
    wants_names = not (content.people or content.places or content.organisations or content.subjects or content.keywords)
    if not (wants_abbreviation or wants_names):
        return None
    return Job(content.body_html, content.headline, content.language, content.dateline, wants_abbreviation, wants_names)


def suggestions(job: Job) -> Changes:
    """The suggested fields for ``job`` (a pure function of it)."""
    changes: Changes = {}
    body = plain_text(job.body_html)  # parsed once for both
    language = primary_language(job.language)
    if job.abbreviation:
        changes["abbreviation"] = abbreviate(
            body, headline=job.headline, language=language, dateline=job.dateline
        ).text or None
    if job.names:
        found = enrich(body, headline=job.headline, language=language)
        # unattended, only the names that are sure on new copy go out with the story
        sure = [s for s in found.suggestions if is_sure(s)]
        changes.update(
            people=tuple(s.name for s in sure if s.kind == "person"),
            places=tuple(s.name for s in sure if s.kind == "place"),
            organisations=tuple(s.name for s in sure if s.kind == "organisation"),
            keywords=found.keywords,
            subjects=tuple((s.qcode, s.name) for s in found.subjects),
        )
    return changes


def with_suggestions(content: StoryContent, changes: Changes) -> StoryContent:
    """``content`` with the suggested fields filled in."""
    if not changes:
        return content
    if "subjects" in changes:
        pairs: tuple[tuple[str, str], ...] = changes["subjects"]  # type: ignore[assignment]
        changes = {**changes, "subjects": tuple(Subject(qcode, name) for qcode, name in pairs)}
    return content.with_changes(**changes)


def apply_suggestions(content: StoryContent) -> StoryContent:
    """Fill what the editor left empty: abbreviation (public stories), names, topics."""
    job = job_for(content)
    return content if job is None else with_suggestions(content, suggestions(job))
