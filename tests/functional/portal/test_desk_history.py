"""A story's history on the desk: who, when, action, note per version, and the word-level
difference between any two versions (escaped, in the story's direction). On SQLite and
PostgreSQL, over HTTP.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.core.story import Action
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services
from tests.functional.portal.test_desk import PASSWORD, log_in


@pytest.fixture
def browser(settings: Settings, services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(settings, services=services)) as c:
        services.accounts.create_user("edna", Role.EDITOR, password=PASSWORD)
        log_in(c, "desk", "edna")
        yield c


def test_history_lists_every_version_and_diffs_any_two(browser: TestClient, services: Services) -> None:
    newsroom = services.newsroom
    sid = newsroom.create({"language": "ar", "headline": "وصول الوزير إلى باكو", "category": "politics",
                           "body": "<p>وصل الوزير إلى باكو صباح الاثنين.</p>"}, created_by="edna").id
    newsroom.publish(sid, by="edna")
    newsroom.revise(sid, Action.CORRECT, {"body": "<p>وصل الوزير إلى باكو مساء الاثنين.</p>"},
                    note="مساء لا صباح", by="omar")
    newsroom.revise(sid, Action.UPDATE, {"body": "<p>وصل الوزير إلى باكو مساء الاثنين &lt;b&gt; في زيارة.</p>"}, by="edna")

    page = browser.get(f"/desk/stories/{sid}/history")
    assert page.status_code == 200
    rows = re.findall(r"<th scope=\"row\">v(\d)</th>", page.text)
    assert rows == ["3", "2", "1"]  # newest first
    assert "omar" in page.text and "مساء لا صباح" in page.text and "edna" in page.text
    diff = re.search(r'<div class="diff story-body" id="diff" dir="(\w+)" lang="ar">(.*?)</div>', page.text, re.S)
    assert diff and diff.group(1) == "rtl"
    assert "<ins>" in diff.group(2) and "&lt;b&gt;" in diff.group(2) and "<b>" not in diff.group(2)  # v2 → v3, escaped

    any_two = browser.get(f"/desk/stories/{sid}/history", params={"a": 1, "b": 2}).text
    assert "<del>صباح</del>" in any_two and "<ins>مساء</ins>" in any_two
    assert browser.get(f"/desk/stories/{sid}/history", params={"a": 1, "b": 9}).status_code == 404
    assert f'href="/desk/stories/{sid}/history"' in browser.get(f"/desk/stories/{sid}").text


def test_history_of_a_draft_says_there_is_nothing_to_compare(browser: TestClient, services: Services) -> None:
    sid = services.newsroom.create({"language": "en", "headline": "Draft", "body": "x"}).id
    page = browser.get(f"/desk/stories/{sid}/history")
    assert page.status_code == 200 and "Not published yet" in page.text
