"""Reading a request body once in a pure ASGI layer, and handing it on unchanged.

Layers in front of the app (the portal session's CSRF check, the publish fast path) must
see the body before the route does; they read it here and pass the route a ``receive``
that gives the same bytes again.
"""

from __future__ import annotations

from starlette.types import Message, Receive


async def read_body(receive: Receive, limit: int | None = None) -> bytes | None:
    """The whole body; None when it is over ``limit`` or the client went away first."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if limit is not None and size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(body: bytes, then: Receive | None = None) -> Receive:
    """A ``receive`` that gives the read body once, then defers to ``then`` (if any)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive
