"""``newsflow serve --workers N``: each worker process is a hub of its own, woken by the
database's NOTIFY like another node, so a publish answered by one worker reaches the
streams held by every worker. SQLite refuses several workers with one clear line.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from deploy.cluster import Cluster
from tests.conftest import PG_URL, _pg_database, story_fields
from tests.functional.test_stream_sse import SSEClient
from tests.waiting import LIVENESS, wait_until

NEWSFLOW = str(Path(sys.executable).parent / "newsflow")
MAX_STREAMS = 24  # the kernel hands each connection to a worker; this many find both


@pytest.fixture
def node(tmp_path: Path) -> Iterator[Cluster]:
    if not PG_URL:
        pytest.skip("several workers need PostgreSQL: NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    for database_url in _pg_database():
        node = Cluster(tmp_path / "node", database_url, nodes=1, workers=2, port=0, first_port=0)
        node.start(nats=False, nginx=False)
        try:
            yield node
        finally:
            node.stop()


@pytest.mark.postgres
def test_a_publish_reaches_streams_on_both_workers(node: Cluster) -> None:
    url = node.node_urls[0]
    admin = {"Authorization": f"Bearer {node.admin_token}"}
    streams: list[SSEClient] = []
    try:
        while len({s.response_headers["x-newsflow-node"] for s in streams}) < 2:
            assert len(streams) < MAX_STREAMS, "every stream landed on one worker"
            streams.append(SSEClient(url, headers=admin))
            assert streams[-1].status == 200
        r = httpx.post(f"{url}/api/v1/stories?publish=true", json=story_fields(headline="Port reopens"),
                       headers=admin, timeout=LIVENESS)
        assert r.status_code == 201, r.text
        seq = r.json()["seq"]
        for stream in streams:
            assert [(e.id, e.headline) for e in stream.take(1)] == [(seq, "Port reopens")], \
                stream.response_headers["x-newsflow-node"]
    finally:
        for stream in streams:
            stream.close()

    # a worker killed outright is replaced by a new process on the same port
    pids = {int(s.response_headers["x-newsflow-node"].partition("/")[2]) for s in streams}
    os.kill(pids.pop(), signal.SIGKILL)

    def new_worker() -> bool:
        try:
            r = httpx.get(f"{url}/healthz", timeout=LIVENESS)
        except httpx.TransportError:
            return False
        return int(r.headers["x-newsflow-node"].partition("/")[2]) not in pids

    wait_until(new_worker, "a new worker to answer in place of the killed one")


def test_several_workers_on_sqlite_are_refused_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSFLOW_DATABASE_URL", "NEWSFLOW_NATS_URL")}
    env["NEWSFLOW_DATA_DIR"] = str(tmp_path)
    done = subprocess.run([NEWSFLOW, "serve", "--workers", "2", "--port", "1"], env=env,
                          capture_output=True, text=True, timeout=LIVENESS)
    assert done.returncode == 2
    assert "needs PostgreSQL" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "newsflow.db").exists()  # refused before anything was created


@pytest.mark.postgres
def test_workers_that_cannot_listen_stop_the_node_with_one_line(tmp_path: Path) -> None:
    if not PG_URL:
        pytest.skip("several workers need PostgreSQL: NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    taken = socket.socket()  # another program holds the port (without SO_REUSEPORT)
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "NEWSFLOW_NATS_URL"}
    env["NEWSFLOW_DATA_DIR"] = str(tmp_path)
    try:
        for database_url in _pg_database():
            env["NEWSFLOW_DATABASE_URL"] = database_url
            done = subprocess.run([NEWSFLOW, "serve", "--workers", "2", "--port", str(port)], env=env,
                                  capture_output=True, text=True, timeout=LIVENESS)
    finally:
        taken.close()
    assert done.returncode == 1
    assert "error: worker" in done.stderr and "while starting" in done.stderr
