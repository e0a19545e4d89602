"""What the public website may show: public, released, latest versions, abbreviated.

This is the only door from the public site into the story store. It hands out
``PublicStory`` values, which carry the headline, the dateline, the times, the photo
and the *public text* (the editor's abbreviation, else the automatic one) and never
the body: templates, feeds, JSON-LD and the live stream cannot leak what they were
never given. The rule for "public" lives here and nowhere else:

* the story's status is ``published`` (so embargoed stories never show before their
  release, drafts never), its latest version has ``public`` set;
* a withdrawn story is ``Gone`` (the site answers 410), anything else is not found.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from urllib.parse import quote

import sqlalchemy as sa

from newsflow.config import Settings
from newsflow.core.codec import version_from_dict
from newsflow.core.story import Action, Priority, Rendition, StoryStatus, StoryVersion
from newsflow.errors import NotFound
from newsflow.services.lru import LruCache
from newsflow.store import stories as story_store
from newsflow.store.database import Database
from newsflow.store.tables import stories, story_versions
from newsflow.text.abbreviate import abbreviate
from newsflow.text.html import plain_text

LANGUAGES = ("ar", "en", "tr")
# Priority counts only while a story is fresh; after that, the newest comes first, so
# yesterday's flash does not sit on top of today's news forever.
PRIORITY_WINDOW = timedelta(hours=12)
_RANK = {Priority.FLASH.value: 0, Priority.URGENT.value: 1, Priority.IMPORTANT.value: 2, Priority.ROUTINE.value: 3}


@dataclass(frozen=True, slots=True)
class Photo:
    href: str
    mimetype: str
    width: int | None
    height: int | None
    caption: str
    byline: str


@dataclass(frozen=True, slots=True)
class PublicStory:
    """Everything the public may see of one story version — by construction no body."""

    id: int
    uri: str
    version: int
    language: str
    headline: str
    abbreviation: str
    category: str
    priority: str
    dateline: str | None
    byline: str | None
    published: datetime
    modified: datetime
    photo: Photo | None
    correction: str | None  # the latest correction note, shown with the corrected text
    translation_of: int | None

    @property
    def slug(self) -> str:
        return slugify(self.headline)

    @property
    def path(self) -> str:
        return story_path(self.language, self.id, self.headline)


@dataclass(frozen=True, slots=True)
class Gone:
    """A withdrawn story: only its id, language and the reason are public."""

    id: int
    language: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class Translation:
    language: str
    id: int
    headline: str
    path: str


@dataclass(frozen=True, slots=True)
class Page:
    stories: tuple[PublicStory, ...]
    number: int
    has_next: bool


_SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
_SLUG_SPACE = re.compile(r"[\s_-]+", re.UNICODE)


def slugify(headline: str, limit: int = 80) -> str:
    """A readable URL segment in the story's own script (Arabic slugs stay Arabic)."""
    text = unicodedata.normalize("NFKC", headline).lower()
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")  # harakat, accents
    text = _SLUG_SPACE.sub("-", _SLUG_DROP.sub(" ", text)).strip("-")
    return text[:limit].rstrip("-") or "story"


def story_path(language: str, story_id: int, headline: str) -> str:
    """The canonical path, percent-encoded so it is a valid URL in any context."""
    return f"/{language}/news/{story_id}/{quote(slugify(headline))}"


def public_text(version: StoryVersion) -> str:
    """The stored abbreviation, else the automatic one; never the body itself."""
    c = version.content
    if c.abbreviation and c.abbreviation.strip():
        return c.abbreviation.strip()
    body = plain_text(c.body_html)
    if not body:
        return ""
    return abbreviate(body, headline=c.headline, language=c.language, dateline=c.dateline).text


def _photo(version: StoryVersion) -> Photo | None:
    """The lead picture: a photo's or graphic's ``web`` rendition, or a video's poster frame."""
    for a in version.content.associations:
        renditions = {r.name: r for r in a.renditions if r.mimetype.startswith("image/")}
        chosen: Rendition | None = renditions.get("web") or renditions.get("poster") or renditions.get("thumbnail")
        if chosen is not None:
            return Photo(chosen.href, chosen.mimetype, chosen.width, chosen.height, a.caption, a.byline)
    return None


