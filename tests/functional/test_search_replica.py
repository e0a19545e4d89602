"""A PostgreSQL node with a search replica (``NEWSFLOW_SEARCH_REPLICA``, search/replica.py).

The replica is a SQLite FTS5 file of the node's own that follows the flow log on
PostgreSQL with a cursor stored in that file. Publishing, correcting and withdrawing
reach it with read-your-writes; a restart carries on from its cursor; two nodes on one
PostgreSQL each find what the other published; it answers as a SQLite node does on the
same stories; and entitlements filter it as they filter the shared index.
"""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.search import SearchQuery, Visibility
from newsflow.search.replica import ReplicaIndex
from newsflow.search.sqlite_fts import SqliteSearch
from newsflow.web.app import create_app
from newsflow.wiring import Services, build_services
from tests.conftest import ADMIN_TOKEN, PG_URL, LiveServer, _pg_database, story_fields
from tests.functional import test_security_matrix as matrix
from tests.waiting import LIVENESS, wait_until

NATS_URL = os.environ.get("NEWSFLOW_TEST_NATS_URL")
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(request: pytest.FixtureRequest) -> Iterator[str]:
    """A migrated PostgreSQL database of the test's own."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    yield from _pg_database(request.getfixturevalue("pg_migrated_template"))


def replica_settings(tmp_path: Path, url: str, name: str | None = "search.db", **extra: object) -> Settings:
    """A PostgreSQL node's settings, its replica at ``tmp_path / name`` (``None``: no replica)."""
    return Settings(
        data_dir=tmp_path, database_url=url, base_url="http://testserver", admin_token=ADMIN_TOKEN,
        secret_key="test-secret-key", compat_min_interval_ms=0,
        search_replica=None if name is None else tmp_path / name, **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def settings(tmp_path: Path, pg: str) -> Settings:
    """The security matrix's ``world`` is built on these: PostgreSQL, with a replica."""
    return replica_settings(tmp_path, pg)


def replica_of(services: Services) -> ReplicaIndex:
    assert isinstance(services.search, ReplicaIndex)
    return services.search


def in_replica(path: Path, story_id: int) -> tuple[int, str] | None:
    """(version, headline) of the story in the replica file, read with plain sqlite3."""
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT version, headline FROM search_docs WHERE story_id = ?", (story_id,)).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def replica_cursor(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT seq FROM follower_cursors WHERE name = 'search'").fetchone()[0])


def found(client: TestClient, q: str) -> list[int]:
    r = client.get("/api/v1/search", params={"q": q})
    assert r.status_code == 200, r.text
    return [h["id"] for h in r.json()["results"]]


def test_publish_correct_withdraw_reach_the_replica(settings: Settings) -> None:
    services = build_services(settings)
    path = settings.search_replica
    assert path is not None
    try:
        with TestClient(create_app(settings, services=services)) as client:
            client.headers.update(AUTH)
            r = client.post("/api/v1/stories?publish=true", json=story_fields(headline="Quokka census on Rottnest"))
            assert r.status_code == 201, r.text
            story = r.json()
            # read-your-writes: the search waits for the replica's follower, no polling
            assert found(client, "quokka") == [story["id"]]
            assert replica_of(services).caught_up
            assert in_replica(path, story["id"]) == (1, "Quokka census on Rottnest")
            assert replica_cursor(path) == story["seq"]
            ready = client.get("/readyz").json()["checks"]["search"]
            assert ready["search_index"] == "replica" and ready["replica"]["behind"] == 0, ready
            assert ready["shared"]["full_text_index"] in ("gin", "rum"), ready

            r = client.post(f"/api/v1/stories/{story['id']}/correct", json={"headline": "Wombat census on Rottnest", "note": "species"})
            assert r.status_code in (200, 201), r.text
            assert found(client, "wombat") == [story["id"]]
            assert found(client, "quokka") == []
            assert in_replica(path, story["id"]) == (2, "Wombat census on Rottnest")

            r = client.post(f"/api/v1/stories/{story['id']}/withdraw", json={"reason": "legal"})
            assert r.status_code == 200, r.text
            hits = client.get("/api/v1/search", params={"q": "wombat"}).json()["results"]
            assert [(h["id"], h["withdrawn"]) for h in hits] == [(story["id"], True)]
    finally:
        services.db.dispose()


