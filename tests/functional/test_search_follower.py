"""The search index follows the flow log with a cursor stored in the database.

Publishing does not wait for the index; a search waits for the follower to apply what
was committed before it; a node killed right after a publish indexes the story once it
is back, without a reindex. Both backends: on PostgreSQL the index and the cursor are
shared by the nodes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.store import cursors
from newsflow.store.database import Database
from newsflow.wiring import Services, build_services
from tests.conftest import ADMIN_TOKEN, free_port, story_fields
from tests.waiting import LIVENESS, wait_until

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def _cursor(db: Database) -> int | None:
    with db.read() as conn:
        return cursors.position(conn, "search")


def _last_seq(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(sa.text("SELECT COALESCE(MAX(seq), 0) FROM flow_log")).scalar_one())


def _indexed(db: Database, story_ids: list[int]) -> set[int]:
    if not story_ids:
        return set()
    with db.read() as conn:
        rows = conn.execute(sa.text("SELECT story_id FROM search_docs WHERE story_id IN :ids").bindparams(
            sa.bindparam("ids", expanding=True)), {"ids": story_ids})
        return {int(r[0]) for r in rows}


def test_a_published_story_is_searchable_and_the_cursor_is_stored(client: TestClient, services: Services) -> None:
    r = client.post("/api/v1/stories?publish=true", json=story_fields(headline="Quokka census finds more quokkas"))
    assert r.status_code == 201, r.text
    story = r.json()
    # The search waits for the follower to apply the commit; no polling, no sleep.
    hits = client.get("/api/v1/search", params={"q": "quokka"}).json()["results"]
    assert [h["id"] for h in hits] == [story["id"]]
    assert _cursor(services.db) == story["seq"]
    # A correction replaces the indexed text: the newest version wins.
    r = client.post(f"/api/v1/stories/{story['id']}/correct", json={"headline": "Wombat census finds more wombats", "note": "species"})
    assert r.status_code in (200, 201), r.text
    assert [h["id"] for h in client.get("/api/v1/search", params={"q": "wombat"}).json()["results"]] == [story["id"]]
    assert client.get("/api/v1/search", params={"q": "quokka"}).json()["results"] == []


def test_the_editor_request_does_not_write_the_index(settings: Settings) -> None:
    """Without the follower running, a publish commits and leaves the index untouched;
    the follower applies it later from the stored cursor (what a restart does)."""
    services = build_services(settings)
    try:
        outcome = services.newsroom.create(story_fields(headline="Narwhal sighting in the harbour"), publish=True)
        assert outcome.seq is not None
        assert _indexed(services.db, [outcome.id]) == set()  # nothing ran inside the write
        assert _cursor(services.db) == outcome.seq - 1
        assert services.index_follower.catch_up() == outcome.seq
        assert _indexed(services.db, [outcome.id]) == {outcome.id}
        assert _cursor(services.db) == outcome.seq
        assert services.index_follower.catch_up() == outcome.seq  # idempotent: nothing more to do
    finally:
        services.db.dispose()


def test_two_followers_on_one_database_apply_each_entry_once(settings: Settings) -> None:
    """Two nodes' followers (here two sets of services) share the cursor: the row lock
    lets one apply a batch, the other finds the cursor already past it."""
    a, b = build_services(settings), build_services(settings)
    try:
        ids = [a.newsroom.create(story_fields(headline=f"Pelican {i} lands"), publish=True).id for i in range(30)]
        results: list[int] = []
        threads = [threading.Thread(target=lambda f=f: results.append(f.catch_up())) for f in (a.index_follower, b.index_follower)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(LIVENESS)
        assert results and all(r == _last_seq(a.db) for r in results)
        assert _indexed(a.db, ids) == set(ids)
        assert a.search.count() == 30
    finally:
        a.db.dispose()
        b.db.dispose()


# -- kill -9 right after the 201 -----------------------------------------------------------------
class Node:
    """``newsflow serve`` as a subprocess on the test's database."""

    def __init__(self, settings: Settings, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "NEWSFLOW_DATA_DIR": str(settings.data_dir),
            "NEWSFLOW_DATABASE_URL": settings.sqlalchemy_url if settings.database_url else "",
            "NEWSFLOW_SECRET_KEY": "test-secret-key",
            "NEWSFLOW_ADMIN_TOKEN": ADMIN_TOKEN,
            "NEWSFLOW_PORT": str(self.port),
        }
        if not settings.database_url:
            self.env.pop("NEWSFLOW_DATABASE_URL")
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> float:
        """Start and wait until /healthz answers; the moment it became ready."""
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "newsflow"), "serve"], env=self.env, stdout=out, stderr=out
            )

        def ready() -> bool:
            assert self.process is not None and self.process.poll() is None, self.log.read_text()
            try:
                return httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(ready, "newsflow serve to answer /healthz")
        return time.monotonic()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(LIVENESS)


@pytest.fixture
def node(settings: Settings, tmp_path: Path) -> Iterator[Node]:
    n = Node(settings, tmp_path / "serve.log")
    try:
        yield n
    finally:
        n.kill()


def test_kill_9_right_after_the_201_loses_no_story_from_search(node: Node, settings: Settings) -> None:
    node.start()
    acknowledged: list[dict[str, object]] = []
    lock = threading.Lock()
    stop = threading.Event()
    enough = threading.Event()

    def writer(w: int) -> None:
        with httpx.Client(base_url=node.url, headers=AUTH, timeout=LIVENESS) as http:
            for i in range(1000):
                if stop.is_set():
                    return
                try:
                    r = http.post("/api/v1/stories?publish=true",
                                  json=story_fields(headline=f"Ibex herd {w} {i} crossing reported", category="general"))
                except httpx.TransportError:
                    return  # the node is gone
                if r.status_code != 201:
                    return
                with lock:
                    acknowledged.append(r.json())
                    if len(acknowledged) >= 24:
                        stop.set()
                        node.kill()  # within the moment of this 201: the writer thread does it itself
                        enough.set()
                        return

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    assert enough.wait(LIVENESS), "the writers never reached two dozen publishes"
    for t in threads:
        t.join(LIVENESS)

    db = Database(settings.sqlalchemy_url)
    try:
        ids = [int(str(s["id"])) for s in acknowledged]
        seqs = [int(str(s["seq"])) for s in acknowledged]
        behind = set(ids) - _indexed(db, ids)
        cursor_at_kill = _cursor(db)
        print(f"at the kill: {len(behind)} of {len(ids)} acknowledged stories not yet indexed; cursor {cursor_at_kill}, "
              f"flow log at {_last_seq(db)}")

        ready_at = node.start()
        with httpx.Client(base_url=node.url, headers=AUTH, timeout=LIVENESS) as http:
            # The first search waits for the follower to apply what the node found committed.
            r = http.get("/api/v1/search", params={"q": "ibex", "limit": 100, "sort": "time"})
            elapsed = time.monotonic() - ready_at
            found = {int(h["id"]) for h in r.json()["results"]}
        assert set(ids) <= found, f"missing from search after restart: {sorted(set(ids) - found)}"
        print(f"every acknowledged story found by search {elapsed:.3f} s after the node was ready")
        # The follower's cursor is in the database, at or past every acknowledged entry.
        stored = _cursor(db)
        assert stored is not None and stored >= max(seqs)
    finally:
        db.dispose()
