"""The subscriber wire over real HTTP: pages, entitlement, story view, downloads, topics,
keys and webhooks, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import story_fields
from functional.portal.test_portal_core import login
from newsflow.config import Settings
from newsflow.web.app import create_app
from newsflow.web.wire.diff import word_diff
from newsflow.wiring import Services


@pytest.fixture
def browser(settings: Settings, services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(settings, services=services)) as c:
        yield c


@pytest.fixture
def gazette(services: Services) -> dict[str, Any]:
    """A subscriber to economy only."""
    return services.subscribers.create({"name": "Gazette", "categories": ["economy"]})


def publish(client: TestClient, **fields: object) -> dict[str, Any]:
    r = client.post("/api/v1/stories?publish=true", json=story_fields(**fields))
    assert r.status_code == 201, r.text
    return r.json()


def test_wire_lists_only_entitled_stories(client: TestClient, browser: TestClient, gazette: dict) -> None:
    publish(client, headline="Rates held steady", category="economy")
    publish(client, headline="Cup final tonight", category="sports")
    login(browser, "wire", gazette["username"], gazette["password"])
    page = browser.get("/wire/").text
    assert "Rates held steady" in page
    assert "Cup final tonight" not in page
    config = re.search(r'id="wire-config">(.*?)</script>', page, re.S)
    assert config and '"after":' in config.group(1)


def test_wire_filters_and_story_view_with_history(client: TestClient, browser: TestClient, gazette: dict) -> None:
    first = publish(client, headline="Inflation rises", priority="flash", category="economy",
                    body="<p>Inflation rose to 5 percent in May.</p>")
    sid = first["id"]
    r = client.post(f"/api/v1/stories/{sid}/correct", json={"note": "corrects the figure",
                                                              "body": "<p>Inflation rose to 4 percent in May.</p>"})
    assert r.status_code == 200, r.text
    login(browser, "wire", gazette["username"], gazette["password"])
    assert "Inflation rises" in browser.get("/wire/?priority=flash").text
    assert "Inflation rises" not in browser.get("/wire/?priority=routine").text
    page = browser.get("/wire/").text
    assert "Corrected" in page  # the line is marked, not duplicated
    assert page.count("Inflation rises") == 1
    story = browser.get(f"/wire/stories/{sid}")
    assert story.status_code == 200
    assert "<del>5</del>" in story.text and "<ins>4</ins>" in story.text
    assert "corrects the figure" in story.text
    assert browser.get(f"/wire/story?uri={first['uri']}").status_code == 200


def test_download_links_work_with_the_cookie_and_count(client: TestClient, browser: TestClient,
                                                       gazette: dict, shared_schemas: Any = None) -> None:
    sid = publish(client, headline="Budget approved", category="economy")["id"]
    login(browser, "wire", gazette["username"], gazette["password"])
    story = browser.get(f"/wire/stories/{sid}").text
    links = re.findall(r'href="(/api/v1/documents/[^"]+)"', story)
    assert len(links) == 4
    newsml = next(link for link in links if "newsmlg2" in link).replace("&amp;", "&")
    r = browser.get(newsml)
    assert r.status_code == 200
    assert b"newsMessage" in r.content
    usage = browser.get("/wire/usage").text
    assert re.search(r'id="downloads-today">1<', usage)


def test_not_entitled_story_is_refused(client: TestClient, browser: TestClient, gazette: dict) -> None:
    sid = publish(client, headline="Derby", category="sports")["id"]
    login(browser, "wire", gazette["username"], gazette["password"])
    assert browser.get(f"/wire/stories/{sid}").status_code == 403
    assert browser.get(f"/api/v1/documents/{sid}?format=text").status_code == 403


def test_withdrawn_story_shows_no_text(client: TestClient, browser: TestClient, gazette: dict) -> None:
    sid = publish(client, headline="Wrong report", category="economy", body="<p>SECRET-BODY-TEXT</p>")["id"]
    r = client.post(f"/api/v1/stories/{sid}/withdraw", json={"reason": "legal"})
    assert r.status_code == 200, r.text
    login(browser, "wire", gazette["username"], gazette["password"])
    page = browser.get(f"/wire/stories/{sid}").text
    assert "withdrawn" in page.lower()
    assert "SECRET-BODY-TEXT" not in page  # neither the body nor the history diffs
    assert "/api/v1/documents/" not in page


def test_saved_topics_are_private_to_their_user(browser: TestClient, gazette: dict, services: Services) -> None:
    other = services.subscribers.create({"name": "Other"})
    token = login(browser, "wire", gazette["username"], gazette["password"])
    r = browser.post("/wire/topics", data={"csrf_token": token, "name": "Flash economy", "category": "economy",
                                           "priority": "flash", "alert": "on"}, follow_redirects=False)
    assert r.status_code == 303
    page = browser.get("/wire/topics").text
    assert "Flash economy" in page
    topic_id = int(re.search(r'/wire/topics/(\d+)/delete', page).group(1))
    config = re.search(r'id="wire-config">(.*?)</script>', browser.get("/wire/").text, re.S).group(1)
    assert json.loads(config)["alerts"][0]["id"] == topic_id
    intruder = TestClient(browser.app)
    itoken = login(intruder, "wire", other["username"], other["password"])
    assert "Flash economy" not in intruder.get("/wire/topics").text
    assert intruder.post(f"/wire/topics/{topic_id}/delete", data={"csrf_token": itoken}).status_code == 404
    r = browser.post("/wire/topics", data={"csrf_token": token, "name": "empty"})
    assert r.status_code == 422


def test_keys_show_the_secret_once_and_revoke(browser: TestClient, gazette: dict, services: Services) -> None:
    token = login(browser, "wire", gazette["username"], gazette["password"])
    r = browser.post("/wire/keys", data={"csrf_token": token, "label": "cms"})
    assert r.status_code == 201
    secret = re.search(r'id="new-secret">([^<]+)<', r.text).group(1)
    assert services.accounts.from_bearer(secret).subscriber_id == gazette["id"]
    listing = browser.get("/wire/keys").text
    assert secret not in listing and "cms" in listing
    key_id = max(k["id"] for k in services.subscribers.keys(gazette["id"]))
    r = browser.post(f"/wire/keys/{key_id}/revoke", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    with pytest.raises(Exception, match="revoked"):
        services.accounts.from_bearer(secret)


def test_webhooks_create_list_delete(browser: TestClient, gazette: dict, services: Services) -> None:
    if getattr(services, "webhooks", None) is None:
        pytest.skip("the webhooks service is not wired in this build")
    token = login(browser, "wire", gazette["username"], gazette["password"])
    r = browser.post("/wire/webhooks", data={"csrf_token": token, "url": "http://127.0.0.1:9/hook"})
    assert r.status_code == 422  # private targets are refused by default
    r = browser.post("/wire/webhooks", data={"csrf_token": token, "url": "https://93.184.215.14/hook",
                                             "format": "ninjs"})
    assert r.status_code == 201, r.text
    assert re.search(r'id="new-secret">[^<]{16,}<', r.text)
    hooks = services.webhooks.list(gazette["id"])
    assert len(hooks) == 1
    r = browser.post(f"/wire/webhooks/{hooks[0]['id']}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert services.webhooks.list(gazette["id"]) == []


def test_wire_stream_token_needs_the_csrf_header(browser: TestClient, gazette: dict) -> None:
    token = login(browser, "wire", gazette["username"], gazette["password"])
    assert browser.post("/wire/stream-token").status_code == 403
    r = browser.post("/wire/stream-token", headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and r.json()["token"]


def test_search_page(client: TestClient, browser: TestClient, gazette: dict, services: Services) -> None:
    publish(client, headline="Oil prices climb", category="economy", body="<p>Brent crude climbed.</p>")
    publish(client, headline="Oil team wins", category="sports", body="<p>Oil FC won the cup.</p>")
    login(browser, "wire", gazette["username"], gazette["password"])
    page = browser.get("/wire/search?q=oil")
    assert page.status_code == 200
    if getattr(services, "search", None) is None:
        assert "not available" in page.text
        return
    assert "Oil prices climb" in page.text
    assert "Oil team wins" not in page.text  # the search obeys the subscription


def test_word_diff_escapes() -> None:
    out = str(word_diff("a <b>old</b> c", "a <b>new</b> c"))
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert "<del>&lt;b&gt;old&lt;/b&gt;</del>" in out and "<ins>&lt;b&gt;new&lt;/b&gt;</ins>" in out


def test_photo_rendition_downloads_are_entitled_and_counted(client: TestClient, browser: TestClient,
                                                           gazette: dict) -> None:
    from functional.portal.test_media import jpeg_with_gps, upload

    media = upload(client, jpeg_with_gps(), caption="Harbour at dawn").json()
    draft = client.post("/api/v1/stories", json=story_fields(headline="Port reopens", category="economy")).json()
    r = client.post(f"/api/v1/stories/{draft['id']}/photos", json={"uri": media["uri"]})
    assert r.status_code in (200, 201), r.text
    client.post(f"/api/v1/stories/{draft['id']}/publish")
    login(browser, "wire", gazette["username"], gazette["password"])
    page = browser.get(f"/wire/stories/{draft['id']}").text
    links = re.findall(r'href="(/wire/stories/\d+/photos/0/(?:thumbnail|web|print))"', page)
    assert len(links) == 3, page
    r = browser.get(next(link for link in links if link.endswith("/print")))
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/") and r.content[:2] == b"\xff\xd8"
    usage = browser.get("/wire/usage").text
    assert re.search(r'id="downloads-today">1<', usage)
    assert browser.get(f"/wire/stories/{draft['id']}/photos/5/web").status_code == 404
    other = publish(client, headline="Match report", category="sports")["id"]
    assert browser.get(f"/wire/stories/{other}/photos/0/web").status_code == 403


def test_video_on_the_wire_plays_from_its_poster_and_is_left_off_without_video(
    client: TestClient, services: Services, tmp_path: Any
) -> None:
    import shutil
    import subprocess

    from tests.waiting import wait_until

    if shutil.which("ffmpeg") is None:
        pytest.skip("the video needs ffmpeg (make media-tools installs it)")
    clip = tmp_path / "v.mp4"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x90",
                    "-c:v", "libx264", "-preset", "ultrafast", str(clip)], check=True, capture_output=True)
    video = client.post("/api/v1/media", files={"file": ("v.mp4", clip.read_bytes(), "video/mp4")}).json()
    ready = wait_until(lambda: (got := client.get(f"/api/v1/media/{video['id']}").json())["status"] == "ready" and got,
                       "the video", 300)
    poster = next(r["href"] for r in ready["renditions"] if r["name"] == "poster")
    thumb = next(r["href"] for r in ready["renditions"] if r["name"] == "thumbnail")
    sid = publish(client, headline="Floods in the valley", category="economy", media_ids=[video["id"]])["id"]
    readers = {
        "all": services.subscribers.create({"name": "All media"}),
        "no-video": services.subscribers.create({"name": "Words and pictures", "types": ["text", "picture"]}),
    }
    for name, sub in readers.items():
        with TestClient(client.app) as browser:
            login(browser, "wire", sub["username"], sub["password"])
            listing = browser.get("/wire/").text
            page = browser.get(f"/wire/stories/{sid}").text
            assert "Floods in the valley" in listing and "Floods in the valley" in page
            if name == "no-video":
                assert video["id"] not in listing and video["id"] not in page and "<video" not in page
                assert browser.get(f"/wire/stories/{sid}/photos/0/web").status_code == 404
                continue
            assert f'class="thumb" src="{thumb}"' in listing
            assert f'poster="{poster}"' in page and f'src="/wire/stories/{sid}/photos/0/web?inline=1"' in page
            for rendition in ("web", "original", "poster", "thumbnail"):
                assert f'href="/wire/stories/{sid}/photos/0/{rendition}?inline=1"' in page
                assert f'href="/wire/stories/{sid}/photos/0/{rendition}" download' in page
            played = browser.get(f"/wire/stories/{sid}/photos/0/web?inline=1", headers={"Range": "bytes=0-"})
            assert played.status_code == 206 and played.headers["content-type"] == "video/mp4"
            assert played.headers["content-disposition"].startswith("inline")
            more = browser.get(f"/wire/stories/{sid}/photos/0/web?inline=1", headers={"Range": "bytes=100-"})
            assert more.status_code == 206
            saved = browser.get(f"/wire/stories/{sid}/photos/0/original")
            assert saved.status_code == 200 and saved.headers["content-disposition"].startswith("attachment")
            assert services.subscribers.usage(sub["id"])["downloads_today"] == 2  # the play once, the save
            # a range asked for first (byte 0 skipped) counts; its further ranges do not
            skipped = browser.get(f"/wire/stories/{sid}/photos/0/poster?inline=1", headers={"Range": "bytes=1-"})
            assert skipped.status_code == 206
            browser.get(f"/wire/stories/{sid}/photos/0/poster?inline=1", headers={"Range": "bytes=50-"})
            assert services.subscribers.usage(sub["id"])["downloads_today"] == 3
