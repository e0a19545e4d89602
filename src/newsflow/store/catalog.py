"""The compatible API's catalogue: released, published stories, filtered in SQL.

Every facet constraint is applied in the query — the subscriber's entitlement is just
one more constraint — so a page and its ``total`` are counted over what the caller may
see, never filtered afterwards (which would leak counts and break paging).

What counts as "in the catalogue": status ``published`` only. Drafts, stories held by
an embargo and withdrawn stories are never listed. The listed date is the current
version's ``versioncreated``; the id date is the first version's (= ``firstcreated``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql.elements import ColumnElement

from newsflow.core.story import StoryStatus
from newsflow.store.tables import stories, story_versions

MAX_IDS = 1000  # story ids handed in by a full-text search


@dataclass(frozen=True, slots=True)
class Facets:
    """One constraint on the listing; an empty tuple means "any"."""

    categories: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # primary subtags: "ar" matches "ar" and "ar-SA"
    types: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CatalogQuery:
    constraints: tuple[Facets, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    headline: str | None = None  # case-insensitive substring of the headline
    story_ids: tuple[int, ...] | None = None  # restrict to these (a search's hits)
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True, slots=True)
class CatalogRow:
    story_id: int
    version: int
    status: str
    headline: str
    type: str
    language: str
    category: str
    date: datetime  # versioncreated of the current version
    firstcreated: datetime
    group_id: int  # the translation group's root story


_current = story_versions.alias("current")
_first = story_versions.alias("first")


def _base() -> sa.Select[tuple[object, ...]]:
    return sa.select(
        stories.c.id,
        stories.c.current_version,
        stories.c.status,
        stories.c.headline,
        stories.c.type,
        stories.c.language,
        stories.c.category,
        stories.c.translation_of,
        _current.c.versioncreated.label("date"),
        _first.c.versioncreated.label("firstcreated"),
    ).select_from(
        stories.join(
            _current,
            sa.and_(_current.c.story_id == stories.c.id, _current.c.version == stories.c.current_version),
        ).join(_first, sa.and_(_first.c.story_id == stories.c.id, _first.c.version == 1))
    )


def _facet(f: Facets) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.categories:
        out.append(stories.c.category.in_(f.categories))
    if f.types:
        out.append(stories.c.type.in_(f.types))
    if f.priorities:
        out.append(stories.c.priority.in_(f.priorities))
    if f.languages:
        out.append(
            sa.or_(stories.c.language.in_(f.languages), *(stories.c.language.like(f"{lang}-%") for lang in f.languages))
        )
    return out


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(q: CatalogQuery) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [stories.c.status == StoryStatus.PUBLISHED.value]
    for f in q.constraints:
        conds.extend(_facet(f))
    if q.start is not None:
        conds.append(_current.c.versioncreated >= q.start)
    if q.end is not None:
        conds.append(_current.c.versioncreated <= q.end)
    if q.headline:
        conds.append(stories.c.headline.ilike(f"%{_escape_like(q.headline)}%", escape="\\"))
    if q.story_ids is not None:
        conds.append(stories.c.id.in_(q.story_ids[:MAX_IDS]))
    return conds


def _row(r: Row) -> CatalogRow:
    return CatalogRow(
        story_id=r.id,
        version=r.current_version,
        status=r.status,
        headline=r.headline,
        type=r.type,
        language=r.language,
        category=r.category,
        date=r.date,
        firstcreated=r.firstcreated,
        group_id=r.translation_of or r.id,
    )


def search(conn: Connection, q: CatalogQuery) -> tuple[list[CatalogRow], int]:
    """One page, newest first, and the total number of matches."""
    if q.story_ids is not None and not q.story_ids:
        return [], 0
    conds = _where(q)
    rows = conn.execute(
        _base().where(*conds).order_by(_current.c.versioncreated.desc(), stories.c.id.desc())
        .limit(q.limit).offset(q.offset)
    ).all()
    total = conn.execute(
        sa.select(sa.func.count()).select_from(_base().where(*conds).subquery())
    ).scalar_one()
    return [_row(r) for r in rows], int(total)


def describe(conn: Connection, story_id: int) -> CatalogRow | None:
    """A story with at least one version, whatever its status (None if unknown)."""
    row = conn.execute(_base().where(stories.c.id == story_id)).first()
    return _row(row) if row is not None else None


def group(conn: Connection, root_id: int) -> list[CatalogRow]:
    """Every published story of a translation group (the root and its translations)."""
    rows = conn.execute(
        _base().where(
            sa.or_(stories.c.id == root_id, stories.c.translation_of == root_id),
            stories.c.status == StoryStatus.PUBLISHED.value,
        ).order_by(stories.c.id)
    ).all()
    return [_row(r) for r in rows]
