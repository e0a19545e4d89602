"""GET /metrics: who may read it, and that its figures follow what the node does.

Each test reads the exposition before and after something happens (a publish, an update,
a search, a stream cut off for falling behind) through a real server and compares.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from newsflow.config import Settings
from newsflow.web.app import create_app
from newsflow.wiring import Services
from tests.conftest import ADMIN_TOKEN, LiveServer
from tests.functional.test_stream_sse import WAIT, SSEClient, api, bearer, new_subscriber, publish
from tests.waiting import wait_until

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def parse(text: str) -> Samples:
    out: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def scrape(http: httpx.Client) -> Samples:
    r = http.get("/metrics")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain; version=0.0.4")
    return parse(r.text)


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_need_an_admin_or_an_allowed_address(client: TestClient, services: Services) -> None:
    from newsflow.services.accounts import Role

    _, editor_token = services.accounts.create_user("ed", Role.EDITOR, with_token=True)
    sub = client.post("/api/v1/admin/subscribers", json={"name": "Reader"}).json()
    anonymous = client.get("/metrics", headers={"Authorization": ""})
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
    assert "NEWSFLOW_METRICS_ALLOW" in anonymous.json()["detail"]
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong-token-000000"}).status_code == 401
    denied = client.get("/metrics", headers=bearer(sub["api_key"]))
    assert denied.status_code == 403
    assert denied.json()["title"] == "Forbidden"
    assert client.get("/metrics", headers=bearer(str(editor_token))).status_code == 403  # editors: not the node
    admin = client.get("/metrics")
    assert admin.status_code == 200
    assert "newsflow_publishes_total" in admin.text


@pytest.mark.parametrize(("allow", "status"), [(("127.0.0.1",), 200), (("10.0.0.0/8", "::1"), 401)])
def test_the_allow_list_admits_scrapers_by_address(sqlite_settings: Settings, allow: tuple[str, ...], status: int) -> None:
    from newsflow.wiring import build_services

    settings = replace(sqlite_settings, metrics_allow=allow)
    services = build_services(settings)
    try:
        with LiveServer(settings, services) as live:
            r = httpx.get(f"{live.url}/metrics", timeout=WAIT)  # no token at all, from 127.0.0.1
            assert r.status_code == status, r.text
    finally:
        services.db.dispose()


def test_a_publish_an_update_and_a_search_move_their_figures(live: LiveServer) -> None:
    http = api(live)
    sub = new_subscriber(http)
    stream = SSEClient(live.url, headers=bearer(sub["api_key"]))
    try:
        wait_until(lambda: live.services.hub.connections, "the stream to open")
        before = scrape(http)
        assert value(before, "newsflow_stream_connections", kind="sse") == 1
        story = publish(http, headline="Metrics first")
        [event] = stream.take(1)
        assert event.headline == "Metrics first"
        after = scrape(http)
        assert value(after, "newsflow_publishes_total", action="publish") == (
            value(before, "newsflow_publishes_total", action="publish") + 1
        )
        assert value(after, "newsflow_flow_last_seq") == value(before, "newsflow_flow_last_seq") + 1 == story["seq"]
        # The one stream received it: one commit → send observation.
        sent = "newsflow_commit_to_send_seconds_count"
        assert value(after, sent) == value(before, sent) + 1
        assert value(after, "newsflow_commit_to_send_seconds_sum") >= value(before, "newsflow_commit_to_send_seconds_sum")
        route = "newsflow_http_request_seconds_count"
        assert value(after, route, route="/api/v1/stories") == value(before, route, route="/api/v1/stories") + 1

        http.post(f"/api/v1/stories/{story['id']}/update", json={"body": "<p>More.</p>"}).raise_for_status()
        stream.take(1)
        http.get("/api/v1/search", params={"q": "metrics"}).raise_for_status()
        http.get("/api/v1/stories/999999")  # a 404 is timed under its template, not its path
        later = scrape(http)
        assert value(later, "newsflow_publishes_total", action="update") == (
            value(after, "newsflow_publishes_total", action="update") + 1
        )
        assert value(later, sent) == value(after, sent) + 1
        assert value(later, "newsflow_search_seconds_count") == value(after, "newsflow_search_seconds_count") + 1
        assert value(later, route, route="/api/v1/stories/{story_id}") >= 1
        assert not any(dict(labels).get("route", "").endswith("999999") for _name, labels in later)
        assert ("newsflow_db_pool_in_use", ()) in later
        assert value(later, "newsflow_webhook_backlog") == 0
        assert value(later, "newsflow_webhook_dead_letters") == 0
    finally:
        stream.close()
    wait_until(lambda: value(scrape(http), "newsflow_stream_connections", kind="sse") == 0, "the stream to be counted closed")


BUFFER = 2


@pytest.fixture
def small_buffer_live(sqlite_settings: Settings) -> Iterator[LiveServer]:
    from newsflow.wiring import build_services

    settings = replace(sqlite_settings, stream_buffer=BUFFER)
    services = build_services(settings)
    with LiveServer(settings, services) as server:
        yield server
    services.db.dispose()


def test_a_slow_consumer_cut_off_is_counted(small_buffer_live: LiveServer) -> None:
    live = small_buffer_live
    http = api(live)
    sub = new_subscriber(http)
    hub = live.services.hub
    before = scrape(http)
    host, port = live.url.removeprefix("http://").split(":")
    slow = socket.socket()  # connects with a small receive window and never reads
    slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    slow.connect((host, int(port)))
    slow.sendall(f"GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {sub['api_key']}\r\n\r\n".encode())
    try:
        wait_until(lambda: hub.connections, "the slow stream to open")
        body = "<p>" + ("Lorem ipsum dolor sit amet. " * 8000) + "</p>"  # ~220 KB per event
        count = 0

        def cut() -> bool:
            return any(c.closing is not None and c.closing.code == "slow_consumer" for c in list(hub.connections))

        while not cut() and count < 200:  # kernel buffers absorb a few MB first
            publish(http, headline=f"Big {count}", body=body)
            count += 1
        assert cut(), "the non-reading client was never cut off"
        after = scrape(http)
        name = "newsflow_stream_cutoffs_total"
        assert value(after, name, kind="sse", reason="slow_consumer") == (
            value(before, name, kind="sse", reason="slow_consumer") + 1
        )
        assert value(after, name, kind="sse", reason="revoked") == value(before, name, kind="sse", reason="revoked")
        assert value(after, "newsflow_publishes_total", action="publish") == count
    finally:
        slow.close()
    wait_until(lambda: value(scrape(http), "newsflow_stream_connections", kind="sse") == 0, "the cut stream to be gone")


def test_each_app_has_its_own_registry(settings: Settings, services: Services) -> None:
    """Two apps in one process (two nodes in a test) never add up each other's counts."""
    from newsflow.wiring import build_services

    other = build_services(replace(settings, data_dir=settings.data_dir / "other"))
    try:
        with TestClient(create_app(settings, services=services)) as one, \
                TestClient(create_app(other.settings, services=other)) as two:
            for c in (one, two):
                c.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
            one.post("/api/v1/stories?publish=true", json={
                "language": "en", "headline": "Only here", "body": "<p>Text.</p>", "priority": "routine",
                "category": "economy",
            }).raise_for_status()
            first, second = parse(one.get("/metrics").text), parse(two.get("/metrics").text)
            publishes = value(first, "newsflow_publishes_total", action="publish")
            assert publishes >= 1
            shared = settings.database_url != ""  # PostgreSQL: both nodes share one database
            assert value(second, "newsflow_publishes_total", action="publish") == 0
            assert value(second, "newsflow_flow_last_seq") <= (publishes if shared else 0)
    finally:
        other.db.dispose()
