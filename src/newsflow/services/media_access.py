"""Who may download which media file: the subscription's types and renditions, and usage.

A subscription lists the content types it gets (``types``) and the renditions (sizes)
its subscriber may download (``renditions``); both empty mean everything. A download of
a saleable rendition (``print``, ``original``, a video's ``web``) counts in the daily
usage like a document, logged as ``media:<rendition>``; it belongs to no one story (a
photo can be on several), so the log records story 0.
"""

from __future__ import annotations

from newsflow.core.entitlements import Entitlement
from newsflow.core.story import ContentType
from newsflow.errors import PermissionDenied
from newsflow.services.subscribers import Subscribers

NO_STORY = 0


class MediaAccess:
    def __init__(self, subscribers: Subscribers) -> None:
        self.subscribers = subscribers

    def check(self, ent: Entitlement, type: ContentType, rendition: str) -> None:
        if ent.types and type.value not in ent.types:
            raise PermissionDenied(f"the subscription does not include {type.value} items")
        if not ent.allows_rendition(type.value, rendition):
            raise PermissionDenied(f"the subscription does not include the {rendition} rendition")

    def record(self, ent: Entitlement, rendition: str) -> None:
        self.subscribers.record_download(ent, NO_STORY, 0, f"media:{rendition}")
