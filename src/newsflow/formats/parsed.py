"""What a parser hands to ingest: the fields of one incoming item, already in our model.

Parsers never build a ``StoryVersion``: ids, story numbering and workflow state belong to
ingest. A ``ParsedItem`` carries exactly what a standard document can say about a version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsflow.core.story import Action, PubStatus, Representation, StoryContent


@dataclass(frozen=True, slots=True)
class ParsedItem:
    uri: str
    version: int
    content: StoryContent
    firstcreated: datetime | None
    versioncreated: datetime | None
    pubstatus: PubStatus = PubStatus.USABLE
    signal: Action = Action.PUBLISH
    ed_note: str | None = None
    # A partial item has no body: ingest must not treat its empty body as a deletion.
    representation: Representation = Representation.FULL
