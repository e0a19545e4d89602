"""The newsroom desk over real HTTP: roles, CSRF, the whole story life cycle from forms.

Pages are driven the way a browser without JavaScript drives them (form posts with the
CSRF field), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from newsflow.config import Settings
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services

PASSWORD = "correct horse battery"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match.group(1)


def log_in(client: TestClient, area: str, username: str, password: str = PASSWORD) -> str:
    """Log in through the area's form; returns the CSRF token of the new session."""
    token = csrf_of(client.get(f"/{area}/login").text)
    r = client.post(f"/{area}/login", data={"username": username, "password": password, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return csrf_of(client.get(r.headers["location"]).text)


@pytest.fixture
def browser(settings: Settings, services: Services) -> Iterator[TestClient]:
    """A cookie-carrying client with no Authorization header, like a browser."""
    with TestClient(create_app(settings, services=services)) as c:
        yield c


@pytest.fixture
def editor(services: Services) -> str:
    services.accounts.create_user("edna", Role.EDITOR, password=PASSWORD, display_name="Edna Editor")
    return "edna"


def new_story(browser: TestClient, token: str, **overrides: str) -> int:
    form = {"csrf_token": token, "headline": "Ministers meet in Baku", "language": "en", "category": "politics",
            "priority": "urgent", "dateline": "BAKU", "byline": "A. Reporter",
            "body": "<p>BAKU (Newsflow) - Ministers met on Monday.</p><p>They agreed on trade.</p>",
            "present": "1", "embargo_local": "", "embargoed": "", "translation_of": ""}
    form.update(overrides)
    r = browser.post("/desk/stories", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    return int(r.headers["location"].split("/")[-1].split("?")[0])


def test_desk_pages_need_an_editor(browser: TestClient, services: Services, editor: str) -> None:
    r = browser.get("/desk/stories/new", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/desk/login?next=")
    sub = services.subscribers.create({"name": "Gazette"})
    token = csrf_of(browser.get("/desk/login").text)
    r = browser.post("/desk/login", data={"username": sub["username"], "password": sub["password"], "csrf_token": token},
                     follow_redirects=False)
    assert r.status_code == 401  # a subscriber cannot log in to the desk
    log_in(browser, "wire", sub["username"], sub["password"])  # logged in, but as a subscriber
    r = browser.get("/desk/", follow_redirects=False)
    assert r.status_code == 403 and r.headers["content-type"].startswith("text/html")
    assert browser.post("/desk/stories", data={"csrf_token": csrf_of(r.text), "headline": "x"}).status_code == 403


def test_story_life_cycle_from_the_forms(browser: TestClient, services: Services, editor: str) -> None:
    token = log_in(browser, "desk", editor)
    page = browser.get("/desk/stories/new")
    assert page.status_code == 200 and 'contenteditable="true"' in page.text and 'dir="auto"' in page.text
    sid = new_story(browser, token, people="Ilham Aliyev\nRecep Tayyip Erdoğan", subjects="medtop:11000000 politics")
    draft = services.newsroom.state(sid).draft
    assert draft.people == ("Ilham Aliyev", "Recep Tayyip Erdoğan") and draft.subjects[0].qcode == "medtop:11000000"
    assert "Ministers meet in Baku" in browser.get("/desk/?status=draft").text

    r = browser.post(f"/desk/stories/{sid}", data={"csrf_token": token, "headline": "Ministers agree in Baku",
                                                   "public": "on", "present": "1", "abbreviation": "Ministers met.",
                                                   "then": "publish"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("done=published"), r.text
    latest = services.newsroom.state(sid).latest
    assert latest is not None and latest.version == 1 and latest.public and latest.headline == "Ministers agree in Baku"
    assert "Ministers agree in Baku" in browser.get("/desk/?status=published").text

    r = browser.post(f"/desk/stories/{sid}/revise", data={"csrf_token": token, "action": "correct",
                                                          "headline": "Ministers agree in Baku on trade"})
    assert r.status_code == 422 and "note" in r.text  # a correction needs a note; input is kept
    assert "Ministers agree in Baku on trade" in r.text
    r = browser.post(f"/desk/stories/{sid}/revise", data={"csrf_token": token, "action": "correct", "note": "Trade, not energy",
                                                          "headline": "Ministers agree in Baku on trade"}, follow_redirects=False)
    assert r.status_code == 303
    r = browser.post(f"/desk/stories/{sid}/revise", data={"csrf_token": token, "action": "update",
                                                          "body": "<p>More detail.</p>"}, follow_redirects=False)
    assert r.status_code == 303
    r = browser.post(f"/desk/stories/{sid}/withdraw", data={"csrf_token": token, "reason": "Legal advice"},
                     follow_redirects=False)
    assert r.status_code == 303
    versions = services.newsroom.versions(sid)
    assert [(v.version, v.signal.value) for v in versions] == [(1, "publish"), (2, "correct"), (3, "update"), (4, "withdraw")]
    assert versions[1].ed_note == "Trade, not energy" and versions[3].ed_note == "Legal advice"
    page = browser.get(f"/desk/stories/{sid}").text
    assert "Legal advice" in page and "/withdraw" not in page  # no actions left on a withdrawn story

    flow = browser.get("/desk/flow").text
    order = [m for m in re.findall(r'class="badge (publish|update|correct|withdraw)"', flow)]
    assert order == ["withdraw", "update", "correct", "publish"]  # newest first
    preview = re.search(rf'href="(/desk/flow/{sid}/1/ninjs)"', flow)
    assert preview and f"/api/v1/documents/{sid}?version=1&amp;format=newsmlg2" in flow
    doc = browser.get(preview.group(1))
    assert doc.status_code == 200 and doc.json()["uri"] == latest.uri
    assert browser.get(f"/desk/flow/{sid}/1/docx").status_code == 422


def test_writes_without_the_csrf_token_are_refused(browser: TestClient, services: Services, editor: str) -> None:
    log_in(browser, "desk", editor)
    r = browser.post("/desk/stories", data={"headline": "x", "language": "en", "body": "y"})
    assert r.status_code == 403
    r = browser.post("/desk/stories", data={"headline": "x", "language": "en", "body": "y", "csrf_token": "forged"})
    assert r.status_code == 403
    assert services.stories_list(status=None, limit=10, offset=0) == []


def test_embargo_from_the_picker_schedules_the_story(browser: TestClient, services: Services, editor: str) -> None:
    token = log_in(browser, "desk", editor)
    when = (datetime.now(UTC) + timedelta(days=2)).replace(second=0, microsecond=0)
    sid = new_story(browser, token, embargoed=when.isoformat().replace("+00:00", "Z"))
    r = browser.post(f"/desk/stories/{sid}/publish", data={"csrf_token": token}, follow_redirects=False)
    assert r.headers["location"].endswith("done=embargoed")
    assert services.newsroom.state(sid).status.value == "embargoed"
    assert "Ministers meet in Baku" in browser.get("/desk/?status=embargoed").text
    # without JavaScript the picker's value is read as UTC
    sid2 = new_story(browser, token, embargo_local=when.strftime("%Y-%m-%dT%H:%M"))
    assert services.newsroom.state(sid2).draft.embargoed == when


def test_bad_input_shows_the_form_again(browser: TestClient, services: Services, editor: str) -> None:
    token = log_in(browser, "desk", editor)
    r = browser.post("/desk/stories", data={"csrf_token": token, "headline": "Kept headline", "language": "klingon",
                                            "body": "text"})
    assert r.status_code == 422 and "Kept headline" in r.text and 'role="alert"' in r.text
    assert services.stories_list(status=None, limit=10, offset=0) == []


def test_body_html_is_sanitized(browser: TestClient, services: Services, editor: str) -> None:
    token = log_in(browser, "desk", editor)
    sid = new_story(browser, token, body='<p onclick="x()">Hi<script>alert(1)</script></p>')
    page = browser.get(f"/desk/stories/{sid}").text
    assert "<script>alert" not in page and "onclick" not in page


def test_photo_upload_from_the_story_page(browser: TestClient, services: Services, editor: str) -> None:
    token = log_in(browser, "desk", editor)
    sid = new_story(browser, token)
    out = BytesIO()
    Image.new("RGB", (900, 600), (30, 90, 160)).save(out, "JPEG")
    r = browser.post(f"/desk/stories/{sid}/photos", data={"csrf_token": token, "caption": "The meeting"},
                     files={"file": ("meeting.jpg", out.getvalue(), "image/jpeg")}, follow_redirects=False)
    assert r.status_code == 303, r.text
    photos = services.newsroom.state(sid).draft.associations
    assert len(photos) == 1 and photos[0].caption == "The meeting"
    page = browser.get(f"/desk/stories/{sid}").text
    thumb = next(r for r in photos[0].renditions if r.name == "thumbnail")
    assert f'src="{thumb.href}"' in page and 'alt="The meeting"' in page
    r = browser.post(f"/desk/stories/{sid}/photos", data={"csrf_token": token},
                     files={"file": ("notes.jpg", b"just text", "image/jpeg")})
    assert r.status_code == 422 and 'role="alert"' in r.text


def test_desk_in_arabic_is_right_to_left(browser: TestClient, services: Services, editor: str) -> None:
    token = log_in(browser, "desk", editor)
    browser.post("/account/language", data={"lang": "ar", "csrf_token": token, "next": "/desk/"})
    page = browser.get("/desk/stories/new").text
    assert '<html lang="ar" dir="rtl">' in page
    assert "قصة جديدة" in page  # "New story"
    for field in ("headline", "language", "category", "priority", "abbreviation", "embargo_local", "people"):
        assert re.search(rf'<label for="{field}"', page), field


def _jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (640, 480), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


def test_the_compose_form_publishes_a_chosen_photo_with_the_first_version(
    browser: TestClient, services: Services, editor: str
) -> None:
    token = log_in(browser, "desk", editor)
    form = {"csrf_token": token, "headline": "Harbour reopens", "language": "en", "body": "<p>Ships sail.</p>",
            "then": "publish", "media_caption": "Ships leaving"}
    r = browser.post("/desk/stories", data=form, files={"media_file": ("ships.jpg", _jpeg(), "image/jpeg")},
                     follow_redirects=False)
    assert r.status_code == 303 and "done=published" in r.headers["location"], r.text
    sid = int(r.headers["location"].split("/")[3].split("?")[0])
    latest = services.newsroom.state(sid).latest
    assert latest is not None and latest.version == 1
    assert [(a.caption, a.role.value if a.role else None) for a in latest.content.associations] == [
        ("Ships leaving", "lead")]


def test_a_bad_file_on_the_compose_form_saves_nothing(browser: TestClient, services: Services, editor: str) -> None:
    token = log_in(browser, "desk", editor)
    form = {"csrf_token": token, "headline": "Harbour reopens", "language": "en", "body": "<p>Ships sail.</p>",
            "then": "publish"}
    r = browser.post("/desk/stories", data=form, files={"media_file": ("ships.jpg", b"<html>no</html>", "image/jpeg")})
    assert r.status_code == 422 and 'role="alert"' in r.text and "Harbour reopens" in r.text
    assert services.stories_list(status=None, limit=10, offset=0) == []
    assert services.media.recent() == []


def test_a_paste_over_the_request_limit_gets_the_form_back(
    browser: TestClient, services: Services, editor: str
) -> None:
    """A 2.5 MB body (over the 2 MB request limit) from a form: the page, not a JSON error."""
    token = log_in(browser, "desk", editor)
    big = "<p>" + "word " * 500_000 + "</p>"
    r = browser.post("/desk/stories", data={"csrf_token": token, "headline": "Long", "language": "en", "body": big},
                     files={"media_file": ("", b"", "application/octet-stream")})
    assert r.status_code == 413, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert 'id="form-error"' in r.text and "body is larger than" in r.text
    assert 'value="Long"' in r.text
    assert services.stories_list(status=None, limit=10, offset=0) == []
