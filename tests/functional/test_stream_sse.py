"""GET /api/v1/stream against a real uvicorn server: order, replay, filters, auth.

The client is a raw socket reading the chunked SSE body, so the test sees exactly the
bytes a proxy or an EventSource would see, and can drop the connection at any point.
"""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from newsflow.config import Settings
from newsflow.wiring import Services
from tests.conftest import ADMIN_TOKEN, LiveServer, story_fields
from tests.waiting import LIVENESS, Changes, wait_until

WAIT = LIVENESS  # only a failing test waits this long


@dataclass
class Event:
    id: int | None
    event: str
    data: str

    def json(self) -> Any:
        return json.loads(self.data)

    @property
    def headline(self) -> str:
        return str(self.json()["headlines"][0]["value"])

    @property
    def body(self) -> str:
        return str(self.json()["bodies"][0]["value"])


@dataclass
class SSEClient:
    """A minimal SSE client on a raw socket, read by a thread into a queue."""

    url: str
    path: str = "/api/v1/stream"
    params: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 0
    response_headers: dict[str, str] = field(default_factory=dict)
    events: queue.Queue[Event | None] = field(default_factory=queue.Queue)
    comments: list[str] = field(default_factory=list)
    commented: Changes = field(default_factory=Changes)

    def __post_init__(self) -> None:
        host, port = self.url.removeprefix("http://").split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=WAIT)
        query = f"?{urlencode(self.params)}" if self.params else ""
        lines = [f"GET {self.path}{query} HTTP/1.1", f"Host: {host}", "Accept: text/event-stream"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self._buf = b""
        head = self._read_until(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        self.status = int(status_line.split()[1])
        self.response_headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines)}
        self.body_prefix = b""
        if self.status != 200:
            self.problem = json.loads(self._read_body())
            self.sock.close()
            return
        self.sock.settimeout(None)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _read_until(self, marker: bytes) -> bytes:
        while marker not in self._buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self._buf += chunk
        head, _, self._buf = self._buf.partition(marker)
        return head

    def _read_body(self) -> bytes:
        if self.response_headers.get("transfer-encoding") == "chunked":
            return b"".join(self._chunks())
        size = int(self.response_headers.get("content-length", "0"))
        while len(self._buf) < size:
            self._buf += self.sock.recv(65536)
        return self._buf[:size]

    def _chunks(self):  # type: ignore[no-untyped-def]
        while True:
            size = int(self._read_until(b"\r\n"), 16)
            if size == 0:
                return
            while len(self._buf) < size + 2:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("closed")
                self._buf += chunk
            yield self._buf[:size]
            self._buf = self._buf[size + 2:]

    def _run(self) -> None:
        text = b""
        try:
            for chunk in self._chunks():
                text += chunk
                while b"\n\n" in text:
                    block, _, text = text.partition(b"\n\n")
                    self._block(block.decode("utf-8"))
        except (OSError, ConnectionError, ValueError):
            pass
        self.events.put(None)

    def _block(self, block: str) -> None:
        ev_id, name, data = None, "message", []
        for line in block.split("\n"):
            if line.startswith(":"):
                self.comments.append(line[1:].strip())
                self.commented.changed()
            elif line.startswith("id: "):
                ev_id = int(line[4:])
            elif line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
        if data:
            self.events.put(Event(ev_id, name, "\n".join(data)))

    def take(self, n: int, timeout: float = WAIT) -> list[Event]:
        out: list[Event] = []
        deadline = time.monotonic() + timeout
        while len(out) < n:
            try:
                ev = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if ev is None:
                self.events.put(None)
                break
            out.append(ev)
        return out

    def ended(self, timeout: float = WAIT) -> bool:
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        if hasattr(self, "thread"):
            self.thread.join(5)


def api(live: LiveServer, token: str = ADMIN_TOKEN) -> httpx.Client:
    return httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {token}"}, timeout=WAIT)


def publish(http: httpx.Client, **fields: Any) -> dict[str, Any]:
    r = http.post("/api/v1/stories?publish=true", json=story_fields(**fields))
    assert r.status_code == 201, r.text
    return r.json()


def new_subscriber(http: httpx.Client, **rights: Any) -> dict[str, Any]:
    r = http.post("/api/v1/admin/subscribers", json={"name": f"Sub {time.monotonic_ns()}", **rights})
    assert r.status_code == 201, r.text
    return r.json()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


