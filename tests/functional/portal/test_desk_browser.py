"""The desk in a real browser (Chromium via Playwright) against a live server.

What a TestClient cannot show: the rich-text editor and its direction toggle, the
suggestion buttons calling the JSON text tools with the CSRF header, the live word
count, the embargo picker turned into UTC, keyboard focus order, labels as the browser
computes them. Screenshots of each page in English and Arabic, on a laptop and a
phone, go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import os
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import expect

from newsflow.core.story import Action
from newsflow.services.accounts import Role
from tests.conftest import LiveServer
from tests.waiting import LIVENESS_MS

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "portals"
PASSWORD = "correct horse battery"
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="browser tests need Chromium at /usr/bin/chromium"),
]

# Every control a person can operate must have an accessible name: a <label>, or
# aria-label / aria-labelledby. Returns the ones that do not.
UNLABELLED_JS = """() => [...document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, [contenteditable=true], button')]
  .filter(el => el.offsetParent !== null)
  .filter(el => !((el.labels && el.labels.length) || el.getAttribute('aria-label')
                  || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent.trim())))
  .map(el => el.outerHTML.slice(0, 120))"""

# The elements Tab reaches, in DOM order (what the focus order must follow).
POSITIVE_TABINDEX_JS = "() => [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length"


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def logged_in_page(chromium: Any, live: LiveServer, area: str, username: str, viewport: dict[str, int]) -> Any:
    context = chromium.new_context(viewport=viewport, base_url=live.url)
    context.set_default_timeout(LIVENESS_MS)
    page = context.new_page()
    page.goto(f"/{area}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"**/{area}/**")
    return page


def check_basics(page: Any, lang: str) -> None:
    """lang/dir on <html>, every control labelled, no tabindex > 0, skip link first."""
    assert page.get_attribute("html", "lang") == lang
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.evaluate(UNLABELLED_JS) == []
    assert page.evaluate(POSITIVE_TABINDEX_JS) == 0
    page.locator("body").focus()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"


def focus_sequence_follows_the_page(page: Any, presses: int = 12) -> None:
    """Each Tab moves forward in document order (no jumps back)."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.evaluate("() => { window.__nfSeen = []; }")
    for _ in range(presses):
        page.keyboard.press("Tab")
        page.evaluate("() => window.__nfSeen.push(document.activeElement)")
    backwards = page.evaluate(
        """() => window.__nfSeen.slice(1).filter((el, i) =>
             window.__nfSeen[i].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING).length"""
    )
    assert backwards == 0


