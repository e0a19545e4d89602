"""Security matrix: every subscriber profile × story × endpoint × format.

Nothing a subscriber is not entitled to comes back — no body, no headline of an
unentitled category, language or type, nothing embargoed before its release, nothing
beyond the archive depth, nothing at all for an expired, inactive, deleted or
revoked subscriber — on our own API (``/api/v1``) and the compatible one (``/abone``).
Every story carries unique marker words in its headline and body, and the raw bytes of
each response are searched for them, whatever the format.

The expectation is computed here from the profile definitions, independently of the
code under test; entitled combinations must return the body (so the test can fail).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.core.story import Representation
from newsflow.formats import FORMATS
from newsflow.web.app import create_app
from newsflow.wiring import Services, build_services
from tests.conftest import ADMIN_TOKEN, story_fields
from tests.functional.test_abone_support import Sub, agency_id, make_subscriber

NOW = datetime.now(UTC).replace(microsecond=0)
V1_FORMATS = ("ninjs", "ninjs3", "newsmlg2", "text")
ABONE_FORMATS = ("newsml29", "newsml12", "ninjs", "ninjs3", "text")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class StorySpec:
    key: str
    category: str
    language: str
    type: str = "text"
    old: bool = False  # published 10 days ago
    embargoed: bool = False
    withdrawn: bool = False

    @property
    def headline(self) -> str:
        return f"Headline marker {self.key}zq"

    @property
    def body_marker(self) -> str:
        return f"bodymarker{self.key}xq"


STORIES = (
    StorySpec("econen", "economy", "en"),
    StorySpec("sportsar", "sports", "ar"),
    StorySpec("picsports", "sports", "en", type="picture"),
    StorySpec("oldpolitics", "politics", "en", old=True),
    StorySpec("embargo", "economy", "en", embargoed=True),
    StorySpec("withdrawn", "economy", "en", withdrawn=True),
)


@dataclass(frozen=True)
class Profile:
    name: str
    fields: dict[str, Any]
    live: bool = True  # False: expired, inactive or deleted
    api_key_works: bool = True
    basic_works: bool = True

    def covers(self, s: StorySpec) -> bool:
        f = self.fields
        return (
            self.live
            and (not f.get("categories") or s.category in f["categories"])
            and (not f.get("languages") or s.language in f["languages"])
            and (not f.get("types") or s.type in f["types"])
            and not (f.get("archive_days") is not None and s.old)
            and not s.embargoed
        )

    def gets_body(self, s: StorySpec) -> bool:
        return self.covers(s) and not s.withdrawn


PROFILES = (
    Profile("full", {}),
    Profile("sportsonly", {"categories": ["sports"]}),
    Profile("arabiconly", {"languages": ["ar"]}),
    Profile("picturesonly", {"types": ["picture"]}),
    Profile("archive1day", {"archive_days": 1}),
    Profile("expired", {"expires_at": (NOW - timedelta(days=1)).isoformat()}, live=False),
    Profile("inactive", {"active": False}, live=False),
    Profile("deleted", {}, live=False, api_key_works=False, basic_works=False),
    Profile("keyrevoked", {}, api_key_works=False),
)


@dataclass
class World:
    client: TestClient
    services: Services
    subs: dict[str, Sub]
    ids: dict[str, int]
    aids: dict[str, str]


@pytest.fixture
def world(settings: Settings) -> Iterator[World]:
    clock = Clock(NOW - timedelta(days=10))
    services = build_services(settings, clock=clock)
    with TestClient(create_app(settings, services=services)) as client:
        client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        ids: dict[str, int] = {}
        for spec in sorted(STORIES, key=lambda s: not s.old):  # old ones first, then move the clock
            if not spec.old:
                clock.now = NOW
            fields = story_fields(
                headline=spec.headline, category=spec.category, language=spec.language, type=spec.type,
                body=f"<p>Opening paragraph of {spec.key}.</p><p>The {spec.body_marker} paragraph.</p>",
            )
            if spec.embargoed:
                fields["embargoed"] = (NOW + timedelta(days=1)).isoformat()
            r = client.post("/api/v1/stories?publish=true", json=fields)
            assert r.status_code == 201, r.text
            ids[spec.key] = r.json()["id"]
            if spec.withdrawn:
                r = client.post(f"/api/v1/stories/{ids[spec.key]}/withdraw", json={"reason": "legal"})
                assert r.status_code == 200, r.text
        subs: dict[str, Sub] = {}
        for p in PROFILES:
            subs[p.name] = make_subscriber(client, p.name, **{k: v for k, v in p.fields.items() if k != "active"})
            if "active" in p.fields:
                assert client.patch(f"/api/v1/admin/subscribers/{subs[p.name].id}", json={"active": False}).status_code == 200
        assert client.delete(f"/api/v1/admin/subscribers/{subs['deleted'].id}").status_code == 204
        keys = client.get(f"/api/v1/admin/subscribers/{subs['keyrevoked'].id}").status_code
        assert keys == 200
        key_id = services.subscribers.keys(subs["keyrevoked"].id)[0]["id"]
        assert client.delete(f"/api/v1/admin/subscribers/{subs['keyrevoked'].id}/keys/{key_id}").status_code == 204
        aids = {k: agency_id(client, v) for k, v in ids.items()}
        yield World(client, services, subs, ids, aids)
    services.db.dispose()


def check(profile: Profile, spec: StorySpec, where: str, status: int, content: bytes, *, control: bool = True) -> None:
    """The core assertion: what this response may and may not contain."""
    text = content.decode("utf-8", "replace")
    if not profile.covers(spec):
        assert spec.headline not in text, (profile.name, spec.key, where, status, text[:300])
        assert spec.body_marker not in text, (profile.name, spec.key, where, status)
    if not profile.gets_body(spec):
        assert spec.body_marker not in text, (profile.name, spec.key, where, status)
    elif control:
        # control: an entitled, released story comes back whole
        assert status == 200 and spec.body_marker in text, (profile.name, spec.key, where, status, text[:300])


def api_v1_documents_and_flow(world: World, profile: Profile) -> None:
    c, sub = world.client, world.subs[profile.name]
    for spec in STORIES:
        sid = world.ids[spec.key]
        for fmt in V1_FORMATS:
            if spec.withdrawn:
                continue  # see test_api_v1_withdrawn_document_carries_no_body
            r = c.get(f"/api/v1/documents/{sid}", params={"format": fmt}, headers=sub.bearer)
            if not profile.api_key_works:
                assert r.status_code == 401
            elif profile.gets_body(spec):
                assert r.status_code == 200, (profile.name, spec.key, fmt, r.text)
            else:
                assert r.status_code in (403, 404), (profile.name, spec.key, fmt, r.status_code)
            check(profile, spec, f"v1:{fmt}", r.status_code, r.content, control=profile.api_key_works)
    r = c.get("/api/v1/flow", params={"limit": 1000}, headers=sub.bearer)
    if not profile.api_key_works:
        assert r.status_code == 401
        return
    if not profile.live:
        assert r.status_code == 403
        return
    seen = {e["id"] for e in r.json()["entries"]}
    assert seen == {world.ids[s.key] for s in STORIES if profile.covers(s)}, profile.name
    for spec in STORIES:
        check(profile, spec, "v1:flow", r.status_code, r.content, control=False)


def test_api_v1_withdrawn_document_carries_no_body(world: World) -> None:
    spec = next(s for s in STORIES if s.withdrawn)
    sid = world.ids[spec.key]
    for fmt in V1_FORMATS:
        r = world.client.get(f"/api/v1/documents/{sid}", params={"format": fmt}, headers=world.subs["full"].bearer)
        assert r.status_code == 200, r.text
        assert spec.body_marker.encode() not in r.content
        r = world.client.get(
            f"/api/v1/documents/{sid}", params={"format": fmt, "version": 1}, headers=world.subs["full"].bearer
        )
        assert r.status_code == 410 and spec.body_marker.encode() not in r.content


def abone_documents_tokens_search(world: World, profile: Profile) -> None:
    c, sub = world.client, world.subs[profile.name]
    no_bearer = {"Authorization": ""}
    for spec in STORIES:
        aid = world.aids[spec.key]
        for fmt in ABONE_FORMATS:
            r = c.get(f"/abone/document/{aid}/{fmt}", auth=sub.basic)
            if not profile.basic_works:
                assert r.status_code == 401
            elif profile.covers(spec):
                assert r.status_code == 200, (profile.name, spec.key, fmt, r.text)
            else:
                assert r.status_code in (403, 404), (profile.name, spec.key, fmt, r.status_code)
            if r.status_code != 200:
                assert r.json()["response"]["code"] == r.status_code
            check(profile, spec, f"abone:{fmt}", r.status_code, r.content, control=profile.basic_works)
        r = c.get(f"/abone/token/{aid}/ninjs", auth=sub.basic, follow_redirects=False)
        if r.status_code == 302:
            assert profile.covers(spec), (profile.name, spec.key)
            r = c.get(r.headers["location"], headers=no_bearer)
        check(profile, spec, "abone:token", r.status_code, r.content, control=profile.basic_works)
        r = c.get(f"/abone/multitoken/nf:group:{world.ids[spec.key]}/newsml29", auth=sub.basic)
        check(profile, spec, "abone:multitoken", r.status_code, r.content, control=False)
        if r.status_code == 200:
            for link in r.json()["data"]["result"]:
                got = c.get(link["url"], headers=no_bearer)
                check(profile, spec, "abone:multitoken-link", got.status_code, got.content)
    r = c.post("/abone/search/", data={"limit": 100}, auth=sub.basic)
    if not profile.basic_works:
        assert r.status_code == 401
        return
    if not profile.live:
        assert r.status_code == 403
        return
    listed = {x["id"] for x in r.json()["data"]["result"]}
    assert listed == {world.aids[s.key] for s in STORIES if profile.gets_body(s)}, profile.name
    for spec in STORIES:
        if not profile.gets_body(spec):
            assert spec.headline not in r.text


def test_matrix(world: World) -> None:
    """One world per backend (building it is the slow part), every profile against it."""
    for profile in PROFILES:
        api_v1_documents_and_flow(world, profile)
        abone_documents_tokens_search(world, profile)


def test_partial_representation_never_carries_a_body(world: World) -> None:
    for spec in STORIES:
        for v in world.services.newsroom.versions(world.ids[spec.key]):
            for fmt in FORMATS:
                data = world.services.renderer.render(v, fmt, Representation.PARTIAL)
                assert spec.body_marker.encode() not in data, (spec.key, v.version, fmt)
                assert b"Opening paragraph" not in data, (spec.key, v.version, fmt)


# -- media: types and rendition sizes ----------------------------------------------------------
MEDIA_TYPES = ("picture", "graphic", "video")


@dataclass(frozen=True)
class MediaProfile:
    name: str
    fields: dict[str, Any]
    live: bool = True

    def gets_type(self, type: str) -> bool:
        return self.live and (not self.fields.get("types") or type in self.fields["types"])

    def may_download(self, type: str, rendition: str) -> bool:
        allowed = self.fields.get("renditions")
        return self.gets_type(type) and (not allowed or rendition in allowed)


MEDIA_PROFILES = (
    MediaProfile("mfull", {}),
    MediaProfile("mnovideo", {"types": ["text", "picture", "graphic"]}),
    MediaProfile("mvideoonly", {"types": ["video"]}),
    MediaProfile("mwebsizes", {"renditions": ["thumbnail", "web", "poster"]}),
    MediaProfile("mprintpictures", {"types": ["picture"], "renditions": ["web", "print"]}),
    MediaProfile("mexpired", {"expires_at": (NOW - timedelta(days=1)).isoformat()}, live=False),
)
PUBLIC_FILES = {"thumbnail", "poster"}  # and a picture's or graphic's web rendition


def _media_file(client: TestClient, tmp_path: Any, type: str) -> dict[str, Any]:
    import subprocess
    from io import BytesIO

    from PIL import Image

    if type == "picture":
        out = BytesIO()
        Image.new("RGB", (1600, 900), (10, 20, 30)).save(out, "JPEG")
        data, name = out.getvalue(), "p.jpg"
    elif type == "graphic":
        data, name = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "g.svg"
    else:
        path = tmp_path / "v.mp4"
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x90",
                        "-c:v", "libx264", "-preset", "ultrafast", str(path)], check=True, capture_output=True)
        data, name = path.read_bytes(), "v.mp4"
    r = client.post("/api/v1/media", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 201, r.text
    item = r.json()
    if type == "video":
        from tests.waiting import wait_until

        item = wait_until(lambda: (got := client.get(f"/api/v1/media/{item['id']}").json())["status"] == "ready"
                          and got, "the video to be ready", timeout=300)
    return item  # type: ignore[no-any-return]


def test_media_matrix_by_type_and_rendition(settings: Settings, tmp_path: Any) -> None:
    """Every media profile × media type × rendition × endpoint: nothing outside the subscription."""
    import shutil

    if shutil.which("ffmpeg") is None:
        pytest.skip("the video column needs ffmpeg (make media-tools installs it)")
    services = build_services(settings)
    with TestClient(create_app(settings, services=services)) as client:
        client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        items = {t: _media_file(client, tmp_path, t) for t in MEDIA_TYPES}
        stories = {}
        for t, item in items.items():
            r = client.post("/api/v1/stories?publish=true", json=story_fields(
                type=t, media_id=item["id"], headline=f"Headline marker media{t}zq", body=""))
            assert r.status_code == 201, r.text
            stories[t] = r.json()["id"]
        subs = {p.name: make_subscriber(client, p.name, **p.fields) for p in MEDIA_PROFILES}
        anonymous = TestClient(client.app)
        for p in MEDIA_PROFILES:
            key = subs[p.name].bearer
            downloads = 0
            for t, item in items.items():
                # the story itself, in every format
                for fmt in V1_FORMATS:
                    r = anonymous.get(f"/api/v1/documents/{stories[t]}", params={"format": fmt}, headers=key)
                    if p.gets_type(t):
                        assert r.status_code == 200, (p.name, t, fmt, r.text)
                        assert f"media{t}zq".encode() in r.content
                        downloads += 1  # a document download counts too
                    else:
                        assert r.status_code in (403, 404), (p.name, t, fmt, r.status_code)
                        assert item["id"].encode() not in r.content and f"media{t}zq".encode() not in r.content
                # every rendition file
                for rendition in item["renditions"]:
                    name = rendition["name"]
                    public = name in PUBLIC_FILES or (name == "web" and t != "video")
                    r = anonymous.get(rendition["href"], headers=key)
                    if public:
                        assert r.status_code == 200, (p.name, t, name)
                    elif p.may_download(t, name):
                        assert r.status_code == 200, (p.name, t, name, r.text)
                        downloads += 1
                    else:
                        assert r.status_code == 403, (p.name, t, name, r.status_code)
            # the flow, the search results and their facets never name a type not subscribed
            if p.live:
                flow = anonymous.get("/api/v1/flow", params={"limit": 100}, headers=key)
                assert {e["id"] for e in flow.json()["entries"]} == {stories[t] for t in MEDIA_TYPES if p.gets_type(t)}
                found = anonymous.get("/api/v1/search", params={"q": "", "limit": 50}, headers=key).json()
                assert {h["id"] for h in found["results"]} == {stories[t] for t in MEDIA_TYPES if p.gets_type(t)}
                facet_types = set(found["facets"].get("type", {}))
                assert facet_types == {t for t in MEDIA_TYPES if p.gets_type(t)}, (p.name, found["facets"].get("type"))
                for t, item in items.items():
                    if not p.gets_type(t):
                        assert item["id"].encode() not in flow.content
                        assert f"media{t}zq" not in str(found)
                usage = anonymous.get("/api/v1/usage", headers=key).json()
                assert usage["downloads_today"] == downloads, (p.name, usage)
        _media_on_a_text_story(client, anonymous, items, subs)
    services.db.dispose()


def _media_on_a_text_story(
    client: TestClient, anonymous: TestClient, items: dict[str, dict[str, Any]], subs: dict[str, Sub]
) -> None:
    """A text story carrying a photo, a graphic and a video: each subscriber who gets the
    text gets only the media of the types it subscribes to, in every format and API."""
    r = client.post("/api/v1/stories?publish=true", json=story_fields(
        headline="Headline marker carrierzq", media_ids=[items[t]["id"] for t in MEDIA_TYPES]))
    assert r.status_code == 201, r.text
    text_id = r.json()["id"]
    aid = agency_id(client, text_id)
    for p in MEDIA_PROFILES:
        sub = subs[p.name]
        if not p.gets_type("text"):
            continue
        answers = {fmt: anonymous.get(f"/api/v1/documents/{text_id}", params={"format": fmt}, headers=sub.bearer)
                   for fmt in V1_FORMATS}
        answers |= {f"abone-{fmt}": anonymous.get(f"/abone/document/{aid}/{fmt}", auth=sub.basic)
                    for fmt in ("newsml29", "newsml12", "ninjs")}
        for where, answer in answers.items():
            assert answer.status_code == 200, (p.name, where, answer.text)
            for t, item in items.items():
                shown = item["id"].encode() in answer.content
                assert shown is p.gets_type(t) or (where == "text" and not shown), (p.name, where, t)
        links = anonymous.get(f"/abone/multitoken/nf:group:{text_id}/newsml29", auth=sub.basic).json()["data"]
        listed = {x["type"] for x in links["result"]}
        best = {"picture": ("print", "web"), "graphic": ("print", "web"), "video": ("web", "original", "poster")}
        has = {t: {r["name"] for r in item["renditions"]} for t, item in items.items()}
        assert listed == {"text"} | {t for t in MEDIA_TYPES if any(
            p.may_download(t, size) for size in best[t] if size in has[t])}, (p.name, links)
        for x in links["result"]:
            got = anonymous.get(x["url"], headers={"Authorization": ""})
            assert got.status_code == 200, (p.name, x, got.text)
        found = anonymous.post("/abone/search/", data={"filter_type": "3"}, auth=sub.basic).json()["data"]
        assert bool(found["result"]) is p.gets_type("video"), (p.name, found)
        assert all(x["type"] == "video" for x in found["result"]), found