# -- tests ----------------------------------------------------------------------------------
def test_events_arrive_in_flow_order_with_ids_actions_and_documents(live: LiveServer) -> None:
    http = api(live)
    sub = new_subscriber(http)
    client = SSEClient(live.url, headers=bearer(sub["api_key"]))
    try:
        assert client.status == 200
        assert client.response_headers["content-type"].startswith("text/event-stream")
        story = publish(http, priority="flash", headline="First")
        sid = story["id"]
        http.post(f"/api/v1/stories/{sid}/update", json={"body": "<p>More.</p>"}).raise_for_status()
        http.post(f"/api/v1/stories/{sid}/correct", json={"headline": "Fixed", "note": "typo"}).raise_for_status()
        http.post(f"/api/v1/stories/{sid}/withdraw", json={"reason": "dup"}).raise_for_status()
        events = client.take(4)
        flow = http.get("/api/v1/flow").json()["entries"]
        assert [(e.id, e.event) for e in events] == [(f["seq"], f["action"]) for f in flow]
        assert [e.event for e in events] == ["publish", "update", "correct", "withdraw"]
        first = events[0].json()
        assert events[0].headline == "First" and first["uri"] == story["uri"]
        assert "More." in events[1].body  # the full text: entitled
        assert events[2].headline == "Fixed"
        assert events[3].json()["pubstatus"] == "canceled"
    finally:
        client.close()


def test_reconnect_with_last_event_id_or_after_replays_what_was_missed(live: LiveServer) -> None:
    http = api(live)
    sub = new_subscriber(http)
    seqs = [publish(http, headline=f"Story {i}")["seq"] for i in range(5)]
    assert seqs == [e["seq"] for e in http.get("/api/v1/flow").json()["entries"]]
    fresh = SSEClient(live.url, headers=bearer(sub["api_key"]))
    try:  # no cursor: the stream starts with the next entry, history is not replayed
        seqs.append(publish(http, headline="Next one")["seq"])
        assert [(e.id, e.headline) for e in fresh.take(1)] == [(seqs[-1], "Next one")]
    finally:
        fresh.close()
    client = SSEClient(live.url, headers={**bearer(sub["api_key"]), "Last-Event-ID": str(seqs[1])})
    try:
        assert [e.id for e in client.take(4)] == seqs[2:]
        seqs.append(publish(http, headline="Live one")["seq"])
        assert [(e.id, e.headline) for e in client.take(1)] == [(seqs[-1], "Live one")]
    finally:
        client.close()
    client = SSEClient(live.url, params={"after": seqs[3]}, headers=bearer(sub["api_key"]))
    try:
        assert [e.id for e in client.take(3)] == seqs[4:]
        sentinel = publish(http, headline="Sentinel")["seq"]
        # nothing else, nothing twice: the next event is the one published after
        assert [(e.id, e.headline) for e in client.take(1)] == [(sentinel, "Sentinel")]
    finally:
        client.close()


def test_entitlements_and_filters_decide_what_each_stream_gets(live: LiveServer) -> None:
    http = api(live)
    sports = new_subscriber(http, categories=["sports"])
    everything = new_subscriber(http)
    c_sports = SSEClient(live.url, headers=bearer(sports["api_key"]))
    c_flash_ar = SSEClient(live.url, params={"priority": "flash", "language": "ar"}, headers=bearer(everything["api_key"]))
    c_all = SSEClient(live.url, params={"format": "newsmlg2"}, headers=bearer(everything["api_key"]))
    c_editor = SSEClient(live.url, params={"category": "economy"}, headers=bearer(ADMIN_TOKEN))
    try:
        publish(http, category="economy", headline="Rates")
        publish(http, category="sports", headline="Goal")
        publish(http, category="sports", language="ar", priority="flash", headline="هدف")
        publish(http, category="economy", language="ar-SA", priority="flash", headline="أسعار")
        all_events = c_all.take(4)
        assert len(all_events) == 4
        assert all(e.data.lstrip().startswith("<?xml") for e in all_events)  # the chosen format
        assert [e.headline for e in c_sports.take(2)] == ["Goal", "هدف"]
        assert [e.headline for e in c_flash_ar.take(2)] == ["هدف", "أسعار"]
        assert [e.headline for e in c_editor.take(2)] == ["Rates", "أسعار"]
        # Nothing else reached any stream: the next event each gets is one published after.
        publish(http, category="sports", language="ar", priority="flash", headline="End sports")
        publish(http, category="economy", language="ar", priority="flash", headline="End economy")
        assert [e.headline for e in c_sports.take(1)] == ["End sports"]
        assert [e.headline for e in c_editor.take(1)] == ["End economy"]
        assert [e.headline for e in c_flash_ar.take(2)] == ["End sports", "End economy"]
        ends = c_all.take(2)
        assert len(ends) == 2 and "End sports" in ends[0].data and "End economy" in ends[1].data
    finally:
        for client in (c_sports, c_flash_ar, c_all, c_editor):
            client.close()


