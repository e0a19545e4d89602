"""The proof journey in Chromium: an Arabic flash from the desk to a reader's pane.

An editor composes an Arabic flash and publishes it in one step (Publish now, then the
flash confirmation); the subscriber's open wire shows it without a reload; the reader
moves to it with ``j`` and opens it with ``o`` in the reading pane beside the live list;
it is marked read (on the server too); the editor's correction arrives and the line is
marked as changed since it was read. Waits are on locators, bounded by LIVENESS.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from newsflow.services.accounts import Role
from tests.conftest import LiveServer
from tests.functional.portal.test_desk_browser import PASSWORD, shot
from tests.waiting import LIVENESS_MS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="browser tests need Chromium at /usr/bin/chromium"),
]

HEADLINE = "عاجل: انفجار في ميناء بيروت"
BODY = "وقع انفجار قوي في ميناء بيروت مساء اليوم وهرعت فرق الإطفاء إلى المكان."


def _page(chromium: Any, live: LiveServer, area: str, username: str, width: int = 1280) -> Any:
    context = chromium.new_context(viewport={"width": width, "height": 900}, base_url=live.url, locale="ar")
    context.set_default_timeout(LIVENESS_MS)
    page = context.new_page()
    page.goto(f"/{area}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"**/{area}/**")
    return page


def test_flash_from_the_desk_to_the_reading_pane(chromium: Any, live: LiveServer) -> None:
    from playwright.sync_api import expect

    services = live.services
    services.accounts.create_user("desk-ar", Role.EDITOR, password=PASSWORD, ui_language="ar")
    sub = services.subscribers.create({"name": "An-Nahar"})
    reader, _ = services.accounts.create_user("nahar-night", Role.SUBSCRIBER, password=PASSWORD,
                                           subscriber_id=sub["id"], ui_language="ar")
    wire = _page(chromium, live, "wire", "nahar-night")
    wire.goto("/wire/")
    expect(wire.locator("body[data-live='1']")).to_be_attached()

    desk = _page(chromium, live, "desk", "desk-ar")
    desk.goto("/desk/stories/new")
    desk.fill("#headline", HEADLINE)
    desk.locator("#body-editor").click()
    desk.keyboard.type(BODY)
    desk.select_option("#language", "ar")
    desk.select_option("#priority", "flash")
    desk.click("#publish-now")
    desk.click("#confirm-publish")
    desk.wait_for_url("**done=published")
    story_id = int(desk.url.split("/desk/stories/")[1].split("?")[0])

    line = wire.locator("#wire li.entry.p-flash", has_text=HEADLINE)
    expect(line).to_be_visible()  # arrived on the open wire, no reload
    expect(line).not_to_have_class(re.compile(r"\bread\b"))
    wire.locator("body").focus()
    wire.keyboard.press("j")
    expect(line).to_have_class(re.compile(r"\bselected\b"))
    wire.keyboard.press("o")
    pane = wire.locator("#pane")
    expect(pane).to_be_visible()
    expect(pane.locator(".pane-story")).to_contain_text(BODY)  # full text beside the list
    expect(pane.locator("a[data-format=newsmlg2]")).to_be_attached()  # downloads
    expect(line.locator(".badge.read-mark")).to_be_visible()
    assert services.reading.read_versions(reader, [story_id]) == {story_id: 1}
    shot(wire, "wire-pane-ar")

    desk.goto(f"/desk/stories/{story_id}")
    desk.fill("#headline", HEADLINE + " (مصحح)")
    desk.fill("#note", "تصحيح في العنوان")
    desk.click("button[name=action][value=correct]")
    desk.wait_for_url("**done=correct")

    corrected = wire.locator("#wire li.entry", has_text="(مصحح)")
    expect(corrected.locator(".badge.correction")).to_be_visible()
    expect(corrected.locator(".badge.since-read")).to_be_visible()  # read before, changed since
    expect(corrected).to_have_class(re.compile(r"\bupdated-since-read\b"))
    assert wire.locator("#wire li.entry").count() == 1
    shot(wire, "wire-corrected-since-read-ar")

    wire.reload()  # the server keeps the read state
    again = wire.locator("#wire li.entry", has_text="(مصحح)")
    expect(again.locator(".badge.since-read")).to_be_visible()
    again.locator("a[data-pane]").click()
    expect(pane.locator(".pane-story")).to_contain_text("تصحيح في العنوان")  # the correction note
    expect(again.locator(".badge.read-mark")).to_be_visible()
    wire.locator("body").focus()
    wire.keyboard.press("/")
    expect(wire.locator("#wire-q")).to_be_focused()
    wire.context.close()
    desk.context.close()
