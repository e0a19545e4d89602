"""Shared fixtures: settings, both database backends, an app client, a live server.

PostgreSQL tests run when NEWSFLOW_TEST_POSTGRES_URL is set (``.ci/run`` exports it);
each test gets a fresh database created from that server and dropped afterwards.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import hypothesis
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from newsflow.config import Settings
from newsflow.web.app import create_app
from newsflow.wiring import Services, build_services
from tests.waiting import LIVENESS, LIVENESS_MS, wait_until

# By default Hypothesis fails an example slower than 200 ms and data generation it finds "too
# slow": on a loaded machine a correct test would fail by chance. Tests judge results, not speed.
hypothesis.settings.register_profile(
    "newsflow", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("newsflow")

# Playwright's ``expect`` assertions give up after 5 s by default (a context's default
# timeout does not apply to them): a page that a loaded machine renders late would fail.
expect.set_options(timeout=LIVENESS_MS)

ADMIN_TOKEN = "test-admin-token-0123456789"
PG_URL = os.environ.get("NEWSFLOW_TEST_POSTGRES_URL")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once why the standards tests skipped (a clone without ``../shared`` beside it)."""
    from standards import ABSENT

    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if isinstance(r.longrepr, tuple) and ABSENT in str(r.longrepr[2])]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} tests skipped: {ABSENT}; .ci/run has them and runs these tests."
        )


def _pg_database() -> Iterator[str]:
    assert PG_URL is not None
    name = f"nf_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    base, _, _ = PG_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "sqlite":
        yield ""
        return
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    yield from _pg_database()


@pytest.fixture
def settings(tmp_path: Path, backend: str) -> Settings:
    return Settings(
        data_dir=tmp_path,
        database_url=backend,
        base_url="http://testserver",
        admin_token=ADMIN_TOKEN,
        secret_key="test-secret-key",
        compat_min_interval_ms=0,
    )


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path, base_url="http://testserver", admin_token=ADMIN_TOKEN,
        secret_key="test-secret-key", compat_min_interval_ms=0,
    )


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    s = build_services(settings)
    yield s
    s.db.dispose()


@pytest.fixture
def client(settings: Settings, services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(settings, services=services)) as c:
        c.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(self, settings: Settings, services: Services) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings = replace(settings, base_url=self.url, port=self.port)
        services.settings = self.settings
        self.services = services
        app = create_app(self.settings, services=services)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", ws="websockets")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        wait_until(lambda: self.server.started or not self.thread.is_alive(), "the server to start")
        if not self.server.started:
            raise RuntimeError("server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(LIVENESS)


@pytest.fixture
def live(settings: Settings, services: Services) -> Iterator[LiveServer]:
    with LiveServer(settings, services) as server:
        yield server


def story_fields(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "language": "en",
        "headline": "Central bank holds rates steady",
        "body": "<p>LONDON (Newsflow) - The central bank held rates on Thursday.</p><p>Markets were calm.</p>",
        "priority": "routine",
        "category": "economy",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for a test (shared by the nodes it starts)."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    yield from _pg_database()
