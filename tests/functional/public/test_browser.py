"""The public site in real headless Chromium (Playwright): RTL, sharing, the form, live.

SQLite only (the ``sqlite_settings`` fixture); skipped when /usr/bin/chromium is absent.
Screenshots are kept under ``test-artifacts/`` for a human to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from newsflow.config import Settings
from newsflow.demo.loader import load_demo
from newsflow.wiring import build_services
from tests.conftest import LiveServer, story_fields
from tests.waiting import LIVENESS_MS

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian Chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture
def site(sqlite_settings: Settings) -> Iterator[tuple[LiveServer, dict[str, int]]]:
    services = build_services(sqlite_settings)
    with LiveServer(sqlite_settings, services) as server:
        yield server, load_demo(services.newsroom)
    services.db.dispose()


@pytest.fixture
def page(chromium) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A tab of its own context (cookies, storage) in the run's Chromium."""
    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(LIVENESS_MS)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_arabic_page_renders_right_to_left(site: tuple[LiveServer, dict[str, int]], page) -> None:  # type: ignore[no-untyped-def]
    server, ids = site
    page.goto(f"{server.url}/ar/news/{ids['desal-ar']}")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    # logical properties: the subscriber note's accent border is on the right in RTL
    right = page.evaluate("getComputedStyle(document.querySelector('.subscriber-only')).borderRightWidth")
    left = page.evaluate("getComputedStyle(document.querySelector('.subscriber-only')).borderLeftWidth")
    assert right == "4px" and left == "1px"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "public-ar-story.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.goto(f"{server.url}/ar/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.screenshot(path=str(ARTIFACTS / "public-ar-home.png"), full_page=True)


def test_share_links_carry_encoded_url_and_title(site: tuple[LiveServer, dict[str, int]], page) -> None:  # type: ignore[no-untyped-def]
    server, ids = site
    page.goto(f"{server.url}/ar/news/{ids['desal-ar']}")
    url = page.evaluate("document.querySelector('link[rel=canonical]').href")
    title = page.inner_text("h1")
    assert url == page.url
    hrefs = {n: page.get_attribute(f"a.share-{n}", "href") for n in
             ("x", "facebook", "whatsapp", "telegram", "linkedin", "email")}
    x = parse_qs(urlsplit(hrefs["x"]).query)
    assert x["url"] == [url] and x["text"] == [title]
    assert parse_qs(urlsplit(hrefs["facebook"]).query)["u"] == [url]
    assert parse_qs(urlsplit(hrefs["telegram"]).query) == {"url": [url], "text": [title]}
    assert parse_qs(urlsplit(hrefs["linkedin"]).query)["url"] == [url]
    assert parse_qs(urlsplit(hrefs["whatsapp"]).query)["text"] == [f"{title} {url}"]
    mail = parse_qs(urlsplit(hrefs["email"]).query)
    assert hrefs["email"].startswith("mailto:?") and mail == {"subject": [title], "body": [url]}
    # copy-link puts the canonical URL on the clipboard and says so
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.click("button.copy-link")
    expect(page.locator(".share-status")).not_to_be_empty()
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert page.inner_text(".share-status") == "تم نسخ الرابط"


def test_subscription_form_end_to_end(site: tuple[LiveServer, dict[str, int]], page) -> None:  # type: ignore[no-untyped-def]
    server, _ids = site
    page.goto(f"{server.url}/en/subscribe")
    page.fill("#organisation", "")
    page.fill("#contact_name", "Sam Reader")
    page.fill("#email", "sam-at-example")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.locator("#organisation-error").is_visible()
    assert page.inner_text("#organisation-error") == "This field is required."
    assert page.locator("#email-error").is_visible()
    assert page.inner_text(".form-notice") == "Please correct the marked fields."
    assert page.input_value("#contact_name") == "Sam Reader"  # kept
    page.fill("#organisation", "Harbour Times")
    page.fill("#email", "sam@harbour.example")
    page.check("input[name=languages][value=tr]")
    page.check("input[name=categories][value=economy]")
    page.fill("#message", "Turkish economy please")
    page.click("button[type=submit]")
    page.wait_for_url("**/en/subscribe/thanks")
    assert "We have received your request" in page.inner_text("main")
    with server.services.db.read() as conn:
        from newsflow.store import leads

        stored = leads.list_all(conn)
    assert [(s["organisation"], s["languages"], s["categories"]) for s in stored] == [
        ("Harbour Times", ["tr"], ["economy"])
    ]


def test_new_public_story_appears_live(site: tuple[LiveServer, dict[str, int]], page) -> None:  # type: ignore[no-untyped-def]
    server, _ids = site
    page.goto(f"{server.url}/en/")
    expect(page.locator("html")).to_have_attribute("data-live", "open")
    before = page.locator("#stories > li").count()
    outcome = server.services.newsroom.create(
        story_fields(public=True, headline="Live: harbour reopens", priority="flash"), publish=True
    )
    server.services.newsroom.create(story_fields(public=False, headline="Private: not for the page"), publish=True)
    page.wait_for_selector(f'#stories > li[data-id="{outcome.id}"]')
    first = page.locator("#stories > li").first
    assert first.get_attribute("data-id") == str(outcome.id)
    assert first.locator("h2 a").inner_text() == "Live: harbour reopens"
    assert page.locator("#live-status").is_visible()
    assert page.locator("#stories > li").count() == before + 1
    assert "Private: not for the page" not in page.inner_text("main")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "public-en-live.png"))
    assert "fresh" in (first.get_attribute("class") or "").split()
