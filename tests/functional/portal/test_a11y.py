"""Accessibility basics of every portal, in real Chromium, in Arabic and English.

The check is done in Python + the page's DOM (no axe-core download): on each page,
``<html lang dir>`` match the chosen language; every form control has an accessible
name (``<label for>``, a wrapping label, ``aria-label`` or ``aria-labelledby``); every
button and link has a name; every image has ``alt``; there is one ``<h1>``; the first
Tab stop is the skip link to ``#main``; no positive ``tabindex``; and Tab visits the
focusable elements in document order. Screenshots of each portal in both languages go
to ``test-artifacts/portal-<area>-<lang>.png``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from conftest import LiveServer, story_fields
from newsflow.services.accounts import Role
from tests.waiting import LIVENESS_MS

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
PASSWORD = "a11y-pass-123"
TAB_STEPS = 12

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian Chromium at /usr/bin/chromium"),
]

AUDIT = """() => {
  const problems = [];
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
      && getComputedStyle(el).visibility !== 'hidden';
  const name = el => (el.getAttribute('aria-label') || '').trim()
      || (el.getAttribute('aria-labelledby') || '').split(/\\s+/).map(id => document.getElementById(id))
           .filter(Boolean).map(n => n.textContent.trim()).join(' ')
      || (el.id && [...document.querySelectorAll('label')].filter(l => l.htmlFor === el.id)
           .map(l => l.textContent.trim()).join(' '))
      || (el.closest('label') ? el.closest('label').textContent.trim() : '')
      || (el.getAttribute('title') || '').trim();
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden' || !visible(el)) continue;
    if (!name(el)) problems.push('control without a label: ' + el.outerHTML.slice(0, 120));
  }
  for (const el of document.querySelectorAll('button, a[href]')) {
    if (!visible(el)) continue;
    if (!(el.textContent.trim() || name(el) || el.querySelector('img[alt]:not([alt=""])')))
      problems.push('unnamed ' + el.tagName + ': ' + el.outerHTML.slice(0, 120));
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('img without alt');
  if (document.querySelectorAll('h1').length !== 1) problems.push('h1 count ' + document.querySelectorAll('h1').length);
  for (const el of document.querySelectorAll('[tabindex]')) if (el.tabIndex > 0) problems.push('positive tabindex');
  const focusable = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex="0"]')]
      .filter(el => !el.disabled && visible(el) && el.tabIndex >= 0);
  return {problems, lang: document.documentElement.lang, dir: document.documentElement.dir,
          order: focusable.slice(0, TAB_STEPS).map(el => el.outerHTML.slice(0, 80))};
}""".replace("TAB_STEPS", str(TAB_STEPS))


def audit(page: Any, lang: str) -> list[str]:
    from playwright.sync_api import expect

    result = page.evaluate(AUDIT)
    problems = list(result["problems"])
    if result["lang"] != lang or result["dir"] != ("rtl" if lang == "ar" else "ltr"):
        problems.append(f"html lang/dir {result['lang']}/{result['dir']}")
    # Chromium focuses an autofocus field at a rendering update after load, which a busy
    # machine can delay past the reset below: wait for it first, so it cannot move focus
    # after the reset and turn the first Tab into the field after it.
    autofocus = page.locator("[autofocus]:visible")
    if autofocus.count():
        expect(autofocus.first).to_be_focused(timeout=LIVENESS_MS)
    # start from the top of the document, as after a page load without autofocus
    page.evaluate("""() => { const b = document.body; b.tabIndex = -1; b.focus(); b.removeAttribute('tabindex'); }""")
    visited = []
    for _ in range(len(result["order"])):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    if visited and "skip-link" not in visited[0]:
        problems.append(f"first Tab stop is not the skip link: {visited[0]}")
    if visited != result["order"]:
        problems.append(f"Tab order differs from document order: {visited} vs {result['order']}")
    return [f"{page.url}: {p}" for p in problems]


@pytest.fixture
def people(live: LiveServer) -> dict[str, str]:
    s = live.services
    s.accounts.create_user("a11y-admin", Role.ADMIN, password=PASSWORD)
    s.accounts.create_user("a11y-ed", Role.EDITOR, password=PASSWORD)
    sub = s.subscribers.create({"name": "Gazette"})
    s.accounts.create_user("a11y-sub", Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"])
    outcome = s.newsroom.create(story_fields(language="ar", headline="اجتماع وزاري في باكو",
                                             body="<p>باكو - اجتمع الوزراء اليوم.</p>", priority="flash"),
                                publish=True, created_by="a11y-ed")
    return {"wire": "a11y-sub", "desk": "a11y-ed", "admin": "a11y-admin", "story": str(outcome.to_dict()["id"])}


PAGES = {
    "wire": ["/wire/", "/wire/stories/{story}", "/wire/search?q=%D8%A8%D8%A7%D9%83%D9%88", "/wire/topics",
             "/wire/usage", "/wire/keys", "/wire/webhooks", "/account/password"],
    "desk": ["/desk/", "/desk/stories/new", "/desk/stories/{story}"],
    "admin": ["/admin/"],
}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_portals_accessibility_and_screenshots(
    chromium: Any, live: LiveServer, people: dict[str, str], lang: str
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []
    for area, paths in PAGES.items():
        for viewport, suffix in (({"width": 1280, "height": 900}, ""), ({"width": 390, "height": 844}, "-phone")):
            context = chromium.new_context(locale=lang, viewport=viewport)
            context.set_default_timeout(LIVENESS_MS)
            page = context.new_page()
            page.goto(f"{live.url}/{area}/login")
            if not suffix:
                problems += audit(page, lang)
            page.fill("#username", people[area])
            page.fill("#password", PASSWORD)
            page.click("form.stack button[type=submit]")
            page.wait_for_url(f"{live.url}/{area}/**")
            if page.evaluate("document.documentElement.lang") != lang:  # the user's own choice wins
                with page.expect_navigation():
                    page.select_option("#lang-select", lang)  # the switcher submits on change
            for path in paths:
                page.goto(live.url + path.format(story=people["story"]))
                assert page.evaluate("document.documentElement.lang") == lang
                if not suffix:
                    problems += audit(page, lang)
            page.goto(f"{live.url}{paths[0].format(story=people['story'])}")
            page.screenshot(path=str(ARTIFACTS / f"portal-{area}-{lang}{suffix}.png"), full_page=True)
            if suffix:  # a phone: nothing wider than the screen
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"] + 1, f"{area} scrolls sideways on a phone: {width}px"
            context.close()
    assert not problems, "\n".join(problems)
