"""What a format is expected to give back: the version, minus what the format drops.

Each format's projection is written out here once, next to ``docs/formats.md``, so a
round-trip test compares whole objects instead of a hand-picked few fields.
"""

from __future__ import annotations

from dataclasses import replace

from newsflow.core.story import Action, PubStatus, Representation, StoryContent, StoryVersion
from newsflow.formats.parsed import ParsedItem


def carried_content(v: StoryVersion, representation: Representation) -> StoryContent:
    """The content every standard format carries (``public`` and ``translation_of`` never)."""
    c = replace(v.content, public=False, translation_of=None)
    if representation is Representation.PARTIAL:
        c = replace(c, body_html="", description=None)
    return c


def ninjs_signal(v: StoryVersion) -> Action:
    """ninjs has no signal field; parsing infers it from status and version number."""
    if v.pubstatus is PubStatus.CANCELED:
        return Action.WITHDRAW
    return Action.UPDATE if v.version > 1 else Action.PUBLISH


def expected(
    v: StoryVersion, representation: Representation, *, signal: Action | None = None
) -> ParsedItem:
    return ParsedItem(
        uri=v.uri,
        version=v.version,
        content=carried_content(v, representation),
        firstcreated=v.firstcreated,
        versioncreated=v.versioncreated,
        pubstatus=v.pubstatus,
        signal=v.signal if signal is None else signal,
        ed_note=v.ed_note,
        representation=representation,
    )
