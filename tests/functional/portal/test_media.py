"""Photo upload and serving over real HTTP, on SQLite and PostgreSQL.

The photos are made here with Pillow, so each test knows exactly what went in: GPS
EXIF, an orientation tag, a PNG under a .jpg name, a text file, a bomb.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from newsflow.config import Settings
from newsflow.web.app import create_app
from newsflow.wiring import build_services
from tests.conftest import ADMIN_TOKEN, story_fields

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(size: tuple[int, int] = (1600, 900), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    for x in range(0, size[0] // 2):  # left half differs, so rotation is visible
        for y in range(0, size[1], 50):
            image.putpixel((x, y), (0, 0, 255))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0131] = "Camera firmware 1.0"  # Software
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 22.0, 30.0), 3: "E", 4: (49.0, 52.0, 0.0)})
    if orientation is not None:
        exif[ORIENTATION] = orientation
    out = BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (640, 480), mode: str = "RGBA") -> bytes:
    out = BytesIO()
    Image.new(mode, size, (10, 120, 10, 128) if mode == "RGBA" else 0).save(out, "PNG")
    return out.getvalue()


def nothing_stored(client: TestClient) -> bool:
    """No file under the media directory, and no staging directory left behind."""
    root = client.app.state.services.settings.media_dir
    return not root.exists() or not [p for p in root.rglob("*") if p.is_file()]


def upload(client: TestClient, data: bytes, name: str = "photo.jpg", ctype: str = "image/jpeg", **form: str):
    return client.post("/api/v1/media", files={"file": (name, data, ctype)}, data=form)


def fetch_image(client: TestClient, href: str) -> tuple[Image.Image, bytes]:
    r = client.get(href)
    assert r.status_code == 200, (href, r.status_code, r.text[:200])
    assert r.headers["content-type"] == "image/jpeg"
    return Image.open(BytesIO(r.content)), r.content


def test_jpeg_with_gps_keeps_no_camera_metadata(client: TestClient) -> None:
    original = jpeg_with_gps()
    assert Image.open(BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the input really has GPS
    r = upload(client, original, caption="Leaders meet in Baku", byline="Photo: A. Reporter")
    assert r.status_code == 201, r.text
    photo = r.json()
    assert photo["type"] == "picture" and photo["status"] == "ready" and len(photo["id"]) == 32
    assert photo["uri"].startswith("urn:newsflow:") and photo["caption"] == "Leaders meet in Baku"
    by_name = {rd["name"]: rd for rd in photo["renditions"]}
    assert {"thumbnail", "web", "print"} <= set(by_name) <= {"thumbnail", "web", "print", "original"}
    assert (by_name["thumbnail"]["width"], by_name["web"]["width"], by_name["print"]["width"]) == (320, 1280, 1600)
    assert by_name["print"]["height"] == 900
    for name in ("thumbnail", "web", "print"):
        rendition = by_name[name]
        assert rendition["href"].startswith("http://testserver/media/") and rendition["mimetype"] == "image/jpeg"
        image, raw = fetch_image(client, rendition["href"])
        assert image.format == "JPEG" and rendition["size"] == len(raw)
        assert (image.width, image.height) == (rendition["width"], rendition["height"])
        assert not image.getexif().get_ifd(GPS_IFD), name
        assert b"SecretCam" not in raw and b"firmware" not in raw
        assert "Leaders meet in Baku" in image.getxmp()["xmpmeta"]["RDF"]["Description"]["description"]["Alt"]["li"][
            "text"
        ]
    listed = client.get("/api/v1/media").json()["media"]
    assert [m["id"] for m in listed] == [photo["id"]]
    assert client.get(f"/api/v1/media/{photo['id']}").json() == photo


def test_orientation_is_applied_before_the_tag_is_dropped(client: TestClient) -> None:
    r = upload(client, jpeg_with_gps((400, 200), orientation=6))  # 6: rotate 90 degrees clockwise
    assert r.status_code == 201, r.text
    print_rendition = next(rd for rd in r.json()["renditions"] if rd["name"] == "print")
    image, _ = fetch_image(client, print_rendition["href"])
    assert (image.width, image.height) == (200, 400)
    assert ORIENTATION not in image.getexif()


def test_png_named_jpg_is_sniffed_from_its_bytes(client: TestClient) -> None:
    r = upload(client, png_bytes(), name="disguised.jpg", ctype="image/jpeg")
    assert r.status_code == 201, r.text
    web = next(rd for rd in r.json()["renditions"] if rd["name"] == "web")
    image, _ = fetch_image(client, web["href"])
    assert (image.width, image.height) == (640, 480)  # smaller than 1280: never upscaled
    # the half-transparent green was flattened onto white, not onto black
    assert image.getpixel((10, 10))[1] > 150 and image.getpixel((10, 10))[0] > 100


def test_webp_is_accepted(client: TestClient) -> None:
    out = BytesIO()
    Image.new("RGB", (300, 200), (1, 2, 3)).save(out, "WEBP")
    r = upload(client, out.getvalue(), name="x.bin", ctype="application/octet-stream")
    assert r.status_code == 201, r.text


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a photo, only text with a .jpg name\n" * 20,
        b"GIF89a" + b"\x00" * 200,  # a real format, but not one we accept
        jpeg_with_gps((200, 200))[:300],  # truncated JPEG
        b"",
    ],
    ids=["text", "gif-header", "truncated-jpeg", "empty"],
)
def test_non_photos_are_refused(client: TestClient, data: bytes) -> None:
    r = upload(client, data, name="evil.jpg")
    assert 400 <= r.status_code < 500, r.status_code
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["field"] == "file"
    assert client.get("/api/v1/media").json()["media"] == []
    assert nothing_stored(client)


def test_decompression_bomb_is_refused_before_decoding(client: TestClient) -> None:
    bomb = png_bytes((8000, 8000), mode="1")  # 64 megapixels in a few kilobytes
    assert len(bomb) < 200_000
    r = upload(client, bomb, name="bomb.png", ctype="image/png")
    assert r.status_code == 422, r.text
    assert "8000x8000" in r.json()["detail"]


@pytest.fixture
def small_limit_client(settings: Settings) -> Iterator[TestClient]:
    tight = replace(settings, max_upload_bytes=100_000)
    services = build_services(tight)
    try:
        with TestClient(create_app(tight, services=services)) as c:
            c.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
            yield c
    finally:
        services.db.dispose()


def test_oversize_uploads_are_413(small_limit_client: TestClient) -> None:
    noise = Image.frombytes("RGB", (400, 400), bytes(range(256)) * 1875)
    out = BytesIO()
    noise.save(out, "PNG", compress_level=0)
    just_over = out.getvalue()[:120_000]  # over the photo limit, under the request allowance
    r = upload(small_limit_client, just_over, name="big.png", ctype="image/png")
    assert r.status_code == 413, r.text
    r = upload(small_limit_client, b"\xff" * 400_000)  # refused by the request size guard
    assert r.status_code == 413, r.text
    assert small_limit_client.get("/api/v1/media").json()["media"] == []


def test_attach_photo_to_draft_then_publish(client: TestClient) -> None:
    story = client.post("/api/v1/stories", json=story_fields()).json()
    photo = upload(client, jpeg_with_gps((800, 600)), caption="Upload caption").json()
    r = client.post(f"/api/v1/stories/{story['id']}/photos", json={"uri": photo["uri"], "caption": "On this story"})
    assert r.status_code == 200, r.text
    draft = client.get(f"/api/v1/stories/{story['id']}").json()["draft"]
    assert [(a["uri"], a["caption"]) for a in draft["associations"]] == [(photo["uri"], "On this story")]
    # attaching again replaces, never duplicates
    client.post(f"/api/v1/stories/{story['id']}/photos", json={"uri": photo["uri"]})
    draft = client.get(f"/api/v1/stories/{story['id']}").json()["draft"]
    assert [(a["uri"], a["caption"]) for a in draft["associations"]] == [(photo["uri"], "Upload caption")]

    assert client.post(f"/api/v1/stories/{story['id']}/publish").status_code == 200
    latest = client.get(f"/api/v1/stories/{story['id']}").json()["latest"]["content"]
    assert latest["associations"][0]["uri"] == photo["uri"]
    r = client.post(f"/api/v1/stories/{story['id']}/photos", json={"uri": photo["uri"]})
    assert r.status_code == 409
    r = client.post(f"/api/v1/stories/{story['id']}/photos", json={"uri": "urn:newsflow:x:media:nope"})
    assert r.status_code == 404


def test_who_may_fetch_which_rendition(client: TestClient) -> None:
    photo = upload(client, jpeg_with_gps((800, 600))).json()
    hrefs = {rd["name"]: rd["href"] for rd in photo["renditions"]}
    anonymous = TestClient(client.app)
    assert anonymous.get(hrefs["web"]).status_code == 200
    assert anonymous.get(hrefs["thumbnail"]).status_code == 200
    assert anonymous.get(hrefs["print"]).status_code == 401
    assert client.get(hrefs["print"]).status_code == 200  # admin

    sub = client.post("/api/v1/admin/subscribers", json={"name": "Daily Paper"}).json()
    key = {"Authorization": f"Bearer {sub['api_key']}"}
    assert anonymous.get(hrefs["print"], headers=key).status_code == 200
    assert anonymous.post("/api/v1/media", headers=key, files={"file": ("a.jpg", b"x", "image/jpeg")}).status_code == 403
    client.patch(f"/api/v1/admin/subscribers/{sub['id']}", json={"active": False})
    assert anonymous.get(hrefs["print"], headers=key).status_code == 403
    assert anonymous.get(hrefs["web"], headers=key).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["..%2F..%2Fsecret_key", "secret_key", "x.jpg", "0123456789abcdef0123456789abcdef-web.png",
     "0123456789abcdef0123456789abcdef-web.jpg", "%2e%2e%2fnewsflow.db"],
)
def test_only_our_own_file_names_are_served(client: TestClient, name: str) -> None:
    assert client.get(f"/media/{name}").status_code == 404
