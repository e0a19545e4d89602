"""The newsroom API end to end over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.web.app import create_app
from newsflow.wiring import Services
from tests.conftest import ADMIN_TOKEN, story_fields
from tests.waiting import LIVENESS


def flow(client: TestClient, after: int = 0) -> list[dict]:
    r = client.get("/api/v1/flow", params={"after": after, "limit": 1000})
    assert r.status_code == 200, r.text
    return r.json()["entries"]


def test_create_draft_then_publish_appends_one_flow_entry(client: TestClient) -> None:
    r = client.post("/api/v1/stories", json=story_fields())
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["status"] == "draft" and created["version"] == 0
    assert created["uri"].startswith("urn:newsflow:newsflow:") and created["uri"].endswith(f":{created['id']}")
    assert flow(client) == []

    r = client.post(f"/api/v1/stories/{created['id']}/publish")
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 1 and r.json()["status"] == "published"
    entries = flow(client)
    assert [(e["id"], e["version"], e["action"]) for e in entries] == [(created["id"], 1, "publish")]
    assert set(entries[0]) >= {"seq", "id", "uri", "version", "action", "priority", "category", "language", "time"}


def test_update_correct_withdraw_keep_every_version(client: TestClient) -> None:
    story = client.post("/api/v1/stories?publish=true", json=story_fields(priority="flash")).json()
    sid = story["id"]
    assert client.post(f"/api/v1/stories/{sid}/update", json={"body": "<p>More detail.</p>"}).json()["version"] == 2
    r = client.post(f"/api/v1/stories/{sid}/correct", json={"headline": "Central bank cuts rates", "note": "Rates were cut, not held"})
    assert r.status_code == 200 and r.json()["version"] == 3
    r = client.post(f"/api/v1/stories/{sid}/withdraw", json={"reason": "Duplicate story"})
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"

    versions = client.get(f"/api/v1/stories/{sid}/versions").json()["versions"]
    assert [v["version"] for v in versions] == [1, 2, 3, 4]
    assert [v["signal"] for v in versions] == ["publish", "update", "correct", "withdraw"]
    assert versions[0]["content"]["headline"] == "Central bank holds rates steady"  # immutable
    assert versions[2]["ed_note"] == "Rates were cut, not held"
    assert versions[3]["pubstatus"] == "canceled"
    assert {v["uri"] for v in versions} == {story["uri"]}
    actions = [e["action"] for e in flow(client)]
    assert actions == ["publish", "update", "correct", "withdraw"]
    seqs = [e["seq"] for e in flow(client)]
    assert seqs == sorted(seqs) and len(set(seqs)) == 4


def test_bad_input_is_a_problem_and_writes_nothing(client: TestClient) -> None:
    cases = [
        ({"headline": "x", "body": "y", "priority": "routine", "category": "economy"}, "language"),
        (story_fields(headline=""), "headline"),
        (story_fields(language="xx"), "language"),
        (story_fields(language="not a tag"), "language"),
        (story_fields(priority="breaking"), "priority"),
        (story_fields(category="gossip"), "category"),
        (story_fields(embargoed="tomorrow"), "embargoed"),
        (story_fields(body="x" * 1_000_001), "body"),
        (story_fields(bogus=1), "bogus"),
    ]
    for payload, field in cases:
        r = client.post("/api/v1/stories?publish=true", json=payload)
        assert 400 <= r.status_code < 500, (field, r.status_code)
        assert r.headers["content-type"].startswith("application/problem+json"), field
        assert field in (r.json().get("field") or "") or field in r.json()["detail"], (field, r.json())
    r = client.post("/api/v1/stories", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/v1/stories").json()["stories"] == []
    assert flow(client) == []


def test_invalid_transitions_are_conflicts(client: TestClient) -> None:
    assert client.post("/api/v1/stories/999/withdraw", json={"reason": "x"}).status_code == 404
    sid = client.post("/api/v1/stories?publish=true", json=story_fields()).json()["id"]
    r = client.post(f"/api/v1/stories/{sid}/publish")
    assert r.status_code == 409 and r.json()["field"] == "status"
    assert client.put(f"/api/v1/stories/{sid}", json={"headline": "new"}).status_code == 409
    assert client.post(f"/api/v1/stories/{sid}/correct", json={"headline": "no note"}).status_code == 422
    client.post(f"/api/v1/stories/{sid}/withdraw", json={"reason": "wrong"})
    r = client.post(f"/api/v1/stories/{sid}/update", json={"headline": "after withdrawal"})
    assert r.status_code == 409
    assert [e["action"] for e in flow(client)] == ["publish", "withdraw"]


def test_body_is_sanitized(client: TestClient) -> None:
    body = (
        '<p onclick="steal()">Hello <a href="javascript:alert(1)">x</a>'
        '<a href="https://example.org/">ok</a></p><script>alert(1)</script><img src=x onerror=alert(1)>'
    )
    sid = client.post("/api/v1/stories?publish=true", json=story_fields(body=body)).json()["id"]
    stored = client.get(f"/api/v1/stories/{sid}").json()["latest"]["content"]["body_html"]
    for bad in ("<script", "onclick", "javascript:", "onerror", "alert(1)"):
        assert bad not in stored
    assert 'href="https://example.org/"' in stored and "Hello" in stored


def test_plain_text_body_becomes_paragraphs(client: TestClient) -> None:
    sid = client.post("/api/v1/stories", json=story_fields(body="First para.\n\nSecond <b>para</b>.")).json()["id"]
    body = client.get(f"/api/v1/stories/{sid}").json()["draft"]["body_html"]
    assert body == "<p>First para.</p><p>Second &lt;b&gt;para&lt;/b&gt;.</p>"


def test_idempotent_publish(client: TestClient) -> None:
    headers = {"Idempotency-Key": "publish-abc-1"}
    first = client.post("/api/v1/stories?publish=true", json=story_fields(), headers=headers).json()
    again = client.post("/api/v1/stories?publish=true", json=story_fields(), headers=headers).json()
    assert first == again
    assert len(client.get("/api/v1/stories").json()["stories"]) == 1
    assert len(flow(client)) == 1


def test_editing_a_draft_and_reading_it(client: TestClient) -> None:
    sid = client.post("/api/v1/stories", json=story_fields()).json()["id"]
    r = client.put(f"/api/v1/stories/{sid}", json={"headline": "Edited headline", "priority": "urgent"})
    assert r.status_code == 200
    story = client.get(f"/api/v1/stories/{sid}").json()
    assert story["draft"]["headline"] == "Edited headline" and story["draft"]["priority"] == "urgent"
    assert story["draft"]["language"] == "en"  # untouched fields kept
    assert story["latest"] is None


def test_translation_links(client: TestClient) -> None:
    ar = client.post("/api/v1/stories?publish=true", json=story_fields(language="ar", headline="خبر")).json()
    en = client.post("/api/v1/stories?publish=true", json=story_fields(translation_of=ar["id"])).json()
    assert client.get(f"/api/v1/stories/{en['id']}").json()["latest"]["content"]["translation_of"] == ar["id"]
    r = client.post("/api/v1/stories", json=story_fields(translation_of=424242))
    assert r.status_code == 404


def test_embargo_is_released_by_the_server(client: TestClient, services: Services) -> None:
    """The server's embargo clock releases a held story when its time comes.

    The newsroom's clock is the test's: the story cannot be released early however slow
    the machine, and "its time comes" is a step of that clock, not a wait.
    """
    now = [datetime.now(UTC)]
    services.newsroom.clock = lambda: now[0]
    when = (now[0] + timedelta(hours=1)).isoformat()
    story = client.post("/api/v1/stories?publish=true", json=story_fields(embargoed=when)).json()
    assert story["status"] == "embargoed"
    assert flow(client) == []
    now[0] += timedelta(hours=1, seconds=1)
    services.embargo.reschedule()  # what a clock reaching the time does: wake the releaser
    r = client.get("/api/v1/flow", params={"after": 0, "wait": 30})
    entries = r.json()["entries"]
    assert [(e["id"], e["action"]) for e in entries] == [(story["id"], "publish")]
    assert client.get(f"/api/v1/stories/{story['id']}").json()["status"] == "published"


def test_long_poll_wakes_on_commit(client: TestClient, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    results: dict[str, object] = {}
    waiting = threading.Event()
    real_wait = services.signal.wait_beyond

    async def wait_beyond(seq: int, timeout: float) -> bool:
        if not 20 < timeout <= 30:  # not the long poll below (the hub waits 5 s, webhooks 60 s)
            return await real_wait(seq, timeout)
        waiting.set()
        results["woken"] = await real_wait(seq, timeout)
        return bool(results["woken"])

    monkeypatch.setattr(services.signal, "wait_beyond", wait_beyond)

    def poll() -> None:
        r = client.get("/api/v1/flow", params={"after": 0, "wait": 30})
        results["entries"] = r.json()["entries"]

    t = threading.Thread(target=poll)
    t.start()
    assert waiting.wait(LIVENESS), "the long poll never started waiting"
    client.post("/api/v1/stories?publish=true", json=story_fields())
    t.join(LIVENESS)
    assert len(results["entries"]) == 1  # type: ignore[arg-type]
    assert results["woken"] is True  # answered on the commit, not at its timeout


def test_unauthenticated_and_wrong_role(client: TestClient) -> None:
    r = client.get("/api/v1/stories", headers={"Authorization": ""})
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
    r = client.get("/api/v1/stories", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
    sub = client.post("/api/v1/admin/subscribers", json={"name": "Daily Star"}).json()
    r = client.post("/api/v1/stories", json=story_fields(), headers={"Authorization": f"Bearer {sub['api_key']}"})
    assert r.status_code == 403


def test_oversize_request_is_413(client: TestClient) -> None:
    r = client.post("/api/v1/stories", content=b"{" + b" " * 3_000_000 + b"}", headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_an_app_started_twice_on_the_same_services_still_publishes(settings: Settings, services: Services) -> None:
    """A node's stop hands its services a fresh pool of publishing threads: an app whose
    lifespan runs again on them (a second TestClient block, an embedding host) publishes."""
    app = create_app(settings, services=services)
    auth = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    seqs = []
    for run in ("first", "second"):
        with TestClient(app, headers=auth) as client:
            r = client.post("/api/v1/stories?publish=true", json=story_fields(headline=f"The {run} lifespan"))
            assert r.status_code == 201, r.text
            seqs.append(r.json()["seq"])
            assert [e["seq"] for e in flow(client)] == seqs
