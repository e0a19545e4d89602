"""Ingest: stories that arrive as NewsML-G2 or ninjs become stories and versions here.

The parsers (``newsflow.formats``) turn a document into ``ParsedItem``s; this module
maps each to the newsroom's use cases, keyed by the sender's guid (``source_uri``):
an unknown guid is created and published, a known one becomes an update, a correction
or a withdrawal. Every item of a document is validated before anything is written, so
a bad document changes nothing. Re-sending an identical item creates no new version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsflow.core.codec import content_to_dict
from newsflow.core.story import Action, PubStatus, Representation, StoryContent, StoryStatus
from newsflow.errors import InvalidInput, NotFound
from newsflow.formats import newsml_g2, ninjs
from newsflow.formats.parsed import ParsedItem
from newsflow.services.newsroom import Newsroom, Outcome
from newsflow.store import stories as story_store

EDITOR_FIELDS = (
    "language", "headline", "priority", "category", "type", "dateline", "country", "byline",
    "description", "abbreviation", "subjects", "people", "places", "organisations", "keywords",
    "embargoed",
)


def fields_from_parsed(item: ParsedItem) -> dict[str, Any]:
    """The editor fields a parsed item carries (validated again by the newsroom)."""
    if item.representation is not Representation.FULL:
        raise InvalidInput("a partial item has no body and cannot be ingested", field="body")
    data = content_to_dict(item.content)
    fields = {k: data[k] for k in EDITOR_FIELDS if data.get(k) not in (None, [], "")}
    fields["body"] = data["body_html"]
    return fields


def parse_document(data: bytes, media_type: str) -> list[ParsedItem]:
    kind = media_type.split(";")[0].strip().lower()
    if kind in ("application/json", "application/ninjs+json") or (not kind and data.lstrip()[:1] == b"{"):
        return [ninjs.parse(data)]
    if kind.endswith("xml") or (not kind and data.lstrip()[:1] == b"<"):
        return newsml_g2.parse(data)
    raise InvalidInput(
        f"unsupported content type {media_type!r}: send ninjs (application/json) or NewsML-G2 (application/xml)",
        field="content-type",
    )


@dataclass(frozen=True, slots=True)
class IngestResult:
    source_uri: str
    outcome: Outcome | None  # None: identical to what we already have

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source_uri": self.source_uri, "unchanged": self.outcome is None}
        if self.outcome is not None:
            out.update(self.outcome.to_dict())
        return out


class Ingest:
    def __init__(self, newsroom: Newsroom) -> None:
        self.newsroom = newsroom

    def ingest(self, items: Sequence[ParsedItem], *, by: str = "ingest") -> list[IngestResult]:
        if not items:
            raise InvalidInput("the document has no items", field="body")
        prepared: list[tuple[ParsedItem, dict[str, Any], StoryContent]] = []
        for item in items:  # validate everything first: a bad item writes nothing
            if item.pubstatus is PubStatus.CANCELED:
                prepared.append((item, {}, item.content))
                continue
            fields = self._known_category(fields_from_parsed(item))
            prepared.append((item, fields, self.newsroom.content_from(fields)))
        return [self._apply(item, fields, content, by) for item, fields, content in prepared]

    def _known_category(self, fields: dict[str, Any]) -> dict[str, Any]:
        # A sender's category outside our list lands in "general" rather than failing.
        if fields.get("category") not in self.newsroom.settings.categories:
            fields["category"] = "general"
        return fields

    def _apply(self, item: ParsedItem, fields: dict[str, Any], content: StoryContent, by: str) -> IngestResult:
        with self.newsroom.db.read() as conn:
            try:
                story_id: int | None = story_store.id_for_uri(conn, item.uri)
            except NotFound:
                story_id = None
        if story_id is None:
            if item.pubstatus is PubStatus.CANCELED:
                raise InvalidInput(f"cannot withdraw {item.uri}: it was never ingested", field="pubstatus")
            outcome = self.newsroom.create(fields, publish=True, created_by=by, source_uri=item.uri)
            return IngestResult(item.uri, outcome)
        state = self.newsroom.state(story_id)
        if state.status is StoryStatus.WITHDRAWN:
            return IngestResult(item.uri, None)
        if item.pubstatus is PubStatus.CANCELED:
            note = item.ed_note or "withdrawn by the sender"
            return IngestResult(item.uri, self.newsroom.revise(story_id, Action.WITHDRAW, note=note))
        if state.latest is not None and _same(state.latest.content, content):
            return IngestResult(item.uri, None)
        if state.status is StoryStatus.DRAFT:
            self.newsroom.edit_draft(story_id, fields)
            return IngestResult(item.uri, self.newsroom.publish(story_id))
        if item.signal is Action.CORRECT:
            note = item.ed_note or "correction from the sender"
            return IngestResult(item.uri, self.newsroom.revise(story_id, Action.CORRECT, fields, note=note))
        return IngestResult(item.uri, self.newsroom.revise(story_id, Action.UPDATE, fields, note=item.ed_note))


def _same(stored: StoryContent, incoming: StoryContent) -> bool:
    """Equal in what a sender controls (suggestions we added do not count as changes)."""
    a, b = content_to_dict(stored), content_to_dict(incoming)
    keys = ("language", "headline", "body_html", "priority", "category", "type", "dateline", "byline", "embargoed")
    return all(a[k] == b[k] for k in keys)
