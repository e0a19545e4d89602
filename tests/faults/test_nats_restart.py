"""NATS restarted in the middle of a burst: the other nodes' subscribers still get everything.

Node A takes every write; node B hears of A's commits through NATS (and, on
PostgreSQL, through NOTIFY as well). With NATS stopped, B must still deliver every entry
to its subscribers: on PostgreSQL through NOTIFY, on a shared SQLite file by reading the
log's end from the database until NATS is back. NATS stays down until A has failed to
publish an entry to JetStream; once NATS is back, A sends what it missed, so the stream
holds every entry once. The figures are how long an entry took from its 201 on A to a
subscriber on B, while NATS was down and after it came back.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.web.app import create_app
from newsflow.wiring import build_services
from tests.conftest import ADMIN_TOKEN, story_fields
from tests.faults.conftest import record
from tests.faults.harness import (
    NATS_SERVER,
    READS_ONLY,
    FlowCheck,
    NatsServer,
    Node,
    SseReader,
    Writers,
    lag,
    subscriber,
)
from tests.waiting import LIVENESS, wait_until

PHASE = 15  # acknowledged publishes before, during and after the outage


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_nats_restart_mid_burst_loses_nothing_on_other_nodes(
    database: str, tmp_path: Path, nats_server: NatsServer, request: pytest.FixtureRequest
) -> None:
    if database == "sqlite":
        url, env = f"sqlite:///{tmp_path / 'shared.db'}", {"NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}"}
    else:
        url = request.getfixturevalue("pg_url")
        env = {"NEWSFLOW_DATABASE_URL": url}
    env["NEWSFLOW_NATS_URL"] = nats_server.url
    a = Node("a", tmp_path / "a", env).start().wait_ready()  # applies the migrations; takes the writes
    b = Node("b", tmp_path / "b", {**env, **READS_ONLY}).start()
    readers: list[SseReader] = []
    writers: Writers | None = None
    try:
        a.warm()  # while B starts
        b.wait_ready()
        wait_until(lambda: nats_server.clients() >= 2, "both nodes to connect to NATS")
        key = subscriber(a.url)
        on_b = SseReader([b.url], key).start()
        readers = [on_b, SseReader([a.url], key).start()]
        for r in readers:
            assert r.opened.wait(LIVENESS), "a stream did not open"

        phase = threading.Event()
        writers = Writers([a.url], tag=f"nats-{database}", on_ack=lambda n: phase.set() if n % PHASE == 0 else None)
        writers.start()

        def next_phase() -> int:
            phase.clear()
            assert phase.wait(LIVENESS), "the writers stalled"
            writers.check()
            return writers.count_acked()

        before = next_phase()
        nats_server.stop()
        down_at = time.monotonic()
        next_phase()
        writers.pause()  # the outage goes on; what was published in it is judged first
        # B's subscribers get what A acknowledged while NATS was down, NATS still down.
        acked_down = writers.acked_since(before)
        wait_until(lambda: set(acked_down) <= set(on_b.seqs), "node B to deliver the entries made while NATS is down")
        lag_down = lag([on_b], acked_down)
        wait_until(lambda: "could not publish flow entry" in a.log.read_text(), "node A to fail to publish to NATS")
        nats_server.start()
        up_at = time.monotonic()
        wait_until(lambda: nats_server.clients() >= 2, "both nodes to reconnect to NATS")
        reconnected = time.monotonic() - up_at
        back = writers.count_acked()
        writers.resume()
        while next_phase() < back + PHASE:
            pass
        acked_after = writers.acked_since(back)
        writers.join()
        assert writers.transport_errors == 0

        flow = FlowCheck.read(url)
        acked = {int(str(s["id"])): int(str(s["seq"])) for s in writers.acknowledged}
        assert dict(zip(flow.story_ids, flow.seqs, strict=True)) == acked, "the flow differs from what was acknowledged"
        assert flow.gaps() == [] and flow.duplicated_stories() == []
        wait_until(lambda: all(len(r.seqs) >= len(flow.seqs) for r in readers), "every subscriber to get everything")
        for r in readers:
            assert r.seqs == flow.seqs, "a subscriber saw a gap, a duplicate or a reordering"
        # JetStream, for consumers outside newsflow: every entry once, those A missed sent again.
        stored = wait_until(lambda: (got := nats_server.stored_seqs()) and set(got) >= set(flow.seqs) and got,
                            "JetStream to hold every entry")
        assert set(stored) == set(flow.seqs) and set(stored.values()) == {1}, "JetStream lost or doubled an entry"
        record(f"NATS restart mid-burst ({database}): acknowledged {len(acked)}, in the flow {len(flow.seqs)}, gaps 0, "
               f"duplicates 0; NATS down {up_at - down_at:.2f} s, 201 on A to arrival on B at most {lag_down:.2f} s "
               f"while down, {lag([on_b], acked_after):.2f} s after; nodes back on NATS {reconnected:.2f} s after "
               f"it restarted")
    finally:
        if writers is not None:
            writers.stop.set()
        for r in readers:
            r.close()
        a.stop()
        b.stop()


def test_a_node_started_before_nats_sends_it_every_entry_once_it_is_up(tmp_path: Path) -> None:
    """The bus keeps trying to reach NATS; what was committed meanwhile reaches JetStream."""
    if not Path(NATS_SERVER).exists():
        pytest.skip("nats-server not installed (apt-get install nats-server)")
    server = NatsServer(tmp_path / "nats")  # not started yet
    settings = Settings(data_dir=tmp_path, nats_url=server.url, admin_token=ADMIN_TOKEN, secret_key="s")
    services = build_services(settings)
    bus = services.bus
    assert bus is not None
    try:
        with TestClient(create_app(settings, services=services)) as client:
            client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
            seqs = [client.post("/api/v1/stories?publish=true", json=story_fields(headline=f"Early {i}")).json()["seq"]
                    for i in range(5)]
            assert not bus.connected
            server.start()
            started = time.monotonic()
            stored = wait_until(lambda: (got := server.stored_seqs()) and set(got) >= set(seqs) and got,
                                "JetStream to receive what was committed before NATS was up")
            assert set(stored) == set(seqs) and set(stored.values()) == {1}
        record(f"node started before NATS: the {len(seqs)} entries committed meanwhile reached JetStream "
               f"{time.monotonic() - started:.2f} s after NATS started")
    finally:
        server.stop()
        services.db.dispose()
