"""Several nodes: a commit on one node wakes the others (PostgreSQL NOTIFY, NATS JetStream).

Each test runs two complete newsflow nodes over one database; node B learns about node
A's commit only through the channel under test (its own commit signal is never touched
by A), and then serves the entry to a long-poll.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import httpx
import pytest

from newsflow.config import Settings
from newsflow.flow.nats_bus import NatsFlowBus
from newsflow.web.app import build_services
from tests.conftest import ADMIN_TOKEN, PG_URL, LiveServer, _pg_database, story_fields

NATS_URL = os.environ.get("NEWSFLOW_TEST_NATS_URL")
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def wait_for(predicate, timeout: float = 15.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def two_nodes(settings: Settings):  # type: ignore[no-untyped-def]
    a, b = build_services(settings), build_services(settings)
    return LiveServer(settings, a), LiveServer(settings, b)


@pytest.mark.postgres
def test_postgres_notify_wakes_the_other_node(tmp_path: Path) -> None:
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    gen = _pg_database()
    url = next(gen)
    try:
        settings = Settings(data_dir=tmp_path, database_url=url, admin_token=ADMIN_TOKEN, secret_key="s")
        node_a, node_b = two_nodes(settings)
        with node_a, node_b:
            r = httpx.post(f"{node_a.url}/api/v1/stories?publish=true", json=story_fields(), headers=AUTH)
            seq = r.json()["seq"]
            assert wait_for(lambda: node_b.services.signal.latest >= seq), "node B was never told"
            entries = httpx.get(f"{node_b.url}/api/v1/flow", params={"after": 0}, headers=AUTH).json()["entries"]
            assert [e["seq"] for e in entries] == [seq]
    finally:
        next(gen, None)


@pytest.mark.nats
def test_nats_wakes_nodes_sharing_a_sqlite_file(tmp_path: Path) -> None:
    if not NATS_URL:
        pytest.skip("NATS tests need NEWSFLOW_TEST_NATS_URL (set by .ci/run)")
    agency = f"test{uuid.uuid4().hex[:8]}"
    settings = Settings(data_dir=tmp_path, admin_token=ADMIN_TOKEN, secret_key="s", nats_url=NATS_URL, agency=agency)
    node_a, node_b = two_nodes(settings)
    with node_a, node_b:
        for node in (node_a, node_b):
            bus = next(f.__self__ for f in node.services.background if isinstance(getattr(f, "__self__", None), NatsFlowBus))
            assert wait_for(bus.ready.is_set), "the NATS bus did not connect"
        r = httpx.post(f"{node_a.url}/api/v1/stories?publish=true", json=story_fields(), headers=AUTH)
        seq = r.json()["seq"]
        assert wait_for(lambda: node_b.services.signal.latest >= seq), "node B was never told"
        stored = _jetstream_count(NATS_URL, agency)
        assert stored >= 1


def _jetstream_count(url: str, agency: str) -> int:
    import asyncio

    import nats

    from newsflow.flow.nats_bus import names

    async def count() -> int:
        nc = await nats.connect(url)
        try:
            stream, _ = names(agency)
            info = await nc.jetstream().stream_info(stream)
            await nc.jetstream().delete_stream(stream)
            return int(info.state.messages)
        finally:
            await nc.close()

    return asyncio.run(count())
