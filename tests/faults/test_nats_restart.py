"""NATS restarted in the middle of a burst: the other nodes' subscribers still get everything.

Node A takes every write; node B hears of A's commits through NATS (and, on
PostgreSQL, through NOTIFY as well). With NATS stopped, B must still deliver every entry
to its subscribers: on PostgreSQL through NOTIFY, on a shared SQLite file by reading the
log's end from the database until NATS is back. The figures are how long an entry took
from its 201 on A to a subscriber on B, while NATS was down and after it came back.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.faults.conftest import record
from tests.faults.harness import FlowCheck, NatsServer, Node, SseReader, Writers, lag, subscriber
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
    a = Node("a", tmp_path / "a", env).start().wait_ready()
    b = Node("b", tmp_path / "b", env).start().wait_ready()
    readers: list[SseReader] = []
    writers: Writers | None = None
    try:
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
        # B's subscribers get what A acknowledged while NATS was down, NATS still down.
        acked_down = writers.acked_since(before)
        wait_until(lambda: set(acked_down) <= set(on_b.seqs), "node B to deliver the entries made while NATS is down")
        lag_down = lag([on_b], acked_down)
        nats_server.start()
        up_at = time.monotonic()
        wait_until(lambda: nats_server.clients() >= 2, "both nodes to reconnect to NATS")
        reconnected = time.monotonic() - up_at
        back = writers.count_acked()
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
