"""Uploads of every accepted kind, and of files pretending to be one, over real HTTP.

The files are made here: Pillow for the pixels, Debian's exiftool for the IPTC/XMP/EXIF
a camera and a photo desk would have written (GPS, a body serial number, a caption), so
each test knows exactly what went in. Tests that need exiftool skip without it.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tests.functional.portal.test_media import fetch_image, nothing_stored, upload


@pytest.fixture
def exiftool() -> str:
    path = shutil.which("exiftool")
    if path is None:
        pytest.skip("exiftool is not installed (make media-tools installs Debian's libimage-exiftool-perl)")
    return path


def tags(path_or_bytes: Path | bytes, tmp_path: Path) -> dict[str, object]:
    """Every tag exiftool finds, keyed ``Group:Name``."""
    if isinstance(path_or_bytes, bytes):
        target = tmp_path / "read.bin"
        target.write_bytes(path_or_bytes)
    else:
        target = path_or_bytes
    out = subprocess.run(["exiftool", "-j", "-a", "-G1", str(target)], capture_output=True, check=True)
    return json.loads(out.stdout)[0]


def camera_photo(tmp_path: Path, fmt: str = "JPEG", size: tuple[int, int] = (2000, 1500)) -> bytes:
    """A photo as a camera and a photo desk leave it: IPTC + XMP caption, GPS, serial numbers."""
    ext = {"JPEG": "jpg", "TIFF": "tif", "PNG": "png", "WEBP": "webp"}[fmt]
    path = tmp_path / f"camera.{ext}"
    Image.new("RGB", size, (90, 120, 200)).save(path, fmt)
    subprocess.run(
        ["exiftool", "-q", "-overwrite_original", "-charset", "iptc=UTF8", "-codedcharacterset=utf8",
         "-IPTC:Caption-Abstract=Flood waters rise in the old town", "-XMP-dc:Description=Flood waters rise in the old town",
         "-IPTC:By-line=Leyla Aliyeva", "-XMP-dc:Creator=Leyla Aliyeva",
         "-IPTC:Credit=Camera Agency", "-XMP-photoshop:Credit=Camera Agency",
         "-IPTC:CopyrightNotice=(c) 2026 Camera Agency", "-XMP-dc:Rights=(c) 2026 Camera Agency",
         "-EXIF:DateTimeOriginal=2026:03:14 09:26:53", "-EXIF:Make=SecretCam",
         "-EXIF:SerialNumber=SN-4711-XYZ", "-EXIF:LensSerialNumber=LENS-0815",
         "-GPSLatitude=40.4093", "-GPSLatitudeRef=N", "-GPSLongitude=49.8671", "-GPSLongitudeRef=E",
         str(path)],
        check=True, capture_output=True,
    )
    data = path.read_bytes()
    assert b"SN-4711-XYZ" in data
    return data


def test_metadata_is_read_from_the_file_and_the_editor_wins(client: TestClient, exiftool: str, tmp_path: Path) -> None:
    r = upload(client, camera_photo(tmp_path), name="IMG_0001.JPG", credit="Newsflow / Camera Agency")
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["caption"] == "Flood waters rise in the old town"  # from the file
    assert item["byline"] == "Leyla Aliyeva"
    assert item["copyright"] == "(c) 2026 Camera Agency"
    assert item["credit"] == "Newsflow / Camera Agency"  # the editor's field wins
    assert item["taken"].startswith("2026-03-14T09:26:53")
    names = {rd["name"]: rd for rd in item["renditions"]}
    assert set(names) == {"thumbnail", "web", "print", "original"}
    assert names["original"]["mimetype"] == "image/jpeg" and names["original"]["width"] == 2000


def test_delivered_renditions_carry_credit_and_no_gps_or_serials(client: TestClient, exiftool: str, tmp_path: Path) -> None:
    item = upload(client, camera_photo(tmp_path), caption="Water in the streets of Baku",
                  credit="Newsflow", copyright="(c) 2026 Newsflow").json()
    for rendition in item["renditions"]:
        r = client.get(rendition["href"])
        assert r.status_code == 200, rendition
        assert len(r.content) == rendition["size"]
        found = tags(r.content, tmp_path)
        assert found["IPTC:Credit"] == found["XMP-photoshop:Credit"] == "Newsflow", rendition["name"]
        assert found["IPTC:Caption-Abstract"] == "Water in the streets of Baku"
        assert found["XMP-dc:Rights"] == "(c) 2026 Newsflow"
        assert not [k for k in found if "GPS" in k], (rendition["name"], [k for k in found if "GPS" in k])
        assert not [k for k in found if "Serial" in k], rendition["name"]
        assert b"SN-4711-XYZ" not in r.content and b"LENS-0815" not in r.content


@pytest.mark.parametrize("fmt", ["TIFF", "PNG", "WEBP"])
def test_other_photo_formats_keep_their_original(client: TestClient, exiftool: str, tmp_path: Path, fmt: str) -> None:
    r = upload(client, camera_photo(tmp_path, fmt, (900, 600)), name="x.bin", ctype="application/octet-stream")
    assert r.status_code == 201, r.text
    names = {rd["name"]: rd for rd in r.json()["renditions"]}
    assert names["original"]["mimetype"] == {"TIFF": "image/tiff", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    original = client.get(names["original"]["href"])
    assert original.headers["content-type"] == names["original"]["mimetype"]
    assert Image.open(io.BytesIO(original.content)).size == (900, 600)
    assert not [k for k in tags(original.content, tmp_path) if "GPS" in k]
    image, _ = fetch_image(client, names["web"]["href"])
    assert image.size == (900, 600)


SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="300"
     viewBox="0 0 400 300"><!-- a comment --><defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/>
</linearGradient></defs><rect width="400" height="300" fill="url(#g)"/><use xlink:href="#g"/>
<text x="10" y="20">Vote share, %</text></svg>"""


