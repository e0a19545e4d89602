"""The search index is read into the page cache once after start-up, in the background:
the first queries after a restart then do not wait for the disk (docs/performance.md)."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.search import sqlite_fts
from newsflow.web.app import create_app
from newsflow.wiring import Services
from tests.conftest import ADMIN_TOKEN, story_fields
from tests.waiting import wait_until


def column_bytes(services: Services) -> int:
    with services.db.read() as conn:
        return sum(
            int(conn.execute(sa.text(f"SELECT total(length({column})) FROM {table}")).scalar_one())
            for table, column in sqlite_fts.PREWARM
        )


def test_prewarm_reads_every_listed_table(client: TestClient, services: Services) -> None:
    if services.db.dialect == "postgresql":
        assert services.search.prewarm() == 0  # the server's buffers are its own business
        return
    empty = services.search.prewarm()
    last_seq = 0
    for n in range(5):
        r = client.post("/api/v1/stories?publish=true", json=story_fields(body=f"<p>Harbour cranes, day {n}.</p>"))
        assert r.status_code == 201
        last_seq = max(last_seq, services.signal.latest)
    # The index follows the flow log after the commit: measure once it has applied the five.
    assert services.index_follower.wait_for(last_seq, timeout=60.0)
    read = services.search.prewarm()
    assert read > empty
    assert read == column_bytes(services)
    names = {table for table, _ in sqlite_fts.PREWARM}
    assert {"search_fts_data", "search_fts_docsize", "search_facts"} <= names  # what a window and facets read


def test_the_app_prewarms_in_the_background(sqlite_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsflow.wiring import build_services

    services = build_services(sqlite_settings)
    calls: list[int] = []
    real = services.search.prewarm
    monkeypatch.setattr(services.search, "prewarm", lambda: calls.append(real()) or calls[-1])
    try:
        with TestClient(create_app(sqlite_settings, services=services)) as c:
            wait_until(lambda: calls, "the background prewarm")
            c.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
            assert c.get("/api/v1/search", params={"q": "harbour"}).status_code == 200
        assert len(calls) == 1
    finally:
        services.db.dispose()


def test_a_failed_prewarm_is_logged_and_the_app_serves(
    sqlite_settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from newsflow.wiring import build_services

    services = build_services(sqlite_settings)

    def broken() -> int:
        raise sa.exc.OperationalError("SELECT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(services.search, "prewarm", broken)
    try:
        with (
            caplog.at_level(logging.WARNING, logger="newsflow"),
            TestClient(create_app(sqlite_settings, services=services)) as c,
        ):
            wait_until(lambda: any("prewarm failed" in r.message for r in caplog.records), "the prewarm failure to be logged")
            c.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
            r = c.post("/api/v1/stories?publish=true", json=story_fields())
            assert r.status_code == 201
            assert c.get("/api/v1/search", params={"q": "bank"}).json()["total"] == 1
    finally:
        services.db.dispose()
