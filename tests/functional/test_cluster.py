"""The deployment files, run: `make cluster`'s tooling (deploy/cluster.py) starts a
three-server NATS cluster, three nodes on PostgreSQL and nginx in front with the
production proxy settings (deploy/nginx/newsflow-proxy.conf); a publish sent through
nginx reaches SSE and WebSocket subscribers that nginx spread over every node.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from deploy.cluster import Cluster, missing_tools
from tests.conftest import PG_URL, _pg_database, story_fields
from tests.functional.test_stream_sse import SSEClient
from tests.waiting import LIVENESS, wait_until


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    if missing := missing_tools():
        pytest.skip(f"the cluster needs {', '.join(missing)} (make test installs nginx-light when root)")
    if not PG_URL:
        pytest.skip("the cluster needs PostgreSQL: NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    for database_url in _pg_database():
        with Cluster(tmp_path / "cluster", database_url, port=0, first_port=0) as running:
            yield running


def node_of(headers: dict[str, str] | httpx.Headers) -> str:
    """``node-2`` from ``X-Newsflow-Node: node-2/<pid>``."""
    return str(headers["x-newsflow-node"]).partition("/")[0]


@pytest.mark.postgres
def test_a_publish_through_nginx_reaches_subscribers_on_every_node(cluster: Cluster) -> None:
    admin = httpx.Client(base_url=cluster.url, headers={"Authorization": f"Bearer {cluster.admin_token}"},
                         timeout=LIVENESS)
    r = admin.post("/api/v1/admin/subscribers", json={"name": "Daily Star"})
    assert r.status_code == 201, r.text
    key = {"Authorization": f"Bearer {r.json()['api_key']}"}

    # nginx spreads held streams by least connections: three SSE streams land on three nodes
    streams = [SSEClient(cluster.url, headers=key) for _ in range(3)]
    try:
        assert [s.status for s in streams] == [200, 200, 200]
        assert {node_of(s.response_headers) for s in streams} == {"node-1", "node-2", "node-3"}
        assert all(s.response_headers.get("x-accel-buffering") is None for s in streams)  # consumed by nginx
        ws_url = cluster.url.replace("http://", "ws://") + "/api/v1/ws"
        with connect(ws_url, additional_headers=key, open_timeout=LIVENESS) as ws:
            assert ws.response is not None and node_of(ws.response.headers) in {"node-1", "node-2", "node-3"}
            ws.send(json.dumps({"type": "subscribe", "format": "ninjs"}))
            assert json.loads(ws.recv(timeout=LIVENESS))["type"] == "subscribed"

            r = admin.post("/api/v1/stories?publish=true", json=story_fields(headline="Ferry service resumes"))
            assert r.status_code == 201, r.text
            seq = r.json()["seq"]

            for stream in streams:  # each node heard of the commit, whichever node made it
                events = stream.take(1)
                assert [(e.id, e.headline) for e in events] == [(seq, "Ferry service resumes")], node_of(stream.response_headers)
            message = json.loads(ws.recv(timeout=LIVENESS))
            while message["type"] == "heartbeat":  # a keep-alive, sent while nothing else is
                message = json.loads(ws.recv(timeout=LIVENESS))
            assert (message["type"], message["seq"], message["data"]["headlines"][0]["value"]) == (
                "event", seq, "Ferry service resumes")
    finally:
        for stream in streams:
            stream.close()
    # each node searches its own replica of the index once it has caught up with the flow
    # log, and finds the story whichever node published it (docs/search.md)
    for url in cluster.node_urls:
        node = httpx.Client(base_url=url, headers=admin.headers, timeout=LIVENESS)

        def searched_index(node: httpx.Client = node) -> str | None:
            search = node.get("/readyz").json()["checks"]["search"]
            return "replica" if search.get("search_index") == "replica" else None

        assert wait_until(searched_index, f"{url} to search its replica") == "replica"
        found = node.get("/api/v1/search", params={"q": "ferry"}).json()
        assert [hit["headline"] for hit in found["results"]] == ["Ferry service resumes"], (url, found)
    # behind the proxy the nodes take the client's address from X-Forwarded-For (trusted
    # from the proxy's address only: FORWARDED_ALLOW_IPS): a key restricted to
    # 203.0.113.0/24 is refused from 127.0.0.1 and accepted for a client in that range
    r = admin.post("/api/v1/admin/subscribers", json={"name": "Gazette", "ip_ranges": ["203.0.113.0/24"]})
    assert r.status_code == 201, r.text
    ranged = {"Authorization": f"Bearer {r.json()['api_key']}"}
    assert httpx.get(f"{cluster.url}/api/v1/flow", headers=ranged, timeout=LIVENESS).status_code == 403
    forwarded = {**ranged, "X-Forwarded-For": "203.0.113.7"}
    assert httpx.get(f"{cluster.url}/api/v1/flow", headers=forwarded, timeout=LIVENESS).status_code == 200
    # the metrics are scraped from each node, never served through the proxy
    assert admin.get("/metrics").status_code == 404
    assert httpx.get(f"{cluster.node_urls[0]}/metrics", headers=admin.headers, timeout=LIVENESS).status_code == 200

