"""``kill -9`` of the node taking writes, in the middle of a burst from four writers.

Three real nodes (``newsflow serve``) on one PostgreSQL with NATS: node A takes every
write and is killed the moment its 40th publish is acknowledged. Every acknowledged
publish must be in the flow exactly once with ``seq`` contiguous, and subscribers on the
other nodes, plus one that was reading from A and reconnects elsewhere with
``Last-Event-ID``, must receive every entry of the flow once, in order.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.faults.conftest import record
from tests.faults.harness import (
    READS_ONLY,
    FlowCheck,
    NatsServer,
    Node,
    SseReader,
    Writers,
    subscriber,
)
from tests.waiting import LIVENESS, wait_until

KILL_AT = 40  # acknowledged publishes before the kill


@pytest.mark.postgres
def test_kill_9_of_the_writing_node_loses_and_doubles_nothing(tmp_path: Path, pg_url: str, nats_server: NatsServer) -> None:
    env = {"NEWSFLOW_DATABASE_URL": pg_url, "NEWSFLOW_NATS_URL": nats_server.url}
    a = Node("a", tmp_path / "a", env).start().wait_ready()  # applies the migrations; takes the writes
    reading = {**env, **READS_ONLY}
    b, c = Node("b", tmp_path / "b", reading).start(), Node("c", tmp_path / "c", reading).start()
    nodes = [a, b, c]
    readers: list[SseReader] = []
    try:
        a.warm()  # while B and C start
        b.wait_ready(), c.wait_ready()
        key = subscriber(a.url)
        on_a = SseReader([a.url, b.url, c.url], key).start()  # cut by the kill, resumes on B
        readers = [on_a, SseReader([b.url], key).start(), SseReader([c.url], key).start()]
        for r in readers:
            assert r.opened.wait(LIVENESS), "a stream did not open"

        killed_at: list[float] = []

        def kill_at(n: int) -> None:
            if n == KILL_AT and not killed_at:
                a.kill()  # in the writer's thread, right after the 201
                killed_at.append(time.monotonic())

        writers = Writers([a.url], tag="kill", on_ack=kill_at).start()
        wait_until(lambda: killed_at, "node A to be killed mid-burst")
        writers.join()

        flow = FlowCheck.read(pg_url)
        acked = flow.assert_holds(writers.acknowledged)

        def complete() -> bool:
            return all(len(r.seqs) >= len(flow.seqs) for r in readers)

        wait_until(lambda: any(t > killed_at[0] for t in on_a.opened_at), "the cut stream to reopen on another node")
        wait_until(complete, "every subscriber to receive the whole flow")
        recovered = time.monotonic() - killed_at[0]
        for r in readers:
            assert r.seqs == flow.seqs, f"a subscriber got {r.seqs} for the flow {flow.seqs}"
        assert on_a.reconnects >= 1  # it really was cut and resumed from Last-Event-ID
        resumed = [t for t in on_a.opened_at if t > killed_at[0]]

        record(f"kill -9 of the writing node: acknowledged {len(acked)}, in the flow {len(flow.seqs)} "
               f"({len(flow.seqs) - len(acked)} committed as the node died, unacknowledged), gaps {len(flow.gaps())}, "
               f"duplicates {len(flow.duplicated_stories())}; 3 subscribers (one reconnected with Last-Event-ID) "
               f"each received all {len(flow.seqs)} in order, {recovered:.2f} s after the kill; the cut stream "
               f"resumed on another node {resumed[0] - killed_at[0]:.2f} s after the kill")
    finally:
        for r in readers:
            r.close()
        for n in nodes:
            n.stop()
