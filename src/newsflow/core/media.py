"""Media items: an uploaded photo, graphic or video with its renditions and metadata.

A media item is what ``POST /api/v1/media`` stores. It is not a story: it becomes part
of one when a text story carries it (an ``Association`` with a role) or when it is
published as a picture, graphic or video story of its own. Its metadata is what the
file said (IPTC, XMP, EXIF) overlaid with what the editor typed, the editor winning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from newsflow.core.story import Association, ContentType, MediaRole, Rendition

MEDIA_TYPES = (ContentType.PICTURE, ContentType.GRAPHIC, ContentType.VIDEO)
MEDIA_RENDITIONS = ("thumbnail", "web", "print", "original", "poster")


class MediaStatus(StrEnum):
    """Photos and graphics are ready on upload; a video is processed in the background."""

    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class MediaMetadata:
    caption: str = ""
    byline: str = ""  # the creator
    credit: str = ""
    copyright: str = ""
    language: str = ""
    taken: datetime | None = None

    def overlaid(self, editor: MediaMetadata) -> MediaMetadata:
        """These values with every field the editor filled in taking precedence."""
        return MediaMetadata(
            caption=editor.caption or self.caption,
            byline=editor.byline or self.byline,
            credit=editor.credit or self.credit,
            copyright=editor.copyright or self.copyright,
            language=editor.language or self.language,
            taken=editor.taken or self.taken,
        )


@dataclass(frozen=True, slots=True)
class MediaItem:
    id: str  # 32 hex digits; also the stem of every rendition's file name
    uri: str
    type: ContentType
    status: MediaStatus
    metadata: MediaMetadata
    renditions: tuple[Rendition, ...]
    created: datetime
    error: str | None = None
    details: tuple[tuple[str, Any], ...] = ()  # what the file is: codecs, duration, source format
    progress: int = 0  # percent of the background job done, while processing

    @property
    def ready(self) -> bool:
        return self.status is MediaStatus.READY

    def with_renditions(self, renditions: tuple[Rendition, ...]) -> MediaItem:
        return replace(self, renditions=renditions)

    def association(self, role: MediaRole | None = None, *, caption: str | None = None) -> Association:
        m = self.metadata
        return Association(
            uri=self.uri,
            type=self.type,
            caption=m.caption if caption is None else caption,
            byline=m.byline,
            credit=m.credit,
            copyright=m.copyright,
            renditions=self.renditions,
            role=role,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON the media API answers with."""
        m = self.metadata
        return {
            "id": self.id,
            "uri": self.uri,
            "type": self.type.value,
            "status": self.status.value,
            **({"error": self.error} if self.error else {}),
            **({"progress": self.progress} if self.status is MediaStatus.PROCESSING else {}),
            "caption": m.caption,
            "byline": m.byline,
            "credit": m.credit,
            "copyright": m.copyright,
            "language": m.language or None,
            "taken": m.taken.isoformat() if m.taken else None,
            "created": self.created.isoformat(),
            **dict(self.details),
            "renditions": [
                {
                    "name": r.name, "href": r.href, "width": r.width, "height": r.height,
                    "mimetype": r.mimetype, "size": r.size,
                    **({"duration": r.duration} if r.duration is not None else {}),
                }
                for r in self.renditions
            ],
        }
