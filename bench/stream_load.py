"""The load generator of bench_stream: N raw-socket subscribers in one asyncio process.

``python bench/stream_load.py sse HOST PORT PATH KEY N`` or ``... nats HOST PORT SUBJECT - N``.
It connects N subscribers in batches, prints ``READY`` on stdout, and records the
wall-clock receive time of every event (SSE ``id:`` lines, or NATS ``MSG`` payloads
that start with the publish time). When a line ``DONE <expected> <commit_log|->``
arrives on stdin it waits (bounded) for the expected count and prints one JSON line of
latencies. Raw protocols instead of httpx/nats-py, on uvloop when it is installed: a
client object per connection, or the pure-Python event loop, would make the generator,
not the server, the bottleneck at 10,000 connections (it shares the CPUs with the
server). The same generator measures every system, so the comparison stays fair.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from typing import cast

BATCH = 500


class SSEReader(asyncio.Protocol):
    def __init__(self, sink: list[tuple[int, float, float]], ready: asyncio.Future[bool]) -> None:
        self.sink = sink
        self.ready = ready
        self.buf = b""
        self.headers_done = False
        self.closed = False

    def data_received(self, data: bytes) -> None:
        now = time.time()
        buf = self.buf + data
        if not self.headers_done:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                self.buf = buf
                return
            ok = buf.startswith(b"HTTP/1.1 200")
            self.headers_done = True
            if not self.ready.done():
                self.ready.set_result(ok)
            buf = buf[end + 4:]
        pos = 0
        while True:
            i = buf.find(b"id: ", pos)
            if i < 0:
                self.buf = buf[-3:] if len(buf) > 3 else buf
                return
            j = buf.find(b"\n", i)
            if j < 0:
                self.buf = buf[i:]
                return
            self.sink.append((int(buf[i + 4:j]), now, 0.0))
            pos = j

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if not self.ready.done():
            self.ready.set_result(False)


class NATSReader(asyncio.Protocol):
    def __init__(self, sink: list[tuple[int, float, float]], ready: asyncio.Future[bool], subject: str, sid: int) -> None:
        self.sink = sink
        self.ready = ready
        self.subject = subject
        self.sid = sid
        self.buf = b""
        self.transport: asyncio.Transport | None = None
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass
        self.transport.write(b'CONNECT {"verbose":false,"pedantic":false}\r\n')
        self.transport.write(f"SUB {self.subject} {self.sid}\r\nPING\r\n".encode())

    def data_received(self, data: bytes) -> None:
        now = time.time()
        buf = self.buf + data
        while True:
            end = buf.find(b"\r\n")
            if end < 0:
                break
            line = buf[:end]
            if line.startswith(b"MSG "):
                size = int(line.rsplit(b" ", 1)[1])
                if len(buf) < end + 2 + size + 2:
                    break
                payload = buf[end + 2:end + 2 + size]
                seq, sent, _ = payload.split(b"|", 2)
                self.sink.append((int(seq), now, float(sent)))
                buf = buf[end + 2 + size + 2:]
                continue
            if line == b"PING" and self.transport is not None:
                self.transport.write(b"PONG\r\n")
            elif line == b"PONG" and not self.ready.done():
                self.ready.set_result(True)
            buf = buf[end + 2:]
        self.buf = buf

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if not self.ready.done():
            self.ready.set_result(False)


async def main() -> None:
    mode, host, port, path, key, n = sys.argv[1:7]
    count = int(n)
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    loop = asyncio.get_running_loop()
    sink: list[tuple[int, float, float]] = []
    protocols: list[asyncio.Protocol] = []
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\nAuthorization: Bearer {key}\r\n\r\n"
    ).encode()
    connected = 0
    failed = 0

    async def one(i: int) -> bool:
        ready: asyncio.Future[bool] = loop.create_future()
        if mode == "sse":
            transport, proto = await loop.create_connection(lambda: SSEReader(sink, ready), host, int(port))
            transport.write(request)
        else:
            transport, proto = await loop.create_connection(
                lambda: NATSReader(sink, ready, path, i + 1), host, int(port)
            )
        protocols.append(proto)
        return await asyncio.wait_for(ready, 120)

    started = time.monotonic()
    for start in range(0, count, BATCH):
        results = await asyncio.gather(*(one(i) for i in range(start, min(count, start + BATCH))), return_exceptions=True)
        connected += sum(1 for r in results if r is True)
        failed += sum(1 for r in results if r is not True)
        print(f"PROGRESS {connected} {failed}", flush=True)
    print(f"READY {connected} {failed} {time.monotonic() - started:.1f}", flush=True)

    line = await loop.run_in_executor(None, sys.stdin.readline)
    _, expected, commit_log = line.split()
    deadline = time.monotonic() + 120
    while len(sink) < int(expected) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    commits: dict[int, float] = {}
    if commit_log != "-":
        for row in Path(commit_log).read_text().split("\n"):
            if row:
                seq, at = row.split()
                commits[int(seq)] = float(at)
    latencies = []
    for seq, at, sent in sink:
        base = sent if commit_log == "-" else commits.get(seq)
        if base is not None:
            latencies.append(at - base)
    alive = sum(1 for p in protocols if not getattr(p, "closed", False))
    print(json.dumps({"received": len(sink), "latencies": latencies, "alive": alive}), flush=True)


if __name__ == "__main__":
    try:
        import uvloop

        factory = uvloop.new_event_loop
    except ImportError:
        factory = asyncio.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner:
        runner.run(main())
