"""The admin portal in a real browser: accessibility basics and screenshots (en, ar)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from newsflow.services.accounts import Role
from newsflow.store import leads as lead_store
from tests.conftest import LiveServer, story_fields
from tests.functional.portal.test_desk_browser import (  # noqa: F401  (pytestmark marks this module)
    LAPTOP,
    PASSWORD,
    PHONE,
    check_basics,
    logged_in_page,
    pytestmark,
    shot,
)


@pytest.fixture
def admin_content(live: LiveServer) -> int:
    services = live.services
    for lang in ("en", "ar"):
        services.accounts.create_user(f"admin-{lang}", Role.ADMIN, password=PASSWORD, ui_language=lang)
    services.subscribers.set_package("economy", {"categories": ["economy"], "languages": ["ar", "en"]})
    sub = services.subscribers.create({"name": "صحيفة الخليج", "packages": ["economy"], "languages": ["ar"]})
    services.subscribers.create({"name": "Daily Gazette"})
    with services.db.write() as tx:
        lead_store.add(tx, lead_store.Lead("Caspian Herald", "Leyla M.", "leyla@example.org", "AZ", ("ar", "en"),
                                           ("economy",), "Economy news, please", "en"), datetime.now(UTC))
    version = services.newsroom.create(dict(story_fields()), publish=True)
    ent = services.subscribers.entitlement(sub["id"])
    for _ in range(3):
        services.delivery.document(ent, version.id, None, "ninjs")
    return int(sub["id"])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_admin_in_a_browser(chromium: Any, live: LiveServer, admin_content: int, lang: str) -> None:
    page = logged_in_page(chromium, live, "admin", f"admin-{lang}", LAPTOP)
    for path, name in (("/admin/subscribers", "subscribers"), (f"/admin/subscribers/{admin_content}", "subscriber"),
                       ("/admin/packages", "packages"), ("/admin/leads", "leads"), ("/admin/webhooks", "webhooks"),
                       ("/admin/staff", "staff"), ("/admin/stats?days=7", "stats")):
        page.goto(path)
        shot(page, f"admin-{name}-{lang}")
        check_basics(page, lang)
    assert page.locator("svg[role=img]").count() == 4
    bar_titles = page.locator("svg title").all_text_contents()
    assert any(t.endswith(": 3") for t in bar_titles)

    page.goto("/admin/leads")
    page.click("form[action$='/convert'] button")
    page.wait_for_selector("#secret-api-key")
    key = page.text_content("#secret-api-key") or ""
    assert key.startswith("nfk_") and live.services.accounts.from_bearer(key).subscriber_id is not None
    shot(page, f"admin-secrets-{lang}")
    page.context.close()

    phone = logged_in_page(chromium, live, "admin", f"admin-{lang}", PHONE)
    phone.goto(f"/admin/subscribers/{admin_content}")
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    shot(phone, f"admin-subscriber-phone-{lang}")
    phone.context.close()
