"""The full rebuild of the index from the stories table.

Day to day the index follows the flow log (``search.follower``), so it only ever holds
committed versions. A withdrawal is indexed like any other version: the withdrawn
version carries ``pubstatus=canceled``, which hides the story from subscribers and the
public and flags it for editors.

Embargoed stories are not announced until release, so they reach the index only then;
``reindex`` likewise skips drafts and stories still under embargo.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import sqlalchemy as sa

from newsflow.core.story import StoryStatus, StoryVersion
from newsflow.search import SearchIndex
from newsflow.search.document import IndexDocument
from newsflow.store import stories as story_store
from newsflow.store.database import Database
from newsflow.store.tables import stories

__all__ = ["reindex", "searchable_count", "searchable_versions"]

log = logging.getLogger("newsflow.search")
SEARCHABLE = (StoryStatus.PUBLISHED.value, StoryStatus.WITHDRAWN.value)


def searchable_count(db: Database) -> int:
    with db.read() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).select_from(stories).where(
                    stories.c.status.in_(SEARCHABLE), stories.c.current_version > 0
                )
            ).scalar_one()
        )


def searchable_versions(db: Database, batch: int = 500) -> Iterator[list[StoryVersion]]:
    """The latest version of every published or withdrawn story, in batches of ids."""
    after = 0
    while True:
        with db.read() as conn:
            ids = list(
                conn.execute(
                    sa.select(stories.c.id)
                    .where(stories.c.id > after, stories.c.status.in_(SEARCHABLE), stories.c.current_version > 0)
                    .order_by(stories.c.id)
                    .limit(batch)
                ).scalars()
            )
            if not ids:
                return
            versions = [story_store.get_version(conn, story_id) for story_id in ids]
        after = ids[-1]
        yield versions


def reindex(
    db: Database,
    index: SearchIndex,
    progress: Callable[[int], None] | None = None,
    phase: Callable[[str], None] | None = None,
    *,
    bulk: bool | None = None,
) -> int:
    """Rebuild the index from the stories table; ``progress(n)`` after each batch,
    ``phase(name)`` when the work changes ("index", then "analyze" on PostgreSQL).

    Every batch is its own short transaction, so publishing goes on. On PostgreSQL the
    batches go through the bulk loader: a version the index follower wrote meanwhile is
    never replaced by the older one read here, and the load ends with ``VACUUM
    (ANALYZE)``: statistics for the rebuilt tables before the first query plans on them.
    ``bulk``: whether to use that path (default: when ``db`` is PostgreSQL; a search
    replica reads PostgreSQL and writes a SQLite index, so it passes ``False``).
    """
    index.clear()
    done = 0
    if phase is not None:
        phase("index")
    if db.dialect == "postgresql" if bulk is None else bulk:
        with index.bulk(commit_every=1, newest_only=True) as load:
            for versions in searchable_versions(db):
                load([IndexDocument.from_version(v) for v in versions])
                done += len(versions)
                if progress is not None:
                    progress(len(versions))
            if phase is not None:
                phase("analyze")
        log.info("search: reindexed %d stories, statistics updated", done)
        return done
    for versions in searchable_versions(db):
        index.index_many(versions)
        done += len(versions)
        if progress is not None:
            progress(len(versions))
    return done
