"""Entitlements: what a subscription lets a subscriber receive, decided by pure rules.

The check runs at read time against the subscription as it is *now* (loaded per
request, or per stream connection and refreshed when the subscription changes), so
revoking and expiry take effect on the next read.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from newsflow.core.flow import FlowEntry
from newsflow.core.language import primary_language
from newsflow.core.story import StoryVersion


@dataclass(frozen=True, slots=True)
class Entitlement:
    """The effective rights of one subscriber. Empty sets mean "all"."""

    subscriber_id: int
    active: bool = True
    categories: frozenset[str] = field(default_factory=frozenset)
    languages: frozenset[str] = field(default_factory=frozenset)
    types: frozenset[str] = field(default_factory=frozenset)
    priorities: frozenset[str] = field(default_factory=frozenset)
    archive_days: int | None = None
    download_limit: int | None = None
    expires_at: datetime | None = None
    ip_ranges: tuple[str, ...] = ()
    renditions: frozenset[str] = field(default_factory=frozenset)  # media sizes it may download

    @property
    def media_types(self) -> frozenset[str]:
        """The item types whose media this subscriber sees on stories (empty: all)."""
        return self.types

    def visible(self, v: StoryVersion) -> StoryVersion:
        """``v`` as this subscriber receives it: media of types it does not get left off."""
        return media_visible(v, self.types)

    def allows_rendition(self, type: str, rendition: str) -> bool:
        """A media file of this type and rendition may be downloaded (liveness aside)."""
        return (not self.types or type in self.types) and (not self.renditions or rendition in self.renditions)

    def is_live(self, now: datetime) -> bool:
        return self.active and (self.expires_at is None or self.expires_at > now)

    def covers(self, *, category: str, language: str, type: str, priority: str) -> bool:
        """Whether the package covers content with these properties (no time checks)."""
        return (
            (not self.categories or category in self.categories)
            and (not self.languages or primary_language(language) in self.languages)
            and (not self.types or type in self.types)
            and (not self.priorities or priority in self.priorities)
        )

    def allows_entry(self, entry: FlowEntry, now: datetime) -> bool:
        return self.is_live(now) and self.covers(
            category=entry.category,
            language=entry.language,
            type=entry.type.value,
            priority=entry.priority.value,
        ) and self._within_archive(entry.created, now)

    def allows_version(self, v: StoryVersion, now: datetime) -> bool:
        """Full access to this version: covered, released, within the archive depth."""
        if not self.is_live(now):
            return False
        if v.embargoed is not None and v.embargoed > now:
            return False
        return self.covers(
            category=v.category, language=v.language, type=v.type.value, priority=v.priority.value
        ) and self._within_archive(v.versioncreated, now)

    def allows_ip(self, address: str | None) -> bool:
        if not self.ip_ranges:
            return True
        if address is None:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in ipaddress.ip_network(r, strict=False) for r in self.ip_ranges)

    def _within_archive(self, when: datetime, now: datetime) -> bool:
        return self.archive_days is None or when >= now - timedelta(days=self.archive_days)


def media_visible(v: StoryVersion, types: frozenset[str]) -> StoryVersion:
    """``v`` without the associations whose type is not in ``types`` (empty: all kept).

    A subscription without video must not see a text story's video either: not its
    poster, not its links. The same version object comes back when nothing is dropped,
    so the renderer's cache serves everyone who sees the whole story.
    """
    associations = v.content.associations
    if not types or all(a.type.value in types for a in associations):
        return v
    kept = tuple(a for a in associations if a.type.value in types)
    return replace(v, content=v.content.with_changes(associations=kept))
