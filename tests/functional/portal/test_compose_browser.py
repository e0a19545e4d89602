"""The compose page in Chromium: an Arabic flash in two clicks, the Media Topic and
translation autocompletes.

Waits are on locators (the pages' CSP has no unsafe-eval, so no string predicates).
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from newsflow.services.accounts import Role
from tests.conftest import LiveServer
from tests.functional.portal.test_desk_browser import (
    LAPTOP,
    PASSWORD,
    logged_in_page,
    shot,
)
from tests.waiting import LIVENESS_MS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="browser tests need Chromium at /usr/bin/chromium"),
]

HEADLINE = "عاجل: زلزال بقوة 6 درجات يضرب شرق تركيا"


@pytest.fixture
def editor(live: LiveServer) -> str:
    live.services.accounts.create_user("layla", Role.EDITOR, password=PASSWORD, ui_language="ar")
    return "layla"


def test_an_arabic_flash_is_published_in_two_clicks(chromium: Any, live: LiveServer, editor: str) -> None:
    from playwright.sync_api import expect

    original = live.services.newsroom.create(
        {"language": "en", "headline": "Earthquake hits eastern Turkey", "body": "<p>A quake.</p>"}, publish=True
    )
    page = logged_in_page(chromium, live, "desk", editor, LAPTOP)
    page.goto("/desk/stories/new")
    page.fill("#headline", HEADLINE)
    page.locator("#body-editor").click()
    page.keyboard.type("ضرب زلزال بقوة 6 درجات شرق تركيا صباح اليوم.")
    page.select_option("#language", "ar")
    page.select_option("#priority", "flash")

    page.fill("#topic-search", "زلزال")  # Media Topics by their Arabic label
    expect(page.locator("#topic-options option").first).to_be_attached()
    page.click("#topic-add")
    expect(page.locator("#subjects")).to_have_value("medtop:20000153 زلزال")

    page.fill("#translation_of", "Earthquake")  # the original, by its headline
    option = page.locator("#translation-options option").first
    expect(option).to_be_attached()
    assert option.get_attribute("value") == f"#{original.id} — Earthquake hits eastern Turkey"
    page.fill("#translation_of", option.get_attribute("value"))

    page.click("#publish-now")  # click 1
    expect(page.locator("#confirm-flash")).to_be_visible()
    shot(page, "desk-confirm-flash-ar")
    page.click("#confirm-publish")  # click 2
    page.wait_for_url("**done=published")
    [story] = live.services.stories_list(status="published", limit=5, offset=0)[:1]
    state = live.services.newsroom.state(int(story["id"]))
    assert state.latest is not None and state.latest.headline == HEADLINE
    assert state.latest.priority.value == "flash" and state.latest.language == "ar"
    assert state.latest.content.translation_of == original.id
    assert [s.qcode for s in state.latest.content.subjects][:1] == ["medtop:20000153"]
    page.context.close()


def test_two_editors_conflict_and_the_diff_shows_the_changed_words(chromium: Any, live: LiveServer) -> None:
    from playwright.sync_api import expect

    for name in ("alice", "bob"):
        live.services.accounts.create_user(name, Role.EDITOR, password=PASSWORD, ui_language="ar")
    sid = live.services.newsroom.create({"language": "ar", "headline": "عاصفة تضرب الساحل", "category": "general",
                                         "body": "<p>رياح بسرعة 120 كيلومتراً في الساعة.</p>"}).id
    alice = logged_in_page(chromium, live, "desk", "alice", LAPTOP)
    bob = logged_in_page(chromium, live, "desk", "bob", LAPTOP)
    alice.goto(f"/desk/stories/{sid}")
    bob.goto(f"/desk/stories/{sid}")

    alice.fill("#headline", "عاصفة قوية تضرب الساحل")
    alice.click("#save-draft")
    alice.wait_for_url("**done=saved")
    bob.fill("#headline", "عاصفة تضرب الساحل الشرقي")
    bob.click("#save-draft")
    conflict = bob.locator("#conflict")
    expect(conflict).to_be_visible()  # the second editor gets the conflict page, with both texts
    expect(conflict).to_contain_text("عاصفة قوية تضرب الساحل")
    expect(conflict).to_contain_text("عاصفة تضرب الساحل الشرقي")
    shot(bob, "desk-conflict-ar")
    assert live.services.newsroom.state(sid).draft.headline == "عاصفة قوية تضرب الساحل"
    bob.click("#save-mine")  # a deliberate second save, after seeing theirs
    bob.wait_for_url("**done=saved")
    assert live.services.newsroom.state(sid).draft.headline == "عاصفة تضرب الساحل الشرقي"

    bob.click("#publish-now")
    bob.wait_for_url("**done=published")
    bob.fill("#headline", "عاصفة تضرب الساحل الشرقي وتقطع الكهرباء")
    bob.fill("#note", "إضافة انقطاع الكهرباء")
    bob.click("button[name=action][value=correct]")
    bob.wait_for_url("**done=correct")
    bob.click("#history-link")
    diff = bob.locator("#diff")
    expect(diff.locator("ins")).to_contain_text("وتقطع الكهرباء")
    assert diff.get_attribute("dir") == "rtl"
    expect(bob.locator("table.history")).to_contain_text("bob")
    shot(bob, "desk-history-ar")
    alice.context.close()
    bob.context.close()


def test_autosave_while_typing_and_a_warning_before_leaving(chromium: Any, live: LiveServer, editor: str) -> None:
    from playwright.sync_api import expect

    page = logged_in_page(chromium, live, "desk", editor, LAPTOP)
    page.goto("/desk/stories/new")
    page.fill("#headline", "أمطار غزيرة في الشمال")
    page.locator("#body-editor").click()
    page.keyboard.type("ارتفع منسوب الأنهار.")
    page.select_option("#language", "ar")
    state = page.locator("#autosave-state")
    expect(state).to_contain_text("حُفظ في", timeout=LIVENESS_MS)  # "Saved at": the new story is a draft now
    page.wait_for_url("**/desk/stories/*")
    sid = int(page.url.rstrip("/").split("/")[-1])
    assert "ارتفع منسوب الأنهار." in live.services.newsroom.state(sid).draft.body_html

    page.locator("#body-editor").click()
    page.keyboard.press("End")
    page.keyboard.type(" وأغلقت الطرق.")
    expect(state).to_contain_text("حُفظ في", timeout=LIVENESS_MS)
    expect(page.locator("#revision")).to_have_value("1")
    assert "وأغلقت الطرق." in live.services.newsroom.state(sid).draft.body_html
    shot(page, "desk-autosaved-ar")

    page.click("#preview-button")  # subscriber view and public page side by side
    page.wait_for_url(f"**/desk/stories/{sid}/preview")
    expect(page.locator("#preview-subscriber")).to_contain_text("وأغلقت الطرق.")
    expect(page.locator("#preview-public")).to_be_visible()
    shot(page, "desk-preview-ar")
    page.context.close()

    # A published story's update form has no autosave; leaving with changes asks first.
    published = live.services.newsroom.create(
        {"language": "en", "headline": "Bridge reopens", "body": "<p>The bridge reopened.</p>"}, publish=True
    )
    page = logged_in_page(chromium, live, "desk", editor, LAPTOP)
    page.goto(f"/desk/stories/{published.id}")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.fill("#headline", "Bridge reopens after repairs")
    page.close(run_before_unload=True)
    expect(page.locator("body")).to_be_visible()  # dismissing the warning keeps the page open
    assert dialogs == ["beforeunload"]
    page.context.close()


def test_a_one_megabyte_paste_is_refused_in_the_page(chromium: Any, live: LiveServer, editor: str) -> None:
    from playwright.sync_api import expect

    page = logged_in_page(chromium, live, "desk", editor, LAPTOP)
    page.goto("/desk/stories/new")
    page.fill("#headline", "نص طويل جداً")
    page.select_option("#language", "ar")
    editor_box = page.locator("#body-editor")
    editor_box.click()
    # what a paste does to the editor: a megabyte of HTML arrives in one input event
    # (1.1 MB of UTF-8, over the 1,000,000-byte limit)
    editor_box.evaluate("""(el) => {
        el.innerHTML = '<p>' + 'كلمة '.repeat(125000) + '</p>';
        el.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
    }""")
    # The click goes to the button as it is: laying out a megabyte of shaped Arabic text can
    # keep the button "moving" for a long time on a loaded machine, and Playwright's
    # actionability checks (scroll into view, stable box) would wait on that layout.
    page.locator("#save-draft").dispatch_event("click")
    state = page.locator("#autosave-state")
    expect(state).to_contain_text("أطول من أن يُحفظ", timeout=LIVENESS_MS)  # said on the page, the text kept in the editor
    expect(state).to_have_attribute("role", "alert", timeout=LIVENESS_MS)
    assert page.url.endswith("/desk/stories/new")
    assert live.services.stories_list(status=None, limit=5, offset=0) == []  # nothing saved, not even by autosave
    page.context.close()
