"""Fixtures for the public site: a live server with the demo stories, and a crawler."""

from __future__ import annotations

import contextlib
import html
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

import httpx
import pytest

from newsflow.demo.loader import load_demo
from tests.conftest import LiveServer
from tests.waiting import LIVENESS, Changes

HREF = re.compile(r"""(?:href|src)="([^"]+)\"""")


@dataclass
class DemoSite:
    live: LiveServer
    ids: dict[str, int]

    @property
    def url(self) -> str:
        return self.live.url


@pytest.fixture
def demo_site(live: LiveServer) -> Iterator[DemoSite]:
    ids = load_demo(live.services.newsroom)
    yield DemoSite(live, ids)


def readable(text: str) -> str:
    """Undo every encoding a public document may use, then collapse whitespace.

    A sentence hidden behind HTML entities, percent-encoding (share links) or JSON
    escapes must still be found by the leak test.
    """
    for _ in range(2):
        text = html.unescape(unquote(text))
    text = text.replace('\\"', '"').replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&")
    return re.sub(r"\s+", " ", text)


def crawl(base: str, seeds: list[str], *, limit: int = 400) -> dict[str, httpx.Response]:
    """Every same-site URL reachable from ``seeds`` by links (GET only)."""
    seen: dict[str, httpx.Response] = {}
    queue = list(seeds)
    host = urlsplit(base).netloc
    with httpx.Client(base_url=base, follow_redirects=True, timeout=30) as client:
        while queue and len(seen) < limit:
            path = queue.pop(0)
            if path in seen:
                continue
            response = client.get(path)
            seen[path] = response
            if "html" not in response.headers.get("content-type", ""):
                continue
            for href in HREF.findall(response.text):
                target = urljoin(base + path, html.unescape(href))
                parts = urlsplit(target)
                if parts.netloc != host or parts.path.endswith("/live"):
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


class StreamTap(threading.Thread):
    """Reads a public SSE stream in the background, one event dict per frame."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.headers = headers or {}
        self.raw: list[str] = []
        self.events: list[dict[str, str]] = []
        self.ready = threading.Event()
        self._changes = Changes()
        self.ended = False
        self._response: httpx.Response | None = None
        self._client = httpx.Client(timeout=httpx.Timeout(60.0))

    def run(self) -> None:
        current: dict[str, str] = {}
        try:
            with self._client.stream("GET", self.url, headers=self.headers) as response:
                self._response = response
                for line in response.iter_lines():
                    self.ready.set()  # the first line comes after the server registered us
                    self.raw.append(line)
                    if not line:
                        if current:
                            self.events.append(current)
                            self._changes.changed()
                        current = {}
                    elif not line.startswith(":"):
                        name, _, value = line.partition(": ")
                        current[name] = current.get(name, "") + value
        except (httpx.HTTPError, RuntimeError):
            pass  # closed by the test
        finally:
            self.ended = True
            self.ready.set()
            self._changes.changed()

    def wait_for(self, predicate: Callable[[list[dict[str, str]]], bool], timeout: float = LIVENESS) -> bool:
        """Wait until the events received satisfy ``predicate`` (woken by each new event)."""
        self._changes.wait_for(lambda: self.ended or predicate(list(self.events)), timeout)
        return predicate(list(self.events))

    def close(self) -> None:
        """End the stream now: shutting the socket down wakes the blocked read and tells the
        server the client left (closing the client alone would leave the connection open
        until the server next writes, its heartbeat)."""
        response = self._response
        stream = response.extensions.get("network_stream") if response is not None else None
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.join(LIVENESS)
        self._client.close()
