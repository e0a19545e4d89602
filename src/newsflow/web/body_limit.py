"""The request-size guard: a body announced larger than the route allows is refused (413).

Pure ASGI rather than ``@app.middleware("http")``: Starlette's ``BaseHTTPMiddleware``
runs every request through a task and a memory channel of its own, which showed in
profiles of publishing over HTTP; this layer only reads one header.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from newsflow.errors import PayloadTooLarge
from newsflow.web import problems
from newsflow.web.media import upload_limit


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
            if length is not None and length.isdigit():
                limit = upload_limit(scope["path"], self.max_upload_bytes) or self.max_bytes
                if int(length) > limit:
                    request = Request(scope, receive)
                    response = problems.problem_response(
                        request, 413, PayloadTooLarge.title, f"request body is larger than {limit} bytes"
                    )
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)
