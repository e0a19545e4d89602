"""Document downloads per second, ninjs and NewsML-G2, 100 concurrent clients.

Run: ``.venv/bin/python bench/bench_documents.py [--seconds 10] [--clients 100] [--stories 50]``

Three processes, so the load generator does not share a CPU-bound interpreter with the
server: this script (progress and the table), the server (uvicorn, one worker, SQLite
in a temporary directory) and the client (asyncio raw keep-alive HTTP/1.1, ``--clients`` connections
each looping over ``GET /api/v1/documents/{id}?format=...`` with a subscriber API key).
Every request is a real download: live entitlement check, version load, the download
row written (``download_limit`` is None, so it is never refused) and the render cache.

Render-once proof: the server counts real renders in ``Renderer.renders`` and writes
the count when it exits; it must equal stories × formats, however many requests ran.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from calibration import machine_line

FORMATS = {"ninjs": "ninjs", "NewsML-G2": "newsmlg2"}


def serve(workdir: Path, port: int, stories: int) -> None:
    """The server process: seed, serve until SIGINT, then write the render count.

    SIGINT, not SIGTERM: uvicorn re-raises the signal after shutdown, and only the
    resulting KeyboardInterrupt lets the ``finally`` below run.
    """
    import uvicorn

    from newsflow.config import Settings
    from newsflow.web.app import create_app
    from newsflow.wiring import build_services

    settings = Settings(data_dir=workdir, secret_key="bench", admin_token="bench-admin-token-0123456789",
                        port=port, base_url=f"http://127.0.0.1:{port}", compat_min_interval_ms=0)
    services = build_services(settings)
    services.newsroom.enricher = None  # text suggestions are not what this measures
    sub = services.subscribers.create({"name": "Bench", "download_limit": None})
    ids = []
    for i in range(stories):
        out = services.newsroom.create({
            "language": "en", "category": "economy", "priority": "routine",
            "headline": f"Benchmark story {i}",
            "body": "".join(f"<p>Paragraph {p} of story {i}, long enough to look like news copy.</p>" for p in range(12)),
        }, publish=True)
        ids.append(out.id)
    (workdir / "seed.json").write_text(json.dumps({"api_key": sub["api_key"], "ids": ids}))
    server = uvicorn.Server(uvicorn.Config(create_app(settings, services=services), host="127.0.0.1",
                                           port=port, log_level="warning", access_log=False))
    try:
        server.run()  # uvicorn re-raises the signal it caught once it has shut down
    except KeyboardInterrupt:
        pass
    finally:
        (workdir / "renders.json").write_text(json.dumps({"renders": services.renderer.renders}))


async def _load(url: str, key: str, ids: list[int], fmt: str, clients: int, seconds: float) -> dict[str, float]:
    """Keep-alive HTTP/1.1 over raw asyncio streams: an httpx client spent more CPU per
    request than the server did, so it measured itself, not the server."""
    host, _, port = url.removeprefix("http://").partition(":")
    done = errors = 0
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done, errors
        rnd = random.Random()
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < deadline:
                path = f"/api/v1/documents/{rnd.choice(ids)}?format={fmt}"
                request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n\r\n"
                t = time.perf_counter()
                writer.write(request.encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = next(
                    int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
                )
                body = await reader.readexactly(length)
                latencies.append(time.perf_counter() - t)
                if status == 200 and body:
                    done += 1
                else:
                    errors += 1
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0.0  # noqa: E731
    return {"ok": done, "errors": errors, "seconds": elapsed, "rps": done / elapsed, "p50": p(0.5), "p99": p(0.99)}


def client(url: str, seed: Path, fmt: str, clients: int, seconds: float, out: Path) -> None:
    data = json.loads(seed.read_text())
    result = asyncio.run(_load(url, data["api_key"], data["ids"], fmt, clients, seconds))
    out.write_text(json.dumps(result))


def main() -> None:
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--stories", type=int, default=50)
    args = ap.parse_args()
    machine = machine_line()  # before the load starts
    console = Console()
    me = Path(__file__).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, str(me), "--serve", str(work), str(port), str(args.stories)])
        rows = []
        try:
            with console.status("seeding and starting the server"):
                _wait_for(url, work / "seed.json", server)
            with Progress(console=console) as progress:
                for label, fmt in FORMATS.items():
                    task = progress.add_task(f"{label}: {args.clients} clients", total=args.seconds)
                    out = work / f"{fmt}.json"
                    proc = subprocess.Popen([sys.executable, str(me), "--client", url, str(work / "seed.json"), fmt,
                                             str(args.clients), str(args.seconds), str(out)])
                    start = time.monotonic()
                    while proc.poll() is None:
                        progress.update(task, completed=min(args.seconds, time.monotonic() - start))
                        time.sleep(0.2)
                    progress.update(task, completed=args.seconds)
                    if proc.returncode != 0:
                        raise SystemExit(f"client for {fmt} failed")
                    rows.append((label, json.loads(out.read_text())))
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(30)
        renders = json.loads((work / "renders.json").read_text())["renders"] if (work / "renders.json").exists() else None
    table = Table(title=f"Document downloads, {args.clients} concurrent clients, {args.stories} stories, "
                        f"{os.cpu_count()} CPUs, SQLite")
    for col in ("format", "requests", "errors", "req/s", "p50 ms", "p99 ms"):
        table.add_column(col, justify="right" if col != "format" else "left")
    for label, r in rows:
        table.add_row(label, str(r["ok"]), str(r["errors"]), f"{r['rps']:.0f}", f"{r['p50']:.1f}", f"{r['p99']:.1f}")
    console.print(table)
    console.print(machine)
    total = sum(r["ok"] for _, r in rows)
    console.print(f"renders in the server: {renders} for {total} downloads "
                  f"(render-once means {args.stories * len(FORMATS)} = stories × formats)")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, seed: Path, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited")
        if seed.exists():
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--client":
        client(sys.argv[2], Path(sys.argv[3]), sys.argv[4], int(sys.argv[5]), float(sys.argv[6]), Path(sys.argv[7]))
    else:
        main()
