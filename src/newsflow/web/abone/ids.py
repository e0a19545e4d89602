"""Agency ids: ``<prefix>:<type>:<yyyymmdd of firstcreated>:<story id>``.

Subscriber software written against the agency API keys everything by these strings
(e.g. ``nf:text:20241014:1234``). The story id alone finds the story; the type and the
date are checked against it on the way back in, so an id is either exactly the one we
handed out or unknown (404) — a guessed or stale id never reaches a different story.

A photo carried by a story has the story's id with type ``picture`` (or ``graphic``,
``video``) and the item's 32-hex key appended: ``nf:picture:20241014:1234-<key>``
(``newsflow.formats.agency``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsflow.core.story import ContentType
from newsflow.errors import NotFound

_ID = re.compile(r"^([A-Za-z0-9_-]{1,20}):([a-z]{1,10}):(\d{8}):(\d{1,12})(?:-([0-9a-f]{32}))?$")
_MEDIA = (ContentType.PICTURE, ContentType.GRAPHIC, ContentType.VIDEO)


@dataclass(frozen=True, slots=True)
class AgencyId:
    prefix: str
    type: ContentType
    day: date
    story_id: int
    photo: str | None = None  # the key of a photo carried by the story

    def __str__(self) -> str:
        tail = f"-{self.photo}" if self.photo else ""
        return f"{self.prefix}:{self.type.value}:{self.day:%Y%m%d}:{self.story_id}{tail}"


def format_id(prefix: str, type: ContentType | str, firstcreated: date, story_id: int) -> str:
    return str(AgencyId(prefix, ContentType(type), firstcreated, story_id))


def parse_id(value: str, prefix: str) -> AgencyId:
    """Parse an id handed out under ``prefix``; anything else is simply not found."""
    match = _ID.match(value)
    if match is None or match.group(1) != prefix:
        raise NotFound(f"no document {value!r}", field="id")
    try:
        kind = ContentType(match.group(2))
        raw = match.group(3)
        day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        raise NotFound(f"no document {value!r}", field="id") from None
    photo = match.group(5)
    if photo is not None and kind not in _MEDIA:  # only pictures, graphics and videos carry a key
        raise NotFound(f"no document {value!r}", field="id")
    return AgencyId(prefix, kind, day, int(match.group(4)), photo)
