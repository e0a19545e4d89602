"""``search_facts`` (0007): one row of facet values per story, written with the index and
filled by the migration from what an older index holds; facets are counted from it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from newsflow.search import SearchQuery
from newsflow.search.backends import open_index
from newsflow.search.document import facet_values
from newsflow.store.database import Database
from newsflow.store.migrate import alembic_config, upgrade
from tests.functional.test_search_recent_tier import story

TOPICS = ("medtop:01000000", "medtop:04000000", "medtop:11000000")


def tagged(i: int):  # type: ignore[no-untyped-def]
    tags = tuple(("topic", TOPICS[k]) for k in range(3) if i % (k + 2) == 0) + (("place", "baku"),) * (i % 2)
    return replace(story(i), tags=tags, priority=("flash", "urgent", "routine")[i % 3], type="text" if i % 4 else "picture")


def facets_table(db: Database) -> dict[int, str]:
    with db.read() as conn:
        return dict(conn.execute(sa.text("SELECT story_id, facets FROM search_facts")).all())


def times_table(db: Database) -> dict[int, object]:
    with db.read() as conn:
        return dict(conn.execute(sa.text("SELECT story_id, versioncreated FROM search_facts")).all())


@pytest.fixture
def indexed(backend: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """60 tagged stories, indexed on SQLite or PostgreSQL."""
    db = Database(backend or f"sqlite:///{tmp_path / 'facts.db'}")
    upgrade(db)
    search = open_index(db)
    docs = [tagged(i) for i in range(1, 61)]
    search.index_documents(docs)
    yield db, search, docs
    db.dispose()


def test_the_migration_fills_what_the_index_writes(indexed) -> None:  # type: ignore[no-untyped-def]
    db, search, docs = indexed
    written, times = facets_table(db), times_table(db)
    assert written == {doc.story_id: facet_values(doc) for doc in docs}
    assert len(set(times.values())) == len(docs)  # one hour apart
    command.downgrade(alembic_config(db), "0006")  # an index built before search_facts existed
    upgrade(db)
    assert times_table(db) == times
    filled = facets_table(db)
    split = {sid: sorted(value.split("\x1f")) for sid, value in filled.items()}  # topic order is free
    assert split == {sid: sorted(value.split("\x1f")) for sid, value in written.items()}
    search.remove(7)
    search.index_documents([replace(tagged(8), category="health", tags=())])
    assert 7 not in facets_table(db) and facets_table(db)[8] == "lar\x1fchealth\x1fproutine\x1ftpicture"


def test_facets_count_the_window(indexed) -> None:  # type: ignore[no-untyped-def]
    _, search, docs = indexed
    facets = search.search(SearchQuery(q="common")).facets  # every story matches
    expected: dict[str, dict[str, int]] = {"language": {}, "category": {}, "priority": {}, "type": {}, "topic": {}}
    for doc in docs:
        for name, value in (("language", doc.language), ("category", doc.category), ("priority", doc.priority), ("type", doc.type)):
            expected[name][value] = expected[name].get(value, 0) + 1
        for kind, key in doc.tags:
            if kind == "topic":
                expected["topic"][key] = expected["topic"].get(key, 0) + 1
    assert facets == {name: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for name, v in expected.items()}
    assert list(facets["topic"]) == ["medtop:01000000", "medtop:04000000", "medtop:11000000"]  # 30, 20, 15
    assert list(facets["priority"].values()) == [20, 20, 20] and facets["type"] == {"text": 45, "picture": 15}
    # time order comes from search_facts too: an update makes an old story the newest
    search.index_documents([replace(tagged(3), version=2, versioncreated=docs[-1].versioncreated.replace(year=2030))])
    newest = search.search(SearchQuery(q="common", sort="time", limit=3)).hits
    assert [h.story_id for h in newest] == [3, 60, 59]
