"""Media on stories and media stories, through every channel, against a real server.

A published story that gains a photo publishes a new version (same uri): an SSE
subscriber and a webhook receive it with the association, and the ninjs (2.1, 3.1) and
NewsML-G2 documents of it validate against the IPTC schemas. Picture, graphic and
gallery stories are items of their own, with their renditions in every format.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from io import BytesIO
from typing import Any

import httpx
import pytest
from lxml import etree

from newsflow.config import Settings
from newsflow.wiring import build_services
from tests.conftest import LiveServer, story_fields
from tests.functional.test_stream_sse import SSEClient, api, bearer, new_subscriber
from tests.functional.test_webhooks import Receiver, receivers  # noqa: F401  (the fixture)
from tests.standards import newsml_schema, ninjs_validator
from tests.waiting import wait_until

G2 = "{http://iptc.org/std/nar/2006-10-01/}"


def jpeg(size: tuple[int, int] = (1600, 1000), colour: tuple[int, int, int] = (30, 90, 160)) -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100"/></svg>'


@pytest.fixture
def media_live(settings: Settings) -> Iterator[LiveServer]:
    s = replace(settings, webhooks_allow_private=True)  # the receiver lives on loopback
    services = build_services(s)
    try:
        with LiveServer(s, services) as server:
            yield server
    finally:
        services.db.dispose()


def upload(http: httpx.Client, data: bytes, name: str = "photo.jpg", **form: str) -> dict[str, Any]:
    r = http.post("/api/v1/media", files={"file": (name, data, "application/octet-stream")}, data=form)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def documents(http: httpx.Client, key: str, story_id: int) -> dict[str, Any]:
    """The latest version in ninjs 2.1 and 3.1 and NewsML-G2, each validated."""
    out: dict[str, Any] = {}
    for fmt, schema in (("ninjs", "2.1"), ("ninjs3", "3.1")):
        r = http.get(f"/api/v1/documents/{story_id}", params={"format": fmt}, headers=bearer(key))
        assert r.status_code == 200, r.text
        doc = r.json()
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in ninjs_validator(schema).iter_errors(doc)]
        assert errors == [], (schema, errors)
        out[fmt] = doc
    r = http.get(f"/api/v1/documents/{story_id}", params={"format": "newsmlg2"}, headers=bearer(key))
    assert r.status_code == 200, r.text
    root = etree.fromstring(r.content)
    newsml_schema().assertValid(root)
    out["newsmlg2"] = root
    return out


def test_a_published_story_gains_a_photo_in_every_channel(media_live: LiveServer, receivers: Any) -> None:  # noqa: F811
    http = api(media_live)
    sub = new_subscriber(http)
    receiver: Receiver = receivers()
    hook = http.post("/api/v1/webhooks", json={"url": receiver.url, "format": "ninjs"}, headers=bearer(sub["api_key"]))
    assert hook.status_code == 201, hook.text
    stream = SSEClient(media_live.url, headers=bearer(sub["api_key"]))
    try:
        story = http.post("/api/v1/stories?publish=true", json=story_fields(headline="Breaking: flood")).json()
        photo = upload(http, jpeg(), caption="Water in the old town", credit="Newsflow")
        r = http.post(f"/api/v1/stories/{story['id']}/media", json={"media_id": photo["id"], "role": "lead"})
        assert r.status_code == 200, r.text
        assert (r.json()["version"], r.json()["uri"], r.json()["status"]) == (2, story["uri"], "published")

        events = stream.take(2)
        assert [e.event for e in events] == ["publish", "update"]
        update = events[1].json()
        assert update["uri"] == story["uri"] and update["version"] == "2"
        [association] = update["associations"]
        assert association["uri"] == photo["uri"] and association["type"] == "picture"
        assert association["descriptions"][0]["value"] == "Water in the old town"
        assert {rd["name"] for rd in association["renditions"]} >= {"thumbnail", "web", "print"}
        assert "associations" not in events[0].json()

        delivered = wait_until(lambda: len(receiver.ok()) >= 2 and receiver.ok(), "both webhook deliveries")
        hooked = json.loads(delivered[1].body)
        assert hooked["version"] == "2" and hooked["associations"][0]["uri"] == photo["uri"]

        docs = documents(http, sub["api_key"], story["id"])
        assert docs["ninjs3"]["associations"][0]["rel"] == "lead"
        web = next(rd for rd in docs["ninjs"]["associations"][0]["renditions"] if rd["name"] == "web")
        assert web["sizeinbytes"] > 0 and web["width"] == 1280
        links = docs["newsmlg2"].findall(f".//{G2}itemMeta/{G2}link")
        assert [(link.get("rel"), link.get("residref")) for link in links] == [("irel:seeAlso", photo["uri"])]
        assert {rc.get("rendition") for rc in links[0].findall(f"{G2}remoteContent")} >= {"rnd:web", "rnd:print"}

        r = http.delete(f"/api/v1/stories/{story['id']}/media/{photo['id']}")
        assert r.status_code == 200 and r.json()["version"] == 3
        assert "associations" not in stream.take(1)[0].json()
        assert http.delete(f"/api/v1/stories/{story['id']}/media/{photo['id']}").status_code == 404
    finally:
        stream.close()


def test_media_on_a_draft_edits_it_and_a_new_lead_demotes_the_old(media_live: LiveServer) -> None:
    http = api(media_live)
    story = http.post("/api/v1/stories", json=story_fields()).json()
    first, second = upload(http, jpeg()), upload(http, jpeg(colour=(200, 10, 10)))
    for photo in (first, second):
        r = http.post(f"/api/v1/stories/{story['id']}/media", json={"media_id": photo["id"], "role": "lead"})
        assert r.status_code == 200 and r.json()["version"] == 0, r.text
    draft = http.get(f"/api/v1/stories/{story['id']}").json()["draft"]
    assert [(a["uri"], a.get("role")) for a in draft["associations"]] == [
        (second["uri"], "lead"), (first["uri"], "inline")
    ]
    assert http.get("/api/v1/flow").json()["entries"] == []  # nothing announced for a draft
    bad = http.post(f"/api/v1/stories/{story['id']}/media", json={"media_id": first["id"], "role": "cover"})
    assert bad.status_code == 422 and bad.json()["field"] == "role"
    missing = http.post(f"/api/v1/stories/{story['id']}/media", json={"media_id": "0" * 32})
    assert missing.status_code == 404


def test_picture_graphic_and_gallery_stories_are_items_of_their_own(media_live: LiveServer) -> None:
    http = api(media_live)
    sub = new_subscriber(http)
    photo = upload(http, jpeg(), caption="Leaders in Baku")
    other = upload(http, jpeg((800, 1200)), caption="The harbour")
    graphic = upload(http, SVG, name="chart.svg")

    r = http.post("/api/v1/stories?publish=true", json=story_fields(type="picture", media_id=photo["id"], body=""))
    assert r.status_code == 201, r.text
    picture = documents(http, sub["api_key"], r.json()["id"])
    assert picture["ninjs"]["type"] == "picture"
    assert {rd["name"] for rd in picture["ninjs"]["renditions"]} >= {"thumbnail", "web", "print"}
    item = picture["newsmlg2"].find(f".//{G2}newsItem")
    assert item.find(f"{G2}itemMeta/{G2}itemClass").get("qcode") == "ninat:picture"
    remotes = item.findall(f"{G2}contentSet/{G2}remoteContent")
    assert {rc.get("rendition") for rc in remotes} >= {"rnd:thumbnail", "rnd:web", "rnd:print"}
    assert all(int(rc.get("size")) > 0 for rc in remotes)

    r = http.post("/api/v1/stories?publish=true",
                  json=story_fields(type="picture", media_ids=[photo["id"], other["id"]], body=""))
    assert r.status_code == 201, r.text
    gallery = documents(http, sub["api_key"], r.json()["id"])
    assert [a["uri"] for a in gallery["ninjs"]["associations"]] == [photo["uri"], other["uri"]]
    assert [a["name"] for a in gallery["ninjs"]["associations"]] == ["gallery1", "gallery2"]

    r = http.post("/api/v1/stories?publish=true", json=story_fields(type="graphic", media_id=graphic["id"], body=""))
    assert r.status_code == 201, r.text
    assert documents(http, sub["api_key"], r.json()["id"])["ninjs"]["type"] == "graphic"

    # an update, a correction and a withdrawal work as for text
    sid = r.json()["id"]
    assert http.post(f"/api/v1/stories/{sid}/correct", json={"headline": "Chart, fixed", "note": "axis"}).status_code == 200
    assert http.post(f"/api/v1/stories/{sid}/withdraw", json={"reason": "wrong data"}).status_code == 200
    withdrawn = http.get(f"/api/v1/documents/{sid}", headers=bearer(sub["api_key"]))
    assert withdrawn.status_code in (200, 410)
    if withdrawn.status_code == 200:
        assert "renditions" not in withdrawn.json() and "associations" not in withdrawn.json()


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"type": "video", "media_id": "PHOTO"}, 422, "media_id"),
        ({"type": "graphic", "media_ids": ["PHOTO", "PHOTO"]}, 422, "media_ids"),
        ({"type": "picture", "media_id": "f" * 32}, 404, "media_id"),
        ({"type": "picture", "media_id": "../../etc/passwd"}, 404, "media_id"),
    ],
    ids=["wrong-type", "twice", "unknown", "path"],
)
def test_media_stories_refuse_what_does_not_fit(
    media_live: LiveServer, fields: dict[str, Any], status: int, field: str
) -> None:
    http = api(media_live)
    photo = upload(http, jpeg((300, 200)))
    fields = {k: ([photo["id"] if i == "PHOTO" else i for i in v] if isinstance(v, list) else
                  (photo["id"] if v == "PHOTO" else v)) for k, v in fields.items()}
    r = http.post("/api/v1/stories?publish=true", json=story_fields(**fields))
    assert r.status_code == status, r.text
    assert r.json()["field"] == field
    assert http.get("/api/v1/flow").json()["entries"] == []
