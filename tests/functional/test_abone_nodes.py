"""The agency API's minimum interval between one user's calls holds across nodes (PostgreSQL).

Two complete newsflow nodes share one database. A user calls node A, then node B at
once: B refuses (429, the agency envelope), because the interval is kept in PostgreSQL,
not in either node. The interval is set long (60 s) so the second call, sent right
after the first answered, is well inside it whatever the load on the machine.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from newsflow.config import Settings
from newsflow.errors import RateLimited
from newsflow.services.intervals import SharedInterval
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from tests.conftest import ADMIN_TOKEN
from tests.functional.test_multinode import two_nodes

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def _envelope(r: httpx.Response, code: int) -> None:
    assert r.status_code == code, r.text
    assert r.json()["response"]["code"] == code and r.json()["response"]["success"] is (code == 200)


@pytest.mark.postgres
def test_one_user_two_nodes_second_call_is_429(tmp_path: Path, pg_url: str) -> None:
    settings = Settings(data_dir=tmp_path, database_url=pg_url, admin_token=ADMIN_TOKEN, secret_key="s",
                        compat_min_interval_ms=60_000)
    node_a, node_b = two_nodes(settings)
    with node_a, node_b:
        make = httpx.post(f"{node_a.url}/api/v1/admin/subscribers", json={"name": "Two Node Daily"}, headers=AUTH)
        sub = make.json()
        other = httpx.post(f"{node_a.url}/api/v1/admin/subscribers", json={"name": "Other Paper"}, headers=AUTH).json()
        auth = (sub["username"], sub["password"])
        _envelope(httpx.get(f"{node_a.url}/abone/subscription/", auth=auth), 200)
        r = httpx.get(f"{node_b.url}/abone/subscription/", auth=auth)
        _envelope(r, 429)
        assert 1 <= int(r.headers["retry-after"]) <= 60
        # another user is not held by it, on either node
        _envelope(httpx.get(f"{node_b.url}/abone/subscription/", auth=(other["username"], other["password"])), 200)


@pytest.mark.postgres
def test_shared_interval_lets_one_of_many_racing_calls_through(pg_url: str) -> None:
    """Calls racing from many threads (as from many nodes): exactly one is accepted."""
    from concurrent.futures import ThreadPoolExecutor

    db = Database(Settings(database_url=pg_url).sqlalchemy_url)
    try:
        upgrade(db)
        gates = [SharedInterval(db, 60.0) for _ in range(8)]  # one per "node"

        def call(gate: SharedInterval) -> bool:
            try:
                gate.check("user:race")
            except RateLimited:
                return False
            return True

        with ThreadPoolExecutor(8) as pool:
            outcomes = list(pool.map(call, gates))
        assert outcomes.count(True) == 1
        with pytest.raises(RateLimited) as refused:
            gates[0].check("user:race")
        assert 0 < refused.value.retry_after <= 60
        gates[0].check("user:someone-else")  # keys are independent
        SharedInterval(db, 0).check("user:race")  # no interval configured: never refused
    finally:
        db.dispose()
