"""Two people editing one draft: the second save from an old copy is refused, never lost.

The JSON API answers ``ETag: "r<revision>"``; a ``PUT``/``PATCH`` with a stale
``If-Match`` is a 412 problem carrying the stored draft and the refused fields. The desk
carries the revision in its form and answers a conflict page with both texts. On SQLite
and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services
from tests.conftest import story_fields
from tests.functional.portal.test_desk import PASSWORD, csrf_of, log_in


def test_if_match_guards_a_draft_in_the_api(client: TestClient, services: Services) -> None:
    created = client.post("/api/v1/stories", json=story_fields()).json()
    sid = created["id"]
    first = client.get(f"/api/v1/stories/{sid}")
    tag = first.headers["etag"]
    assert tag == '"r0"' and first.json()["revision"] == 0

    ok = client.patch(f"/api/v1/stories/{sid}", json={"headline": "Rates held, editor A"}, headers={"If-Match": tag})
    assert ok.status_code == 200 and ok.headers["etag"] == '"r1"' and ok.json()["revision"] == 1

    stale = client.put(f"/api/v1/stories/{sid}", json={"headline": "Rates held, editor B", "body": "<p>B</p>"},
                       headers={"If-Match": tag})
    assert stale.status_code == 412 and stale.headers["content-type"] == "application/problem+json"
    problem = stale.json()
    assert problem["status"] == 412 and problem["field"] == "revision"
    assert problem["current"]["revision"] == 1 and problem["current"]["draft"]["headline"] == "Rates held, editor A"
    assert problem["submitted"]["headline"] == "Rates held, editor B"  # both texts
    assert services.newsroom.state(sid).draft.headline == "Rates held, editor A"  # nothing changed

    assert client.put(f"/api/v1/stories/{sid}", json={"headline": "B again"}, headers={"If-Match": 'W/"r1"'}).status_code == 200
    assert client.put(f"/api/v1/stories/{sid}", json={"headline": "any"}, headers={"If-Match": "*"}).status_code == 200
    assert client.put(f"/api/v1/stories/{sid}", json={"headline": "no header"}).status_code == 200  # unconditional
    bad = client.put(f"/api/v1/stories/{sid}", json={"headline": "x"}, headers={"If-Match": '"banana"'})
    assert bad.status_code == 422 and bad.json()["field"] == "If-Match"

    client.post(f"/api/v1/stories/{sid}/publish")
    assert client.get(f"/api/v1/stories/{sid}").headers["etag"] == '"r5"'  # publishing is a change too


@pytest.fixture
def browsers(settings: Settings, services: Services) -> Iterator[tuple[TestClient, TestClient]]:
    app = create_app(settings, services=services)
    with TestClient(app) as a, TestClient(app) as b:
        yield a, b


def test_two_editors_on_one_draft_in_the_desk(browsers: tuple[TestClient, TestClient], services: Services) -> None:
    alice, bob = browsers
    for name in ("alice", "bob"):
        services.accounts.create_user(name, Role.EDITOR, password=PASSWORD)
    token_a, token_b = log_in(alice, "desk", "alice"), log_in(bob, "desk", "bob")
    sid = services.newsroom.create(story_fields(headline="Storm hits the coast", body="<p>Winds of 120 km/h.</p>")).id

    page_a, page_b = alice.get(f"/desk/stories/{sid}").text, bob.get(f"/desk/stories/{sid}").text
    assert 'name="revision" id="revision" value="0"' in page_a and 'value="0"' in page_b
    r = alice.post(f"/desk/stories/{sid}", data={"csrf_token": csrf_of(page_a), "revision": "0",
                                                  "headline": "Storm hits the coast", "body": "<p>Winds of 140 km/h.</p>"},
                   follow_redirects=False)
    assert r.status_code == 303
    r = bob.post(f"/desk/stories/{sid}", data={"csrf_token": token_b, "revision": "0",
                                                "headline": "Storm batters the coast", "body": "<p>Winds of 120 km/h, rain.</p>"})
    assert r.status_code == 409 and 'id="conflict"' in r.text
    assert "140 km/h" in r.text and "rain." in r.text  # both texts on the page
    assert "<del>" in r.text and "<ins>" in r.text  # and the words that differ
    assert 'name="revision" id="revision" value="1"' in r.text  # saving again is now a choice
    assert services.newsroom.state(sid).draft.body_html == "<p>Winds of 140 km/h.</p>"  # not overwritten

    r = bob.post(f"/desk/stories/{sid}", data={"csrf_token": token_b, "revision": "1", "then": "save",
                                                "headline": "Storm batters the coast", "body": "<p>Winds of 120 km/h, rain.</p>"},
                 follow_redirects=False)
    assert r.status_code == 303
    assert services.newsroom.state(sid).draft.headline == "Storm batters the coast"
    r = alice.post(f"/desk/stories/{sid}", data={"csrf_token": token_a, "revision": "1", "then": "publish",
                                                  "headline": "Storm hits the coast"})
    assert r.status_code == 409  # "Publish now" from a stale page publishes nothing
    assert services.newsroom.state(sid).status.value == "draft"
