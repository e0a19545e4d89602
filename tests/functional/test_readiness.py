"""GET /readyz against dependencies that really go away: a NATS server and a PostgreSQL
cluster this test starts and stops itself (never the shared ones), on ports the kernel hands out
(``next_port`` in ``tests/faults/harness.py``), so two test runs on one machine do not collide."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.web.app import create_app
from newsflow.wiring import build_services
from tests.conftest import ADMIN_TOKEN
from tests.faults.harness import NATS_SERVER, NatsServer, PgCluster, pg_cluster_available
from tests.waiting import wait_until


def ready(client: TestClient) -> tuple[int, dict[str, Any]]:
    r = client.get("/readyz")
    return r.status_code, r.json()


def not_ready(client: TestClient) -> dict[str, Any] | None:
    r = client.get("/readyz")
    if r.status_code != 503:
        return None
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["Retry-After"].isdigit()
    return r.json()  # type: ignore[no-any-return]


@pytest.fixture
def nats(tmp_path: Path) -> Iterator[NatsServer]:
    if not Path(NATS_SERVER).exists():
        pytest.skip("nats-server not installed (apt-get install nats-server)")
    server = NatsServer(tmp_path / "nats")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_readyz_is_503_naming_nats_while_it_is_down(sqlite_settings: Settings, nats: NatsServer) -> None:
    services = build_services(replace(sqlite_settings, nats_url=nats.url))
    assert services.bus is not None
    try:
        with TestClient(create_app(services.settings, services=services)) as client:
            wait_until(lambda: ready(client)[0] == 200, "the node to connect to NATS")
            _status, body = ready(client)
            assert body["checks"]["nats"] == {"ok": True}
            assert body["checks"]["database"]["ok"] is True
            assert "search" in body["checks"]

            nats.stop()
            problem = wait_until(lambda: not_ready(client), "/readyz to notice NATS is gone")
            assert problem["status"] == 503
            assert problem["failing"] == ["nats"]
            assert "nats" in problem["detail"]
            assert problem["checks"]["database"]["ok"] is True
            assert client.get("/healthz").status_code == 200  # liveness does not depend on NATS

            nats.start()
            wait_until(lambda: ready(client)[0] == 200, "the node to reconnect to NATS")
    finally:
        services.db.dispose()


@pytest.fixture
def cluster() -> Iterator[PgCluster]:
    why = pg_cluster_available()
    if why:
        pytest.skip(why)
    pg = PgCluster()
    pg.init().start()
    try:
        yield pg
    finally:
        pg.remove()


@pytest.mark.postgres
def test_readyz_is_503_naming_the_database_while_postgresql_is_down(
    sqlite_settings: Settings, cluster: PgCluster
) -> None:
    services = build_services(replace(sqlite_settings, database_url=cluster.url))
    try:
        with TestClient(create_app(services.settings, services=services)) as client:
            client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
            status, body = ready(client)
            assert status == 200, body
            assert body["checks"]["database"] == {"ok": True, "dialect": "postgresql"}
            assert "nats" not in body["checks"]  # not configured: not checked

            cluster.stop()
            problem = wait_until(lambda: not_ready(client), "/readyz to notice PostgreSQL is gone")
            assert problem["failing"] == ["database"]
            assert problem["detail"].startswith("database: ")
            assert client.get("/healthz").status_code == 200
            # The node's own figures are still there; the webhook totals need the database.
            scrape = client.get("/metrics")
            assert scrape.status_code == 200
            assert "newsflow_flow_last_seq" in scrape.text
            assert "newsflow_webhook_backlog" not in scrape.text

            cluster.start()
            wait_until(lambda: ready(client)[0] == 200, "/readyz to recover once PostgreSQL is back")
    finally:
        services.db.dispose()
