"""``kill -9`` of a SQLite node in the middle of a burst of concurrent publishes.

Eight writers publish without Idempotency-Keys, so publishes that arrive together share
one transaction and one commit (``store/sqlite_group.py``); the node is killed the moment
its 40th publish is acknowledged. Every acknowledged publish must be in the database's
flow with the seq its answer gave, the seqs contiguous and no story twice: an answer is
sent only after its batch committed.
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.faults.conftest import record
from tests.faults.harness import FlowCheck, Node, Writers
from tests.waiting import wait_until

KILL_AT = 40  # acknowledged publishes before the kill


def test_kill_9_mid_burst_loses_no_acknowledged_publish_on_sqlite(tmp_path: Path) -> None:
    node = Node("a", tmp_path / "a", {}).start().wait_ready()
    try:
        node.warm()
        killed_at: list[float] = []

        def kill_at(n: int) -> None:
            if n == KILL_AT and not killed_at:
                node.kill()  # in the writer's thread, right after the 201
                killed_at.append(time.monotonic())

        writers = Writers([node.url], count=8, tag="sqlite-kill", keys=False, on_ack=kill_at).start()
        wait_until(lambda: killed_at, "the node to be killed mid-burst")
        writers.join()

        flow = FlowCheck.read(f"sqlite:///{tmp_path / 'a' / 'newsflow.db'}")
        acked = flow.assert_holds(writers.acknowledged)
        assert len(acked) >= KILL_AT
        record(f"kill -9 of a SQLite node under 8 writers without keys: acknowledged {len(acked)}, in the flow "
               f"{len(flow.seqs)} ({len(flow.seqs) - len(acked)} committed as the node died, unacknowledged), "
               f"gaps {len(flow.gaps())}, duplicates {len(flow.duplicated_stories())}")
    finally:
        node.stop()
