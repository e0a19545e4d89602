"""``X-Newsflow-Node: <node>/<pid>`` on every response, WebSocket handshakes included.

Behind a load balancer an operator (and the deployment tests) can tell which node and
which worker process answered, and so see that streams are spread over all of them.
Pure ASGI, outermost, so the stream paths that bypass the HTTP middleware carry it too.
"""

from __future__ import annotations

import os

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = b"x-newsflow-node"


class NodeHeader:
    def __init__(self, app: ASGIApp, *, node_name: str) -> None:
        self.app = app
        self.node_name = node_name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        # the pid is read per process: workers are started after this object may be built
        value = f"{self.node_name}/{os.getpid()}".encode()

        async def send_with_node(message: Message) -> None:
            if message["type"] in ("http.response.start", "websocket.accept"):
                message = {**message, "headers": [*message.get("headers", ()), (HEADER, value)]}
            await send(message)

        await self.app(scope, receive, send_with_node)
