"""The search index follower in a child process of the server (SQLite).

Publishes committed in the server are applied to the index by the child, searches wait
for the child's reported position (read-your-writes), writers of both processes queue on
one write lock, and a child that dies is replaced without losing an entry.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.search.index_process import ProcessIndexFollower
from newsflow.store import cursors
from newsflow.store.database import Database
from newsflow.web.app import create_app
from newsflow.wiring import Services, build_services
from tests.conftest import ADMIN_TOKEN, story_fields
from tests.waiting import LIVENESS, wait_until


@pytest.fixture
def node(tmp_path: Path) -> Iterator[tuple[Services, TestClient]]:
    settings = Settings(data_dir=tmp_path, base_url="http://testserver", admin_token=ADMIN_TOKEN,
                        secret_key="test-secret-key", index_process=True)
    services = build_services(settings)
    try:
        with TestClient(create_app(settings, services=services)) as client:
            client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
            yield services, client
    finally:
        services.db.dispose()


def _follower(services: Services) -> ProcessIndexFollower:
    follower = services.index_follower
    assert isinstance(follower, ProcessIndexFollower)
    return follower


def _search_ids(client: TestClient, words: str) -> set[int]:
    r = client.get("/api/v1/search", params={"q": words, "limit": 100})
    assert r.status_code == 200, r.text
    return {int(h["id"]) for h in r.json()["results"]}


def test_publishes_from_several_threads_are_indexed_by_the_child_in_flow_order(
    node: tuple[Services, TestClient],
) -> None:
    services, client = node
    follower = _follower(services)
    wait_until(lambda: follower.running, "the index process to report its first position")
    pid = follower.child_pid
    assert pid is not None and pid != os.getpid()

    outcomes = []
    lock = threading.Lock()

    def publish(w: int) -> None:
        for i in range(10):
            outcome = services.newsroom.create(story_fields(headline=f"Okapi {w} {i} sighted"), publish=True)
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=publish, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(LIVENESS)
    last = max(o.seq for o in outcomes if o.seq is not None)
    # The child applies them: the server waits on its report, it does not index them itself.
    assert follower.wait_for(last, LIVENESS)
    assert follower.running and follower.children == 1 and follower.child_pid == pid
    with services.db.read() as conn:
        assert cursors.position(conn, "search") == last
        seqs = list(conn.execute(sa.text("SELECT seq FROM flow_log ORDER BY seq")).scalars())
    assert seqs == list(range(1, last + 1))  # dense: every commit numbered in commit order
    assert _search_ids(client, "okapi") == {o.id for o in outcomes}


def test_a_story_published_over_http_is_found_by_the_next_search(node: tuple[Services, TestClient]) -> None:
    services, client = node
    follower = _follower(services)
    wait_until(lambda: follower.running, "the index process to report its first position")
    r = client.post("/api/v1/stories?publish=true", json=story_fields(headline="Pangolin rescued from market"))
    assert r.status_code == 201, r.text
    # No wait in the test: the search itself waits for the child to apply the commit.
    assert _search_ids(client, "pangolin") == {r.json()["id"]}
    assert follower.children == 1


def test_a_killed_index_process_is_replaced_and_no_story_is_lost(node: tuple[Services, TestClient]) -> None:
    services, client = node
    follower = _follower(services)
    wait_until(lambda: follower.running, "the index process to report its first position")
    pid = follower.child_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: follower.child_pid != pid or not follower.running, "the server to notice the child is gone")
    r = client.post("/api/v1/stories?publish=true", json=story_fields(headline="Tapir crosses the road"))
    assert r.status_code == 201, r.text
    first = r.json()["id"]
    # Found whether the new child or the search itself applied it.
    assert _search_ids(client, "tapir") == {first}
    wait_until(lambda: follower.children == 2 and follower.running, "a new index process")
    r = client.post("/api/v1/stories?publish=true", json=story_fields(headline="Tapir returns to the forest"))
    assert r.status_code == 201, r.text
    assert follower.wait_for(r.json()["seq"], LIVENESS)
    assert _search_ids(client, "tapir") == {first, r.json()["id"]}


def test_a_write_holds_the_lock_other_processes_queue_on(tmp_path: Path) -> None:
    """While this process writes, another process cannot take the database's write lock;
    once the write ends it can (the lock is what the index process's writes wait on)."""
    db = Database(f"sqlite:///{tmp_path / 'newsflow.db'}")
    lock_path = tmp_path / "newsflow.db.writelock"
    probe = ("import fcntl, os, sys\n"
             "fd = os.open(sys.argv[1], os.O_RDWR)\n"
             "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept BlockingIOError:\n    print('busy')\n"
             "else:\n    print('free')\n")

    def other_process_sees() -> str:
        done = subprocess.run([sys.executable, "-c", probe, str(lock_path)], capture_output=True, text=True,
                              timeout=LIVENESS, check=True)
        return done.stdout.strip()

    try:
        assert db.is_file_sqlite and lock_path.exists()
        with db.write() as tx:
            tx.conn.exec_driver_sql("SELECT 1")
            assert other_process_sees() == "busy"
        assert other_process_sees() == "free"
        # and the other way round: a write here waits while another process holds it
        fd = os.open(lock_path, os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        entered = threading.Event()

        def write() -> None:
            with db.write() as tx:
                tx.conn.exec_driver_sql("SELECT 1")
                entered.set()

        writer = threading.Thread(target=write)
        writer.start()
        assert not entered.is_set()  # cannot have entered: the lock is held here
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        assert entered.wait(LIVENESS)
        writer.join(LIVENESS)
    finally:
        db.dispose()


def test_serve_settings_follow_in_a_child_on_sqlite_only(tmp_path: Path) -> None:
    env = {"NEWSFLOW_DATA_DIR": str(tmp_path), "NEWSFLOW_SECRET_KEY": "x"}
    assert Settings.from_env(env).index_process
    assert not Settings.from_env({**env, "NEWSFLOW_INDEX_PROCESS": "0"}).index_process
    services = build_services(replace(Settings.from_env(env)))
    try:
        assert isinstance(services.index_follower, ProcessIndexFollower)
    finally:
        services.db.dispose()
    services = build_services(Settings(data_dir=tmp_path / "other", secret_key="x"))
    try:
        assert not isinstance(services.index_follower, ProcessIndexFollower)
    finally:
        services.db.dispose()
