"""Stream guarantees under stress: slow consumers, revocation, random disconnects."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsflow.config import Settings
from newsflow.wiring import Services
from tests.conftest import LiveServer
from tests.functional.test_stream_sse import WAIT, SSEClient, api, bearer, new_subscriber, publish
from tests.waiting import LIVENESS, wait_until

BUFFER = 8


@pytest.fixture
def small_buffer_live(settings: Settings, services: Services) -> Iterator[LiveServer]:
    with LiveServer(replace(settings, stream_buffer=BUFFER), services) as server:
        yield server


def test_slow_consumer_is_cut_off_with_a_reason_and_others_are_unaffected(small_buffer_live: LiveServer) -> None:
    live = small_buffer_live
    http = api(live)
    sub = new_subscriber(http)
    fast = SSEClient(live.url, headers=bearer(sub["api_key"]))
    # The slow client connects with a tiny receive window and does not read at all.
    host, port = live.url.removeprefix("http://").split(":")
    slow = socket.socket()
    slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    slow.connect((host, int(port)))
    slow.sendall(f"GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {sub['api_key']}\r\n\r\n".encode())
    body = "<p>" + ("Lorem ipsum dolor sit amet. " * 2000) + "</p>"  # ~56 KB per event
    hub = live.services.hub

    def slow_cut() -> bool:
        return any(c.closing is not None and c.closing.code == "slow_consumer" for c in list(hub.connections))

    count = 0
    try:
        # Kernel socket buffers absorb a few MB first; publish until the hub cuts it.
        while not slow_cut() and count < 400:
            publish(http, headline=f"Big {count}", body=body)
            count += 1
        assert slow_cut(), "the non-reading client was never cut off"
        for _ in range(3):
            publish(http, headline=f"Big {count}", body=body)
            count += 1
        events = fast.take(count, timeout=60)
        assert [e.headline for e in events] == [f"Big {i}" for i in range(count)]
        # The slow one: read everything it was sent; it ends with the error event.
        slow.settimeout(WAIT)
        data = b""
        while True:
            chunk = slow.recv(1 << 20)
            if not chunk:
                break
            data += chunk
        assert b"event: error" in data
        assert f"slow consumer: buffer of {BUFFER} events exceeded".encode() in data
        received = data.count(b"\nevent: publish\n")
        assert received < count
        assert live.services.hub.connections == {c for c in live.services.hub.connections if c.open}
    finally:
        fast.close()
        slow.close()


def test_revoking_a_key_or_subscriber_closes_its_streams(live: LiveServer) -> None:
    http = api(live)
    sub = new_subscriber(http)
    other = new_subscriber(http)
    second_key = http.post(f"/api/v1/admin/subscribers/{sub['id']}/keys").json()
    by_key = SSEClient(live.url, headers=bearer(sub["api_key"]))
    by_second = SSEClient(live.url, headers=bearer(second_key["api_key"]))
    unrelated = SSEClient(live.url, headers=bearer(other["api_key"]))
    try:
        keys = api(live, sub["api_key"]).get("/api/v1/keys").json()["keys"]
        first_id = next(k["id"] for k in keys if k["prefix"] == sub["api_key"][:8])
        r = http.delete(f"/api/v1/admin/subscribers/{sub['id']}/keys/{first_id}")
        assert r.status_code == 204, r.text
        assert by_key.ended()
        last = by_key.take(5)
        assert last and last[-1].event == "error" and last[-1].json()["code"] == "revoked"
        publish(http, headline="After key revocation")
        assert [e.headline for e in by_second.take(1)] == ["After key revocation"]

        # The subscription narrows: the open stream follows without reconnecting.
        assert http.patch(f"/api/v1/admin/subscribers/{sub['id']}", json={"categories": ["sports"]}).status_code == 200
        # The hub applies the change after the commit, on its own loop: wait until it has.
        hub = live.services.hub
        wait_until(
            lambda: all(c.ent is not None and c.ent.categories == {"sports"}
                        for c in list(hub.by_subscriber.get(int(sub["id"]), ()))),
            "the open stream to follow the narrowed subscription",
        )
        publish(http, category="economy", headline="Economy")
        publish(http, category="sports", headline="Sports")
        assert [e.headline for e in by_second.take(1)] == ["Sports"]

        assert http.delete(f"/api/v1/admin/subscribers/{sub['id']}").status_code == 204
        assert by_second.ended()
        assert by_second.take(5)[-1].json()["code"] == "revoked"
        # The other subscriber's stream saw everything and is still open.
        assert [e.headline for e in unrelated.take(3)] == ["After key revocation", "Economy", "Sports"]
        publish(http, headline="Still open")
        assert [e.headline for e in unrelated.take(1)] == ["Still open"]
        # A revoked key cannot open a new stream either.
        again = SSEClient(live.url, headers=bearer(sub["api_key"]))
        assert again.status == 401
    finally:
        for c in (by_key, by_second, unrelated):
            c.close()


@hsettings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(min_value=3, max_value=25),
    cuts=st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=6),
    pause=st.sampled_from([0.0, 0.005, 0.02]),
)
def test_random_disconnects_never_lose_or_repeat_an_entry(live: LiveServer, n: int, cuts: list[int], pause: float) -> None:
    """Reconnect with Last-Event-ID at random points while entries keep committing."""
    http = api(live)
    start = live.services.signal.latest
    sub = new_subscriber(http)

    def publisher() -> None:
        local = api(live)
        for i in range(n):
            publish(local, headline=f"H{i}")
            time.sleep(pause)

    thread = threading.Thread(target=publisher)
    thread.start()
    seen: list[int] = []
    cursor = start
    plan = list(cuts)
    deadline = time.monotonic() + LIVENESS
    try:
        while len(seen) < n and time.monotonic() < deadline:
            client = SSEClient(live.url, headers={**bearer(sub["api_key"]), "Last-Event-ID": str(cursor)})
            remaining = n - len(seen)
            want = min(plan.pop(0), remaining) if plan else remaining
            got = client.take(want, timeout=WAIT) if want else []
            client.close()
            seen += [e.id for e in got if e.id is not None]
            if got:
                cursor = got[-1].id or cursor
    finally:
        thread.join()
    assert seen == list(range(start + 1, start + n + 1))
