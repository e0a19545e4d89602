"""Video uploads: probed at once, transcoded in the background, publishable when ready.

The videos are made here with ``ffmpeg -f lavfi`` (a test pattern and a tone, a few
seconds). Tests wait for the job's own status with a generous bound; nothing here
asserts how fast a transcode is (``bench/bench_media.py`` measures that).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.core.media import MediaItem, MediaMetadata, MediaStatus
from newsflow.core.story import ContentType
from newsflow.services import video
from newsflow.store import media as media_store
from newsflow.web.app import create_app
from newsflow.wiring import build_services
from tests.conftest import ADMIN_TOKEN, story_fields
from tests.functional.portal.test_media import nothing_stored
from tests.waiting import wait_until

TRANSCODE_DEADLINE = 300.0  # seconds; only a broken job waits this long


@pytest.fixture
def ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if path is None or shutil.which("ffprobe") is None:
        pytest.skip("ffmpeg/ffprobe are not installed (make media-tools installs Debian's ffmpeg)")
    return path


def make_video(tmp_path: Path, name: str, *codec: str, seconds: int = 3, size: str = "640x360") -> bytes:
    path = tmp_path / name
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate=25",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-shortest", *codec, str(path)],
        check=True, capture_output=True, timeout=120,
    )
    return path.read_bytes()


def probe(data: bytes, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "probe.bin"
    path.write_bytes(data)
    out = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_streams", "-show_format", str(path)],
                         capture_output=True, check=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def upload(client: TestClient, data: bytes, name: str = "clip.mp4", **form: str) -> Any:
    return client.post("/api/v1/media", files={"file": (name, data, "video/mp4")}, data=form)


def settled(client: TestClient, media_id: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        item = client.get(f"/api/v1/media/{media_id}").json()
        return item if item["status"] != "processing" else None

    return wait_until(done, f"media {media_id} to leave processing", timeout=TRANSCODE_DEADLINE)


def test_a_video_is_transcoded_in_the_background_and_then_publishable(
    client: TestClient, ffmpeg: str, tmp_path: Path
) -> None:
    source = make_video(tmp_path, "source.mov", "-c:v", "mpeg4", "-c:a", "aac")
    r = upload(client, source, caption="Crowds in the square", credit="Newsflow")
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["type"] == "video" and item["status"] in ("processing", "ready")
    assert item["duration"] == pytest.approx(3.0, abs=0.2) and (item["width"], item["height"]) == (640, 360)
    assert item["video_codec"] == "mpeg4" and item["audio_codec"] == "aac"
    if item["status"] == "processing":
        early = client.post("/api/v1/stories?publish=true", json=story_fields(type="video", media_id=item["id"]))
        assert early.status_code in (409, 201), early.text  # 201 only if the job already finished

    ready = settled(client, item["id"])
    assert ready["status"] == "ready", ready
    names = {rd["name"]: rd for rd in ready["renditions"]}
    assert set(names) == {"original", "web", "poster", "thumbnail"}
    web = client.get(names["web"]["href"])
    assert web.status_code == 200 and web.headers["content-type"] == "video/mp4"
    assert len(web.content) == names["web"]["size"]
    streams = {s["codec_type"]: s for s in probe(web.content, tmp_path)["streams"]}
    assert streams["video"]["codec_name"] == "h264" and streams["video"]["pix_fmt"] == "yuv420p"
    assert streams["audio"]["codec_name"] == "aac"
    assert names["web"]["duration"] == pytest.approx(3.0, abs=0.3)
    poster = client.get(names["poster"]["href"])
    assert poster.status_code == 200 and poster.content.startswith(b"\xff\xd8")
    assert (names["poster"]["width"], names["poster"]["height"]) == (640, 360)

    # the poster and thumbnail are public; the playable video is for subscribers and editors
    anonymous = TestClient(client.app)
    assert anonymous.get(names["poster"]["href"]).status_code == 200
    assert anonymous.get(names["web"]["href"]).status_code == 401

    r = client.post("/api/v1/stories?publish=true", json=story_fields(type="video", media_id=item["id"], body=""))
    assert r.status_code == 201, r.text
    sub = client.post("/api/v1/admin/subscribers", json={"name": "TV"}).json()
    doc = anonymous.get(f"/api/v1/documents/{r.json()['id']}", headers={"Authorization": f"Bearer {sub['api_key']}"})
    assert doc.status_code == 200, doc.text
    assert doc.json()["type"] == "video"
    assert {rd["name"] for rd in doc.json()["renditions"]} == {"original", "web", "poster", "thumbnail"}


def test_an_unknown_codec_fails_with_the_reason(client: TestClient, ffmpeg: str, tmp_path: Path) -> None:
    source = make_video(tmp_path, "animation.mov", "-c:v", "qtrle", "-c:a", "pcm_s16le", seconds=1, size="160x90")
    r = upload(client, source, name="animation.mov")
    assert r.status_code == 201, r.text
    failed = settled(client, r.json()["id"])
    assert failed["status"] == "failed" and "qtrle" in failed["error"], failed
    assert {rd["name"] for rd in failed["renditions"]} == {"original"}
    refused = client.post("/api/v1/stories?publish=true", json=story_fields(type="video", media_id=failed["id"]))
    assert refused.status_code == 409 and "failed" in refused.json()["detail"]


@pytest.fixture
def short_client(settings: Settings) -> Iterator[TestClient]:
    tight = replace(settings, max_video_seconds=2, max_video_bytes=400_000)
    services = build_services(tight)
    try:
        with TestClient(create_app(tight, services=services)) as c:
            c.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
            yield c
    finally:
        services.db.dispose()


def test_videos_over_the_limits_are_refused_and_leave_nothing(short_client: TestClient, ffmpeg: str, tmp_path: Path) -> None:
    long = make_video(tmp_path, "long.mp4", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", seconds=4,
                      size="160x90")
    r = upload(short_client, long)
    assert r.status_code == 422 and "at most 2 s" in r.json()["detail"], r.text
    big = make_video(tmp_path, "big.mp4", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-c:a", "aac",
                     seconds=2, size="1280x720")
    assert len(big) > 400_000
    r = upload(short_client, big)
    assert r.status_code == 413, r.text
    truncated = make_video(tmp_path, "cut.mp4", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", seconds=1,
                           size="160x90")[:2000]
    r = upload(short_client, truncated)
    assert r.status_code == 422, r.text
    assert short_client.get("/api/v1/media").json()["media"] == []
    assert nothing_stored(short_client)


def test_ffmpeg_progress_lines_become_rising_percents() -> None:
    lines = [b"frame=0\n", b"out_time_us=N/A\n", b"progress=continue\n", b"out_time_us=1000000\n",
             b"progress=continue\n", b"out_time_us=1000000\n", b"out_time_us=2500000\n", b"progress=end\n"]
    assert list(video.percents(lines, 4.0)) == [25, 62, 100]
    assert list(video.percents([b"out_time_us=9000000\n"], 4.0)) == [99]  # never 100 before the end


def test_the_transcoder_reports_progress_up_to_the_end(ffmpeg: str, tmp_path: Path) -> None:
    source = tmp_path / "source.mp4"
    source.write_bytes(make_video(tmp_path, "made.mp4", "-c:v", "mpeg4", "-c:a", "aac", seconds=4, size="320x180"))
    info = video.probe(source, max_seconds=60)
    seen: list[int] = []
    video.Transcoder(web_height=180).web(source, tmp_path / "web.mp4", info, on_progress=seen.append)
    assert seen and seen[-1] == 100, seen
    assert seen == sorted(set(seen)), seen
    assert (tmp_path / "web.mp4").stat().st_size > 0


def test_a_processing_item_shows_its_progress_in_the_api_and_the_desk(client: TestClient, tmp_path: Path) -> None:
    services = client.app.state.services  # type: ignore[attr-defined]
    item = MediaItem(
        id="ab" * 16, uri=services.media.uri_of("ab" * 16), type=ContentType.VIDEO, status=MediaStatus.PROCESSING,
        metadata=MediaMetadata(caption="Crowds"), renditions=(), created=services.clock(),
    )
    with services.db.write() as tx:
        media_store.insert(tx.conn, item)
    assert client.get(f"/api/v1/media/{item.id}").json()["progress"] == 0
    services.media.record_progress(item.id, 42)
    shown = client.get(f"/api/v1/media/{item.id}").json()
    assert (shown["status"], shown["progress"]) == ("processing", 42)
    page = client.get(f"/desk/media/{item.id}")
    assert page.status_code == 200, page.text
    assert 'value="42"' in page.text and "42" in page.text
