"""Webhooks end to end: a real receiver on loopback, the real app, SQLite and PostgreSQL.

Waits are bounded polls for an outcome (``wait_until``); no test passes or fails on how
fast something happened.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.flow.webhook_retry import RetrySchedule
from newsflow.store.tables import story_versions
from newsflow.web.app import create_app
from newsflow.wiring import Services, build_services
from tests.conftest import ADMIN_TOKEN, story_fields
from tests.waiting import LIVENESS, wait_until

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"


def documented_verifier() -> Callable[..., bool]:
    """The verification snippet from docs/webhooks.md, run as a receiver would run it."""
    text = DOCS.read_text()
    match = re.search(r"<!-- verification-snippet.*?-->\s*```python\n(.*?)```", text, re.S)
    assert match, "docs/webhooks.md lost its verification snippet"
    namespace: dict[str, Any] = {}
    exec(compile(match.group(1), str(DOCS), "exec"), namespace)
    return namespace["verify_newsflow_signature"]  # type: ignore[no-any-return]


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    status: int


@dataclass
class Receiver:
    """A tiny HTTP endpoint: answers ``fail_status`` for the first ``fail`` requests."""

    fail: int = 0
    fail_status: int = 500
    always_status: int | None = None
    gate: threading.Event | None = None  # when set, requests block until it is set
    requests: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def ok(self) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if 200 <= r.status < 300]

    def all(self) -> list[Received]:
        with self.lock:
            return list(self.requests)


@pytest.fixture
def receivers() -> Iterator[Callable[..., Receiver]]:
    servers: list[tuple[ThreadingHTTPServer, Receiver]] = []

    def make(**kwargs: Any) -> Receiver:
        receiver = Receiver(**kwargs)

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if receiver.gate is not None:
                    receiver.gate.wait(LIVENESS)
                with receiver.lock:
                    if receiver.always_status is not None:
                        status = receiver.always_status
                    elif receiver.fail > 0:
                        receiver.fail -= 1
                        status = receiver.fail_status
                    else:
                        status = 204
                    receiver.requests.append(Received(dict(self.headers.items()), body, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        servers.append((server, receiver))
        return receiver

    yield make
    for server, receiver in servers:
        if receiver.gate is not None:
            receiver.gate.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def wh_services(settings: Settings) -> Iterator[Services]:
    s = replace(settings, webhooks_allow_private=True)  # the receivers live on loopback
    services = build_services(s)
    services.webhook_dispatcher.schedule = RetrySchedule(base=0.01, cap=0.05, give_up_after=3600)
    yield services
    services.db.dispose()


@pytest.fixture
def app(wh_services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(wh_services.settings, services=wh_services)) as c:
        c.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield c


def subscriber(app: TestClient, **fields: Any) -> dict[str, str]:
    r = app.post("/api/v1/admin/subscribers", json={"name": "Sub", **fields})
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['api_key']}", "id": str(r.json()["id"])}


def auth(sub: dict[str, str]) -> dict[str, str]:
    return {"Authorization": sub["Authorization"]}


def register(app: TestClient, sub: dict[str, str], **fields: Any) -> dict[str, Any]:
    r = app.post("/api/v1/webhooks", json=fields, headers=auth(sub))
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def publish(app: TestClient, **fields: Any) -> dict[str, Any]:
    r = app.post("/api/v1/stories?publish=true", json=story_fields(**fields))
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def seqs(requests: list[Received]) -> list[int]:
    return [int(r.headers["X-Newsflow-Seq"]) for r in requests]


def test_receiver_that_fails_then_recovers_gets_every_entry_once_in_order(app: TestClient, receivers: Callable[..., Receiver]) -> None:
    verify = documented_verifier()
    receiver = receivers(fail=3)
    sub = subscriber(app)
    hook = register(app, sub, url=receiver.url, format="ninjs")
    assert hook["secret"].startswith("whsec_")
    stories = [publish(app, headline=f"Story number {i}") for i in range(5)]
    flow = app.get("/api/v1/flow", params={"after": 0}).json()["entries"]
    expected = [e["seq"] for e in flow]
    assert len(expected) == 5

    wait_until(lambda: len(receiver.ok()) >= 5, "five successful deliveries")
    ok = receiver.ok()
    assert seqs(ok) == expected  # every entry, once, in order
    everything = receiver.all()
    assert len(everything) == 8 and [r.status for r in everything[:3]] == [500, 500, 500]
    assert seqs(everything) == sorted(seqs(everything))  # N+1 never before N succeeded
    assert seqs(everything)[:4] == [expected[0]] * 4
    for r in everything:
        assert verify(hook["secret"], r.headers, r.body), r.headers
        assert not verify(hook["secret"], r.headers, r.body + b" "), "a changed body must not verify"
        assert not verify("whsec_not-the-secret-at-all", r.headers, r.body)
    assert len({r.headers["X-Newsflow-Delivery"] for r in everything}) == 8
    assert {r.headers["X-Newsflow-Event"] for r in ok} == {"publish"}
    assert all(r.headers["Content-Type"] == "application/json" for r in ok)
    # the receiver has the last request before the dispatcher records its attempt; the
    # cursor moves in that same transaction, so once it is at the end every attempt is there
    wait_until(
        lambda: app.get(f"/api/v1/webhooks/{hook['id']}", headers=auth(sub)).json()["cursor"] == expected[-1],
        "the cursor to reach the last entry",
    )
    # the same bytes a subscriber downloads
    doc = app.get(f"/api/v1/documents/{stories[2]['id']}", params={"format": "ninjs"}, headers=auth(sub))
    assert doc.status_code == 200 and ok[2].body == doc.content

    attempts = app.get(f"/api/v1/webhooks/{hook['id']}/attempts", headers=auth(sub)).json()["attempts"]
    assert len(attempts) == 8
    assert sorted(a["status_code"] for a in attempts) == [204] * 5 + [500] * 3
    assert [a["attempt"] for a in reversed(attempts)][:4] == [1, 2, 3, 4]
    shown = app.get(f"/api/v1/webhooks/{hook['id']}", headers=auth(sub)).json()
    assert "secret" not in shown
    health = {h["id"]: h for h in app.get("/api/v1/admin/webhooks").json()["webhooks"]}[hook["id"]]
    assert health["last_status"] == 204 and health["failures"] == 0 and health["dead_letters"] == 0
    assert health["lag"] == 0


def test_slow_and_dead_endpoints_never_delay_a_healthy_one(app: TestClient, wh_services: Services, receivers: Callable[..., Receiver]) -> None:
    wh_services.webhook_dispatcher.timeout = 300.0  # a serial sender would hang behind `slow`
    gate = threading.Event()
    slow = receivers(gate=gate)
    healthy = receivers()
    sub = subscriber(app)
    register(app, sub, url=slow.url)
    register(app, sub, url="http://127.0.0.1:9/nothing-listens-here")
    register(app, sub, url=healthy.url)
    for i in range(4):
        publish(app, headline=f"Story {i}")
    wait_until(lambda: len(healthy.ok()) == 4, "the healthy endpoint to get all four entries")
    assert slow.all() == []  # still stuck on its first request
    gate.set()
    wait_until(lambda: len(slow.ok()) == 4, "the slow endpoint to catch up once released")
    assert seqs(slow.ok()) == seqs(healthy.ok())


def test_dead_letters_after_the_deadline_then_replay(app: TestClient, wh_services: Services, receivers: Callable[..., Receiver]) -> None:
    wh_services.webhook_dispatcher.schedule = RetrySchedule(base=0.01, cap=0.02, give_up_after=0.3)
    receiver = receivers(always_status=503)
    sub = subscriber(app)
    hook = register(app, sub, url=receiver.url)
    publish(app, headline="First")
    publish(app, headline="Second")
    path = f"/api/v1/webhooks/{hook['id']}/dead-letters"
    letters = wait_until(
        lambda: (d := app.get(path, headers=auth(sub)).json()["dead_letters"]) and len(d) == 2 and d,
        "both entries to be dead-lettered",
    )
    assert [d["replayed_at"] for d in letters] == [None, None]
    assert all(d["attempts"] >= 1 and d["last_error"] == "HTTP 503" for d in letters)
    assert app.get(f"/api/v1/admin/webhooks/{hook['id']}/dead-letters").json()["dead_letters"] == letters
    health = {h["id"]: h for h in app.get("/api/v1/admin/webhooks").json()["webhooks"]}[hook["id"]]
    assert health["dead_letters"] == 2 and health["last_status"] == 503 and health["failures"] >= 2

    failed = app.post(f"{path}/{letters[0]['id']}/replay", headers=auth(sub))
    assert failed.status_code == 200 and failed.json()["delivered"] is False

    receiver.always_status = None
    before = len(receiver.all())
    r = app.post(f"{path}/{letters[0]['id']}/replay", headers=auth(sub))
    assert r.status_code == 200, r.text
    assert r.json()["delivered"] is True and r.json()["seq"] == letters[0]["seq"]
    replayed = receiver.all()[before:]
    assert len(replayed) == 1 and replayed[0].headers["X-Newsflow-Replay"] == "1"
    assert int(replayed[0].headers["X-Newsflow-Seq"]) == letters[0]["seq"]
    assert documented_verifier()(hook["secret"], replayed[0].headers, replayed[0].body)
    assert app.post(f"{path}/{letters[0]['id']}/replay", headers=auth(sub)).status_code == 409

    r = app.post(f"/api/v1/admin/webhooks/{hook['id']}/dead-letters/{letters[1]['id']}/replay")
    assert r.status_code == 200 and r.json()["delivered"] is True
    after = app.get(path, headers=auth(sub)).json()["dead_letters"]
    assert all(d["replayed_at"] for d in after)
    statuses = [a["status_code"] for a in app.get(f"/api/v1/webhooks/{hook['id']}/attempts", headers=auth(sub)).json()["attempts"]]
    assert statuses[:3] == [204, 204, 503]  # newest first: both replays and the failed one, logged


def test_gone_deactivates_the_endpoint(app: TestClient, receivers: Callable[..., Receiver]) -> None:
    receiver = receivers(always_status=410)
    sub = subscriber(app)
    hook = register(app, sub, url=receiver.url)
    publish(app)
    wait_until(
        lambda: app.get(f"/api/v1/webhooks/{hook['id']}", headers=auth(sub)).json()["active"] is False,
        "the endpoint to be deactivated",
    )
    publish(app, headline="After gone")
    assert len(receiver.all()) == 1


def test_entitlement_and_filters_decide_what_reaches_a_webhook(app: TestClient, receivers: Callable[..., Receiver]) -> None:
    everything = receivers()
    flash_only = receivers()
    sub = subscriber(app, categories=["economy"])
    register(app, sub, url=everything.url)
    register(app, sub, url=flash_only.url, filters={"priorities": ["flash"]})
    publish(app, headline="Match report", category="sports")
    publish(app, headline="Markets flash", category="economy", priority="flash")
    publish(app, headline="Markets routine", category="economy")
    wait_until(lambda: len(everything.ok()) == 2, "the two economy entries")
    wait_until(lambda: len(flash_only.ok()) == 1, "the flash entry")
    # delivery is in order, so the earlier sport entry can no longer arrive
    assert all(b"Match report" not in r.body for r in everything.all() + flash_only.all())
    assert [b"Markets flash" in r.body for r in everything.ok()] == [True, False]
    assert b"Markets flash" in flash_only.ok()[0].body

    # revoking the subscription pauses its endpoints; restoring it resumes them
    r = app.patch(f"/api/v1/admin/subscribers/{sub['id']}", json={"active": False})
    assert r.status_code == 200
    publish(app, headline="While suspended", category="economy")
    wait_until(
        lambda: all(h["state"] == "paused" for h in app.get("/api/v1/admin/webhooks").json()["webhooks"]),
        "both endpoints to pause",
    )
    assert len(everything.all()) == 2
    assert app.patch(f"/api/v1/admin/subscribers/{sub['id']}", json={"active": True}).status_code == 200
    wait_until(lambda: len(everything.ok()) == 3, "the held entry after reactivation")
    assert b"While suspended" in everything.ok()[2].body


def test_bad_registration_input_is_a_problem_and_stores_nothing(app: TestClient, receivers: Callable[..., Receiver]) -> None:
    sub = subscriber(app)
    url = receivers().url
    cases: list[tuple[Any, str]] = [
        ({}, "url"),
        ({"url": "ftp://example.com/x"}, "url"),
        ({"url": "https://user:pw@example.com/x"}, "url"),
        ({"url": "https://"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"url": 5}, "url"),
        ({"url": url, "format": "pdf"}, "format"),
        ({"url": url, "filters": {"colour": ["red"]}}, "filters.colour"),
        ({"url": url, "filters": {"categories": ["gossip"]}}, "filters.categories"),
        ({"url": url, "filters": {"priorities": "flash"}}, "filters.priorities"),
        ({"url": url, "filters": {"languages": ["not a tag"]}}, "filters.languages"),
        ({"url": url, "filters": ["economy"]}, "filters"),
        ({"url": url, "secret": "short"}, "secret"),
        ({"url": url, "secret": "has spaces in the secret"}, "secret"),
        ({"url": url, "after": -1}, "after"),
        ({"url": url, "after": 10**9}, "after"),
        ({"url": url, "bogus": True}, "bogus"),
    ]
    for payload, field_name in cases:
        r = app.post("/api/v1/webhooks", json=payload, headers=auth(sub))
        assert 400 <= r.status_code < 500, (payload, r.status_code, r.text)
        assert r.headers["content-type"].startswith("application/problem+json"), payload
        assert field_name in (r.json().get("field") or "") + r.json()["detail"], (payload, r.json())
    for body in (b"[1, 2]", b"{not json"):
        r = app.post("/api/v1/webhooks", content=body, headers={**auth(sub), "content-type": "application/json"})
        assert 400 <= r.status_code < 500 and r.headers["content-type"].startswith("application/problem+json")
    assert app.get("/api/v1/webhooks", headers=auth(sub)).json()["webhooks"] == []
    assert app.get("/api/v1/admin/webhooks").json()["webhooks"] == []


def test_private_targets_are_refused_by_default(client: TestClient) -> None:
    r = client.post("/api/v1/admin/subscribers", json={"name": "Sub"})
    headers = {"Authorization": f"Bearer {r.json()['api_key']}"}
    for url in ("http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x",
                "http://[::1]/x", "http://169.254.169.254/latest/meta-data", "http://192.168.0.1/"):
        r = client.post("/api/v1/webhooks", json={"url": url}, headers=headers)
        assert r.status_code == 422 and r.json()["field"] == "url", (url, r.text)
    assert client.get("/api/v1/webhooks", headers=headers).json()["webhooks"] == []


def test_subscribers_cannot_see_or_touch_each_others_webhooks(app: TestClient, receivers: Callable[..., Receiver]) -> None:
    alice, bob = subscriber(app), subscriber(app)
    receiver = receivers(always_status=503)
    hook = register(app, alice, url=receiver.url, secret="alice-secret-0123456789")
    assert hook["secret"] == "alice-secret-0123456789"
    base = f"/api/v1/webhooks/{hook['id']}"
    assert app.get("/api/v1/webhooks", headers=auth(bob)).json()["webhooks"] == []
    for method, path in (("GET", base), ("DELETE", base), ("GET", f"{base}/attempts"),
                         ("GET", f"{base}/dead-letters"), ("POST", f"{base}/dead-letters/1/replay")):
        r = app.request(method, path, headers=auth(bob))
        assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json"), (method, path)
    assert app.get(base, headers=auth(alice)).status_code == 200
    # editors and admins are not subscribers; subscribers are not admins
    assert app.get("/api/v1/webhooks").status_code == 403
    assert app.get("/api/v1/admin/webhooks", headers=auth(alice)).status_code == 403
    assert app.get("/api/v1/webhooks", headers={"Authorization": "Bearer nope"}).status_code == 401
    # a suspended subscriber cannot register
    app.patch(f"/api/v1/admin/subscribers/{bob['id']}", json={"active": False})
    assert app.post("/api/v1/webhooks", json={"url": receiver.url}, headers=auth(bob)).status_code == 403
    # the owner deletes: gone for everyone
    assert app.delete(base, headers=auth(alice)).status_code == 204
    assert app.get(base, headers=auth(alice)).status_code == 404
    assert app.get("/api/v1/admin/webhooks").json()["webhooks"] == []


def test_after_backfills_from_a_cursor(app: TestClient, receivers: Callable[..., Receiver]) -> None:
    first = publish(app, headline="Before registration")
    publish(app, headline="Also before")
    receiver, late = receivers(), receivers()
    sub = subscriber(app)
    register(app, sub, url=receiver.url, after=0)
    register(app, sub, url=late.url)  # starts at the end of the log
    publish(app, headline="After registration")
    wait_until(lambda: len(receiver.ok()) == 3, "the backfill and the new entry")
    wait_until(lambda: len(late.ok()) == 1, "the new entry only")
    assert b"Before registration" in receiver.ok()[0].body and first["id"]
    assert b"After registration" in late.ok()[0].body


def test_a_poison_entry_is_dead_lettered_and_the_entries_behind_it_go_out(
    app: TestClient, wh_services: Services, receivers: Callable[..., Receiver]
) -> None:
    """An entry whose rendering fails every time (its stored version no longer reads back)
    is retried like a failing receiver, then dead-lettered; it never stalls the endpoint."""
    wh_services.webhook_dispatcher.schedule = RetrySchedule(base=0.01, cap=0.02, give_up_after=0.3)
    gate = threading.Event()  # holds the first delivery, so the poison is made before its turn
    receiver = receivers(gate=gate)
    sub = subscriber(app)
    hook = register(app, sub, url=receiver.url)
    first = publish(app, headline="Before the poison")
    wait_until(lambda: wh_services.webhook_dispatcher.states.get(hook["id"]) == "delivering", "the first delivery")
    poison = publish(app, headline="Poison")
    after = publish(app, headline="After the poison")
    with wh_services.db.write() as tx:  # the stored version no longer decodes: no renderer can send it
        tx.conn.execute(
            sa.update(story_versions)
            .where(story_versions.c.story_id == poison["id"], story_versions.c.version == poison["version"])
            .values(data="{}")
        )
    gate.set()

    path = f"/api/v1/webhooks/{hook['id']}/dead-letters"
    letters = wait_until(lambda: app.get(path, headers=auth(sub)).json()["dead_letters"], "the poison dead-lettered")
    wait_until(lambda: len(receiver.ok()) == 2, "the entry behind the poison to be delivered")
    assert seqs(receiver.ok()) == [first["seq"], after["seq"]]
    [letter] = letters
    assert letter["seq"] == poison["seq"] and letter["replayed_at"] is None
    assert letter["attempts"] >= 2  # retried before it was given up on
    assert letter["last_error"].startswith("rendering failed: KeyError")
    attempts = app.get(f"/api/v1/webhooks/{hook['id']}/attempts", headers=auth(sub)).json()["attempts"]
    poisoned = [a for a in attempts if a["seq"] == poison["seq"]]
    assert len(poisoned) == letter["attempts"] and all(a["status_code"] is None for a in poisoned)
    assert wh_services.webhook_dispatcher.states[hook["id"]] != "failed"
    # Replaying it cannot help either: a 409 problem, nothing sent.
    before = len(receiver.all())
    r = app.post(f"{path}/{letter['id']}/replay", headers=auth(sub))
    assert r.status_code == 409 and r.headers["content-type"] == "application/problem+json"
    assert "rendering failed" in r.json()["detail"]
    assert len(receiver.all()) == before
    # /metrics counts it, and nothing is left behind the cursor.
    scrape = app.get("/metrics").text
    assert "newsflow_webhook_dead_letters 1.0" in scrape
    wait_until(lambda: "newsflow_webhook_backlog 0.0" in app.get("/metrics").text, "the backlog to drain")
