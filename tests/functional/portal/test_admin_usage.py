"""A subscriber's downloads per day on its admin page: an SVG chart drawn on the server,
with the same numbers in a table beside it (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from newsflow.services.accounts import Role
from newsflow.wiring import Services
from tests.conftest import story_fields
from tests.functional.portal.test_desk import PASSWORD, browser, log_in  # noqa: F401  (fixture)


def test_usage_per_subscriber_per_day_is_a_chart_with_numbers(
    client: TestClient, browser: TestClient, services: Services  # noqa: F811
) -> None:
    services.accounts.create_user("ada", Role.ADMIN, password=PASSWORD)
    busy = client.post("/api/v1/admin/subscribers", json={"name": "Busy Daily"}).json()
    quiet = client.post("/api/v1/admin/subscribers", json={"name": "Quiet Weekly"}).json()
    sid = client.post("/api/v1/stories?publish=true", json=story_fields()).json()["id"]
    for key, times in ((busy["api_key"], 3), (quiet["api_key"], 1)):
        for _ in range(times):
            assert client.get(f"/api/v1/documents/{sid}?format=ninjs", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    log_in(browser, "admin", "ada")
    today = datetime.now(UTC).date().isoformat()
    page = browser.get(f"/admin/subscribers/{busy['id']}").text
    section = re.search(r'id="daily-usage">(.*?)</section>', page, re.S)
    assert section, "no daily usage section"
    chart = section.group(1)
    assert '<svg role="img"' in chart and f"<title>{today}: 3</title>" in chart  # the bar, from the server
    assert f'<td><time datetime="{today}">{today}</time></td><td>3</td>' in chart  # the number beside it
    assert chart.count("<rect") == 30  # every day of the last 30, empty days as zero bars
    other = browser.get(f"/admin/subscribers/{quiet['id']}").text
    assert f"<title>{today}: 1</title>" in other  # each subscriber its own
