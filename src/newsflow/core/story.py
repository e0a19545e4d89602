"""The story model, aligned with IPTC ninjs 2.x so that formats are a mapping.

A *story* is identified by a stable ``uri``; every published *version* of it is an
immutable ``StoryVersion``. Drafts are ``StoryDraft``: the editable fields only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any


class Priority(StrEnum):
    FLASH = "flash"
    URGENT = "urgent"
    IMPORTANT = "important"
    ROUTINE = "routine"

    @property
    def urgency(self) -> int:
        """ninjs/NewsML-G2 urgency: 1 is the most urgent."""
        return _URGENCY[self]

    @classmethod
    def from_urgency(cls, urgency: int) -> Priority:
        for priority, value in _URGENCY.items():
            if value == urgency:
                return priority
        if urgency <= 1:
            return cls.FLASH
        return cls.ROUTINE if urgency >= 4 else cls.IMPORTANT


_URGENCY = {Priority.FLASH: 1, Priority.URGENT: 2, Priority.IMPORTANT: 3, Priority.ROUTINE: 4}


class PubStatus(StrEnum):
    USABLE = "usable"
    WITHHELD = "withheld"
    CANCELED = "canceled"


class ContentType(StrEnum):
    TEXT = "text"
    PICTURE = "picture"
    VIDEO = "video"
    GRAPHIC = "graphic"


class Action(StrEnum):
    """What a flow entry announces about a story."""

    PUBLISH = "publish"
    UPDATE = "update"
    CORRECT = "correct"
    WITHDRAW = "withdraw"


class StoryStatus(StrEnum):
    """Where a story is in the newsroom workflow."""

    DRAFT = "draft"
    EMBARGOED = "embargoed"  # published, held until its embargo time
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class Representation(StrEnum):
    """``full`` for entitled subscribers, ``partial`` (no body) for everyone else."""

    FULL = "full"
    PARTIAL = "partial"


@dataclass(frozen=True, slots=True)
class Subject:
    """An IPTC Media Topic (``medtop:...``) or another controlled-vocabulary concept."""

    qcode: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Rendition:
    name: str  # thumbnail | web | print | original | poster
    href: str
    mimetype: str
    width: int | None = None
    height: int | None = None
    size: int | None = None  # bytes
    duration: float | None = None  # seconds, for video


class MediaRole(StrEnum):
    """How a text story uses a media item."""

    LEAD = "lead"
    INLINE = "inline"
    GALLERY = "gallery"


@dataclass(frozen=True, slots=True)
class Association:
    """A photo, video or graphic carried by a story (or the media a media item is)."""

    uri: str
    type: ContentType = ContentType.PICTURE
    headline: str = ""
    caption: str = ""
    byline: str = ""
    renditions: tuple[Rendition, ...] = ()
    credit: str = ""
    copyright: str = ""
    role: MediaRole | None = None

    def rendition(self, name: str) -> Rendition | None:
        return next((r for r in self.renditions if r.name == name), None)


@dataclass(frozen=True, slots=True)
class StoryContent:
    """The fields an editor writes. Shared by drafts and published versions."""

    language: str
    headline: str
    body_html: str
    priority: Priority = Priority.ROUTINE
    category: str = "general"
    type: ContentType = ContentType.TEXT
    dateline: str | None = None  # the located city as written, e.g. "Baku"
    country: str | None = None
    byline: str | None = None
    description: str | None = None  # abstract
    abbreviation: str | None = None  # the public text; suggested when empty
    public: bool = False
    subjects: tuple[Subject, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    associations: tuple[Association, ...] = ()
    embargoed: datetime | None = None
    translation_of: int | None = None

    def with_changes(self, **changes: Any) -> StoryContent:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class StoryVersion:
    """One published, immutable version of a story."""

    story_id: int
    uri: str
    version: int
    content: StoryContent
    firstcreated: datetime
    versioncreated: datetime
    pubstatus: PubStatus = PubStatus.USABLE
    signal: Action = Action.PUBLISH
    ed_note: str | None = None  # correction note or withdrawal reason
    provider: str = "newsflow"
    translations: tuple[tuple[str, str], ...] = field(default=())  # (language, uri)

    # Convenience accessors keep renderers short.
    @property
    def language(self) -> str:
        return self.content.language

    @property
    def headline(self) -> str:
        return self.content.headline

    @property
    def priority(self) -> Priority:
        return self.content.priority

    @property
    def category(self) -> str:
        return self.content.category

    @property
    def type(self) -> ContentType:
        return self.content.type

    @property
    def embargoed(self) -> datetime | None:
        return self.content.embargoed

    @property
    def public(self) -> bool:
        return self.content.public

    @property
    def is_withdrawn(self) -> bool:
        return self.pubstatus is PubStatus.CANCELED