def test_a_restart_resumes_from_the_replicas_own_cursor(settings: Settings, tmp_path: Path) -> None:
    path = settings.search_replica
    assert path is not None
    first = build_services(settings)
    try:
        early = [first.newsroom.create(story_fields(headline=f"Heron {i} nests"), publish=True) for i in range(5)]
        assert replica_of(first).follower.catch_up() == early[-1].seq
    finally:
        first.db.dispose()
    # While the node is down, another node (no replica) goes on publishing.
    other = build_services(replica_settings(tmp_path, settings.database_url, name=None))
    try:
        late = [other.newsroom.create(story_fields(headline=f"Egret {i} nests"), publish=True) for i in range(3)]
    finally:
        other.db.dispose()
    again = build_services(settings)
    try:
        replica = replica_of(again)
        assert replica.follower.position == early[-1].seq  # from the file, not from zero
        written: list[int] = []
        index = replica.raw
        assert isinstance(index, SqliteSearch)
        write = index.write_newest

        def recording(conn, docs):  # type: ignore[no-untyped-def]
            written.extend(doc.story_id for doc in docs)
            return write(conn, docs)

        index.write_newest = recording  # type: ignore[method-assign]
        assert replica.follower.catch_up() == late[-1].seq
        assert sorted(written) == sorted(o.id for o in late)  # only what it missed
        result = replica.search(SearchQuery(q="nests", limit=100))
        assert replica.caught_up
        assert sorted(h.story_id for h in result.hits) == sorted(o.id for o in early + late)
    finally:
        again.db.dispose()


def test_a_fresh_replica_searches_the_shared_index_until_it_catches_up(settings: Settings, tmp_path: Path) -> None:
    plain = build_services(replica_settings(tmp_path, settings.database_url, name=None))
    try:
        outcome = plain.newsroom.create(story_fields(headline="Ibis returns to the marsh"), publish=True)
    finally:
        plain.db.dispose()
    services = build_services(settings)  # a new node: its replica is empty, cursor 0
    try:
        replica = replica_of(services)
        assert replica.behind == outcome.seq
        assert replica.readiness_details()["search_index"] == "shared"
        # answered by the shared index (which applies the entry itself: no follower runs here)
        assert [h.story_id for h in replica.search(SearchQuery(q="ibis")).hits] == [outcome.id]
        assert not replica.caught_up and in_replica(settings.search_replica, outcome.id) is None  # type: ignore[arg-type]
        replica.follower.catch_up()
        assert [h.story_id for h in replica.search(SearchQuery(q="ibis")).hits] == [outcome.id]
        assert replica.caught_up and replica.readiness_details()["search_index"] == "replica"
        assert in_replica(settings.search_replica, outcome.id) is not None  # type: ignore[arg-type]
    finally:
        services.db.dispose()


