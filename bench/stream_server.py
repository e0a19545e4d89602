"""The server side of bench_stream: the real app, plus what only a benchmark needs.

Run as ``python bench/stream_server.py DATA_DIR PORT COMMIT_LOG [WORKERS DATABASE_URL]``.
It serves the product app unchanged (on PostgreSQL with WORKERS processes, each on its
own ``SO_REUSEPORT`` socket as ``newsflow serve --workers`` runs them) and adds, for the
benchmark only:

* a newsroom listener that appends ``seq commit_time`` to COMMIT_LOG right after each
  commit, so latency is measured commit -> receive on one clock;
* ``GET /naive/stream``: the baseline design, where one follower reads each entry and
  loads its version once, but *every connection renders and frames the story itself*
  (no shared render, no shared bytes), over Starlette's ``StreamingResponse``.
"""

from __future__ import annotations

import asyncio
import resource
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import uvicorn
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import StreamingResponse

from newsflow.config import Settings
from newsflow.core.flow import FlowEntry
from newsflow.core.story import Representation, StoryVersion
from newsflow.flow.sse import sse_event
from newsflow.formats import get_format
from newsflow.store import flow_log
from newsflow.store import stories as story_store
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.web.app import create_app
from newsflow.wiring import Services, build_services

ADMIN_TOKEN = "bench-admin-token-0123456789"


class NaiveFanout:
    """One follower, N bounded queues of (entry, version); each connection serializes."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.queues: set[asyncio.Queue[tuple[FlowEntry, StoryVersion]]] = set()

    async def run(self) -> None:
        s = self.services
        cursor = s.signal.latest
        while True:
            if not await s.signal.wait_beyond(cursor, 5.0):
                continue
            items = await run_in_threadpool(self._read, cursor)
            for item in items:
                for q in list(self.queues):
                    if q.full():
                        self.queues.discard(q)
                    else:
                        q.put_nowait(item)
                cursor = item[0].seq

    def _read(self, cursor: int) -> list[tuple[FlowEntry, StoryVersion]]:
        with self.services.db.read() as conn:
            entries = flow_log.read_after(conn, cursor, 500)
            return [(e, story_store.get_version(conn, e.story_id, e.version)) for e in entries]

    async def endpoint(self, request: Request) -> StreamingResponse:
        queue: asyncio.Queue[tuple[FlowEntry, StoryVersion]] = asyncio.Queue(256)
        self.queues.add(queue)
        render = get_format("ninjs").render

        async def body() -> AsyncIterator[bytes]:
            try:
                yield b": ok\n\n"
                while True:
                    entry, version = await queue.get()
                    doc = render(version, Representation.FULL)  # per connection: the naive part
                    yield sse_event(entry.seq, entry.action.value, doc)
            finally:
                self.queues.discard(queue)

        return StreamingResponse(body(), media_type="text/event-stream")


def serve(data_dir: Path, port: int, commit_log: Path, database_url: str = "", *, worker: bool = False) -> None:
    settings = Settings(
        data_dir=data_dir, admin_token=ADMIN_TOKEN, secret_key="bench-secret", port=port,
        base_url=f"http://127.0.0.1:{port}", stream_buffer=256, heartbeat_seconds=15.0,
        database_url=database_url,
    )
    services = build_services(settings, migrate=not worker)
    log = commit_log.open("a", buffering=1)  # one short line per write: workers may share it
    services.newsroom.listeners.insert(0, lambda entry, _v: log.write(f"{entry.seq} {time.time():.6f}\n"))
    naive = NaiveFanout(services)
    services.background.append(naive.run)
    app = create_app(settings, services=services)
    app.add_route("/naive/stream", naive.endpoint, methods=["GET"])
    if not worker:
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", backlog=4096, timeout_keep_alive=60)
    else:  # bound once ready, as newsflow.web.workers does
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(4096)
        config = uvicorn.Config(app, log_level="warning", backlog=4096, timeout_keep_alive=60)
        uvicorn.Server(config).run(sockets=[sock])


def main() -> None:
    data_dir, port, commit_log = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    workers, database_url = (int(sys.argv[4]), sys.argv[5]) if len(sys.argv) > 5 else (1, "")
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if len(sys.argv) > 6:  # one worker of several
        serve(data_dir, port, commit_log, database_url, worker=True)
    elif workers > 1:
        upgrade(Database(Settings(database_url=database_url).sqlalchemy_url))
        children = [subprocess.Popen([sys.executable, __file__, *sys.argv[1:6], "worker"]) for _ in range(workers)]
        signal.signal(signal.SIGTERM, lambda *_: [c.terminate() for c in children])
        for child in children:
            child.wait()
    else:
        serve(data_dir, port, commit_log, database_url)


if __name__ == "__main__":
    main()