def test_stream_token_for_eventsource_and_bad_requests(live: LiveServer) -> None:
    http = api(live)
    sub = new_subscriber(http, categories=["sports"])
    r = httpx.post(f"{live.url}/api/v1/stream/token", headers=bearer(sub["api_key"]))
    assert r.status_code == 200 and r.json()["expires_in"] > 0
    token = r.json()["token"]
    assert sub["api_key"] not in token
    client = SSEClient(live.url, params={"token": token})
    try:
        assert client.status == 200
        publish(http, category="economy", headline="Not for sports")
        publish(http, category="sports", headline="Goal")
        assert [e.headline for e in client.take(1)] == ["Goal"]
    finally:
        client.close()
    bad = [
        ({}, {}, 401),
        ({"token": token + "x"}, {}, 401),
        ({}, bearer("nfk_wrong"), 401),
        ({"format": "docx"}, bearer(sub["api_key"]), 422),
        ({"after": "-1"}, bearer(sub["api_key"]), 422),
        ({}, {**bearer(sub["api_key"]), "Last-Event-ID": "abc"}, 422),
    ]
    for params, headers, status in bad:
        c = SSEClient(live.url, params=params, headers=headers)
        assert c.status == status, (params, c.status)
        assert c.response_headers["content-type"].startswith("application/problem+json")
        c.close()
    assert httpx.post(f"{live.url}/api/v1/stream/token").status_code == 401


@pytest.fixture
def quick_live(settings: Settings, services: Services) -> Iterator[LiveServer]:
    services.hub.heartbeat_seconds = 0.2
    with LiveServer(settings, services) as server:
        yield server


def test_heartbeat_comments_on_idle_streams(quick_live: LiveServer) -> None:
    live = quick_live
    http = api(live)
    sub = new_subscriber(http)
    client = SSEClient(live.url, headers=bearer(sub["api_key"]))
    try:
        assert client.commented.wait_for(lambda: "hb" in client.comments), client.comments
        publish(http, headline="After the heartbeat")
        # comments are not events: the first event is the story
        assert [e.headline for e in client.take(1)] == ["After the heartbeat"]
    finally:
        client.close()



def test_live_streams_are_written_by_the_hub_and_a_client_that_leaves_is_let_go(live: LiveServer) -> None:
    http = api(live)
    sub = new_subscriber(http)
    hub = live.services.hub
    before = set(hub.connections)
    client = SSEClient(live.url, headers=bearer(sub["api_key"]))
    try:
        publish(http, headline="Hello")
        assert [e.headline for e in client.take(1)] == ["Hello"]
        (conn,) = hub.connections - before
        assert conn._send is not None  # attached: the hub writes it inline
    finally:
        client.close()
    # No watcher task: the request's own task sees http.disconnect and unregisters.
    wait_until(lambda: conn not in hub.connections, "the hub to let the connection go")
    assert conn.gone


def test_a_subscriber_without_video_gets_stories_without_their_video(live: LiveServer, tmp_path: Any) -> None:
    """Live and replayed, the same text story: with its video for one, without for the other."""
    import shutil
    import subprocess

    if shutil.which("ffmpeg") is None:
        pytest.skip("the video needs ffmpeg (make media-tools installs it)")
    http = api(live)
    clip = tmp_path / "v.mp4"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x90",
                    "-c:v", "libx264", "-preset", "ultrafast", str(clip)], check=True, capture_output=True)
    video = http.post("/api/v1/media", files={"file": ("v.mp4", clip.read_bytes(), "video/mp4")}).json()
    wait_until(lambda: http.get(f"/api/v1/media/{video['id']}").json()["status"] == "ready", "the video", 300)
    no_video = new_subscriber(http, types=["text", "picture"])
    everything = new_subscriber(http)
    c_no_video = SSEClient(live.url, headers=bearer(no_video["api_key"]))
    c_all = SSEClient(live.url, headers=bearer(everything["api_key"]))
    try:
        publish(http, headline="Floods in the valley", media_ids=[video["id"]])
        [seen_all] = c_all.take(1)
        [seen_without] = c_no_video.take(1)
        assert [a["type"] for a in seen_all.json()["associations"]] == ["video"]
        assert "associations" not in seen_without.json() and video["id"] not in seen_without.data
        assert seen_without.headline == "Floods in the valley"
    finally:
        c_no_video.close()
        c_all.close()
    replay = SSEClient(live.url, params={"after": 0}, headers=bearer(no_video["api_key"]))
    try:
        [again] = replay.take(1)
        assert again.json()["uri"] == seen_all.json()["uri"] and video["id"] not in again.data
    finally:
        replay.close()
