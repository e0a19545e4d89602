"""Story creation answered by the fast path and by FastAPI answer alike.

``PublishBypass`` serves the plain ``POST /api/v1/stories`` (a Bearer key, a JSON body
the model accepts, at most ``publish``) without FastAPI's routing and dependencies.
Each request here is sent to a reference FastAPI app (the newsroom routes and the
problem handlers, nothing in front) and to the real app. Status, type and headers must
be the same; refusals byte for byte, created stories field for field; and the fast
path must really have answered the plain ones and left the rest to the app.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.web import problems
from newsflow.web.api import stories
from newsflow.web.app import create_app
from newsflow.wiring import Services
from tests.conftest import ADMIN_TOKEN, story_fields

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def reference(services: Services) -> TestClient:
    """The newsroom routes as FastAPI answers them, without the bypass."""
    app = FastAPI()
    app.state.services = services
    problems.install(app)
    app.include_router(stories.router)
    return TestClient(app)


@pytest.fixture
def fast_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """One entry per plain-looking request: True when the fast path answered it itself."""
    calls: list[bool] = []
    plain, parse = stories.PublishBypass._plain, stories._story

    def spy_plain(self: stories.PublishBypass, scope: dict[str, Any]) -> object:
        result = plain(self, scope)
        if result is not None:
            calls.append(False)
        return result

    def spy_story(body: bytes) -> stories.StoryCreate | None:
        result = parse(body)
        calls[-1] = result is not None
        return result

    monkeypatch.setattr(stories.PublishBypass, "_plain", spy_plain)
    monkeypatch.setattr(stories, "_story", spy_story)
    yield calls


def _same(full: Any, fast: Any, label: str, ref: TestClient, client: TestClient) -> None:
    assert fast.status_code == full.status_code, (label, fast.text, full.text)
    assert fast.headers.get("content-type") == full.headers.get("content-type"), label
    assert fast.headers.get("www-authenticate") == full.headers.get("www-authenticate"), label
    own = {"x-request-id", "x-newsflow-node"}  # the real app's outermost layers name the request and the node
    assert sorted(fast.headers.keys() - own) == sorted(full.headers.keys() - own), label
    if fast.status_code != 201:
        assert fast.content == full.content, label
        return
    a, b = full.json(), fast.json()
    assert a.keys() == b.keys() and a["status"] == b["status"] and a["version"] == b["version"], label
    assert (a["seq"] is None) == (b["seq"] is None), label
    stored_a = ref.get(f"/api/v1/stories/{a['id']}", headers=ADMIN).json()
    stored_b = client.get(f"/api/v1/stories/{b['id']}", headers=ADMIN).json()
    assert stored_a["draft"] == stored_b["draft"], label  # the same content, suggestions included
    assert stored_a["status"] == stored_b["status"], label


def test_fast_path_answers_exactly_as_the_full_app(
    client: TestClient, services: Services, fast_calls: list[bool]
) -> None:
    sub = client.post("/api/v1/admin/subscribers", json={"name": "Outlet"}, headers=ADMIN).json()
    arabic = story_fields(language="ar", headline="قطر وعُمان توقعان اتفاقية", public=True,
                          body="وقع وزير الطاقة القطري اتفاقية في مسقط يوم الأحد.\n\nوقال الوزير إن المحطة ستبدأ العمل.")
    # (query, headers, body): each is answered by the fast path.
    plain: list[tuple[str, dict[str, str], Any]] = [
        ("?publish=true", {}, story_fields()),
        ("?publish=true", {}, arabic),
        ("", {}, story_fields(headline="A draft")),
        ("?publish=false", {}, story_fields(headline="Another draft")),
        ("?publish=1", {}, story_fields(headline="Published by 1")),
        ("?publish=true", {}, story_fields(category="no-such-category")),  # the domain refuses: 4xx
        ("?publish=true", {}, story_fields(type="picture")),  # a picture story needs its picture
        ("?publish=true", {}, story_fields(media_id="no-such-item")),
        ("?publish=true", {}, story_fields(body="<script>alert(1)</script><p>Kept</p>")),
        ("?publish=true", {"Idempotency-Key": "x" * 201}, story_fields()),
        ("?publish=true", {"Authorization": "Bearer not-a-key"}, story_fields()),
        ("?publish=true", {"Authorization": f"Bearer {sub['api_key']}"}, story_fields()),  # not an editor
    ]
    # Left to the app: refused bodies, other parameters, other content types, no key.
    not_plain: list[tuple[str, dict[str, str], Any]] = [
        ("?publish=true", {}, b"{not json"),
        ("?publish=true", {}, json.dumps(story_fields(colour="red")).encode()),
        ("?publish=true", {}, json.dumps(story_fields(headline=7)).encode()),
        ("?publish=true", {}, b"[1, 2]"),
        ("?publish=true", {"Authorization": "Bearer not-a-key"}, json.dumps({"headline": 7}).encode()),
        ("?publish=yes", {}, story_fields(headline="Published by yes")),
        ("?publish=true&publish=false", {}, story_fields(headline="Twice")),
        ("?publish=true&other=1", {}, story_fields(headline="Other")),
        ("?publish=true", {"Content-Type": "text/plain"}, json.dumps(story_fields()).encode()),
        ("?publish=true", {"Authorization": ""}, story_fields()),
    ]
    ref = reference(services)
    statuses: set[int] = set()
    del client.headers["Authorization"]  # each request names its key
    for n, (query, extra, body) in enumerate(plain + not_plain):
        label = f"{n}: {query} {extra} {str(body)[:60]}"
        headers = {**ADMIN, **extra}
        if not headers["Authorization"]:
            del headers["Authorization"]
        responses = []
        for app in (ref, client):
            if isinstance(body, bytes):
                h = {"Content-Type": "application/json", **headers}
                responses.append(app.post(f"/api/v1/stories{query}", content=body, headers=h))
            else:
                responses.append(app.post(f"/api/v1/stories{query}", json=body, headers=headers))
        _same(*responses, label, ref, client)
        statuses.add(responses[1].status_code)
    # Every kind of answer was compared: created, bad JSON, no valid key, not an editor, refused.
    assert {201, 400, 401, 403, 422} <= statuses
    assert fast_calls[: len(plain)] == [True] * len(plain)
    assert not any(fast_calls[len(plain):])


def test_an_idempotent_retry_through_the_fast_path_replays(client: TestClient, fast_calls: list[bool]) -> None:
    key = {"Idempotency-Key": "ingest-item-42"}
    first = client.post("/api/v1/stories?publish=true", json=story_fields(), headers=key)
    again = client.post("/api/v1/stories?publish=true", json=story_fields(), headers=key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert fast_calls == [True, True]
    flow = client.get("/api/v1/flow?after=0").json()
    assert [e["id"] for e in flow["entries"]] == [first.json()["id"]]


def test_the_publishing_thread_sees_the_request_id(
    client: TestClient, fast_calls: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ``create`` logs in its thread carries the request's id, as in the route's."""
    from newsflow.web.logs import request_id

    seen: list[str | None] = []
    create = stories.create

    def spy_create(*args: Any) -> dict[str, Any]:
        seen.append(request_id.get())
        answer: dict[str, Any] = create(*args)
        return answer

    monkeypatch.setattr(stories, "create", spy_create)
    headers = {"X-Request-ID": "req-publish-7", "Idempotency-Key": "k-7"}  # a keyed publish: a thread's
    r = client.post("/api/v1/stories?publish=true", json=story_fields(), headers=headers)
    assert r.status_code == 201 and fast_calls == [True]
    assert seen == ["req-publish-7"]


