"""What one line of the wire shows, built from a published version.

The server renders the first screen from these (so the page works without
JavaScript); ``wire-live.js`` builds the same markup from the ninjs events of the
stream. Keeping the fields here, in one small dataclass, keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsflow.core.entitlements import Entitlement
from newsflow.core.filters import FlowFilters
from newsflow.core.flow import FlowEntry
from newsflow.core.story import Action, PubStatus, StoryVersion
from newsflow.core.topics import matches as topic_matches

if TYPE_CHECKING:
    from newsflow.wiring import Services

SCAN = 500  # flow entries read to fill the first screen
SHOWN = 60  # stories on the first screen


@dataclass(frozen=True, slots=True)
class WireEntry:
    uri: str
    story_id: int
    seq: int
    version: int
    action: str  # publish | update | correct | withdraw
    priority: str
    category: str
    language: str
    type: str
    headline: str
    time: str  # ISO 8601, UTC
    topics: tuple[tuple[str, str], ...]  # (qcode, name) of the Media Topics
    thumb: str = ""  # the first thumbnail among the story's media ("" for none)

    @property
    def withdrawn(self) -> bool:
        return self.action == Action.WITHDRAW.value

    def as_json(self) -> dict[str, Any]:
        return {
            "uri": self.uri, "seq": self.seq, "version": self.version, "action": self.action,
            "priority": self.priority, "category": self.category, "language": self.language,
            "type": self.type, "headline": self.headline, "time": self.time,
            "topics": [list(t) for t in self.topics], "thumb": self.thumb,
        }


def thumbnail(v: StoryVersion) -> str:
    """The href of the first ``thumbnail`` rendition the story's media has."""
    return next((r.href for a in v.content.associations for r in a.renditions if r.name == "thumbnail"), "")


def from_version(entry: FlowEntry, v: StoryVersion) -> WireEntry:
    """One line; ``v`` as the reader sees it (``Entitlement.visible``), so no thumbnail of
    media outside the subscription."""
    action = Action.WITHDRAW.value if v.pubstatus is PubStatus.CANCELED else entry.action.value
    return WireEntry(
        uri=v.uri, story_id=v.story_id, seq=entry.seq, version=v.version, action=action,
        priority=v.priority.value, category=v.category, language=v.language,
        type=v.content.type.value, headline=v.headline, time=entry.created.isoformat(),
        topics=tuple((s.qcode, s.name) for s in v.content.subjects if s.qcode.startswith("medtop:")),
        thumb=thumbnail(v),
    )


def matches(e: WireEntry, view: dict[str, str]) -> bool:
    """The wire's view filters (``core.topics``; the same rules as ``matches`` in wire-live.js)."""
    return topic_matches(view, category=e.category, priority=e.priority, language=e.language, type=e.type,
                         topics=e.topics)


def latest(services: Services, ent: Entitlement | None, view: dict[str, str]) -> tuple[list[WireEntry], int]:
    """The newest stories the reader may see, one line per story, and the stream cursor.

    The cursor is the flow's latest seq *read before* the scan, so the stream replays
    whatever commits while the page is being built: nothing falls between the two.
    """
    cursor = services.signal.latest
    entries = services.delivery.flow_page(max(0, cursor - SCAN), SCAN, FlowFilters(), ent)
    newest: dict[int, FlowEntry] = {}
    for entry in entries:
        if entry.seq <= cursor:
            newest[entry.story_id] = entry
    out: list[WireEntry] = []
    for entry in sorted(newest.values(), key=lambda e: e.seq, reverse=True):
        version = services.newsroom.version(entry.story_id, entry.version)
        item = from_version(entry, ent.visible(version) if ent is not None else version)
        if matches(item, view):
            out.append(item)
        if len(out) >= SHOWN:
            break
    return out, cursor
