"""Stream fan-out benchmark: our hub vs a naive per-connection design vs NATS core.

    .venv/bin/python bench/bench_stream.py --subscribers 100,1000,10000 --events 20

For each subscriber count and each system it starts the server in its own process
(``bench/stream_server.py``: the product app on SQLite in a temp dir, plus the naive
baseline route) and the load generator in another (``bench/stream_load.py``: raw
sockets), publishes stories over HTTP (NATS: with nats-py), and reports commit ->
receive latency (p50/p99/max), server CPU per delivered event (from /proc/<pid>/stat,
minus the CPU the same publishes cost with no subscriber) and server memory per idle
connection (RSS delta / connections). Publishing and receiving share one clock.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from calibration import machine_line
from options import name_list, positive_ints

HERE = Path(__file__).resolve().parent
PY = sys.executable
ADMIN = "bench-admin-token-0123456789"
BODY = "<p>" + " ".join(["The delegation discussed trade, energy and transport across the Caspian."] * 40) + "</p>"
console = Console(width=180)


@dataclass
class Result:
    system: str
    n: int
    connected: int
    received: int
    expected: int
    p50: float
    p99: float
    pmax: float
    cpu_us: float
    mem_kb: float
    note: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def family(pid: int) -> list[int]:
    """``pid`` and its child processes (a server's workers)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(int(c) for c in children)]


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for one in family(pid):
        fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def rss_kb(pid: int) -> int:
    total = 0
    for one in family(pid):
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def postgres_database(base_url: str) -> str:
    """A fresh database on the server of ``base_url`` (dropped by the caller)."""
    import psycopg

    name = f"nf_bench_{os.getpid()}_{time.monotonic_ns() % 10**8}"
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.rsplit("/", 1)[0] + "/" + name


def drop_database(base_url: str, url: str) -> None:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def nats_server_pid() -> int | None:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "nats-server":
                    return int(entry.name)
            except OSError:
                continue
    return None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Load:
    """The load generator subprocess."""

    def __init__(self, args: list[str], progress: Progress, task: Any) -> None:
        self.proc = subprocess.Popen(
            [PY, str(HERE / "stream_load.py"), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("load generator died")
            if line.startswith("PROGRESS"):
                progress.update(task, completed=int(line.split()[1]))
            if line.startswith("READY"):
                _, ok, failed, secs = line.split()
                self.connected, self.failed, self.connect_seconds = int(ok), int(failed), float(secs)
                return

    def finish(self, expected: int, commit_log: str) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"DONE {expected} {commit_log}\n")
        self.proc.stdin.flush()
        out = json.loads(self.proc.stdout.readline())
        self.proc.terminate()
        self.proc.wait(10)
        return out


WORKERS = {"hub pg 1 worker": 1, "hub pg 2 workers": 2}


def run_http(system: str, n: int, events: int, interval: float, progress: Progress, postgres: str) -> Result:
    tmp = Path(tempfile.mkdtemp(prefix="nf-bench-stream-"))
    port = free_port()
    commit_log = tmp / "commits.log"
    workers = WORKERS.get(system, 0)
    database = postgres_database(postgres) if workers else ""
    extra = [str(workers), database] if workers else []
    server = subprocess.Popen(
        [PY, str(HERE / "stream_server.py"), str(tmp / "data"), str(port), str(commit_log), *extra],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    http = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {ADMIN}"}, timeout=120)
    try:
        answered: set[str] = set()
        for _ in range(600):  # until every worker answers (each on its own socket)
            try:
                with httpx.Client(base_url=base) as fresh:  # a new connection: any worker may take it
                    r = fresh.get("/healthz")
                if r.status_code == 200:
                    answered.add(r.headers.get("x-newsflow-node", ""))
                    if len(answered) >= max(1, workers):
                        break
            except httpx.HTTPError:
                time.sleep(0.1)
        key = http.post("/api/v1/admin/subscribers", json={"name": "Bench"}).json()["api_key"]

        def publish_all(label: str) -> None:
            for i in range(events):
                r = http.post("/api/v1/stories?publish=true", json={
                    "language": "en", "headline": f"{label} {i}", "body": BODY,
                    "priority": "flash" if i % 5 == 0 else "routine", "category": "economy",
                })
                r.raise_for_status()
                time.sleep(interval)

        # The publishes' own cost, with nobody connected: subtracted from the CPU figure
        # (the mean of two rounds: one round is noisy next to the fan-out at 100 streams).
        cpu0 = cpu_seconds(server.pid)
        publish_all("warm")
        publish_all("warm2")
        publish_cpu = (cpu_seconds(server.pid) - cpu0) / 2
        path = "/naive/stream" if system == "naive" else "/api/v1/stream"
        # Warm the worker threads and allocator with a short-lived batch of streams first,
        # so the memory delta below is the connections', not the thread pool's.
        warm = progress.add_task(f"{system}: warm-up", total=min(n, 200))
        Load(["sse", "127.0.0.1", str(port), path, key, str(min(n, 200))], progress, warm).finish(0, "-")
        time.sleep(1.0)
        rss0 = rss_kb(server.pid)
        task = progress.add_task(f"{system}: connecting {n}", total=n)
        load = Load(["sse", "127.0.0.1", str(port), path, key, str(n)], progress, task)
        time.sleep(2.0)
        rss1 = rss_kb(server.pid)
        cpu1 = cpu_seconds(server.pid)
        progress.update(task, description=f"{system}: publishing {events} to {load.connected}")
        publish_all("bench")
        expected = load.connected * events
        out = load.finish(expected, str(commit_log))
        cpu = cpu_seconds(server.pid) - cpu1 - publish_cpu
        progress.update(task, description=f"{system}: {n} done", completed=n)
        lat = out["latencies"]
        note = f"{load.failed} failed to connect" if load.failed else ""
        return Result(system, n, load.connected, out["received"], expected, percentile(lat, 0.5),
                      percentile(lat, 0.99), max(lat, default=float("nan")),
                      cpu / max(1, out["received"]) * 1e6, (rss1 - rss0) / max(1, load.connected), note)
    finally:
        http.close()
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
        if database:
            drop_database(postgres, database)


def run_nats(n: int, events: int, interval: float, progress: Progress) -> Result:
    import nats

    pid = nats_server_pid()
    subject = f"bench.stream.{os.getpid()}.{n}"
    doc = json.dumps({"headlines": [{"role": "main", "value": "x"}], "bodies": [{"value": BODY}]}).encode()
    task = progress.add_task(f"nats core: connecting {n}", total=n)
    rss0 = rss_kb(pid) if pid else 0
    load = Load(["nats", "127.0.0.1", "4222", subject, "-", str(n)], progress, task)
    time.sleep(2.0)
    rss1 = rss_kb(pid) if pid else 0
    cpu0 = cpu_seconds(pid) if pid else 0.0

    async def publish() -> None:
        nc = await nats.connect("nats://127.0.0.1:4222")
        for i in range(events):
            await nc.publish(subject, f"{i + 1}|{time.time():.6f}|".encode() + doc)
            await nc.flush()
            await asyncio.sleep(interval)
        await nc.close()

    progress.update(task, description=f"nats core: publishing {events} to {load.connected}")
    asyncio.run(publish())
    out = load.finish(load.connected * events, "-")
    cpu = (cpu_seconds(pid) - cpu0) if pid else float("nan")
    progress.update(task, description=f"nats core: {n} done", completed=n)
    lat = out["latencies"]
    return Result("nats core", n, load.connected, out["received"], load.connected * events,
                  percentile(lat, 0.5), percentile(lat, 0.99), max(lat, default=float("nan")),
                  cpu / max(1, out["received"]) * 1e6, (rss1 - rss0) / max(1, load.connected),
                  "" if pid else "nats-server pid not found")


SYSTEMS = ("newsflow hub", "naive", "nats core", *WORKERS)
DEFAULT_SYSTEMS = ("newsflow hub", "naive", "nats core")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=positive_ints, default=[100, 1000, 10000],
                        help="connection counts, e.g. 100,1000,10000")
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--systems", type=name_list(SYSTEMS, "system"), default=list(DEFAULT_SYSTEMS),
                        help=f"comma-separated, among: {', '.join(SYSTEMS)} (the last two need --postgres)")
    parser.add_argument("--postgres", default=os.environ.get("NEWSFLOW_BENCH_POSTGRES_URL",
                                                             "postgresql://postgres@127.0.0.1:5432/postgres"),
                        help="a PostgreSQL server for the worker runs (a scratch database is made there)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    machine = machine_line()  # before the load starts
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    systems = args.systems
    results: list[Result] = []
    with Progress(console=console) as progress:
        for n in args.subscribers:
            interval = 0.25 if n <= 1000 else 0.5
            for system in systems:
                if system == "nats core":
                    results.append(run_nats(n, args.events, interval, progress))
                else:
                    results.append(run_http(system, n, args.events, interval, progress, args.postgres))
    table = Table(title=f"Stream fan-out, {args.events} events per run, {os.cpu_count()} CPUs, loopback")
    for col in ("system", "subscribers", "connected", "received/expected", "p50 ms", "p99 ms", "max ms",
                "CPU µs/event", "KB/idle conn", "hub vs this (p99, CPU)", "note"):
        table.add_column(col, justify="right" if col not in ("system", "note") else "left")
    by = {(r.system, r.n): r for r in results}
    for r in results:
        ours = by.get(("hub pg 1 worker" if r.system in WORKERS else "newsflow hub", r.n))
        ratio = ""
        if ours is not None and ours is not r:
            ratio = f"{r.p99 / ours.p99:.1f}x, {r.cpu_us / ours.cpu_us:.1f}x"
        table.add_row(r.system, f"{r.n:,}", f"{r.connected:,}", f"{r.received:,}/{r.expected:,}",
                      f"{r.p50 * 1e3:.1f}", f"{r.p99 * 1e3:.1f}", f"{r.pmax * 1e3:.1f}", f"{r.cpu_us:.1f}",
                      f"{r.mem_kb:.1f}", ratio, r.note)
    console.print(table)
    console.print(machine)
    console.print("ratio = other system's figure / the hub's figure (above 1: the hub is better)")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=2))


if __name__ == "__main__":
    main()
