"""Media on the live wire in Chromium: a story with a photo arrives with its thumbnail in
the list (built by wire-live.js from the ninjs event), and its reading pane offers a
preview and a download for every size."""

from __future__ import annotations

import os
from io import BytesIO
from typing import Any

import pytest
from PIL import Image

from newsflow.core.story import MediaRole
from newsflow.services.accounts import Role
from tests.conftest import LiveServer, story_fields
from tests.functional.portal.test_desk_browser import PASSWORD, shot
from tests.functional.portal.test_wire_reader_browser import _page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="browser tests need Chromium at /usr/bin/chromium"),
]


def test_a_live_photo_story_shows_its_thumbnail_and_sizes(chromium: Any, live: LiveServer) -> None:
    from playwright.sync_api import expect

    services = live.services
    sub = services.subscribers.create({"name": "Harbour Times"})
    services.accounts.create_user("harbour", Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"])
    wire = _page(chromium, live, "wire", "harbour")
    wire.goto("/wire/")
    expect(wire.locator("body[data-live='1']")).to_be_attached()

    out = BytesIO()
    Image.new("RGB", (800, 600), "teal").save(out, "JPEG")
    item = services.media.upload(out.getvalue(), caption="The harbour at dawn")
    thumb = next(r.href for r in item.renditions if r.name == "thumbnail")
    story = services.newsroom.create(story_fields(headline="Harbour reopens"), publish=True,
                                     associations=(item.association(MediaRole.LEAD),))
    line = wire.locator("#wire li.entry", has_text="Harbour reopens")
    expect(line.locator("img.thumb")).to_have_attribute("src", thumb)
    line.locator("a[data-pane]").click()
    sizes = wire.locator("#pane .renditions li")
    expect(sizes).to_have_count(len(item.renditions))
    for li in sizes.all():
        name = li.get_attribute("data-rendition")
        base = f"/wire/stories/{story.id}/photos/0/{name}"
        expect(li.locator("a.preview")).to_have_attribute("href", base + "?inline=1")
        expect(li.locator("a.download")).to_have_attribute("href", base)
    shot(wire, "wire-photo-pane")
    wire.context.close()