@pytest.fixture
def desk_content(live: LiveServer) -> dict[str, int]:
    services = live.services
    for lang in ("en", "ar"):
        services.accounts.create_user(f"editor-{lang}", Role.EDITOR, password=PASSWORD, ui_language=lang)
    story = services.newsroom.create({
        "language": "ar", "headline": "رئيس الجمهورية يصل إلى باكو في زيارة رسمية", "category": "politics",
        "priority": "urgent", "dateline": "باكو", "body": "<p>وصل رئيس الجمهورية اليوم إلى باكو في زيارة رسمية تستمر يومين.</p>"
                                                       "<p>وتتناول المحادثات التجارة والطاقة وبحر قزوين.</p>",
    })
    out = BytesIO()
    Image.new("RGB", (1200, 800), (20, 80, 140)).save(out, "JPEG")
    photo = services.media.upload(out.getvalue(), caption="باكو")
    services.newsroom.attach_photo(story.id, photo.association())
    published = services.newsroom.create({
        "language": "en", "headline": "Central bank holds rates", "category": "economy", "priority": "flash",
        "body": "<p>LONDON - The central bank held rates on Thursday.</p>"}, publish=True)
    services.newsroom.revise(published.id, Action.UPDATE, {"body": "<p>LONDON - The central bank held rates on Thursday. Markets were calm.</p>"})
    return {"draft": story.id, "published": published.id}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_desk_in_a_browser(chromium: Any, live: LiveServer, desk_content: dict[str, int], lang: str) -> None:
    page = logged_in_page(chromium, live, "desk", f"editor-{lang}", LAPTOP)
    page.goto("/desk/?status=draft")
    shot(page, f"desk-drafts-{lang}")
    check_basics(page, lang)

    page.goto(f"/desk/stories/{desk_content['draft']}")
    check_basics(page, lang)
    focus_sequence_follows_the_page(page)
    editor = page.locator("#body-editor")
    assert editor.is_visible() and not page.locator("#body").is_visible()  # JS replaced the textarea
    assert editor.get_attribute("dir") == "auto"
    direction = page.locator('[data-cmd="direction"]')
    direction.click()
    assert editor.get_attribute("dir") == "rtl" and direction.get_attribute("aria-pressed") == "true"
    direction.click()
    assert editor.get_attribute("dir") == "ltr"

    page.click("#suggest-abbreviation")  # JSON text tool, through the session and the CSRF header
    expect(page.locator("#abbreviation")).to_have_value(re.compile(r"\S"))
    words = len(page.input_value("#abbreviation").split())
    assert page.text_content("#abbreviation-count").startswith(f"{words} ")
    page.fill("#abbreviation", "كلمة واحدة اثنتان")
    assert page.text_content("#abbreviation-count").startswith("3 ")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" وأعلن وزير الداخلية سامر الحلبي مذكرة تفاهم.")
    page.click("#suggest-enrich")
    expect(page.locator("#places")).to_have_value(re.compile(r"\S"))
    # a name that may be cut short is not filled in: the editor checks it and adds it with a click
    check = page.locator('#enrich-suggestions li[data-sure="no"] button', has_text="سامر الحلبي")
    expect(check).to_be_visible()
    expect(page.locator("#enrich-check-note")).to_be_visible()
    assert "سامر الحلبي" not in page.input_value("#people")
    assert "10" in check.get_attribute("title")  # how often such a name was right on new copy
    check.click()
    expect(page.locator("#people")).to_have_value(re.compile("سامر الحلبي"))
    expect(check).to_be_disabled()
    assert "باكو" in page.input_value("#places") or "Baku" in page.input_value("#places")
    # each suggested name says why on hover: the place came from the gazetteer
    baku = page.locator('#enrich-suggestions li[data-kind="place"]', has_text="باكو")
    expect(baku).to_be_visible()
    why = baku.get_attribute("title")
    assert why.startswith("في قائمة الأسماء المعروفة" if lang == "ar" else "In the list of known names"), why
    assert "curated list" in why

    page.fill("#embargo_local", "2031-05-04T10:30")
    utc = page.input_value("#embargoed")  # the picker is local time; the form carries UTC
    assert utc == page.evaluate("() => new Date('2031-05-04T10:30').toISOString()") and utc.endswith("Z")
    shot(page, f"desk-story-draft-{lang}")

    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" إضافة")
    page.click("#story-form button.primary")
    page.wait_for_url("**done=saved")
    state = live.services.newsroom.state(desk_content["draft"])
    assert "إضافة" in state.draft.body_html and state.draft.abbreviation == "كلمة واحدة اثنتان"
    assert state.draft.embargoed is not None and state.draft.embargoed.year == 2031

    page.goto(f"/desk/stories/{desk_content['published']}")
    shot(page, f"desk-story-published-{lang}")
    check_basics(page, lang)
    page.goto("/desk/flow")
    shot(page, f"desk-flow-{lang}")
    check_basics(page, lang)
    page.goto("/desk/stories/new")
    shot(page, f"desk-new-{lang}")
    page.context.close()

    phone = logged_in_page(chromium, live, "desk", f"editor-{lang}", PHONE)
    phone.goto(f"/desk/stories/{desk_content['draft']}")
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1  # nothing wider than a phone
    shot(phone, f"desk-story-phone-{lang}")
    phone.context.close()
