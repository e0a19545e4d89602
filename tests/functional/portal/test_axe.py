"""axe-core over every portal and public page, in Arabic and English, and a phone's width.

axe-core comes from the npm registry (``make axe`` puts it in ``./node_modules``); it is
put into each page Chromium loads at a laptop's width, before the page's own scripts (the
context bypasses the page CSP), and run with its default rules. A page passes with no
*serious* or *critical* violation; every page's result is printed (run with ``-s`` or
``-rP`` to see it) and written to ``test-artifacts/axe.txt``. Each page is also loaded
390 px wide and must not scroll sideways. Each area's user logs in once per language; one
tab per width then loads the area's pages one after another.

The browser checks run on SQLite only. What makes that enough is checked without a browser:
the same content gives every one of these pages the same status and markup on SQLite and on
PostgreSQL (ids, tokens, times and random names aside).
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from newsflow.config import Settings
from newsflow.core.story import Action
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services, build_services
from tests.conftest import PG_URL, LiveServer, _pg_database
from tests.functional.portal.test_desk import log_in
from tests.functional.portal.test_desk_browser import PASSWORD
from tests.waiting import LIVENESS_MS

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REPORT = ROOT / "test-artifacts" / "axe.txt"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="browser tests need Chromium at /usr/bin/chromium"),
]

RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


# The innermost elements sticking out of the viewport (to say what makes a page too wide).
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 1 || r.left < -1; })
  .filter(e => ![...e.children].some(c => { const r = c.getBoundingClientRect(); return r.right > innerWidth + 1 || r.left < -1; }))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : ''))"""


@pytest.fixture
def backend() -> str:
    """SQLite only: a page's markup does not depend on the storage backend, which
    ``test_every_checked_page_is_the_same_on_sqlite_and_postgresql`` holds page by page."""
    return ""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `make axe` (needs npm)")
    return AXE.read_text("utf-8")


def _content(s: Services) -> dict[str, Any]:
    for lang in ("ar", "en"):
        s.accounts.create_user(f"ed-{lang}", Role.EDITOR, password=PASSWORD, ui_language=lang)
        s.accounts.create_user(f"admin-{lang}", Role.ADMIN, password=PASSWORD, ui_language=lang)
    sub = s.subscribers.create({"name": "Gazette"})
    for lang in ("ar", "en"):
        s.accounts.create_user(f"sub-{lang}", Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"],
                               ui_language=lang)
    out = BytesIO()
    Image.new("RGB", (1200, 800), (20, 80, 140)).save(out, "JPEG")
    photo = s.media.upload(out.getvalue(), caption="باكو")
    draft = s.newsroom.create({"language": "ar", "headline": "رئيس الجمهورية يصل إلى باكو", "category": "politics",
                               "priority": "urgent", "body": "<p>وصل رئيس الجمهورية اليوم إلى باكو في زيارة رسمية.</p>"})
    s.newsroom.attach_photo(draft.id, photo.association())
    published = s.newsroom.create({
        "language": "ar", "headline": "البنك المركزي يثبت أسعار الفائدة", "category": "economy", "priority": "flash",
        "public": True, "body": "<p>ثبت البنك المركزي أسعار الفائدة يوم الخميس.</p><p>وكانت الأسواق هادئة.</p>"},
        publish=True)
    s.newsroom.revise(published.id, Action.CORRECT, {"body": "<p>ثبت البنك المركزي أسعار الفائدة يوم الأربعاء.</p>"},
                      note="اليوم")
    english = s.newsroom.create({"language": "en", "headline": "Central bank holds rates", "category": "economy",
                                 "public": True, "body": "<p>The central bank held rates on Thursday.</p>"}, publish=True)
    return {"draft": draft.id, "published": published.id, "english": english.id, "subscriber": sub["id"]}


def _pages(ids: dict[str, Any], lang: str) -> dict[str, list[str]]:
    story = ids["published"] if lang == "ar" else ids["english"]
    return {
        "": [f"/{lang}/", f"/{lang}/news/{story}", f"/{lang}/subscribe", f"/{lang}/subscribe/thanks", f"/{lang}/economy/",
             "/wire/login", "/desk/login", "/admin/login", "/alerts/unsubscribe?t=broken"],
        "wire": ["/wire/", f"/wire/stories/{ids['published']}", "/wire/search?q=%D8%A7%D9%84%D8%A8%D9%86%D9%83",
                 "/wire/topics", "/wire/usage", "/wire/keys", "/wire/webhooks", "/account/password"],
        "desk": ["/desk/", "/desk/stories/new", f"/desk/stories/{ids['draft']}", f"/desk/stories/{ids['published']}",
                 f"/desk/stories/{ids['published']}/history", f"/desk/stories/{ids['draft']}/preview", "/desk/flow"],
        "admin": ["/admin/subscribers", f"/admin/subscribers/{ids['subscriber']}", "/admin/packages",
                  "/admin/leads", "/admin/webhooks", "/admin/staff", "/admin/stats"],
    }


