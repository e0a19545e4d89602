"""The main journey in real headless Chromium, across the desk, the wire and the public page.

An editor writes an Arabic flash story with a photo and publishes it from the desk →
the subscriber's already-open ``/wire/`` shows it without a reload → the subscriber
downloads the NewsML-G2 (valid against the IPTC XSD) → the editor corrects it → the
open wire marks the entry as corrected in place → the public page shows only the
abbreviation. Screenshots of each step go to ``test-artifacts/journey-*.png``; the time
from publish to display is a benchmark figure (``bench/bench_wire.py``), not a test's.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree
from PIL import Image

from conftest import LiveServer
from newsflow.services.accounts import Role
from standards import newsml_schema
from tests.waiting import LIVENESS_MS

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
PASSWORD = "journey-pass-1"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian Chromium at /usr/bin/chromium"),
]

HEADLINE = "عاجل: اتفاق تجاري بين أذربيجان وتركيا في باكو"
BODY = "باكو (نيوزفلو) - وقع البلدان اليوم اتفاقا تجاريا واسعا يشمل الطاقة والنقل عبر بحر قزوين."
HIDDEN = "تفاصيل إضافية للمشتركين فقط حول قيمة الاتفاق"
ABBREVIATION = "وقع البلدان اتفاقا تجاريا في باكو."


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 533), (40, 90, 160)).save(out, "PNG")
    return out.getvalue()


def log_in(page: Any, base: str, area: str, username: str) -> None:
    page.goto(f"{base}/{area}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{base}/{area}/**")


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"journey-{name}.png"), full_page=True)


def test_editor_to_subscriber_to_public(chromium: Any, live: LiveServer) -> None:
    services = live.services
    services.accounts.create_user("desk-ed", Role.EDITOR, password=PASSWORD, ui_language="ar")
    sub = services.subscribers.create({"name": "Gazette"})
    services.accounts.create_user("gazette-ed", Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"],
                                  ui_language="ar")
    base = live.url
    editor_ctx = chromium.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    reader_ctx = chromium.new_context(locale="ar", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        for context in (editor_ctx, reader_ctx):
            context.set_default_timeout(LIVENESS_MS)
        editor = editor_ctx.new_page()
        wire = reader_ctx.new_page()
        log_in(wire, base, "wire", "gazette-ed")
        wire.goto(f"{base}/wire/")
        wire.wait_for_selector("body[data-live='1']")
        assert wire.get_attribute("html", "dir") == "rtl"

        # -- the editor writes and publishes from the desk -------------------------------
        log_in(editor, base, "desk", "desk-ed")
        editor.goto(f"{base}/desk/stories/new")
        editor.fill("#headline", HEADLINE)
        if editor.is_visible("#body-editor"):
            editor.fill("#body-editor", f"{BODY}\n{HIDDEN}")
        else:
            editor.fill("#body", f"<p>{BODY}</p><p>{HIDDEN}</p>")
        editor.select_option("#language", "ar")
        editor.select_option("#category", "economy")
        editor.select_option("#priority", "flash")
        editor.check("#public")
        editor.fill("#abbreviation", ABBREVIATION)
        editor.click("#story-form button.primary")
        editor.wait_for_url("**/desk/stories/*")
        story_id = int(editor.url.split("/desk/stories/")[1].split("?")[0])
        editor.set_input_files("#file-input", {"name": "baku.png", "mimeType": "image/png", "buffer": png()})
        editor.fill("#file-caption", "ميناء باكو")
        editor.click("#media-upload")
        editor.wait_for_selector("ul.photos img")
        shot(editor, "desk-draft-ar")
        editor.click("#story-form button[name=then][value=publish]")
        editor.click("#confirm-publish")  # a flash asks once more

        # -- the open wire shows it, flash-marked ----------------------------------------
        entry = wire.wait_for_selector("#wire li.entry.p-flash")
        assert HEADLINE in entry.inner_text()
        shot(wire, "wire-flash-ar")
        editor.wait_for_url("**done=published**")

        # -- the subscriber opens it and downloads the NewsML-G2 -------------------------
        story = reader_ctx.new_page()
        story.goto(f"{base}/wire/stories/{story_id}")
        assert story.locator("figure.photo img").count() == 1
        assert HIDDEN in story.inner_text("article.story")
        with story.expect_download() as info:
            story.click("a[data-format=newsmlg2]")
        xml = Path(info.value.path()).read_bytes()
        newsml_schema().assertValid(etree.fromstring(xml))
        assert HEADLINE in xml.decode("utf-8")
        assert services.subscribers.usage(sub["id"])["downloads_today"] == 1
        shot(story, "wire-story-ar")

        # -- the editor corrects; the wire marks the same entry --------------------------
        editor.goto(f"{base}/desk/stories/{story_id}")
        editor.fill("#headline", HEADLINE + " (مصحح)")
        editor.fill("#note", "تصحيح في العنوان")
        editor.click("#story-form button[name=action][value=correct]")
        wire.wait_for_selector("#wire li.entry .badge.correction")
        assert wire.locator("#wire li.entry").count() == 1  # changed in place, not added
        assert "(مصحح)" in wire.inner_text("#wire li.entry")
        shot(wire, "wire-corrected-ar")
    finally:  # its pages (a live wire stream) end with the test
        for context in (editor_ctx, reader_ctx):
            context.close()

    # -- the public page carries the abbreviation only ----------------------------------------
    public = httpx.get(f"{base}/ar/news/{story_id}", follow_redirects=True)
    assert public.status_code == 200
    assert ABBREVIATION in public.text
    assert HIDDEN not in public.text and BODY not in public.text
