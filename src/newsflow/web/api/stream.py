"""Real-time streams: SSE at ``/api/v1/stream``, WebSocket at ``/api/v1/ws``.

Both authenticate at connect (Bearer key, or a stream token from
``POST /api/v1/stream/token`` in ``?token=``), decide entitlement and filters once,
register with the hub, replay what the client missed, then go live. An SSE stream,
once live, is written by the hub itself (``Connection.attach``); the request's own task
only waits for ``http.disconnect``, so an idle stream costs one parked task and a small
object. The WebSocket writer is still the request's task, sleeping on the buffer.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Annotated, Any, cast

from fastapi import APIRouter, FastAPI, Query, Request, WebSocket
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocketDisconnect

from newsflow.core.entitlements import Entitlement
from newsflow.core.filters import FlowFilters
from newsflow.core.language import primary_language
from newsflow.errors import AuthenticationFailed, InvalidInput, NewsflowError
from newsflow.flow.access import StreamIdentity
from newsflow.flow.connection import Connection, body
from newsflow.flow.hub import Hub
from newsflow.flow.sse import Wire, ws_error
from newsflow.formats import get_format
from newsflow.services.delivery import parse_list
from newsflow.web import problems
from newsflow.web.deps import ServicesDep, bearer_token, client_ip, get_services

if TYPE_CHECKING:
    from newsflow.wiring import Services

router = APIRouter(prefix="/api/v1", tags=["stream"])
STREAM_PATHS = frozenset({"/api/v1/stream", "/api/v1/ws"})

RUN_LATER = "newsflow.run_stream_later"  # set by StreamBypass: it runs the stream itself
HANDOFF = "newsflow.event_stream"  # the EventStream the stream app handed back
SUBSCRIBE_TIMEOUT = 10.0
MAX_MESSAGE = 4096


def _filters(category: str | None, language: str | None, priority: str | None, type: str | None) -> FlowFilters:
    return FlowFilters(
        parse_list(category, "category"),
        tuple(primary_language(x) for x in parse_list(language, "language")),
        parse_list(priority, "priority"),
        parse_list(type, "type"),
    )


async def _identify(services: Services, bearer: str | None, token: str | None) -> StreamIdentity:
    access = services.stream_access
    if bearer is not None:
        return cast(StreamIdentity, await run_in_threadpool(access.from_bearer, bearer))
    if token:
        return cast(StreamIdentity, await run_in_threadpool(access.from_token, token))
    raise AuthenticationFailed("send Authorization: Bearer <key>, or ?token= from POST /api/v1/stream/token")


async def _open(
    services: Services, identity: StreamIdentity, wire: Wire, fmt: str, filters: FlowFilters, ip: str | None
) -> Connection:
    get_format(fmt)  # an unknown format is a 4xx before anything opens
    p = identity.principal
    ent: Entitlement | None = None
    if not p.is_editor:
        if p.subscriber_id is None:
            raise AuthenticationFailed("this account has no subscription")
        ent = await run_in_threadpool(services.subscribers.live_entitlement, p.subscriber_id, ip)
    return Connection(
        wire=wire, fmt=fmt, filters=filters, ent=ent, limit=services.settings.stream_buffer,
        subscriber_id=p.subscriber_id if ent is not None else None, key_id=identity.key_id, user_id=p.user_id,
        user_epoch=p.epoch,
    )


def _cursor(after: int | None, last_event_id: str | None) -> int | None:
    """Where to resume; None means "from now on" (no replay)."""
    if last_event_id is not None and last_event_id.strip():
        value = last_event_id.strip()
        if not value.isdigit():
            raise InvalidInput("Last-Event-ID must be a flow sequence number", field="Last-Event-ID")
        return int(value)
    return after


@router.post("/stream/token", summary="A short-lived token for EventSource (?token=)")
async def stream_token(request: Request, services: ServicesDep) -> dict[str, Any]:
    bearer = bearer_token(request)
    if bearer is None:
        raise AuthenticationFailed("send Authorization: Bearer <key>")
    identity = await _identify(services, bearer, None)
    return services.stream_access.issue(identity)


@router.get("/stream", summary="Server-Sent Events: one event per flow entry you may receive")
async def stream(
    request: Request,
    services: ServicesDep,
    after: Annotated[int | None, Query(ge=0)] = None,
    token: Annotated[str | None, Query(max_length=2000)] = None,
    format: str = "ninjs",
    category: str | None = None,
    language: str | None = None,
    priority: str | None = None,
    type: str | None = None,
) -> Response:
    cursor = _cursor(after, request.headers.get("last-event-id"))
    filters = _filters(category, language, priority, type)
    identity = await _identify(services, bearer_token(request), token)
    conn = await _open(services, identity, Wire.SSE, format, filters, client_ip(request))
    return EventStream(services.hub, conn, cursor)


class EventStream(Response):
    """An SSE response: replay, catch up, then attached to the hub until it ends."""

    media_type = "text/event-stream"

    def __init__(self, hub: Hub, conn: Connection, cursor: int | None) -> None:
        # No Response.__init__: it would announce a Content-Length for an endless body.
        self.status_code = 200
        self.background = None
        self.raw_headers = [
            (b"content-type", b"text/event-stream; charset=utf-8"),
            (b"cache-control", b"no-cache"),
            (b"x-accel-buffering", b"no"),
        ]
        self.hub = hub
        self.conn = conn
        self.cursor = cursor

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if RUN_LATER in scope:  # StreamBypass runs it once the stream app has returned
            scope[HANDOFF] = self
            return
        await self.run(receive, send)

    async def run(self, receive: Receive, send: Send) -> None:
        conn, hub = self.conn, self.hub
        try:
            cursor, upto = await hub.join(conn, self.cursor)
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            await send(body(b"retry: 2000\n: ok\n\n"))
            async for frames in hub.replay(conn, cursor, upto):
                if not conn.open:
                    break
                await send(body(b"".join(frames)))
            # What went live during the replay, then hand the socket to the hub.
            while conn.open and (frames := conn.queued()):
                await send(body(b"".join(frames)))
            conn.attach(send)  # a connection closed meanwhile gets its last event here
            # No watcher task: this task waits for the client to leave, or for the
            # response to end (the server answers receive() with http.disconnect then).
            while (await receive())["type"] != "http.disconnect":
                pass
        finally:
            conn.disconnected()
            hub.unregister(conn)


# -- WebSocket ------------------------------------------------------------------------------
@router.websocket("/ws")
async def websocket_stream(websocket: WebSocket, token: str | None = None) -> None:
    services = get_services(cast(Request, websocket))
    try:
        bearer = bearer_token(cast(Request, websocket))
        identity = await _identify(services, bearer, token)
    except NewsflowError as exc:
        await _deny(websocket, exc)
        return
    await websocket.accept()
    try:
        subscribe = await _subscribe_message(websocket)
        conn = await _open(
            services, identity, Wire.WS, subscribe["format"], subscribe["filters"], websocket.client.host
            if websocket.client else None,
        )
    except NewsflowError as exc:
        await websocket.send_text(json.dumps({"type": "error", "code": "invalid", "status": exc.status, "detail": exc.detail, "field": exc.field}))
        await websocket.close(code=1008 if exc.status in (401, 403) else 1003, reason=exc.detail[:120])
        return
    except WebSocketDisconnect:
        return
    await _run_ws(services.hub, websocket, conn, subscribe["after"])


async def _deny(websocket: WebSocket, exc: NewsflowError) -> None:
    extra = {"field": exc.field} if exc.field else {}
    response = problems.problem_response(cast(Request, websocket), exc.status, exc.title, exc.detail, **extra)
    try:
        await websocket.send_denial_response(response)
    except RuntimeError:
        await websocket.close(code=1008, reason=exc.detail[:120])


async def _subscribe_message(websocket: WebSocket) -> dict[str, Any]:
    try:
        async with asyncio.timeout(SUBSCRIBE_TIMEOUT):
            text = await websocket.receive_text()
    except TimeoutError as exc:
        raise InvalidInput("send a subscribe message within 10 seconds") from exc
    except KeyError as exc:  # a binary frame
        raise InvalidInput("messages are JSON text") from exc
    if len(text) > MAX_MESSAGE:
        raise InvalidInput("the subscribe message is too large")
    try:
        msg = json.loads(text)
    except ValueError as exc:
        raise InvalidInput("the subscribe message is not JSON") from exc
    if not isinstance(msg, dict) or msg.get("type") != "subscribe":
        raise InvalidInput('the first message must be {"type": "subscribe", ...}', field="type")
    after = msg.get("after")
    if after is not None and (not isinstance(after, int) or isinstance(after, bool) or after < 0):
        raise InvalidInput("after must be a non-negative integer", field="after")
    fmt = msg.get("format", "ninjs")
    if not isinstance(fmt, str):
        raise InvalidInput("format must be a string", field="format")
    raw = msg.get("filters") or {}
    if not isinstance(raw, dict) or set(raw) - {"category", "language", "priority", "type"}:
        raise InvalidInput("filters may hold category, language, priority and type", field="filters")
    values: dict[str, str | None] = {}
    for name in ("category", "language", "priority", "type"):
        value = raw.get(name)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if value is not None and not isinstance(value, str):
            raise InvalidInput(f"filters.{name} must be a string or a list of strings", field=f"filters.{name}")
        values[name] = value
    filters = _filters(values["category"], values["language"], values["priority"], values["type"])
    return {"after": after, "format": fmt, "filters": filters}


async def _run_ws(hub: Hub, websocket: WebSocket, conn: Connection, after: int | None) -> None:
    cursor, upto = await hub.join(conn, after)
    reader = asyncio.ensure_future(_ws_reader(websocket, conn))
    try:
        await websocket.send_text(json.dumps({"type": "subscribed", "after": cursor}))
        async for frames in hub.replay(conn, cursor, upto):
            for data in frames:
                if not conn.open:
                    break
                await _send_text(websocket, data)
        while (batch := await conn.take()) is not None:
            for data in batch:
                await _send_text(websocket, data)
        closing = conn.closing
        if closing is not None and not conn.gone:
            await _send_text(websocket, ws_error(closing.reason, code=closing.code))
            await websocket.close(code=4008 if closing.code == "slow_consumer" else 4001, reason=closing.code)
    except (WebSocketDisconnect, OSError, RuntimeError):
        pass
    finally:
        hub.unregister(conn)
        reader.cancel()


async def _send_text(websocket: WebSocket, data: bytes) -> None:
    if data.startswith(b":"):  # an SSE heartbeat comment becomes a ping message
        data = b'{"type":"heartbeat"}'
    await websocket.send({"type": "websocket.send", "text": data.decode("utf-8")})


async def _ws_reader(websocket: WebSocket, conn: Connection) -> None:
    """Further client messages are ignored; a close from the client ends the stream."""
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
    except (RuntimeError, WebSocketDisconnect):
        pass
    conn.disconnected()


# -- wiring ------------------------------------------------------------------------------------
class StreamBypass:
    """Serve the long-lived stream paths from a lean app of their own.

    The main app's ``@app.middleware("http")`` is a ``BaseHTTPMiddleware``: for a
    streaming response it adds a task, a task group and a memory channel per request,
    and an extra hop for every event written. Tens of thousands of idle streams would
    pay that for nothing, so these two paths skip it; errors still become problems
    through ``problems.install`` on the stream app.

    An SSE request goes through the stream app for authentication, validation and
    problem responses only: its ``EventStream`` is handed back in the scope and run
    here, after the stream app returned. So a live stream's task holds none of the
    routing, dependency and exception-handling frames (with their exit stacks and
    request objects) for hours, and its body is sent past those middlewares.
    """

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.streams = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
        self.streams.state.services = services
        problems.install(self.streams)
        self.streams.include_router(router)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and scope["path"] in STREAM_PATHS:
            scope[RUN_LATER] = True
            await self.streams(scope, receive, send)
            handed = scope.pop(HANDOFF, None)
            if handed is not None:
                await handed.run(receive, send)
        else:
            await self.app(scope, receive, send)