def _context(chromium: Any, live: LiveServer, area: str, lang: str) -> Any:
    """A browser context for ``area``'s user in ``lang`` (logged in once; its pages share the session)."""
    context = chromium.new_context(viewport=LAPTOP, base_url=live.url, bypass_csp=True, locale=lang)
    context.set_default_timeout(LIVENESS_MS)
    if area:
        page = context.new_page()
        user = {"wire": "sub", "desk": "ed", "admin": "admin"}[area]
        page.goto(f"/{area}/login")
        page.fill("#username", f"{user}-{lang}")
        page.fill("#password", PASSWORD)
        page.click("form.stack button[type=submit]")
        page.wait_for_url(f"**/{area}/**")
        page.close()
    return context


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_serious_axe_violations_and_no_sideways_scroll(
    chromium: Any, live: LiveServer, axe_source: str, lang: str
) -> None:
    ids = _content(live.services)
    report: list[str] = []
    failures: list[str] = []
    for area, paths in _pages(ids, lang).items():
        context = _context(chromium, live, area, lang)
        # One tab per width, each loading every page in turn (a fresh document each time);
        # axe-core is put into every document the laptop tab loads, before the page's own scripts.
        laptop = context.new_page()
        laptop.add_init_script(script=axe_source)
        phone = context.new_page()
        phone.set_viewport_size(PHONE)
        for path in paths:
            laptop.goto(path)
            violations = laptop.evaluate(RUN_AXE)
            bad = [v for v in violations if v["impact"] in ("serious", "critical")]
            minor = len(violations) - len(bad)
            report.append(f"axe {lang} {area or 'public':6} {path}: {len(bad)} serious/critical, {minor} minor/moderate")
            for v in bad:
                report.append(f"    {v['impact']}: {v['id']} — {v['help']} — {v['nodes']}")
                failures.append(f"{lang} {path}: {v['id']} {v['nodes']}")
            phone.goto(path)
            overflow = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                report.append(f"    390 px: {overflow} px of sideways scroll, from {phone.evaluate(WIDEST)}")
                failures.append(f"{lang} {path}: {overflow} px wider than a phone")
        context.close()
    print("\n" + "\n".join(report))
    REPORT.parent.mkdir(exist_ok=True)
    with REPORT.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(report) + "\n")
    assert not failures, "\n".join(failures)


NAMED = {"draft": "{draft}", "published": "{published}", "english": "{english}", "subscriber": "{subscriber}"}
USERS = {"": None, "wire": "sub", "desk": "ed", "admin": "admin"}
# What differs from one run to the next: CSRF tokens, times and dates, random names.
PER_RUN = [
    (re.compile(r'name="csrf_token" value="[^"]+"'), 'name="csrf_token" value="…"'),
    (re.compile(r'name="csrf-token" content="[^"]+"'), 'name="csrf-token" content="…"'),
    (re.compile(r"(?<=:)\d{8}(?=:\d)"), "<yyyymmdd>"),
    (re.compile(r"\bnfk_[A-Za-z0-9_-]{4}"), "nfk_…"),  # a key's random prefix
    (re.compile(r"/media/[0-9a-f]{32}"), "/media/…"),  # an upload's random name
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?"), "<time>"),
    (re.compile(r"\b\d\d:\d\d\b"), "<hh:mm>"),
]


def _rendered(settings: Settings) -> tuple[dict[str, Any], dict[str, str]]:
    """The content's ids and every page the axe test checks, in both languages, as its user gets
    it (status and markup, per-run values masked), by page name (``/desk/stories/{draft}``)."""
    services = build_services(settings)
    try:
        ids = _content(services)
        app = create_app(settings, services=services)
        pages: dict[str, str] = {}
        for lang in ("ar", "en"):
            for (area, paths), named in zip(_pages(ids, lang).items(), _pages(NAMED, lang).values(), strict=True):
                with TestClient(app, headers={"Accept-Language": lang}) as client:
                    if area:
                        log_in(client, area, f"{USERS[area]}-{lang}")
                    for path, name in zip(paths, named, strict=True):
                        r = client.get(path)
                        text = r.text
                        for pattern, mask in PER_RUN:
                            text = pattern.sub(mask, text)
                        pages[f"{lang} {name}"] = f"{r.status_code}\n{text}"
        return ids, pages
    finally:
        services.db.dispose()


@pytest.fixture
def pg_database(request: pytest.FixtureRequest) -> Iterator[str]:
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NEWSFLOW_TEST_POSTGRES_URL (set by .ci/run)")
    yield from _pg_database(request.getfixturevalue("pg_migrated_template"))


@pytest.mark.postgres
def test_every_checked_page_is_the_same_on_sqlite_and_postgresql(
    sqlite_settings: Settings, sqlite_migrated_template: Path, pg_database: str
) -> None:
    """What lets the axe test run on SQLite alone: the same content gives the same markup on both."""
    on_sqlite = replace(sqlite_settings, data_dir=sqlite_settings.data_dir / "sqlite")
    on_sqlite.data_dir.mkdir()
    shutil.copyfile(sqlite_migrated_template, on_sqlite.data_dir / "newsflow.db")
    on_postgresql = replace(sqlite_settings, data_dir=sqlite_settings.data_dir / "postgresql", database_url=pg_database)
    on_postgresql.data_dir.mkdir()
    sqlite_ids, sqlite_pages = _rendered(on_sqlite)
    postgresql_ids, postgresql_pages = _rendered(on_postgresql)
    # The same content, but not the same ids: PostgreSQL's sequences hand them out in blocks.
    for key, value in postgresql_ids.items():
        number = re.compile(rf"(?<![\d%]){value}(?!\d)")
        postgresql_pages = {page: number.sub(str(sqlite_ids[key]), text) for page, text in postgresql_pages.items()}
    assert len(sqlite_pages) == 2 * sum(len(paths) for paths in _pages(NAMED, "ar").values())
    different = [page for page in sqlite_pages if sqlite_pages[page] != postgresql_pages[page]]
    for page in different:
        print(f"--- {page}")
        print("\n".join(difflib.unified_diff(sqlite_pages[page].splitlines(), postgresql_pages[page].splitlines(),
                                            "sqlite", "postgresql", lineterm="", n=1)))
    assert not different, different