def test_reindex_rebuilds_the_replica_from_postgresql(settings: Settings, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsflow.cli import app

    services = build_services(settings)
    try:
        ids = [services.newsroom.create(story_fields(headline=f"Stork {i} migrates"), publish=True).id for i in range(4)]
        last = services.signal.latest
    finally:
        services.db.dispose()
    env = {
        "NEWSFLOW_DATABASE_URL": settings.database_url, "NEWSFLOW_DATA_DIR": str(tmp_path),
        "NEWSFLOW_SECRET_KEY": "s", "NEWSFLOW_SEARCH_REPLICA": str(settings.search_replica),
        "NEWSFLOW_TEXT_PROCESSES": "0",
    }
    result = CliRunner().invoke(app, ["search", "reindex"], env=env)
    assert result.exit_code == 0, result.output
    assert "4 stories (replica" in result.output
    path = settings.search_replica
    assert path is not None
    assert all(in_replica(path, i) is not None for i in ids)
    assert replica_cursor(path) == last  # nothing before it to follow again
    assert analysed(path)  # it ended as a bulk load does: optimize, ANALYZE, checkpoint


def analysed(path: Path) -> bool:
    """Whether ``ANALYZE`` ran on the file (its statistics table exists)."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is not None


def test_a_replica_that_followed_far_is_compacted_once_caught_up(settings: Settings) -> None:
    services = build_services(settings)
    path = settings.search_replica
    assert path is not None
    replica = replica_of(services)
    replica.compact_after = 6  # entries applied since start (5,000 in production)
    index = replica.replica
    try:
        with TestClient(create_app(settings, services=services)) as client:
            client.headers.update(AUTH)
            for i in range(5):  # each applied in a transaction of its own: segments pile up
                r = client.post("/api/v1/stories?publish=true", json=story_fields(headline=f"Pelican {i} dives"))
                assert r.status_code == 201, r.text
                assert len(found(client, f"pelican {i}")) >= 1
            assert index.segments() > 1
            assert client.get("/readyz").json()["checks"]["search"]["replica"]["compacted"] is False
            r = client.post("/api/v1/stories?publish=true", json=story_fields(headline="Pelican 5 dives"))
            assert r.status_code == 201, r.text
            wait_until(lambda: client.get("/readyz").json()["checks"]["search"]["replica"]["compacted"], "compaction")
            assert index.segments() == 1
            assert analysed(path)
            assert len(found(client, "pelican")) == 6
    finally:
        services.db.dispose()


def test_db_upgrade_migrates_the_replica_too(pg: str, tmp_path: Path) -> None:
    """``serve --workers N`` migrates once before its workers start (they build their
    services without migrating): the replica file is part of that."""
    from typer.testing import CliRunner

    from newsflow.cli import app

    path = tmp_path / "search.db"
    env = {"NEWSFLOW_DATABASE_URL": pg, "NEWSFLOW_DATA_DIR": str(tmp_path), "NEWSFLOW_SECRET_KEY": "s",
           "NEWSFLOW_SEARCH_REPLICA": str(path)}
    result = CliRunner().invoke(app, ["db", "upgrade"], env=env)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"search_docs", "search_fts", "follower_cursors"} <= tables
    services = build_services(replica_settings(tmp_path, pg), migrate=False)  # as a worker does
    try:
        outcome = services.newsroom.create(story_fields(headline="Osprey dives"), publish=True)
        assert replica_of(services).follower.catch_up() == outcome.seq
    finally:
        services.db.dispose()


@pytest.mark.nats
def test_two_nodes_each_with_a_replica_find_each_others_stories(tmp_path: Path, pg: str) -> None:
    """Woken through NATS, and through PostgreSQL LISTEN without it."""
    for via in ("nats", "listen"):
        if via == "nats" and not NATS_URL:
            continue  # the LISTEN half still runs
        extra = {"nats_url": NATS_URL, "agency": f"replica{os.getpid()}"} if via == "nats" else {}
        a = build_services(replica_settings(tmp_path, pg, name=f"a-{via}.db", **extra))
        b = build_services(replica_settings(tmp_path, pg, name=f"b-{via}.db", **extra))
        with LiveServer(a.settings, a) as node_a, LiveServer(b.settings, b) as node_b:
            for source, target in ((node_a, node_b), (node_b, node_a)):
                word = f"zebu{via}{source.port}"
                r = httpx.post(f"{source.url}/api/v1/stories?publish=true", json=story_fields(headline=f"A {word} escapes"),
                               headers=AUTH, timeout=LIVENESS)
                assert r.status_code == 201, r.text
                seq, story_id = r.json()["seq"], r.json()["id"]
                wait_until(lambda t=target, s=seq: t.services.signal.latest >= s, f"the other node to be told ({via})")
                r = httpx.get(f"{target.url}/api/v1/search", params={"q": word}, headers=AUTH, timeout=LIVENESS)
                assert [h["id"] for h in r.json()["results"]] == [story_id], (via, r.text)
                assert replica_of(target.services).caught_up  # answered by the replica
                assert in_replica(target.services.settings.search_replica, story_id) is not None  # type: ignore[arg-type]
        a.db.dispose()
        b.db.dispose()
    if not NATS_URL:
        pytest.skip("the NATS half needs NEWSFLOW_TEST_NATS_URL (set by .ci/run); the LISTEN half passed")


# -- the same answers as a SQLite node on the same stories --------------------------------------
WORDS = ("market", "river", "cloud", "stone", "winter", "garden", "harbor", "signal", "copper", "meadow")
FROZEN = datetime(2026, 3, 1, 12, tzinfo=UTC)


def generated(n: int = 80, seed: int = 23) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = [rng.choice(WORDS[: 3 + i % 7]) for _ in range(14)]
        out.append(story_fields(
            headline=" ".join(words[:3]).capitalize() + f" {i}",
            body="<p>" + " ".join(words) + ".</p>",
            language="en", category=("economy", "sports", "health")[i % 3],
            priority=("routine", "urgent")[i % 5 == 0],
        ))
    return out


QUERIES = [
    SearchQuery(q="market", limit=100),
    SearchQuery(q="market", sort="time", limit=100),
    SearchQuery(q="market river", limit=100),
    SearchQuery(q="market OR meadow", limit=100),
    SearchQuery(q="cloud -market", limit=100),
    SearchQuery(q='"market river"', limit=100),
    SearchQuery(q="stone", categories=("economy",), limit=100),
    SearchQuery(q="river", priorities=("urgent",), sort="time", limit=100),
    SearchQuery(q="harb*", limit=100),
    SearchQuery(q="garden", date_from=FROZEN - timedelta(days=1), date_to=FROZEN + timedelta(days=1), limit=100),
    SearchQuery(q="garden", date_to=FROZEN - timedelta(days=1), limit=100),
    SearchQuery(q="", categories=("health",), limit=100),
    SearchQuery(q="market", offset=10, limit=20),
    SearchQuery(q="winter", limit=100, visibility=Visibility.public()),
]


def test_the_replica_answers_as_a_sqlite_node_on_the_same_stories(
    settings: Settings, tmp_path: Path, sqlite_migrated_template: Path
) -> None:
    import shutil

    (tmp_path / "sqlite").mkdir()
    shutil.copyfile(sqlite_migrated_template, tmp_path / "sqlite" / "newsflow.db")
    lite = build_services(Settings(data_dir=tmp_path / "sqlite", secret_key="s"), clock=lambda: FROZEN)
    pg_node = build_services(settings, clock=lambda: FROZEN)
    try:
        for fields in generated():
            for services in (lite, pg_node):
                services.newsroom.create(dict(fields), publish=True)
        replica = replica_of(pg_node)
        replica.follower.catch_up()
        lite.index_follower.catch_up()
        for query in QUERIES:
            ours, theirs = replica.search(query), lite.search.search(query)
            assert replica.caught_up
            assert (ours.total, ours.total_exact) == (theirs.total, theirs.total_exact), query
            # the same engine on the same documents: the same order and the same scores
            assert [(h.story_id, round(h.score, 9)) for h in ours.hits] == [(h.story_id, round(h.score, 9)) for h in theirs.hits], query
            assert ours.facets == theirs.facets, query
            assert [h.snippet for h in ours.hits] == [h.snippet for h in theirs.hits], query
        assert any(replica.search(q).total for q in QUERIES)  # the archive matches something
    finally:
        lite.db.dispose()
        pg_node.db.dispose()


# -- entitlements: the security matrix on a node searching its replica ---------------------------
def test_security_matrix_on_a_replica(world: matrix.World) -> None:
    """The whole matrix (``world`` is built on this module's ``settings``: PostgreSQL with
    a replica), then every subscriber's search through the replica compared with the
    shared index's, and checked against what the profile covers."""
    assert replica_of(world.services).follower.catch_up() == world.services.signal.latest
    matrix.test_matrix(world)
    replica = replica_of(world.services)
    assert replica.caught_up
    for profile in matrix.PROFILES:
        if not (profile.live and profile.api_key_works):
            continue
        ent = world.services.subscribers.live_entitlement(world.subs[profile.name].id, "127.0.0.1")
        query = SearchQuery(q="marker", limit=100, visibility=Visibility.subscriber(ent, world.services.clock()))
        ours = {h.story_id for h in replica.search(query).hits}
        assert ours == {h.story_id for h in replica.shared.search(query).hits}, profile.name
        r = world.client.get("/api/v1/search", params={"q": "marker", "limit": 100}, headers=world.subs[profile.name].bearer)
        assert r.status_code == 200, r.text
        assert {h["id"] for h in r.json()["results"]} == ours, profile.name
        for spec in matrix.STORIES:
            matrix.check(profile, spec, "search", r.status_code, r.content, control=False)
        assert ours <= {world.ids[s.key] for s in matrix.STORIES if profile.covers(s)}, profile.name


world = matrix.world  # the matrix's fixture, on this module's settings



def test_the_replicas_follower_runs_in_a_child_process(tmp_path: Path, pg: str) -> None:
    from newsflow.search.index_process import ProcessIndexFollower

    settings = replica_settings(tmp_path, pg, index_process=True)
    services = build_services(settings)
    path = settings.search_replica
    assert path is not None
    replica = replica_of(services)
    follower = replica.follower
    assert isinstance(follower, ProcessIndexFollower)
    replica.compact_after = 1
    try:
        with TestClient(create_app(settings, services=services)) as client:
            client.headers.update(AUTH)
            r = client.post("/api/v1/stories?publish=true", json=story_fields(headline="Cormorant dries its wings"))
            assert r.status_code == 201, r.text
            story = r.json()
            assert found(client, "cormorant") == [story["id"]]  # read-your-writes through the child
            assert follower.child_pid is not None and follower.child_pid != os.getpid()
            assert replica_cursor(path) == story["seq"]  # the child moved the cursor in the file
            assert in_replica(path, story["id"]) == (1, "Cormorant dries its wings")
            wait_until(lambda: client.get("/readyz").json()["checks"]["search"]["replica"]["compacted"], "compaction")
    finally:
        services.db.dispose()
