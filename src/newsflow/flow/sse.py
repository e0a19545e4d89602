"""Wire frames for the streams, encoded once per (entry, format) and shared as bytes.

The hub pushes the *same* ``bytes`` object to every matching connection, so the frame
is the unit of work: an SSE event (``id:``/``event:``/``data:`` lines) or a WebSocket
text message (``{"type":"event","seq":..,"action":..,"data":<doc>}``). JSON documents
(ninjs) are embedded as they are; XML and text documents become JSON strings on the
WebSocket and multi-line ``data:`` fields on SSE (the EventSource joins them with
``\\n``, so the client reads back the document unchanged).
"""

from __future__ import annotations

import json
from enum import StrEnum

from newsflow.core.flow import FlowEntry

HEARTBEAT = b": hb\n\n"
JSON_FORMATS = frozenset({"ninjs", "ninjs3"})


class Wire(StrEnum):
    SSE = "sse"
    WS = "ws"


def sse_event(seq: int, event: str, document: bytes) -> bytes:
    """One SSE event; every line of the document becomes its own ``data:`` line."""
    lines = document.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    data = b"".join(b"data: " + line + b"\n" for line in lines)
    return b"id: %d\nevent: %s\n%s\n" % (seq, event.encode("ascii"), data)


def ws_event(seq: int, action: str, document: bytes, fmt: str) -> bytes:
    """One WebSocket message; JSON documents are embedded, others quoted as a string."""
    data = document if fmt in JSON_FORMATS else json.dumps(document.decode("utf-8"), ensure_ascii=False).encode()
    return b'{"type":"event","seq":%d,"action":"%s","data":%s}' % (seq, action.encode("ascii"), data)


def frame(entry: FlowEntry, document: bytes, fmt: str, wire: Wire) -> bytes:
    if wire is Wire.SSE:
        return sse_event(entry.seq, entry.action.value, document)
    return ws_event(entry.seq, entry.action.value, document, fmt)


def sse_error(reason: str, *, code: str) -> bytes:
    """The last event of a stream the server closes: why, and what the client should do."""
    body = json.dumps({"code": code, "reason": reason}, ensure_ascii=False).encode("utf-8")
    return b"event: error\ndata: " + body + b"\n\n"


def ws_error(reason: str, *, code: str) -> bytes:
    return json.dumps({"type": "error", "code": code, "reason": reason}, ensure_ascii=False).encode("utf-8")
