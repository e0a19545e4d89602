"""Several nodes: a commit on one node wakes the others (PostgreSQL NOTIFY, NATS JetStream).

Each test runs two complete newsflow nodes over one database; node B learns about node
A's commit only through the channel under test (its own commit signal is never touched
by A), and then serves the entry to a long-poll.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from newsflow.config import Settings
from newsflow.flow.leader import WEBHOOKS_LEASE
from newsflow.flow.nats_bus import NatsFlowBus
from newsflow.wiring import build_services
from tests.conftest import ADMIN_TOKEN, LiveServer, story_fields
from tests.functional.test_webhooks import receivers  # noqa: F401  (fixture)
from tests.waiting import LIVENESS, wait_until

NATS_URL = os.environ.get("NEWSFLOW_TEST_NATS_URL")
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
# Requests wait as long as the suite waits for any event: a node's first publish on a
# loaded machine can take longer than httpx's 5 s default (text analysis loading).


def lease_holders(url: str) -> int:
    """How many sessions hold the webhook lease (a PostgreSQL advisory lock)."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return int(conn.execute(
                sa.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        " AND ((classid::bigint << 32) | objid::bigint) = :key"),
                {"key": WEBHOOKS_LEASE},
            ).scalar_one())
    finally:
        engine.dispose()


def two_nodes(settings: Settings):  # type: ignore[no-untyped-def]
    a, b = build_services(settings), build_services(settings)
    return LiveServer(settings, a), LiveServer(settings, b)


@pytest.mark.postgres
def test_postgres_notify_wakes_the_other_node(tmp_path: Path, pg_url: str) -> None:
    settings = Settings(data_dir=tmp_path, database_url=pg_url, admin_token=ADMIN_TOKEN, secret_key="s")
    node_a, node_b = two_nodes(settings)
    with node_a, node_b:
        r = httpx.post(f"{node_a.url}/api/v1/stories?publish=true", json=story_fields(), headers=AUTH, timeout=LIVENESS)
        seq = r.json()["seq"]
        wait_until(lambda: node_b.services.signal.latest >= seq, "node B to be told of the commit")
        entries = httpx.get(f"{node_b.url}/api/v1/flow", params={"after": 0}, headers=AUTH, timeout=LIVENESS).json()["entries"]
        assert [e["seq"] for e in entries] == [seq]


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
            wait_until(bus.ready.is_set, "the NATS bus to connect")
        r = httpx.post(f"{node_a.url}/api/v1/stories?publish=true", json=story_fields(), headers=AUTH, timeout=LIVENESS)
        seq = r.json()["seq"]
        wait_until(lambda: node_b.services.signal.latest >= seq, "node B to be told of the commit")
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


@pytest.mark.postgres
def test_two_nodes_deliver_each_webhook_entry_once(tmp_path: Path, pg_url: str, receivers) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    settings = Settings(
        data_dir=tmp_path, database_url=pg_url, admin_token=ADMIN_TOKEN, secret_key="s", webhooks_allow_private=True
    )
    receiver = receivers()
    node_a, node_b = two_nodes(settings)
    with node_a, node_b:
        sub = httpx.post(f"{node_a.url}/api/v1/admin/subscribers", json={"name": "Wire Co"}, headers=AUTH, timeout=LIVENESS).json()
        key = {"Authorization": f"Bearer {sub['api_key']}"}
        r = httpx.post(f"{node_b.url}/api/v1/webhooks", json={"url": receiver.url, "format": "ninjs"}, headers=key, timeout=LIVENESS)
        assert r.status_code == 201, r.text
        seqs = []
        for i in range(6):
            node = node_a if i % 2 else node_b
            r = httpx.post(f"{node.url}/api/v1/stories?publish=true", json=story_fields(headline=f"s{i}"), headers=AUTH, timeout=LIVENESS)
            seqs.append(r.json()["seq"])
        wait_until(lambda: len(receiver.ok()) >= len(seqs), "every entry to be delivered")
        # Only the holder of the lease delivers: exactly one session holds it, so the other
        # node's dispatcher never started (no copies are still to come from it).
        assert lease_holders(pg_url) == 1
        delivered = [int(r.headers["X-Newsflow-Seq"]) for r in receiver.ok()]
        assert delivered == seqs  # each entry once, in order, although both nodes run


@pytest.mark.postgres
def test_revoking_a_key_on_one_node_closes_its_stream_on_another(tmp_path: Path, pg_url: str) -> None:
    import threading

    settings = Settings(data_dir=tmp_path, database_url=pg_url, admin_token=ADMIN_TOKEN, secret_key="s")
    node_a, node_b = two_nodes(settings)
    with node_a, node_b:
        sub = httpx.post(f"{node_a.url}/api/v1/admin/subscribers", json={"name": "Gazette"}, headers=AUTH, timeout=LIVENESS).json()
        lines: list[str] = []
        closed = threading.Event()

        def listen() -> None:
            headers = {"Authorization": f"Bearer {sub['api_key']}"}
            with httpx.stream("GET", f"{node_b.url}/api/v1/stream", headers=headers, timeout=30) as r:
                for line in r.iter_lines():
                    lines.append(line)
            closed.set()

        threading.Thread(target=listen, daemon=True).start()
        wait_until(lambda: len(node_b.services.hub.connections) == 1, "the stream to open")
        r = httpx.delete(f"{node_a.url}/api/v1/admin/subscribers/{sub['id']}", headers=AUTH, timeout=LIVENESS)
        assert r.status_code == 204
        assert closed.wait(LIVENESS), "the stream on node B stayed open after revocation on node A"
        assert any("error" in line for line in lines), lines
