"""Shared fixtures: settings, both database backends, an app client, a live server.

PostgreSQL tests run when NEWSFLOW_TEST_POSTGRES_URL is set (``.ci/run`` exports it);
each test gets a fresh database created from that server and dropped afterwards: a copy
of one migrated once per run (``backend``), or an empty one (``pg_url``) for tests whose
nodes migrate it themselves.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from newsflow.config import Settings
from newsflow.services import secrets
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.web.app import create_app
from newsflow.web.http_server import OneWriteHttp
from newsflow.wiring import Services, build_services
from tests.waiting import LIVENESS, LIVENESS_MS, wait_until

# By default Hypothesis fails an example slower than 200 ms and data generation it finds "too
# slow": on a loaded machine a correct test would fail by chance. Tests judge results, not speed.
hypothesis.settings.register_profile(
    "newsflow", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("newsflow")

# Passwords hash with argon2id at its lowest cost in the test process: every login, account
# and password change goes through the same code, without the product's deliberate ~0.3 s of
# CPU per hash and per check on each of them. The nodes tests start as processes
# (``newsflow serve``) keep the product's parameters.
secrets._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
secrets._DUMMY_HASH = secrets._hasher.hash("newsflow-dummy-password")

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


def _admin_engine() -> sa.Engine:
    assert PG_URL is not None
    return sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")


def _pg_database(template: str | None = None) -> Iterator[str]:
    """A new database on the test server, dropped afterwards; a copy of ``template`` if given."""
    assert PG_URL is not None
    name = f"nf_test_{uuid.uuid4().hex[:10]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    base, _, _ = PG_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def pg_migrated_template() -> Iterator[str]:
    """A PostgreSQL database migrated to head once per run, which the ``backend`` databases copy.

    Copying it (CREATE DATABASE ... TEMPLATE) gives each test the same schema the migrations
    build, for a fraction of the time running them takes. It accepts no connections once
    migrated (a template must have none while it is copied).
    """
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    name = f"nf_test_tpl_{uuid.uuid4().hex[:10]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        base, _, _ = PG_URL.rpartition("/")
        db = Database(f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1))
        try:
            upgrade(db)
        finally:
            db.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
        yield name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE false')
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database file migrated to head once per run, which ``services`` copies."""
    path = tmp_path_factory.mktemp("migrated") / "newsflow.db"
    db = Database(f"sqlite:///{path}")
    try:
        upgrade(db)
    finally:
        db.dispose()
    with sqlite3.connect(path) as conn:  # everything in the main file, nothing left in a -wal
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "sqlite":
        yield ""
        return
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    yield from _pg_database(request.getfixturevalue("pg_migrated_template"))


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
def services(settings: Settings, request: pytest.FixtureRequest) -> Iterator[Services]:
    if not settings.database_url:  # start from a copy of the migrated file (build_services checks it is at head)
        target = settings.data_dir / "newsflow.db"
        if not target.exists():
            shutil.copyfile(request.getfixturevalue("sqlite_migrated_template"), target)
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
    """The app served by uvicorn in a thread, with the HTTP protocol ``newsflow serve`` runs."""

    def __init__(self, settings: Settings, services: Services, *, http: type[asyncio.Protocol] = OneWriteHttp) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings = replace(settings, base_url=self.url, port=self.port)
        services.settings = self.settings
        self.services = services
        app = create_app(self.settings, services=services)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", ws="websockets",
                                http=http)
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


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium (and Playwright's driver) for a module's browser tests: starting
    them costs seconds, once per module instead of once per test; each test opens its own
    contexts (cookies, storage, tabs). Not once per run: while Playwright's sync API is open it
    leaves its event loop marked as running in this thread, so every later ``asyncio.run`` (the
    hub's, the flow signal's unit tests) would refuse to start. Closing it at the module's end
    also ends any page a test left open (a live stream reconnecting to its stopped server)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
