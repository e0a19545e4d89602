"""Limits that hold across nodes: lockouts, rate limits and ended logins (PostgreSQL).

Two complete newsflow nodes share one database, as behind a load balancer: one browser
(one cookie jar) may reach either. Failed logins counted on both add up to one lockout;
the public form's submissions counted on both share one window; a deactivation or a
password change made on node A ends the user's session, cached ``/abone/`` login and
open streams on node B — the test waits for each stream to end, and prints how long
the end took after the change was requested.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import httpx
import pytest

from newsflow.config import Settings
from newsflow.services.accounts import Role
from tests.conftest import ADMIN_TOKEN
from tests.functional.public.test_subscribe import GOOD
from tests.functional.test_multinode import two_nodes
from tests.waiting import LIVENESS, wait_until

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def _settings(tmp_path: Path, pg_url: str) -> Settings:
    return Settings(data_dir=tmp_path, database_url=pg_url, admin_token=ADMIN_TOKEN, secret_key="s",
                    compat_min_interval_ms=0)


def _csrf(html: str, name: str = "csrf_token") -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert match, f"the page has no {name} field"
    return match.group(1)


def _login(browser: httpx.Client, base: str, area: str, username: str, password: str) -> str:
    """Log in through node ``base``'s form; the CSRF token of the logged-in session."""
    token = _csrf(browser.get(f"{base}/{area}/login").text)
    r = browser.post(f"{base}/{area}/login", data={"username": username, "password": password, "csrf_token": token})
    assert r.status_code == 303, r.text
    return _csrf(browser.get(f"{base}{r.headers['location']}").text)


