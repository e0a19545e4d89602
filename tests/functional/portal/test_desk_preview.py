"""Autosave endpoints and the preview page over HTTP (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services
from tests.functional.portal.test_desk import PASSWORD, log_in


@pytest.fixture
def browser(settings: Settings, services: Services) -> Iterator[tuple[TestClient, str]]:
    with TestClient(create_app(settings, services=services)) as c:
        services.accounts.create_user("edna", Role.EDITOR, password=PASSWORD)
        yield c, log_in(c, "desk", "edna")


def test_autosave_creates_then_saves_a_draft_conditionally(browser: tuple[TestClient, str], services: Services) -> None:
    client, token = browser
    headers = {"X-CSRF-Token": token}
    form = {"headline": "Floods in the north", "language": "en", "body": "<p>Rivers rose.</p>", "category": "general"}
    created = client.post("/desk/drafts/autosave", data=form, headers=headers)
    assert created.status_code == 200, created.text
    sid, revision = created.json()["id"], created.json()["revision"]
    assert revision == 0 and created.json()["url"] == f"/desk/stories/{sid}"
    saved = client.post(f"/desk/stories/{sid}/autosave", data={**form, "body": "<p>Rivers rose fast.</p>", "revision": "0"},
                        headers=headers)
    assert saved.status_code == 200 and saved.json()["revision"] == 1
    assert services.newsroom.state(sid).draft.body_html == "<p>Rivers rose fast.</p>"
    stale = client.post(f"/desk/stories/{sid}/autosave", data={**form, "body": "<p>Old page.</p>", "revision": "0"},
                        headers=headers)
    assert stale.status_code == 412 and stale.headers["content-type"] == "application/problem+json"
    assert services.newsroom.state(sid).draft.body_html == "<p>Rivers rose fast.</p>"
    bad = client.post(f"/desk/stories/{sid}/autosave", data={**form, "language": "klingon", "revision": "1"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["field"] == "language"
    assert client.post(f"/desk/stories/{sid}/autosave", data={**form, "revision": "1"}).status_code == 403  # CSRF


def test_preview_shows_subscribers_and_the_public_side_by_side(
    browser: tuple[TestClient, str], services: Services
) -> None:
    client, token = browser
    sid = services.newsroom.create({
        "language": "ar", "headline": "افتتاح معرض الكتاب في الرياض", "category": "culture-arts-life", "public": True,
        "body": "<p>افتتح معرض الكتاب في الرياض أبوابه اليوم بمشاركة ألف دار نشر.</p><p>ويستمر المعرض عشرة أيام.</p>",
    }).id
    r = client.post(f"/desk/stories/{sid}", data={"csrf_token": token, "then": "preview", "revision": "0",
                                                  "headline": "افتتاح معرض الكتاب في الرياض"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/desk/stories/{sid}/preview"
    page = client.get(f"/desk/stories/{sid}/preview").text
    subscriber = re.search(r'id="preview-subscriber">(.*?)</section>\s*<section', page, re.S)
    public = re.search(r'id="preview-public">(.*)', page, re.S)
    assert subscriber and public
    assert "ويستمر المعرض عشرة أيام" in subscriber.group(1)  # the full text
    assert f"/desk/stories/{sid}/preview/newsmlg2" in subscriber.group(1)
    assert 'class="abbreviation">' in public.group(1) and "x.com/intent" in public.group(1)  # abbreviation, share box
    abbreviation = re.search(r'class="abbreviation">([^<]*)<', public.group(1))
    assert abbreviation and abbreviation.group(1).strip()  # suggested, as publishing would
    doc = client.get(f"/desk/stories/{sid}/preview/ninjs")
    assert doc.status_code == 200 and doc.json()["headlines"][0]["value"] == "افتتاح معرض الكتاب في الرياض"
    assert services.newsroom.state(sid).status.value == "draft" and services.renderer.renders == 0  # nothing cached
    assert client.get(f"/desk/stories/{sid}/preview/docx").status_code == 422
