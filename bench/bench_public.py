"""Benchmark: requests per second for cached public pages with 100 concurrent clients.

    .venv/bin/python bench/bench_public.py [--seconds 8] [--clients 100]

The server runs in its own process (uvicorn, one worker, demo stories on SQLite); the
load comes from another process: ``--clients`` keep-alive HTTP/1.1 connections on one
asyncio loop, each sending GET after GET. Every response is checked for status 200 and
its full body read. Pages are warmed once first, so this measures the cached path
(render once per story version); one uncached figure (cache cleared before every
request is impossible from outside, so we report first-hit latency) is shown too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from calibration import machine_line

ROOT = Path(__file__).resolve().parents[1]
SERVER = """
import sys, uvicorn
from pathlib import Path
from newsflow.config import Settings
from newsflow.web.app import create_app
from newsflow.wiring import build_services
from newsflow.demo.loader import load_demo
port = int(sys.argv[1]); data = Path(sys.argv[2])
settings = Settings(data_dir=data, base_url=f"http://127.0.0.1:{port}", port=port, secret_key="bench")
services = build_services(settings)
ids = load_demo(services.newsroom)
(data / "ids.json").write_text(__import__("json").dumps(ids))
uvicorn.run(create_app(settings, services=services), host="127.0.0.1", port=port, log_level="warning",
            access_log=False, http="httptools", loop="uvloop")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _one_client(port: int, path: str, deadline: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n".encode()
    try:
        while time.perf_counter() < deadline:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            counts[0 if status == 200 else 1] += 1
    finally:
        writer.close()


async def _load(port: int, path: str, clients: int, seconds: float) -> dict[str, float]:
    counts = [0, 0]
    start = time.perf_counter()
    await asyncio.gather(*(_one_client(port, path, start + seconds, counts) for _ in range(clients)))
    elapsed = time.perf_counter() - start
    return {"ok": counts[0], "errors": counts[1], "seconds": elapsed, "rps": counts[0] / elapsed}


def client_main(port: int, path: str, clients: int, seconds: float) -> None:
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    print(json.dumps(asyncio.run(_load(port, path, clients, seconds))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--client", nargs=2, metavar=("PORT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    machine = machine_line()  # before the load starts
    if args.client:
        client_main(int(args.client[0]), args.client[1], args.clients, args.seconds)
        return

    import httpx
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    console = Console()
    port = free_port()
    data = Path(tempfile.mkdtemp(prefix="nf-bench-public-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(data)], env=env)
    try:
        deadline = time.monotonic() + 60
        while not (data / "ids.json").exists() or not _up(port):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("server did not start")
            time.sleep(0.1)
        ids = json.loads((data / "ids.json").read_text())
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            story_en = str(http.get(f"/en/news/{ids['desal-en']}", follow_redirects=True).url.raw_path.decode())
            story_ar = str(http.get(f"/ar/news/{ids['desal-ar']}", follow_redirects=True).url.raw_path.decode())
        targets = [("home /en/", "/en/"), ("home /ar/", "/ar/"), ("story (en)", story_en),
                   ("story (ar)", story_ar), ("RSS /en/rss.xml", "/en/rss.xml")]
        rows = []
        with Progress(console=console) as progress:
            task = progress.add_task("benchmarking", total=len(targets))
            for label, path in targets:
                progress.update(task, description=f"{label}: {args.clients} clients × {args.seconds:.0f}s")
                out = subprocess.run(
                    [sys.executable, __file__, "--client", str(port), path,
                     "--clients", str(args.clients), "--seconds", str(args.seconds)],
                    env=env, capture_output=True, text=True, check=True,
                )
                rows.append((label, path, json.loads(out.stdout)))
                progress.advance(task)
        table = Table(title=f"Public site, cached pages, {args.clients} concurrent clients, {os.cpu_count()} CPUs")
        for col in ("page", "requests", "errors", "seconds", "req/s"):
            table.add_column(col, justify="right" if col != "page" else "left")
        for label, _path, r in rows:
            table.add_row(label, str(r["ok"]), str(r["errors"]), f"{r['seconds']:.1f}", f"{r['rps']:,.0f}")
        console.print(table)
        console.print(machine)
    finally:
        server.terminate()
        server.wait(10)


def _up(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    main()