class PublicStories:
    """Public queries; abbreviations are computed once per story version and kept."""

    def __init__(self, db: Database, settings: Settings, *, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self._views: LruCache[tuple[int, int], PublicStory] = LruCache(5000)

    # -- lists -----------------------------------------------------------------------------
    def latest(
        self, language: str, *, category: str | None = None, page: int = 1, per_page: int = 20
    ) -> Page:
        """Latest public stories: fresh flashes and urgents first, then by time."""
        page = max(1, page)
        fresh_since = self.clock() - PRIORITY_WINDOW
        rank = sa.case(
            *((sa.and_(stories.c.priority == p, stories.c.updated_at >= fresh_since), r) for p, r in _RANK.items()),
            else_=len(_RANK),
        )
        query = self._public_join().where(stories.c.language == language)
        if category is not None:
            query = query.where(stories.c.category == category)
        query = query.order_by(rank, stories.c.updated_at.desc(), stories.c.id.desc())
        query = query.limit(per_page + 1).offset((page - 1) * per_page)
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        views = tuple(self._view(r.id, r.version, r.data) for r in rows[:per_page])
        return Page(views, page, len(rows) > per_page)

    def recent(self, *, since: datetime | None = None, limit: int = 1000) -> list[PublicStory]:
        """Every language, newest first: for sitemaps."""
        query = self._public_join()
        if since is not None:
            query = query.where(stories.c.updated_at >= since)
        query = query.order_by(stories.c.updated_at.desc(), stories.c.id.desc()).limit(limit)
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        return [self._view(r.id, r.version, r.data) for r in rows]

    def _public_join(self) -> sa.Select[tuple[int, int, str]]:
        return (
            sa.select(stories.c.id, story_versions.c.version, story_versions.c.data)
            .join(
                story_versions,
                sa.and_(
                    story_versions.c.story_id == stories.c.id,
                    story_versions.c.version == stories.c.current_version,
                ),
            )
            .where(stories.c.status == StoryStatus.PUBLISHED.value, stories.c.public.is_(True))
        )

    # -- one story -------------------------------------------------------------------------
    def story(self, story_id: int) -> PublicStory | Gone:
        """The public view of a story; ``Gone`` when withdrawn; ``NotFound`` otherwise."""
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(stories.c.status, stories.c.current_version, stories.c.language)
                .where(stories.c.id == story_id)
            ).first()
            if row is None or not row.current_version:
                raise NotFound(f"no public story {story_id}", field="id")
            if row.status == StoryStatus.WITHDRAWN.value:
                versions = story_store.list_versions(conn, story_id)
                if not any(v.public for v in versions):  # never public: nothing to announce
                    raise NotFound(f"no public story {story_id}", field="id")
                return Gone(story_id, row.language, versions[-1].ed_note)
            if row.status != StoryStatus.PUBLISHED.value:
                raise NotFound(f"no public story {story_id}", field="id")
            version = story_store.get_version(conn, story_id, row.current_version)
            if not version.public:
                raise NotFound(f"no public story {story_id}", field="id")
            view = self.view_of(version)
            if view.correction is None and version.version > 1:
                # an update after a correction still owes readers the correction note
                correction = _latest_correction(story_store.list_versions(conn, story_id))
                if correction is not None:
                    view = replace(view, correction=correction)
            return view

    def translations(self, story: PublicStory) -> list[Translation]:
        """Public translations of the same story, the story itself excluded."""
        with self.db.read() as conn:
            group = story_store.translation_group(conn, story.id)
        return [
            Translation(r.language, r.id, r.headline, story_path(r.language, r.id, r.headline))
            for r in group
            if r.id != story.id and r.public and r.status == StoryStatus.PUBLISHED.value
            and r.language in LANGUAGES
        ]

    def group_ids(self, story_id: int) -> set[int]:
        with self.db.read() as conn:
            return {r.id for r in story_store.translation_group(conn, story_id)}

    def view_of(self, version: StoryVersion) -> PublicStory:
        """The public view of a version already in hand (the live stream)."""
        return self._cached(version.story_id, version.version) or self._remember(self._build(version))

    # -- internals -------------------------------------------------------------------------
    def _view(self, story_id: int, version: int, data: str) -> PublicStory:
        cached = self._cached(story_id, version)
        if cached is not None:
            return cached
        return self._remember(self._build(version_from_dict(json.loads(data))))

    def _cached(self, story_id: int, version: int) -> PublicStory | None:
        return self._views.get((story_id, version))

    def _remember(self, view: PublicStory) -> PublicStory:
        return self._views.put((view.id, view.version), view)

    @staticmethod
    def _build(v: StoryVersion) -> PublicStory:
        c = v.content
        return PublicStory(
            id=v.story_id,
            uri=v.uri,
            version=v.version,
            language=c.language,
            headline=c.headline,
            abbreviation=public_text(v),
            category=c.category,
            priority=c.priority.value,
            dateline=c.dateline,
            byline=c.byline,
            published=v.firstcreated,
            modified=v.versioncreated,
            photo=_photo(v),
            correction=v.ed_note if v.signal is Action.CORRECT else None,
            translation_of=c.translation_of,
        )


def _latest_correction(versions: Sequence[StoryVersion]) -> str | None:
    for v in reversed(versions):
        if v.signal is Action.CORRECT and v.ed_note:
            return v.ed_note
    return None