def test_a_clean_svg_is_a_graphic(client: TestClient) -> None:
    r = upload(client, SVG, name="chart.svg", ctype="image/svg+xml", caption="Election results")
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["type"] == "graphic" and item["caption"] == "Election results"
    names = {rd["name"]: rd for rd in item["renditions"]}
    assert set(names) == {"web", "original"}
    assert (names["web"]["width"], names["web"]["height"], names["web"]["mimetype"]) == (400, 300, "image/svg+xml")
    served = TestClient(client.app).get(names["web"]["href"])
    assert served.status_code == 200 and served.headers["content-type"].startswith("image/svg+xml")
    assert "sandbox" in served.headers["content-security-policy"]
    assert b"Vote share" in served.content and b"a comment" not in served.content


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="alert(1)" width="1" height="1"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<image xlink:href="https://tracker.example/pixel.png"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.example/a.svg#p)"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">'
        b"hi</div></foreignObject></svg>",
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    ],
    ids=["script", "onclick", "external-image", "file-url", "style-url", "import", "foreign-object", "entity"],
)
def test_svg_that_runs_code_or_reaches_outside_is_refused(client: TestClient, svg: bytes) -> None:
    r = upload(client, svg, name="chart.svg", ctype="image/svg+xml")
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["field"] == "file" and "refused" in r.json()["detail"]
    assert nothing_stored(client)


def pdf_bytes(extra: bytes = b"") -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R " + extra + b">> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def test_pdf_graphics_are_accepted_unless_they_run_code(client: TestClient) -> None:
    r = upload(client, pdf_bytes(), name="map.pdf", ctype="application/pdf")
    assert r.status_code == 201, r.text
    assert r.json()["type"] == "graphic"
    assert [rd["mimetype"] for rd in r.json()["renditions"]] == ["application/pdf"]
    r = upload(client, pdf_bytes(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), name="map.pdf")
    assert r.status_code == 422 and "JavaScript" in r.json()["detail"]
    r = upload(client, pdf_bytes()[:60], name="map.pdf")
    assert r.status_code == 422 and "truncated" in r.json()["detail"]


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return out.getvalue()


def png_with_zip_appended() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (1, 2, 3)).save(out, "PNG")
    return out.getvalue() + zip_bytes()


@pytest.mark.parametrize(
    "data",
    [
        zip_bytes(),
        b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        png_with_zip_appended(),
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        b"\x00\x00\x00\x18ftypisom" + b"\x00" * 100,  # an MP4 header and nothing else
        b"MZ\x90\x00" + b"\x00" * 500,
    ],
    ids=["zip", "html", "png+zip", "truncated-png", "truncated-mp4", "exe"],
)
def test_files_pretending_to_be_media_are_refused(client: TestClient, data: bytes) -> None:
    r = upload(client, data, name="photo.png", ctype="image/png")
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["field"] == "file"
    assert client.get("/api/v1/media").json()["media"] == []
    assert nothing_stored(client)
