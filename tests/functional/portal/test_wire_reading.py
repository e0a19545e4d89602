"""Read state on the wire, kept on the server per user (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.core.story import Action
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services
from tests.conftest import story_fields
from tests.functional.portal.test_desk import PASSWORD, log_in


@pytest.fixture
def readers(settings: Settings, services: Services) -> Iterator[tuple[TestClient, TestClient]]:
    sub = services.subscribers.create({"name": "Gazette"})
    for name in ("day", "night"):
        services.accounts.create_user(name, Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"])
    app = create_app(settings, services=services)
    with TestClient(app) as day, TestClient(app) as night:
        log_in(day, "wire", "day")
        log_in(night, "wire", "night")
        yield day, night


def test_opening_marks_read_for_that_user_and_updates_show_as_such(
    readers: tuple[TestClient, TestClient], services: Services
) -> None:
    day, night = readers
    story = services.newsroom.create(story_fields(headline="Port reopens"), publish=True)
    assert "read-mark" not in day.get("/wire/").text

    pane = day.get("/wire/pane", params={"uri": story.uri})
    assert pane.status_code == 200 and "<html" not in pane.text and 'class="pane-story"' in pane.text
    assert 'data-version="1"' in pane.text and "Markets were calm." in pane.text
    listing = day.get("/wire/").text
    assert 'class="badge read-mark"' in listing and "entry p-routine read" in listing
    assert "read-mark" not in night.get("/wire/").text  # read state is per user

    services.newsroom.revise(story.id, Action.CORRECT, {"headline": "Port reopens after repairs"}, note="Repairs")
    listing = day.get("/wire/").text
    assert 'class="badge since-read"' in listing and "updated-since-read" in listing
    day.get(f"/wire/stories/{story.id}")  # the full page marks read too
    assert 'class="badge read-mark"' in day.get("/wire/").text

    assert day.get("/wire/pane", params={"uri": "urn:nothing"}).status_code == 404
    night.cookies.clear()
    assert night.get("/wire/pane", params={"uri": story.uri}, follow_redirects=False).status_code == 303