class Stream:
    """An SSE stream read in a thread; ``ended`` is set when the server closes it."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.lines: list[str] = []
        self.ended = threading.Event()
        self.ended_at = 0.0
        threading.Thread(target=self._read, args=(url, headers or {}), daemon=True).start()

    def _read(self, url: str, headers: dict[str, str]) -> None:
        try:
            with httpx.stream("GET", url, headers=headers, timeout=LIVENESS) as r:
                for line in r.iter_lines():
                    self.lines.append(line)
        finally:
            self.ended_at = time.monotonic()
            self.ended.set()


@pytest.mark.postgres
def test_lockout_and_rate_limit_count_on_every_node(tmp_path: Path, pg_url: str) -> None:
    node_a, node_b = two_nodes(_settings(tmp_path, pg_url))
    with node_a, node_b:
        sub = httpx.post(f"{node_a.url}/api/v1/admin/subscribers", json={"name": "Gazette"}, headers=AUTH).json()
        # Five wrong passwords spread over both nodes lock the user on both.
        for node in (node_a, node_b, node_a, node_b, node_a):
            r = httpx.get(f"{node.url}/abone/subscription/", auth=(sub["username"], "not-the-password"))
            assert r.status_code == 401
        for node in (node_b, node_a):
            r = httpx.get(f"{node.url}/abone/subscription/", auth=(sub["username"], sub["password"]))
            assert r.status_code == 401, "the right password got in during the lockout"
            assert node.services.accounts.locked(sub["username"])

        # The public form allows five submissions per address per window, on all nodes together.
        with httpx.Client() as browser:
            token = _csrf(browser.get(f"{node_a.url}/en/subscribe").text, "csrf_token")
            form = {**GOOD, "csrf_token": token}
            codes = [browser.post(f"{node.url}/en/subscribe", data=form).status_code
                     for node in (node_a, node_b, node_a, node_b, node_b, node_a)]
            assert codes == [303] * 5 + [429]
            refused = browser.post(f"{node_b.url}/en/subscribe", data=form)
            assert refused.status_code == 429
            assert 1 <= int(refused.headers["retry-after"]) <= 600


@pytest.mark.postgres
def test_deactivating_an_editor_ends_their_session_and_stream_on_the_other_node(tmp_path: Path, pg_url: str) -> None:
    node_a, node_b = two_nodes(_settings(tmp_path, pg_url))
    with node_a, node_b, httpx.Client() as browser:
        editor_id, token = node_a.services.accounts.create_user(
            "ed", Role.EDITOR, password="editor-pass-1", with_token=True
        )
        _login(browser, node_b.url, "desk", "ed", "editor-pass-1")
        assert browser.get(f"{node_b.url}/desk/").status_code == 200
        stream = Stream(f"{node_b.url}/api/v1/stream", {"Authorization": f"Bearer {token}"})
        wait_until(lambda: editor_id in node_b.services.hub.by_user, "the editor's stream to open on node B")

        sent = time.monotonic()
        r = httpx.post(f"{node_a.url}/admin/staff/{editor_id}/active", data={}, headers=AUTH)
        assert r.status_code == 303

        assert stream.ended.wait(LIVENESS), "the editor's stream on node B stayed open"
        print(f"\neditor deactivated on A: stream on B ended {stream.ended_at - sent:.3f} s after the request")
        assert any("revoked" in line for line in stream.lines), stream.lines
        r = browser.get(f"{node_b.url}/desk/")
        assert (r.status_code, r.headers.get("location", "")[:11]) == (303, "/desk/login")
        assert httpx.get(f"{node_b.url}/api/v1/stories", headers={"Authorization": f"Bearer {token}"}).status_code == 401


@pytest.mark.postgres
def test_a_password_change_ends_a_subscribers_other_logins_on_the_other_node(tmp_path: Path, pg_url: str) -> None:
    node_a, node_b = two_nodes(_settings(tmp_path, pg_url))
    with node_a, node_b, httpx.Client() as on_b, httpx.Client() as on_a:
        sub = httpx.post(f"{node_a.url}/api/v1/admin/subscribers", json={"name": "Gazette"}, headers=AUTH).json()
        old, new = sub["password"], "a-new-password-1"
        user_id = node_a.services.accounts.login(sub["username"], old).user_id

        # On node B: a portal session, the wire's stream opened with its token, an /abone/ login.
        csrf = _login(on_b, node_b.url, "wire", sub["username"], old)
        issued = on_b.post(f"{node_b.url}/wire/stream-token", headers={"X-CSRF-Token": csrf})
        assert issued.status_code == 200, issued.text
        stream = Stream(f"{node_b.url}/api/v1/stream?token={issued.json()['token']}")
        wait_until(lambda: user_id in node_b.services.hub.by_user, "the subscriber's stream to open on node B")
        assert httpx.get(f"{node_b.url}/abone/subscription/", auth=(sub["username"], old)).status_code == 200

        # On node A, the same user changes the password.
        csrf_a = _login(on_a, node_a.url, "wire", sub["username"], old)
        sent = time.monotonic()
        r = on_a.post(f"{node_a.url}/account/password", data={
            "csrf_token": csrf_a, "current": old, "new": new, "confirm": new,
        })
        assert r.status_code == 200, r.text

        assert stream.ended.wait(LIVENESS), "the subscriber's stream on node B stayed open"
        print(f"\npassword changed on A: stream on B ended {stream.ended_at - sent:.3f} s after the request")
        assert any("revoked" in line for line in stream.lines), stream.lines
        assert on_b.get(f"{node_b.url}/wire/usage").status_code == 303  # the session on B has ended
        assert on_a.get(f"{node_a.url}/wire/usage").status_code == 200  # the one that changed it goes on
        assert httpx.get(f"{node_b.url}/abone/subscription/", auth=(sub["username"], old)).status_code == 401
        assert httpx.get(f"{node_b.url}/abone/subscription/", auth=(sub["username"], new)).status_code == 200
        # a stream token issued before the change opens nothing any more
        refused = httpx.get(f"{node_b.url}/api/v1/stream?token={issued.json()['token']}")
        assert refused.status_code == 401


@pytest.mark.postgres
def test_shared_rate_limit_lets_exactly_the_limit_through_racing_nodes(pg_url: str) -> None:
    """Attempts racing from many threads (as from many nodes): exactly ``limit`` accepted."""
    from concurrent.futures import ThreadPoolExecutor

    from newsflow.services.rate_limits import SharedRateLimiter
    from newsflow.store.database import Database
    from newsflow.store.migrate import upgrade

    db = Database(Settings(database_url=pg_url).sqlalchemy_url)
    try:
        upgrade(db)
        gates = [SharedRateLimiter(db, "race", limit=5, window=600.0) for _ in range(12)]  # one per "node"
        with ThreadPoolExecutor(12) as pool:
            outcomes = list(pool.map(lambda gate: gate.allow("203.0.113.9"), gates))
        assert [ok for ok, _ in outcomes].count(True) == 5
        assert all(0 < wait <= 600 for ok, wait in outcomes if not ok)
        assert gates[0].allow("203.0.113.10") == (True, 0.0)  # keys are independent
        assert SharedRateLimiter(db, "other", limit=5, window=600.0).allow("203.0.113.9")[0]  # so are limits
        short = SharedRateLimiter(db, "short", limit=1, window=0.05)
        assert short.allow("x")[0]
        wait_until(lambda: short.allow("x")[0], "the short window to pass")  # the window slides
    finally:
        db.dispose()
