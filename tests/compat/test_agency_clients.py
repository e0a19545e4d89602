"""Agency-API client software reads ``/abone/`` as it reads the agency's own API.

A live server holds the demo stories (Arabic, English, Turkish) and a story with a
photo. Two clients crawl it the way subscriber software does — search, then each
document in ``newsml29``, then each photo link — and every story must come back
complete: (a) a PHP script with SimpleXML and ``(string)`` casts (Debian's php-cli and
php-xml, installed by ``make php``), (b) the same reads in Python with lxml.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree

from newsflow.config import Settings
from newsflow.demo.loader import load_demo
from newsflow.wiring import build_services
from tests.conftest import ADMIN_TOKEN, LiveServer, story_fields
from tests.functional.portal.test_media import jpeg_with_gps

PHP_CLIENT = Path(__file__).with_name("agency_client.php")
NAR = "http://iptc.org/std/nar/2006-10-01/"
NITF = "http://iptc.org/std/NITF/2006-10-18/"
NS = {"n": NAR, "nitf": NITF}
TIMEOUT = 60.0


@dataclass(frozen=True)
class Site:
    url: str
    username: str
    password: str
    expected: dict[str, dict[str, Any]]  # agency id -> the story's current content
    photo_story: str  # the agency id of the story carrying a photo


def _agency_id(admin: httpx.Client, story_id: int) -> tuple[str, dict[str, Any]]:
    versions = admin.get(f"/api/v1/stories/{story_id}/versions").json()["versions"]
    day = versions[0]["firstcreated"][:10].replace("-", "")
    return f"nf:text:{day}:{story_id}", versions[-1]["content"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("agency-clients"), admin_token=ADMIN_TOKEN,
        secret_key="agency-client-secret", compat_min_interval_ms=0,
    )
    services = build_services(settings)
    load_demo(services.newsroom)
    with LiveServer(settings, services) as server, httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=TIMEOUT
    ) as admin:
        photo = admin.post("/api/v1/media", files={"file": ("harbour.jpg", jpeg_with_gps((900, 600)), "image/jpeg")},
                           data={"caption": "The harbour at dawn"})
        assert photo.status_code == 201, photo.text
        draft = admin.post("/api/v1/stories", json=story_fields(
            headline="Port of Mersin reopens after the storm", dateline="Mersin", category="economy",
            body="<p>MERSIN (Newsflow) - The port reopened on Friday.</p><p>Ships queued &amp; waited.</p>",
        )).json()
        assert admin.post(f"/api/v1/stories/{draft['id']}/photos", json={"uri": photo.json()["uri"]}).status_code == 200
        assert admin.post(f"/api/v1/stories/{draft['id']}/publish").status_code == 200
        sub = admin.post("/api/v1/admin/subscribers", json={"name": "Crawler Gazette"}).json()
        expected = {}
        for row in admin.get("/api/v1/stories", params={"status": "published", "limit": 100}).json()["stories"]:
            aid, content = _agency_id(admin, row["id"])
            expected[aid] = content
        photo_story, _ = _agency_id(admin, draft["id"])
        yield Site(server.url, sub["username"], sub["password"], expected, photo_story)
    services.db.dispose()


def _check_complete(site: Site, stories: list[dict[str, Any]]) -> None:
    """Every listed story complete; every language there; the photo downloads as JPEG."""
    assert {s["id"] for s in stories} == set(site.expected), "search lists every published story"
    assert {s["language"] for s in stories} >= {"ar", "en", "tr"}
    for s in stories:
        want = site.expected[s["id"]]
        assert s["status"] == 200, s
        assert s["code"] == s["id"]
        assert s["headline"] == want["headline"]
        assert s["content"] and s["content"] == want["body_html"], s["id"]
        text = " ".join(etree.tostring(lxml_html(want["body_html"]), method="text", encoding="unicode").split())
        assert " ".join(s["content_text"].split()) == text
        assert s["summary"] and s["summary"] == (want["description"] or want["abbreviation"] or want["headline"])
        assert s["category"] and s["category_en"] and s["category_ar"], s["id"]
        assert s["city"] and s["city_en"] and s["city_ar"], s["id"]
        assert s["created_at"].endswith("Z")
    with_photo = next(s for s in stories if s["id"] == site.photo_story)
    assert with_photo["city"] == "Mersin" and with_photo["category"] == "Ekonomi"
    assert len(with_photo["images"]) == 1
    for image in with_photo["images"]:
        assert image["id"].startswith("nf:picture:")
        for size in ("print", "web"):
            got = image[size]
            assert got["status"] == 200 and got["type"].startswith("image/jpeg") and got["jpeg"], got
    assert all(not s["images"] for s in stories if s["id"] != site.photo_story)


def lxml_html(fragment: str) -> etree._Element:
    import lxml.html

    return lxml.html.fragment_fromstring(fragment, create_parent="div")


@pytest.fixture(scope="module")
def php() -> str:
    binary = shutil.which("php")
    if binary is None:
        pytest.skip("php-cli is not installed (make php installs php-cli and php-xml)")
    modules = subprocess.run([binary, "-m"], capture_output=True, text=True, timeout=TIMEOUT).stdout
    if "SimpleXML" not in modules:
        pytest.skip("php-xml (SimpleXML) is not installed (make php installs it)")
    return binary


def test_php_simplexml_client_gets_every_story_complete(site: Site, php: str) -> None:
    run = subprocess.run([php, str(PHP_CLIENT), site.url, site.username, site.password],
                         capture_output=True, text=True, timeout=TIMEOUT * 4)
    assert run.returncode == 0, run.stderr
    assert "Warning" not in run.stderr and "Notice" not in run.stderr, run.stderr
    crawl = json.loads(run.stdout)
    assert crawl["total"] == len(site.expected)
    _check_complete(site, crawl["stories"])


def _first(root: etree._Element, path: str) -> str:
    found = root.xpath(path, namespaces=NS)
    return (found[0].text or "") if found else ""


def test_lxml_client_gets_every_story_complete(site: Site) -> None:
    stories = []
    with httpx.Client(base_url=site.url, auth=(site.username, site.password), timeout=TIMEOUT) as api:
        found = api.post("/abone/search/", data={"limit": "100"}).json()["data"]["result"]
        for hit in found:
            r = api.get(f"/abone/document/{hit['id']}/newsml29")
            root = etree.fromstring(r.content)
            item = root.xpath("//n:newsItem", namespaces=NS)[0]
            city = '//n:contentMeta/n:located[@type="cptype:city"]/n:name'
            story = {
                "id": hit["id"], "language": hit["language"], "status": r.status_code,
                "code": item.get("guid"),
                "headline": _first(root, "//n:contentMeta/n:headline"),
                "created_at": _first(root, "//n:itemMeta/n:versionCreated"),
                "content": _first(root, "//nitf:nitf/nitf:body/nitf:body.content"),
                "summary": _first(root, "//nitf:nitf/nitf:body/nitf:body.head/nitf:abstract"),
                "category": _first(root, '//n:subject/n:name[@xml:lang="tr"]'),
                "category_en": _first(root, '//n:subject/n:name[@xml:lang="en"]'),
                "category_ar": _first(root, '//n:subject/n:name[@xml:lang="ar"]'),
                "city": _first(root, f'{city}[@xml:lang="tr"]'),
                "city_en": _first(root, f'{city}[@xml:lang="en"]'),
                "city_ar": _first(root, f'{city}[@xml:lang="ar"]'),
                "images": [],
            }
            story["content_text"] = etree.tostring(lxml_html(story["content"]), method="text", encoding="unicode")
            for residref in root.xpath('//n:itemMeta/n:link[@rel="irel:seeAlso"]/@residref', namespaces=NS):
                image: dict[str, Any] = {"id": str(residref)}
                for size in ("print", "web"):
                    got = api.get(f"/abone/document/{residref}/{size}", follow_redirects=True)
                    image[size] = {"status": got.status_code, "type": got.headers.get("content-type", ""),
                                   "jpeg": got.content[:3] == b"\xff\xd8\xff"}
                story["images"].append(image)
            stories.append(story)
    _check_complete(site, stories)
