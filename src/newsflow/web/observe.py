"""Every HTTP request's id, duration and (with JSON logs) its access line.

A pure ASGI layer, outermost, so it sees the streams and the document downloads that
skip the app's other layers (``StreamBypass``, ``DocumentsBypass``) and costs one
function call per response message, not a task per request.

* **Request id**: a sane ``X-Request-ID`` from the client or the proxy in front is kept,
  otherwise one is made; it is echoed in the response (not on the streams, whose frames
  go out unwrapped) and carried by every log line written while the request runs
  (``newsflow.web.logs``).
* **Duration**: ``newsflow_http_request_seconds{route}`` by route *template*
  (``/api/v1/stories/{story_id}``), never the raw path, so the number of series stays
  bounded whatever clients ask for. Streams are long-lived by design and not timed.
"""

from __future__ import annotations

import itertools
import logging
import re
import secrets
import time
from typing import Any

from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsflow.flow.metrics import NodeMetrics
from newsflow.web.api.stream import STREAM_PATHS
from newsflow.web.logs import request_id

access = logging.getLogger("newsflow.access")

HEADER = b"x-request-id"
SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}")
DOCUMENTS = "/api/v1/documents/"
STORIES = "/api/v1/stories"
# Made ids: this process's random prefix and a serial number (unique across nodes and
# restarts, and cheaper than a random id per request).
PREFIX = secrets.token_hex(6) + "-"
_serial = itertools.count(1)


def given_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == HEADER:
            text = value.decode("latin-1")
            return text if SANE.fullmatch(text) else None
    return None


def route_label(scope: Scope) -> str:
    """The route template that answered (bounded), not the path asked for (unbounded)."""
    route = scope.get("route")
    if route is not None:
        path = str(getattr(route, "path", "") or "/")
        return f"{path.rstrip('/')}/{{path}}" if isinstance(route, Mount) else path
    if scope["path"].startswith(DOCUMENTS):  # answered by DocumentsBypass, before routing
        return "/api/v1/documents/{story_id}"
    if scope["path"] == STORIES:  # answered by PublishBypass, before routing
        return STORIES
    return "unmatched"


class RequestObserver:
    def __init__(self, app: ASGIApp, metrics: NodeMetrics, *, access_log: bool = False) -> None:
        self.app = app
        self.metrics = metrics
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        rid = given_id(scope) or f"{PREFIX}{next(_serial):x}"
        token = request_id.set(rid)
        if scope["type"] == "websocket" or scope["path"] in STREAM_PATHS:
            # Long-lived: the hub sends every live frame through ``send``, so it goes
            # unwrapped (no X-Request-ID echo); lines logged while it opens carry the id.
            try:
                await self.app(scope, receive, send)
            finally:
                request_id.reset(token)
            return
        header = (HEADER, rid.encode("latin-1"))
        status = 0

        def tagged(message: Message) -> Any:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), header]}
            return send(message)  # send's own awaitable: no extra coroutine per message

        started = time.perf_counter()
        try:
            await self.app(scope, receive, tagged)
        finally:
            seconds = time.perf_counter() - started
            route = route_label(scope)
            self.metrics.http_request(route, seconds)
            if self.access_log:
                access.info(
                    "%s %s %s", scope["method"], scope["path"], status or 500,
                    extra={"method": scope["method"], "path": scope["path"], "route": route,
                           "status": status or 500, "duration_ms": round(seconds * 1000, 2)},
                )
            request_id.reset(token)
