"""The HTTP protocol ``newsflow serve`` runs (``web/http_server.py``), through a real uvicorn
server on a port the kernel hands out: a complete response leaves in one socket write, a
stream's head is not held back until its first event, and every byte still arrives in order.

The socket writes are seen by a recording transport between the protocol and uvicorn's own
(uvloop's) transport, so these tests also fail if a uvicorn release changes what the
adapter relies on and it quietly stops merging.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from newsflow.config import Settings
from newsflow.web.http_server import BIG, OneWriteHttp
from newsflow.wiring import Services
from tests.conftest import ADMIN_TOKEN, LiveServer, story_fields
from tests.waiting import LIVENESS, wait_until


class RecordingTransport:
    """A connection's transport that notes every write before passing it on."""

    def __init__(self, transport: asyncio.Transport, writes: list[bytes]) -> None:
        self.transport = transport
        self.writes = writes

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))
        self.transport.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.transport, name)


def recording(writes: list[bytes], base: type[HttpToolsProtocol] = OneWriteHttp) -> type[HttpToolsProtocol]:
    class Recording(base):  # type: ignore[valid-type,misc]
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(RecordingTransport(transport, writes))

    return Recording


@contextmanager
def served(app: Any, http: type[asyncio.Protocol]) -> Iterator[str]:
    """``app`` served by uvicorn (uvloop, as ``newsflow serve`` runs it) on a kernel port."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, http=http, lifespan="off",
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started or not thread.is_alive(), "the server to start")
    assert server.started
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(LIVENESS)


def test_a_publish_is_answered_in_one_write(settings: Settings, services: Services) -> None:
    writes: list[bytes] = []
    with LiveServer(settings, services, http=recording(writes)) as live, httpx.Client(
        base_url=live.url, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=LIVENESS,
    ) as http:
        published = http.post("/api/v1/stories?publish=true", json=story_fields())
        listed = http.get("/api/v1/stories")  # through the main app and its middleware
    assert published.status_code == 201 and listed.status_code == 200
    answers = [w for w in writes if w.startswith(b"HTTP/1.1 ")]
    assert len(answers) == 2
    assert answers[0].startswith(b"HTTP/1.1 201 ") and answers[0].endswith(b"\r\n\r\n" + published.content)
    assert answers[1].startswith(b"HTTP/1.1 200 ") and answers[1].endswith(b"\r\n\r\n" + listed.content)
    assert len(writes) == 2


def test_an_event_stream_gets_its_head_before_any_event(settings: Settings, services: Services) -> None:
    """``/api/v1/stream`` sends its head and ``retry`` at once (together), before any story."""
    writes: list[bytes] = []
    with LiveServer(settings, services, http=recording(writes)) as live, httpx.stream(
        "GET", f"{live.url}/api/v1/stream", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=LIVENESS,
    ) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        first = next(stream.iter_raw())
        assert first.startswith(b"retry: 2000\n")
    [head] = [w for w in writes if w.startswith(b"HTTP/1.1 200 ")]
    assert head.endswith(b"\r\nretry: 2000\n: ok\n\n\r\n")  # the first chunk, in the head's write


def test_a_stream_whose_first_event_is_late_gets_its_head_at_once() -> None:
    """The head goes out when the app sent it, not with the first body: the app here sends
    its first event only after the client has read the head."""
    read_head: concurrent.futures.Future[None] = concurrent.futures.Future()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]})
        await asyncio.wrap_future(read_head)
        await send({"type": "http.response.body", "body": b"data: late\n\n", "more_body": False})

    writes: list[bytes] = []
    with served(app, recording(writes)) as url, httpx.stream("GET", url, timeout=LIVENESS) as stream:
        assert stream.status_code == 200 and stream.headers["content-type"] == "text/event-stream"
        read_head.set_result(None)
        assert stream.read() == b"data: late\n\n"
    assert len(writes) == 2 and writes[0].endswith(b"\r\n\r\n")


def echo_app(size: int) -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        received = b""
        while True:
            message = await receive()
            received += message.get("body", b"")
            if not message.get("more_body"):
                break
        body = received or b"x" * size
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/octet-stream"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    return app


def test_a_large_body_follows_its_head_whole() -> None:
    writes: list[bytes] = []
    with served(echo_app(BIG + 1), recording(writes)) as url, httpx.Client(base_url=url, timeout=LIVENESS) as http:
        got = http.get("/")
        head = http.head("/")
    assert got.status_code == 200 and got.content == b"x" * (BIG + 1)
    assert head.status_code == 200 and head.headers["content-length"] == str(BIG + 1) and head.content == b""
    # the large body on its own (not copied after the head); the HEAD answer in one write
    assert [len(w) > BIG for w in writes] == [False, True, False]


def read_until(sock: socket.socket, marker: bytes, got: bytes = b"") -> bytes:
    while marker not in got:
        chunk = sock.recv(65536)
        assert chunk, f"the server closed the connection before {marker!r}"
        got += chunk
    return got


def test_expect_100_continue_then_the_answer_in_order() -> None:
    """``100 Continue`` is the cycle's first write: it is not held behind the client's body."""
    writes: list[bytes] = []
    with served(echo_app(0), recording(writes)) as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=LIVENESS) as sock:
            sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            interim = read_until(sock, b"\r\n\r\n")
            assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
            sock.sendall(b"hello")
            answer = read_until(sock, b"hello")
    assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(b"\r\n\r\nhello")
    assert len(writes) == 2


def test_uvicorns_own_protocol_writes_head_and_body_apart() -> None:
    """What the adapter saves: without it the same answer takes two writes."""
    writes: list[bytes] = []
    with served(echo_app(3), recording(writes, HttpToolsProtocol)) as url:
        assert httpx.get(url, timeout=LIVENESS).content == b"xxx"
    assert len(writes) == 2 and writes[1] == b"xxx"
