"""Saved-topic alerts in Chromium: a desktop notification on the open wire, and the
e-mail at a real SMTP server (aiosmtpd) whose unsubscribe link works in a browser that
is not logged in.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsflow.services.accounts import Role
from newsflow.wiring import build_services
from tests.conftest import ADMIN_TOKEN, LiveServer, free_port, story_fields
from tests.functional.portal.test_desk_browser import PASSWORD, shot
from tests.functional.test_email_alerts import SmtpServer
from tests.waiting import LIVENESS_MS, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="browser tests need Chromium at /usr/bin/chromium"),
]


def test_flash_alert_on_the_desktop_and_by_email_with_unsubscribe(chromium: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    from newsflow.config import Settings

    with SmtpServer(free_port()) as smtp:
        settings = Settings(data_dir=tmp_path, base_url="http://testserver", admin_token=ADMIN_TOKEN,
                            secret_key="test-secret-key", smtp_url=f"smtp://127.0.0.1:{smtp.controller.port}")
        services = build_services(settings)
        with LiveServer(replace(settings), services) as live:
            sub = services.subscribers.create({"name": "Al-Akhbar"})
            services.accounts.create_user("akhbar", Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"],
                                          ui_language="ar")
            context = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=live.url)
            context.set_default_timeout(LIVENESS_MS)
            context.grant_permissions(["notifications"], origin=live.url)
            page = context.new_page()
            page.goto("/wire/login")
            page.fill("#username", "akhbar")
            page.fill("#password", PASSWORD)
            page.click("form.stack button[type=submit]")
            page.wait_for_url("**/wire/**")
            page.goto("/wire/?priority=flash")
            page.fill("#topic-name", "عاجل")
            page.fill("#topic-email", "akhbar.night@example.org")
            page.click("form.save-topic button[type=submit]")
            page.wait_for_url("**/wire/topics")
            expect(page.locator("body")).to_contain_text("akhbar.night@example.org")
            page.goto("/wire/")
            expect(page.locator("body[data-live='1']")).to_be_attached()

            headline = "عاجل: إغلاق مطار بيروت بسبب عاصفة"
            story = services.newsroom.create(story_fields(headline=headline, language="ar", priority="flash"),
                                             publish=True)
            notified = wait_until(lambda: page.evaluate("() => window.nfNotified.slice()"), "a desktop notification")
            assert notified == [story.uri]

            [mail] = wait_until(smtp.inbox.all, "the alert e-mail")
            assert headline in str(mail["Subject"])
            text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            link = re.search(r"Unsubscribe from this topic: (\S+)", text)
            assert link and link.group(1).startswith("http://testserver/alerts/unsubscribe?t=")
            context.close()

            stranger = chromium.new_context(base_url=live.url)  # not logged in
            stranger.set_default_timeout(LIVENESS_MS)
            other = stranger.new_page()
            other.goto(link.group(1).removeprefix("http://testserver"))
            other.click("#unsubscribe")
            expect(other.locator("#unsubscribed")).to_be_visible()
            shot(other, "alerts-unsubscribed")
            stranger.close()
            user_id = services.accounts.login("akhbar", PASSWORD).user_id
            assert user_id is not None and services.alerts.emails_of(user_id) == {}  # e-mail stopped
        services.db.dispose()


def test_notifications_denied_fall_back_to_an_alert_in_the_page(chromium: Any, live: LiveServer) -> None:
    """A reader who refused desktop notifications still sees the saved topic's alert on the page."""
    from playwright.sync_api import expect

    sub = live.services.subscribers.create({"name": "Al-Waqt"})
    live.services.accounts.create_user("waqt", Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"])
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=live.url)
    context.set_default_timeout(LIVENESS_MS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    context_id = cdp.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    cdp.send("Browser.setPermission", {"permission": {"name": "notifications"}, "setting": "denied",
                                       "origin": live.url, "browserContextId": context_id})
    page.goto("/wire/login")
    page.fill("#username", "waqt")
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/wire/**")
    page.goto("/wire/?priority=flash")
    page.fill("#topic-name", "Flash")
    page.click("form.save-topic button[type=submit]")
    page.wait_for_url("**/wire/topics")
    page.goto("/wire/")
    expect(page.locator("body[data-live='1']")).to_be_attached()
    assert page.evaluate("() => Notification.permission") == "denied"
    expect(page.locator("#notify-toggle")).to_be_hidden()  # nothing to ask: the reader said no

    headline = "Airport closed by the storm"
    live.services.newsroom.create(story_fields(headline=headline, priority="flash"), publish=True)
    banner = page.locator("#alerts p.alert")
    expect(banner).to_have_count(1)
    expect(banner).to_contain_text("Flash")
    expect(banner.locator("a")).to_have_text(headline)
    assert page.evaluate("() => window.nfNotified.slice()") == []
    shot(page, "alerts-in-page-denied")
    context.close()
