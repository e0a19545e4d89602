"""Webhook health in the admin portal: backlog, last error, dead letters, and a replay
from the page that reaches the receiver (a real HTTP server on loopback)."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from newsflow.flow.webhooks import RetrySchedule
from newsflow.wiring import Services
from tests.functional.test_webhooks import (
    Receiver,
    app,
    publish,
    receivers,
    register,
    subscriber,
    wh_services,
)
from tests.waiting import wait_until

__all__ = ["app", "receivers", "wh_services"]


def test_the_admin_page_shows_health_and_its_replay_button_resends(
    app: TestClient, wh_services: Services, receivers: Callable[..., Receiver]
) -> None:
    wh_services.webhook_dispatcher.schedule = RetrySchedule(base=0.01, cap=0.02, give_up_after=0.3)
    receiver = receivers(always_status=503)
    sub = subscriber(app)
    hook = register(app, sub, url=receiver.url)
    publish(app, headline="Dam breaks")
    [letter] = wait_until(
        lambda: app.get(f"/api/v1/admin/webhooks/{hook['id']}/dead-letters").json()["dead_letters"],
        "the entry to be dead-lettered",
    )
    page = app.get("/admin/webhooks").text
    row = re.search(rf"<tr><td>{hook['id']}</td>.*?</tr>", page, re.S)
    assert row and receiver.url in row.group(0) and "503" in row.group(0)
    assert f'<a href="/admin/webhooks?show={hook["id"]}">1</a>' in row.group(0)  # one dead letter
    detail = app.get(f"/admin/webhooks?show={hook['id']}").text
    action = f"/admin/webhooks/{hook['id']}/dead-letters/{letter['id']}/replay"
    assert f'action="{action}"' in detail and "HTTP 503" in detail

    receiver.always_status = None
    before = len(receiver.all())
    r = app.post(action, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("done=replayed")
    replayed = receiver.all()[before:]
    assert len(replayed) == 1 and replayed[0].headers["X-Newsflow-Replay"] == "1"
    assert b"Dam breaks" in replayed[0].body
    after = app.get(r.headers["location"]).text
    assert "Dead letter sent again." in after and f'action="{action}"' not in after  # replayed once
    again = app.post(action, follow_redirects=False)
    assert again.status_code == 303 and "done=failed:409" in again.headers["location"]