def test_a_plain_publish_stays_on_the_event_loop_on_sqlite(
    client: TestClient, services: Services, fast_calls: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No idempotency key, no media, SQLite: the request's own task validates, awaits the
    suggestions and the writer thread's commit; no publishing thread takes it. Its
    request id is seen there, and the answer is the committed entry. On PostgreSQL (whose
    group commit is the publishing threads') the same request goes to a publishing thread."""
    from newsflow.web.logs import request_id

    seen: list[tuple[str | None, str]] = []
    publish_async = services.newsroom.publish_async
    in_thread: list[bool] = []
    create = stories.create

    async def spy_publish(fields: Any, **kwargs: Any) -> Any:
        seen.append((request_id.get(), threading.current_thread().name))
        return await publish_async(fields, **kwargs)

    def spy_create(*args: Any) -> dict[str, Any]:
        in_thread.append(True)
        answer: dict[str, Any] = create(*args)
        return answer

    monkeypatch.setattr(services.newsroom, "publish_async", spy_publish)
    monkeypatch.setattr(stories, "create", spy_create)
    r = client.post("/api/v1/stories?publish=true", json=story_fields(), headers={"X-Request-ID": "req-publish-8"})
    assert r.status_code == 201 and fast_calls == [True]
    if not services.db.is_sqlite:
        assert not services.db.writes_from_loop
        assert in_thread == [True] and seen == []
        return
    assert in_thread == []
    assert [rid for rid, _ in seen] == ["req-publish-8"]
    assert not seen[0][1].startswith("newsflow-publish")
    flow = client.get("/api/v1/flow?after=0").json()
    assert [(e["id"], e["seq"]) for e in flow["entries"]] == [(r.json()["id"], r.json()["seq"])]


def test_the_publishing_threads_are_the_nodes_and_stop_with_it(settings: Settings, services: Services) -> None:
    """Each node's services own their publishing threads; they end when the node stops."""
    threads: list[threading.Thread] = []
    create = stories.create

    def spy_create(*args: Any) -> dict[str, Any]:
        threads.append(threading.current_thread())
        answer: dict[str, Any] = create(*args)
        return answer

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(stories, "create", spy_create)
        with TestClient(create_app(settings, services=services)) as client:
            r = client.post("/api/v1/stories?publish=false", json=story_fields(), headers=ADMIN)  # a draft
            assert r.status_code == 201
            assert threads and threads[0].name.startswith("newsflow-publish")
            assert threads[0].is_alive()
    assert not threads[0].is_alive()
