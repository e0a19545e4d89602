"""Document downloads answered by the fast path and by FastAPI answer alike.

``DocumentsBypass`` serves plain downloads (a Bearer key, at most ``format`` and
``version``) without FastAPI's routing and dependencies. Each request here is sent to
a reference FastAPI app (the subscriber routes and the problem handlers, nothing in
front) and to the real app, twice: first with the key cache emptied (the fast path
loads the key), then with it cached. Status, type, body and headers must be the same,
downloads must be counted the same, and the fast path must really have answered the
plain ones.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsflow.web import problems
from newsflow.web.api import subscriber
from newsflow.wiring import Services
from tests.conftest import ADMIN_TOKEN, story_fields


def reference(services: Services) -> TestClient:
    """The document routes as FastAPI answers them, without the bypass."""
    app = FastAPI()
    app.state.services = services
    problems.install(app)
    app.include_router(subscriber.router)
    return TestClient(app)


@pytest.fixture
def fast_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths the fast path answered itself."""
    calls: list[str] = []
    plain = subscriber.DocumentsBypass._plain

    def spy(self: subscriber.DocumentsBypass, scope: dict) -> object:  # type: ignore[type-arg]
        result = plain(self, scope)
        if result is not None:
            calls.append(scope["path"] + "?" + scope["query_string"].decode())
        return result

    monkeypatch.setattr(subscriber.DocumentsBypass, "_plain", spy)
    yield calls


def test_fast_path_answers_exactly_as_the_full_app(
    client: TestClient, services: Services, fast_calls: list[str]
) -> None:
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    sports = client.post("/api/v1/stories?publish=true", json=story_fields(category="sports", headline="Match report"), headers=admin)
    economy = client.post("/api/v1/stories?publish=true", json=story_fields(category="economy", headline="Rates"), headers=admin)
    assert sports.status_code == economy.status_code == 201
    sid, eid = sports.json()["id"], economy.json()["id"]
    r = client.post("/api/v1/admin/subscribers", json={"name": "Sports desk", "categories": ["sports"]}, headers=admin)
    assert r.status_code == 201, r.text
    sub = {"Authorization": f"Bearer {r.json()['api_key']}"}

    plain = [
        f"/api/v1/documents/{sid}",
        f"/api/v1/documents/{sid}?format=newsmlg2",
        f"/api/v1/documents/{sid}?format=text&version=1",
        f"/api/v1/documents/{sid}?version=7",  # no such version: 404
        f"/api/v1/documents/{sid}?format=bogus",  # unknown format: 4xx
        f"/api/v1/documents/{eid}",  # not entitled: 403
        "/api/v1/documents/987654",  # no such story: 404
    ]
    not_plain = [
        f"/api/v1/documents/{sid}?version=0",
        f"/api/v1/documents/{sid}?format=ninjs&format=text",
        f"/api/v1/documents/{sid}?other=1",
        "/api/v1/documents/abc",
    ]
    statuses = {}
    ref = reference(services)
    for path in plain + not_plain:
        full = ref.get(path, headers=sub)
        for cached in (False, True):
            if not cached:
                services.accounts.forget_tokens()
            fast = client.get(path, headers=sub)
            assert fast.status_code == full.status_code, (path, cached)
            assert fast.headers.get("content-type") == full.headers.get("content-type"), (path, cached)
            for header in ("etag", "x-newsflow-version", "www-authenticate"):
                assert fast.headers.get(header) == full.headers.get(header), (path, header, cached)
            assert fast.content == full.content, (path, cached)
        statuses[path] = fast.status_code
    assert fast_calls == [p if "?" in p else p + "?" for p in plain for _ in range(2)]
    assert [statuses[p] for p in plain] == [200, 200, 200, 404, statuses[plain[4]], 403, 404]
    assert 400 <= statuses[plain[4]] < 500
    # Left to FastAPI: invalid values are refused, a repeated or unknown parameter is
    # not an error there (the last value wins, unknown ones are ignored).
    assert [statuses[p] for p in not_plain] == [422, 200, 200, 422]
    # Both paths count downloads: five successful paths, each fetched three times.
    assert client.get("/api/v1/usage", headers=sub).json()["downloads_today"] == 15


def test_a_bad_key_gets_the_same_problem_from_both(client: TestClient, services: Services) -> None:
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    story = client.post("/api/v1/stories?publish=true", json=story_fields(), headers=admin).json()["id"]
    ref = reference(services)
    del client.headers["Authorization"]  # the fixture sends the admin key by default
    for headers in ({"Authorization": "Bearer not-a-key"}, admin, {}):
        full = ref.get(f"/api/v1/documents/{story}", headers=headers)
        fast = client.get(f"/api/v1/documents/{story}", headers=headers)
        assert (fast.status_code, fast.content) == (full.status_code, full.content)
        assert fast.headers.get("www-authenticate") == full.headers.get("www-authenticate")
        assert fast.status_code in (401, 403)  # an editor's key is not a subscriber's


def test_fast_path_sees_a_revoked_key_at_once(client: TestClient, services: Services, fast_calls: list[str]) -> None:
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    story = client.post("/api/v1/stories?publish=true", json=story_fields(), headers=admin).json()["id"]
    created = client.post("/api/v1/admin/subscribers", json={"name": "Outlet"}, headers=admin).json()
    sub = {"Authorization": f"Bearer {created['api_key']}"}
    assert client.get(f"/api/v1/documents/{story}", headers=sub).status_code == 200
    assert client.get(f"/api/v1/documents/{story}", headers=sub).status_code == 200
    assert fast_calls  # the second one went the fast way
    assert client.patch(f"/api/v1/admin/subscribers/{created['id']}", json={"active": False}, headers=admin).status_code == 200
    refused = client.get(f"/api/v1/documents/{story}", headers=sub)
    assert refused.status_code in (401, 403)
    assert refused.headers["content-type"] == "application/problem+json"


def test_head_is_not_a_download(client: TestClient, services: Services, fast_calls: list[str]) -> None:
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    story = client.post("/api/v1/stories?publish=true", json=story_fields(), headers=admin).json()["id"]
    sub = {"Authorization": f"Bearer {client.post('/api/v1/admin/subscribers', json={'name': 'O'}, headers=admin).json()['api_key']}"}
    head = client.head(f"/api/v1/documents/{story}", headers=sub)
    assert head.status_code == reference(services).head(f"/api/v1/documents/{story}", headers=sub).status_code
    assert fast_calls == []
    assert client.get("/api/v1/usage", headers=sub).json()["downloads_today"] == 0
