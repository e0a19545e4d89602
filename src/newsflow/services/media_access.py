"""Who may download which media file: the subscription's types and renditions, and usage.

A subscription lists the content types it gets (``types``) and the renditions (sizes)
its subscriber may download (``renditions``); both empty mean everything. A download of
a saleable rendition (``print``, ``original``, a video's ``web``) counts in the daily
usage like a document, logged as ``media:<rendition>``; it belongs to no one story (a
photo can be on several), so the log records story 0.

A rendition read from the wire counts once per file: a player fetching a video in
ranges is counted for the range it starts with, and the further ranges of a file this
node counted for the same subscriber in the last ten minutes are not counted again. A
range asked for first, without a counted start, counts like a whole download, so
skipping byte 0 cannot fetch a file uncounted.
"""

from __future__ import annotations

from newsflow.core.entitlements import Entitlement
from newsflow.core.story import ContentType
from newsflow.errors import PermissionDenied
from newsflow.services.lru import TtlCache
from newsflow.services.subscribers import Subscribers

NO_STORY = 0
CONTINUATION_SECONDS = 600.0


def continues(range_header: str) -> bool:
    """Whether a ``Range`` header asks for a later part of a file (not its start)."""
    asked = range_header.replace(" ", "")
    return bool(asked) and not asked.startswith("bytes=0-")


class MediaAccess:
    def __init__(self, subscribers: Subscribers) -> None:
        self.subscribers = subscribers
        # (subscriber, story, version, rendition) counted lately: their further ranges are free
        self._counted: TtlCache[tuple[int, int, int, str], bool] = TtlCache(10_000, CONTINUATION_SECONDS)

    def check(self, ent: Entitlement, type: ContentType, rendition: str) -> None:
        if ent.types and type.value not in ent.types:
            raise PermissionDenied(f"the subscription does not include {type.value} items")
        if not ent.allows_rendition(type.value, rendition):
            raise PermissionDenied(f"the subscription does not include the {rendition} rendition")

    def record(self, ent: Entitlement, rendition: str) -> None:
        self.subscribers.record_download(ent, NO_STORY, 0, f"media:{rendition}")

    def record_wire(self, ent: Entitlement, story_id: int, version: int, rendition: str, range_header: str) -> None:
        """Count a rendition read from the wire, unless it continues a file counted lately."""
        key = (ent.subscriber_id, story_id, version, rendition)
        if continues(range_header) and self._counted.get(key):
            return
        self.subscribers.record_download(ent, story_id, version, f"photo:{rendition}")
        self._counted.put(key, True)
