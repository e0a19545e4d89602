"""What observing a node costs: the request layer, a stream frame, a commit, a scrape.

Run: ``.venv/bin/python bench/bench_observe.py [--requests 200000] [--streams 10000]``

In process, no sockets, so the figures are the observing code alone:

* **request**: one ASGI request through ``RequestObserver`` (request id, duration by route
  into the histogram) around a do-nothing app, minus the same request to the bare app;
* **stream frame**: one live SSE frame sent through the ``send`` a stream is handed
  behind the observer, minus the bare ``send`` (the observer leaves streams unwrapped,
  so this shows 0 within the noise);
* **commit**: ``NodeMetrics.committed`` plus one ``commit_to_send`` observation;
* **scrape**: one ``/metrics`` exposition with ``--streams`` open connections counted
  (the webhook totals query runs against an empty SQLite database).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from calibration import machine_line
from newsflow.core.flow import FlowEntry
from newsflow.core.story import Action, ContentType, Priority
from newsflow.flow.metrics import NodeMetrics
from newsflow.web.observe import RequestObserver


class Route:
    path = "/api/v1/stories/{story_id}"


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    scope["route"] = ROUTE
    await send(START)
    await send(BODY)


ROUTE = Route()
START = {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]}
BODY = {"type": "http.response.body", "body": b"{}", "more_body": False}


async def sent(_message: Any) -> None:
    return None


async def requests(asgi: Any, n: int) -> float:
    headers = [(b"host", b"x"), (b"authorization", b"Bearer k")]
    started = time.perf_counter()
    for i in range(n):
        scope = {"type": "http", "method": "GET", "path": f"/api/v1/stories/{i}", "headers": headers}
        await asgi(scope, None, sent)
    return (time.perf_counter() - started) / n


async def frames(n: int) -> tuple[float, float]:
    """Per frame: the bare send, and the send the observer hands a stream."""
    captured: list[Any] = []

    async def stream_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        captured.append(send)

    observer = RequestObserver(stream_app, NodeMetrics())
    await observer({"type": "http", "method": "GET", "path": "/api/v1/stream", "headers": []}, None, sent)
    tagged = captured[0]
    frame = {"type": "http.response.body", "body": b"id: 1\ndata: {}\n\n", "more_body": True}
    out = []
    for send in (sent, tagged):
        started = time.perf_counter()
        for _ in range(n):
            await send(frame)
        out.append((time.perf_counter() - started) / n)
    return out[0], out[1]


def commits(n: int) -> float:
    metrics = NodeMetrics()
    entry = FlowEntry(1, 1, "urn:x", 1, Action.PUBLISH, Priority.ROUTINE, "economy", "en", ContentType.TEXT,
                      False, datetime.now(UTC))
    started = time.perf_counter()
    for _ in range(n):
        metrics.committed(entry, None)  # type: ignore[arg-type]
        metrics.commit_to_send.observe(0.002)
    return (time.perf_counter() - started) / n


def scrape(streams: int, n: int = 50) -> tuple[float, int]:
    from newsflow.config import Settings
    from newsflow.core.filters import FlowFilters
    from newsflow.flow.connection import Connection
    from newsflow.flow.sse import Wire
    from newsflow.wiring import build_services

    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Settings(data_dir=Path(tmp), secret_key="bench"))
        for _ in range(streams):
            services.hub.register(Connection(wire=Wire.SSE, fmt="ninjs", filters=FlowFilters(), ent=None, limit=8))
        size = len(services.metrics.exposition())
        started = time.perf_counter()
        for _ in range(n):
            services.metrics.exposition()
        seconds = (time.perf_counter() - started) / n
        services.db.dispose()
    return seconds, size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=200_000)
    ap.add_argument("--streams", type=int, default=10_000)
    args = ap.parse_args()
    print(machine_line())
    bare = asyncio.run(requests(app, args.requests))
    observed = asyncio.run(requests(RequestObserver(app, NodeMetrics()), args.requests))
    plain, tagged = asyncio.run(frames(args.requests))
    commit = commits(args.requests)
    scraped, size = scrape(args.streams)
    rows = [
        ("request through RequestObserver (added)", f"{(observed - bare) * 1e6:.1f} µs",
         f"bare {bare * 1e6:.1f} µs, observed {observed * 1e6:.1f} µs"),
        ("live SSE frame behind the observer (added)", f"{(tagged - plain) * 1e9:.0f} ns",
         f"bare {plain * 1e9:.0f} ns, observed {tagged * 1e9:.0f} ns"),
        ("commit: publishes counter + latency histogram", f"{commit * 1e6:.2f} µs", ""),
        (f"/metrics exposition, {args.streams} open streams", f"{scraped * 1e3:.2f} ms", f"{size} bytes"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'cost':>10}  detail")
    for what, cost, detail in rows:
        print(f"{what:<{width}}  {cost:>10}  {detail}")


if __name__ == "__main__":
    main()
