"""uvicorn as ``newsflow serve`` runs it: a response's head and body in one socket write.

uvicorn's httptools protocol writes a response's status line and headers when the app
sends ``http.response.start`` and its body when the app sends ``http.response.body``: two
``send`` calls on the socket, two loopback or network packets, and a client woken twice,
for a JSON answer that is complete at once. ``OneWriteHttp`` holds the head until the
response's next write (or until the event loop's current turn ends, whichever comes
first) and writes both together. A response whose body comes later than that (a stream
waiting for its first event, a long poll) still gets its head at the end of the turn in
which it was sent, so streams are not held back.

The adapter sits on two details of uvicorn's httptools protocol: the request's cycle is
``self.cycle``, made in ``on_headers_complete``, and it writes through ``cycle.transport``.
If a uvicorn release changes either, the protocol serves as uvicorn's own does (one write
for the head, one for the body) and ``tests/functional/test_http_server.py`` fails.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

BIG = 64 * 1024  # a first body write this large is written on its own, not copied after the head
INTERIM = frozenset((b"HTTP/1.1 1", b"HTTP/1.0 1"))  # the start of an interim (1xx) response


class HeldHead:
    """The transport a request's cycle writes to: the response's head waits for the next
    write (its body) or for the end of the loop's turn, and goes out with it."""

    __slots__ = ("held", "loop", "passing", "transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self.transport = transport
        self.loop = loop
        self.held: bytes | None = None
        self.passing = False  # the head went out: every write passes straight through

    def write(self, data: bytes | bytearray | memoryview) -> None:
        held = self.held
        if self.passing:
            self.transport.write(data)
        elif held is not None:
            self.held = None
            self.passing = True
            if len(data) < BIG:
                self.transport.write(held + bytes(data))
            else:  # not copied behind the head
                self.transport.write(held)
                self.transport.write(data)
        elif data[:10] in INTERIM:  # ``100 Continue``: the client waits for it before sending the body
            self.transport.write(data)
        else:
            self.held = bytes(data)
            # a response whose body is not written in the same turn gets its head at the turn's end
            self.loop.call_soon(self.flush)

    def flush(self) -> None:
        held = self.held
        if held is not None:
            self.held = None
            self.passing = True
            if not self.transport.is_closing():
                self.transport.write(held)

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def is_closing(self) -> bool:
        return self.transport.is_closing()

    def __getattr__(self, name: str) -> Any:  # anything else the cycle may use, as the transport has it
        return getattr(self.transport, name)


class OneWriteHttp(HttpToolsProtocol):
    """uvicorn's httptools protocol, with each request's cycle writing through a ``HeldHead``."""

    def on_headers_complete(self) -> None:
        before = self.cycle
        super().on_headers_complete()
        cycle = self.cycle
        if cycle is not before and getattr(cycle, "transport", None) is self.transport:
            cycle.transport = HeldHead(self.transport, self.loop)  # type: ignore[assignment]
