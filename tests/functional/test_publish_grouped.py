"""Concurrent HTTP publishes on SQLite share one commit, each with its own answer.

The requests are made to form one batch on purpose: the test holds the node's write lock
until every one of them has queued for it. Each answer must name its own story and
version, the flow entries must be consecutive and in the batch's order, the subscriber's
log must hold each published story once, and a request refused inside the batch (it
names a story to translate that does not exist) gets its own problem while the others
are published.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsflow.store import flow_log
from newsflow.wiring import Services
from tests.conftest import story_fields
from tests.waiting import LIVENESS

N = 6
BAD = 2  # this request names a missing original


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_concurrent_publishes_share_a_commit_and_keep_their_own_answers(
    client: TestClient, services: Services
) -> None:
    group = services.db._sqlite_group
    lock = services.db._write_lock
    assert group is not None and lock is not None
    answers: list[Any] = [None] * N

    def publish(i: int) -> None:
        fields = story_fields(headline=f"Grouped story {i}", body=f"<p>Story number {i}.</p>")
        if i == BAD:
            fields["translation_of"] = 999_999
        answers[i] = client.post("/api/v1/stories?publish=true", json=fields)

    threads = [threading.Thread(target=publish, args=(i,)) for i in range(N)]
    before = group.batches
    with lock:
        for t in threads:
            t.start()
        with group.queued:
            assert group.queued.wait_for(lambda: group.waiting == N, LIVENESS)
    for t in threads:
        t.join(LIVENESS)

    assert group.batches == before + 1
    refused = answers[BAD]
    assert refused.status_code == 404, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["field"] == "id"
    published = [a for i, a in enumerate(answers) if i != BAD]
    assert all(a.status_code == 201 for a in published), [a.text for a in published]
    bodies = [a.json() for a in published]
    seqs = sorted(b["seq"] for b in bodies)
    assert seqs == list(range(seqs[0], seqs[0] + N - 1))  # consecutive: nothing in between
    assert len({b["id"] for b in bodies}) == N - 1
    for i, body in ((i, a.json()) for i, a in enumerate(answers) if i != BAD):
        assert body["version"] == 1 and body["status"] == "published"
        stored = client.get(f"/api/v1/stories/{body['id']}").json()
        assert stored["draft"]["headline"] == f"Grouped story {i}"  # its own story, not a neighbour's
    with services.db.read() as conn:
        entries = flow_log.read_after(conn, seqs[0] - 1, 100)
    assert [(e.seq, e.story_id) for e in entries] == sorted((b["seq"], b["id"]) for b in bodies)
