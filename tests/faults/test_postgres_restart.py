"""PostgreSQL restarted in the middle of a burst (a cluster of the test's own, never the shared one).

Two real nodes take writes from four writers; a third takes none and only serves a
subscriber, so it hears of the commits only through its LISTEN connection, which must
come back by itself. While the database is down, a publish
answers ``503`` problem+json with ``Retry-After`` at once (never a hang past the
request timeout); the writers retry with the same Idempotency-Key, as a client is told
to. The nodes are not restarted: once the database is back they take writes again,
the subscribers' streams on all three carry on, and the flow holds every acknowledged publish
exactly once with ``seq`` contiguous.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tests.faults.conftest import record
from tests.faults.harness import (
    READS_ONLY,
    FlowCheck,
    Node,
    PgCluster,
    SseReader,
    Writers,
    lag,
    subscriber,
)
from tests.waiting import LIVENESS, wait_until

RESTART_AT = 20  # acknowledged publishes before the database stops
AFTER = 20  # acknowledged publishes wanted once it is back


def test_postgres_restart_mid_burst_loses_and_doubles_nothing(tmp_path: Path, pg_cluster: PgCluster) -> None:
    env = {"NEWSFLOW_DATABASE_URL": pg_cluster.url}
    a = Node("a", tmp_path / "a", env).start().wait_ready()
    b, c = Node("b", tmp_path / "b", env).start(), Node("c", tmp_path / "c", {**env, **READS_ONLY}).start()
    readers: list[SseReader] = []
    writers: Writers | None = None
    try:
        a.warm()  # A and B take the writes; A warms up while B and C start
        b.wait_ready(), c.wait_ready()
        b.warm()
        key = subscriber(a.url)
        on_c = SseReader([c.url], key).start()
        readers = [SseReader([a.url], key).start(), SseReader([b.url], key).start(), on_c]
        for r in readers:
            assert r.opened.wait(LIVENESS), "a stream did not open"

        go = threading.Event()
        writers = Writers([a.url, b.url], tag="pg", on_ack=lambda n: go.set() if n >= RESTART_AT else None).start()
        assert go.wait(LIVENESS), "the writers never got going"
        writers.check()
        stopped = time.monotonic()
        pg_cluster.stop("fast")
        # Down: every writer is refused with a 503 (checked in Writers) rather than hanging.
        wait_until(lambda: writers.check() or len(writers.unavailable) >= 3 * writers.count,
                   "writers to be told 503 while it is down")
        acked_before = writers.count_acked()
        pg_cluster.start()
        back = time.monotonic()
        wait_until(lambda: writers.acked_at_least(acked_before + AFTER), "the nodes to take writes again")
        after_restart = writers.acked_since(acked_before)
        first_after = min(after_restart.values())
        writers.join()
        assert writers.transport_errors == 0, "a node stopped answering"

        flow = FlowCheck.read(pg_cluster.url)
        acked = {int(str(s["id"])): int(str(s["seq"])) for s in writers.acknowledged}
        found = dict(zip(flow.story_ids, flow.seqs, strict=True))
        missing = sorted(set(acked) - set(found))
        assert not missing, f"acknowledged but not in the flow: {missing}"
        assert all(found[i] == s for i, s in acked.items())
        assert flow.duplicated_stories() == [] and flow.duplicated_headlines() == [], "a retried publish was doubled"
        assert flow.gaps() == [], f"seq gaps: {flow.gaps()}"
        assert {int(str(s["seq"])) for s in writers.acknowledged} == set(flow.seqs)  # nothing unacknowledged left

        wait_until(lambda: all(len(r.seqs) >= len(flow.seqs) for r in readers), "the streams to carry every entry")
        slowest_delivery = lag(readers, after_restart)
        on_c_after = lag([on_c], after_restart)
        slowest_down = max(d for t0, d, _ in writers.answers if t0 >= stopped)
        for r in readers:
            assert r.seqs == flow.seqs, "a subscriber saw a gap, a duplicate or a reordering"

        waits = [_ra for _s, _t, _ra in writers.unavailable]
        assert all(w is not None and float(w) >= 1 for w in waits), "a 503 without Retry-After"
        record(f"PostgreSQL restart mid-burst: acknowledged {len(acked)}, in the flow {len(flow.seqs)}, gaps "
               f"{len(flow.gaps())}, duplicates {len(flow.duplicated_stories())}; {len(writers.unavailable)} answers "
               f"503 + Retry-After while down ({back - stopped:.2f} s), slowest answer from the stop on {slowest_down:.2f} s; "
               f"first 201 {first_after - back:.2f} s after the database was back; after it, 201 to arrival on the "
               f"three nodes' streams at most {slowest_delivery:.2f} s ({on_c_after:.2f} s on the node taking no "
               f"writes); {sum(r.reconnects for r in readers)} stream reconnects")
    finally:
        if writers is not None:
            writers.stop.set()
        for r in readers:
            r.close()
        for n in (a, b, c):
            n.stop()

