"""Media from the desk in Chromium: drop a photo on the compose page and publish it with
the story; pick one on a published story, which publishes a new version; drop a video,
watch its progress on its page, add it when it is ready.

Files are dropped the way a desktop does it: a ``drop`` event whose ``DataTransfer``
holds a ``File`` (made in the page from the test's bytes).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from newsflow.core.story import ContentType, MediaRole
from newsflow.services.accounts import Role
from tests.conftest import LiveServer
from tests.functional.portal.test_desk_browser import (
    LAPTOP,
    PASSWORD,
    logged_in_page,
    shot,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="browser tests need Chromium at /usr/bin/chromium"),
]

TRANSCODE_MS = 300_000  # only a broken job waits this long


def jpeg(colour: str = "teal", size: tuple[int, int] = (800, 600)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=85)
    return out.getvalue()


def drop_files(page: Any, selector: str, files: list[tuple[str, str, bytes]]) -> None:
    """Drop ``(name, mimetype, bytes)`` files on ``selector`` as a desktop would."""
    transfer = page.evaluate_handle(
        """(files) => {
            const dt = new DataTransfer();
            for (const [name, type, bytes] of files) {
                dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
            }
            return dt;
        }""",
        [[name, kind, list(data)] for name, kind, data in files],
    )
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


@pytest.fixture
def editor(live: LiveServer) -> str:
    live.services.accounts.create_user("selin", Role.EDITOR, password=PASSWORD, ui_language="en")
    return "selin"


def compose(page: Any, headline: str) -> None:
    page.goto("/desk/stories/new")
    page.fill("#headline", headline)
    page.locator("#body-editor").click()
    page.keyboard.type("The harbour reopened on Monday after the storm.")
    page.select_option("#language", "en")


def test_a_dropped_photo_is_published_with_the_story(chromium: Any, live: LiveServer, editor: str) -> None:
    from playwright.sync_api import expect

    page = logged_in_page(chromium, live, "desk", editor, LAPTOP)
    compose(page, "Harbour reopens after the storm")
    drop_files(page, "[data-drop-zone]", [("harbour.jpg", "image/jpeg", jpeg())])
    expect(page.locator(".chosen-files li")).to_have_text(re.compile(r"^harbour\.jpg \(\d+ KB\)$"))
    page.fill("#media_file-caption", "The harbour at dawn")
    page.click("#publish-now")
    page.wait_for_url("**done=published")
    expect(page.locator("#story-media ul.photos img")).to_have_count(1)
    shot(page, "desk-photo-published-en")

    story_id = int(page.url.split("/desk/stories/")[1].split("?")[0])
    state = live.services.newsroom.state(story_id)
    assert state.latest is not None and state.latest.version == 1
    [photo] = state.latest.content.associations
    assert photo.type is ContentType.PICTURE and photo.role is MediaRole.LEAD
    assert photo.caption == "The harbour at dawn"
    assert {r.name for r in photo.renditions} >= {"thumbnail", "web", "print"}
    page.context.close()


def test_a_photo_picked_on_a_published_story_makes_a_new_version(
    chromium: Any, live: LiveServer, editor: str
) -> None:
    from playwright.sync_api import expect

    story = live.services.newsroom.create(
        {"language": "en", "headline": "Storm closes the harbour", "body": "<p>Ships stay in port.</p>"}, publish=True
    )
    page = logged_in_page(chromium, live, "desk", editor, LAPTOP)
    page.goto(f"/desk/stories/{story.id}")
    expect(page.locator("#story-media .muted").first).to_be_visible()
    page.set_input_files("#file-input", {"name": "storm.jpg", "mimeType": "image/jpeg", "buffer": jpeg("navy")})
    page.fill("#file-caption", "Waves over the pier")
    page.click("#media-upload")
    page.wait_for_url("**done=update")
    expect(page.locator("#story-media ul.photos img")).to_have_count(1)

    state = live.services.newsroom.state(story.id)
    assert state.latest is not None and state.latest.version == 2
    assert [a.caption for a in state.latest.content.associations] == ["Waves over the pier"]
    assert live.services.newsroom.versions(story.id)[0].content.associations == ()
    page.context.close()


def test_a_dropped_video_shows_its_progress_and_is_added_when_ready(
    chromium: Any, live: LiveServer, editor: str, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        pytest.skip("ffmpeg/ffprobe are not installed (make media-tools installs Debian's ffmpeg)")
    clip = tmp_path / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x180:rate=25",
         "-c:v", "mpeg4", str(clip)], check=True, capture_output=True, timeout=120,
    )
    page = logged_in_page(chromium, live, "desk", editor, LAPTOP)
    compose(page, "Harbour video")
    drop_files(page, "[data-drop-zone]", [("clip.mp4", "video/mp4", clip.read_bytes())])
    page.click("#publish-now")
    page.wait_for_url("**/desk/media/*?story=*")  # the story waits as a draft
    story_id = int(page.url.rsplit("story=", 1)[1])
    assert live.services.newsroom.state(story_id).latest is None
    status = page.locator("#media-status")
    expect(status).to_have_attribute("data-status", "ready", timeout=TRANSCODE_MS)  # reloads itself until then
    page.click("#add-to-story")
    page.wait_for_url(f"**/desk/stories/{story_id}?done=photo")
    [video] = live.services.newsroom.state(story_id).draft.associations
    assert video.type is ContentType.VIDEO
    assert {r.name for r in video.renditions} == {"original", "web", "poster", "thumbnail"}
    page.context.close()
