"""Archive search: one interface, two engines (SQLite FTS5, PostgreSQL full-text).

Why one interface: the web API, the agency-compatible ``search_string`` and the CLI
must not care which database runs underneath, and both engines must answer the same
query the same way. They share the analyzer (``newsflow.text.analyzer``: documents
and queries meet on the same stemmed terms), the query parser (``search.query``),
the document builder (``search.document``), the filter/facet SQL (``search.catalog``)
and the snippet highlighter (``search.snippets``); only the full-text match differs.

Visibility is part of every query, never a post-filter in a caller: an editor sees
everything (withdrawn stories flagged), a subscriber sees what the entitlement covers,
the public sees public stories matched on their public abbreviation only.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

from newsflow.core.entitlements import Entitlement
from newsflow.core.story import StoryVersion

__all__ = [
    "FACETS",
    "MAX_LIMIT",
    "Hit",
    "SearchIndex",
    "SearchQuery",
    "SearchResult",
    "Visibility",
]

MAX_LIMIT = 100
FACETS = ("language", "category", "priority", "type", "topic")
Sort = Literal["relevance", "time"]


@dataclass(frozen=True, slots=True)
class Visibility:
    """Who is asking. Build it with :meth:`editor`, :meth:`subscriber` or :meth:`public`."""

    kind: Literal["editor", "subscriber", "public"]
    entitlement: Entitlement | None = None
    now: datetime | None = None  # the clock for archive_days; None: the index's clock

    @classmethod
    def editor(cls) -> Visibility:
        return cls("editor")

    @classmethod
    def subscriber(cls, entitlement: Entitlement, now: datetime | None = None) -> Visibility:
        return cls("subscriber", entitlement, now)

    @classmethod
    def public(cls) -> Visibility:
        return cls("public")


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search request. Empty filter tuples mean "any"; an empty ``q`` browses."""

    q: str = ""
    languages: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    date_from: datetime | None = None
    date_to: datetime | None = None
    sort: Sort = "relevance"
    offset: int = 0
    limit: int = 20
    visibility: Visibility = field(default_factory=Visibility.editor)
    facets: bool = True


@dataclass(frozen=True, slots=True)
class Hit:
    story_id: int
    uri: str
    version: int
    headline: str
    snippet: str  # HTML: escaped text with <mark> around matching words
    language: str
    category: str
    priority: str
    type: str
    versioncreated: datetime
    score: float  # higher is better; 0 when sorted by time or browsing
    withdrawn: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.story_id,
            "uri": self.uri,
            "version": self.version,
            "headline": self.headline,
            "snippet": self.snippet,
            "language": self.language,
            "category": self.category,
            "priority": self.priority,
            "type": self.type,
            "versioncreated": self.versioncreated.isoformat(),
            "score": round(self.score, 6),
            "withdrawn": self.withdrawn,
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    total_exact: bool = True  # False: more matched than the engine's window; total is a lower bound


class SearchIndex(Protocol):
    """What every search engine offers. Implementations: ``SqliteSearch``, ``PostgresSearch``."""

    def index(self, version: StoryVersion) -> None:
        """Upsert the story's latest version (older versions than the indexed one are ignored)."""

    def index_many(self, versions: list[StoryVersion]) -> None:
        """Upsert many versions in one transaction (reindex, bulk loads)."""

    def remove(self, story_id: int) -> None:
        """Drop a story from the index entirely."""

    def search(self, query: SearchQuery) -> SearchResult:
        """Run a query under its visibility. Bad syntax raises ``InvalidInput(field="q")``."""

    def bulk(self, commit_every: int = 50_000, *, newest_only: bool = False) -> AbstractContextManager[Callable[..., None]]:
        """A loader for big loads (reindex, benchmarks); see ``SqlSearch.bulk``."""

    def readiness_details(self) -> dict[str, object]:
        """Facts about the engine for ``GET /readyz`` (the full-text index in use)."""

    def clear(self) -> None:
        """Empty the index (before a reindex)."""

    def count(self) -> int:
        """How many stories the index holds."""

    def prewarm(self) -> int:
        """Read what every query reads into the operating system's page cache (at
        start-up, in the background); the bytes read, 0 where the engine leaves it to
        the database server."""
