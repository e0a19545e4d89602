"""HTTP publishes per second, request latency, and request → subscriber-receives latency.

Run: ``make bench-publish-http`` (or ``.venv/bin/python bench/bench_publish_http.py
[--stories N] [--clients 1,4] [--kinds short,arabic] [--port N] [--profile]``).

A real ``newsflow serve`` (uvicorn, one process) on a fresh SQLite database per row.
Each client is a process of its own with one keep-alive httpx connection, POSTing
``/api/v1/stories?publish=true`` one request after another, as an editor's tool or an
ingest script does. An SSE subscriber entitled to everything is connected to the same
server the whole time: "deliver" latency is from a client sending a publish to the
subscriber reading that entry's event (CLOCK_MONOTONIC is one clock for every process).
Every published entry must reach the subscriber exactly once and in order, or the run
fails.

Stories: ``short`` is a one-line English story; ``arabic`` a 400-word Arabic story, public
and with no names or topics given, so the server fills in the abbreviation and the
enrichment (suggestions on). Two baselines run in the same run, in this process, without
HTTP: ``in-process`` publishes the same stories through the server's services (the
ratio column is over it), ``storage`` through a bare newsroom as bench_publish.py does
(no suggestions, no search indexing, no streams). The server's CPU time per publish is
given for all its processes (with the search-index process and the text workers) and for
the main one alone, counted from the moment its processes are idle after the start; a
second table splits the machine's CPU during each HTTP row by process (server main,
search index, text workers, clients, subscriber, other work on the machine, idle).
``--client-library http.client`` makes the clients use the standard library's
``http.client`` instead of httpx: a lighter load generator, labelled in the rows.
``--profile`` samples the server and its child processes with py-spy during the HTTP
rows, from the moment its processes are idle after the start, and prints where the time
goes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from calibration import additions_loop_seconds, load_average  # noqa: E402
from options import name_list, positive_ints  # noqa: E402

TOKEN = "bench-admin-token-0123456789abcdef"
KINDS = ("short", "arabic")
CLIENT_LIBRARIES = ("httpx", "http.client")
RESULTS = BENCH / "results"
LIVENESS = 120.0  # seconds: only a broken run waits this long


# -- the stories ---------------------------------------------------------------------------
def _arabic_body(words: int = 400) -> str:
    """Paragraphs of the Arabic demo stories (our own writing) until ``words`` words."""
    from newsflow.demo.stories import STORIES

    paragraphs = [p for s in STORIES if s["language"] == "ar" for p in s["body"].split("\n\n")]
    out: list[str] = []
    count = 0
    while count < words:
        for p in paragraphs:
            out.append(p)
            count += len(p.split())
            if count >= words:
                break
    text = " ".join("\n\n".join(out).split(" ")[:words])
    return text


def story(kind: str, n: int, arabic_body: str = "") -> dict[str, Any]:
    if kind == "short":
        return {"language": "en", "headline": f"Markets open higher {n}", "category": "economy",
                "body": "Shares rose at the open on Monday."}
    return {"language": "ar", "headline": f"قطر وعُمان توقعان اتفاقية لإنشاء محطة تحلية مشتركة {n}",
            "category": "economy", "public": True, "body": arabic_body or _arabic_body()}


# -- a client process ----------------------------------------------------------------------
def client_main(url: str, kind: str, count: int, first: int, out: Path, library: str = "httpx") -> None:
    """One client: ``count`` publishes, one after another, on one keep-alive connection
    made with ``library``: httpx (the default), or the standard library's ``http.client``,
    which costs the client less CPU per request."""
    body = _arabic_body() if kind == "arabic" else ""
    payloads = [json.dumps(story(kind, first + i, body)).encode() for i in range(count)]
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    records: list[tuple[float, float, int]] = []
    errors: Counter[int] = Counter()
    path = "/api/v1/stories?publish=true"
    if library == "http.client":
        import http.client
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=LIVENESS)
        conn.request("GET", "/healthz")
        conn.getresponse().read()  # the connection is open before the start

        def post(payload: bytes) -> tuple[int, bytes]:
            conn.request("POST", path, body=payload, headers=headers)
            answer = conn.getresponse()
            return answer.status, answer.read()

        close = conn.close
    else:
        import httpx

        client = httpx.Client(base_url=url, headers=headers, timeout=LIVENESS)
        client.get("/healthz")  # the connection is open before the start

        def post(payload: bytes) -> tuple[int, bytes]:
            answer = client.post(path, content=payload)
            return answer.status_code, answer.content

        close = client.close
    try:
        print("ready", flush=True)
        sys.stdin.readline()
        cpu = time.process_time()
        for payload in payloads:
            sent = time.monotonic()
            status, content = post(payload)
            done = time.monotonic()
            if status != 201:
                errors[status] += 1
                continue
            records.append((sent, done, int(json.loads(content)["seq"])))
        cpu = time.process_time() - cpu
    finally:
        close()
    out.write_text(json.dumps({"records": records, "errors": dict(errors), "cpu_seconds": cpu}))


# -- the subscriber ------------------------------------------------------------------------
class Subscriber(threading.Thread):
    """Reads the SSE stream; the time each entry's event arrived, by sequence number."""

    def __init__(self, url: str, key: str) -> None:
        super().__init__(daemon=True)
        self.url, self.key = url, key
        self.arrived: dict[int, float] = {}
        self.order: list[int] = []
        self.changed = threading.Condition()
        self.failed: BaseException | None = None

    def run(self) -> None:
        import httpx

        try:
            headers = {"Authorization": f"Bearer {self.key}", "Accept": "text/event-stream"}
            with httpx.Client(timeout=None) as http, http.stream("GET", f"{self.url}/api/v1/stream",
                                                               headers=headers) as r:
                r.raise_for_status()
                for line in r.iter_lines():
                    if line.startswith("id: "):
                        now = time.monotonic()
                        seq = int(line[4:])
                        with self.changed:
                            self.arrived.setdefault(seq, now)
                            self.order.append(seq)
                            self.changed.notify_all()
        except BaseException as exc:  # reported by wait_for
            self.failed = exc
            with self.changed:
                self.changed.notify_all()

    def wait_for(self, seq: int, timeout: float = LIVENESS) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: seq in self.arrived or self.failed is not None, timeout) \
                and seq in self.arrived


# -- the server ----------------------------------------------------------------------------
PORT: int | None = None  # --port: the one port every server of the run listens on


def free_port() -> int:
    if PORT is not None:
        return PORT
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``newsflow serve`` on a fresh SQLite database in ``data``."""

    def __init__(self, data: Path) -> None:
        import httpx

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
        env.update(NEWSFLOW_DATA_DIR=str(data), NEWSFLOW_PORT=str(self.port), NEWSFLOW_ADMIN_TOKEN=TOKEN,
                   NEWSFLOW_SECRET_KEY="bench-secret")
        self.log = (data / "server.log").open("wb")
        command = [str(Path(sys.executable).parent / "newsflow"), "serve"]
        self.proc = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + LIVENESS
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"newsflow serve exited; see {data / 'server.log'}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("newsflow serve did not start")
            time.sleep(0.1)
        self.http = httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=LIVENESS)

    def cpu_seconds(self) -> tuple[float, float]:
        """User + system CPU time the server's own process, and it with its child
        processes (search index, text suggestions), have used so far (Linux /proc)."""
        tick = os.sysconf("SC_CLK_TCK")
        return _cpu_ticks(self.proc.pid, own=True) / tick, sum(_cpu_ticks(p) for p in _tree(self.proc.pid)) / tick

    def cpu_by_process(self, data: Path) -> dict[str, float]:
        """CPU seconds used so far by each kind of the server's processes: ``main``, the
        ``search index`` (the child holding the database open), the ``text workers`` (the
        other children) and multiprocessing's ``resource tracker``."""
        tick = os.sysconf("SC_CLK_TCK")
        out = {"main": _cpu_ticks(self.proc.pid, own=True) / tick, "search index": 0.0, "text workers": 0.0,
               "resource tracker": 0.0}
        for pid in _tree(self.proc.pid)[1:]:
            out[_child_kind(pid, data)] += _cpu_ticks(pid, own=True) / tick
        return out

    def settle(self, quiet: float = 0.05, step: float = 0.5) -> None:
        """Wait until the server's processes are idle: the work of its start (child
        processes importing their modules, the first index batches) is not measured."""
        deadline = time.monotonic() + LIVENESS
        last = self.cpu_seconds()[1]
        while time.monotonic() < deadline:
            time.sleep(step)
            now = self.cpu_seconds()[1]
            if now - last < quiet * step:
                return
            last = now

    def stop(self) -> None:
        self.http.close()
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def _cpu_ticks(pid: int, *, own: bool = False) -> int:
    """User + system ticks of one process, with those of its children it has reaped
    (``own``: without them)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except FileNotFoundError:
        return 0
    return sum(int(f) for f in fields[11:13 if own else 15])


def _child_kind(pid: int, data: Path) -> str:
    """What a child process of the server is: the search index holds the database file
    (``newsflow.db`` in ``data``) open; the text workers do not."""
    with contextlib.suppress(OSError):
        if b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes():
            return "resource tracker"
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                if os.readlink(fd).startswith(str(data / "newsflow.db")):
                    return "search index"
    return "text workers"


def _thread_cpu_seconds(tid: int) -> float:
    """User + system CPU time of one thread of this process."""
    try:
        fields = Path(f"/proc/self/task/{tid}/stat").read_text().rpartition(")")[2].split()
    except FileNotFoundError:
        return 0.0
    return sum(int(f) for f in fields[11:13]) / os.sysconf("SC_CLK_TCK")


def _machine_cpu_seconds() -> tuple[float, float, float]:
    """(busy, interrupts, idle) CPU seconds of the whole machine so far, every CPU
    (/proc/stat); *interrupts* (irq + softirq, such as loopback TCP's receive path when it
    is not charged to a process) are part of *busy*."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    tick = os.sysconf("SC_CLK_TCK")
    return busy / tick, (fields[5] + fields[6]) / tick, idle / tick


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants now alive."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(FileNotFoundError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return out


PY_SPY_MISSING = "--profile needs py-spy (.venv/bin/pip install py-spy)"


def py_spy() -> str | None:
    """The py-spy executable, on PATH or beside this Python; None when it is not installed."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    return spy if Path(spy).exists() else None


class Profiler:
    """py-spy sampling the server process (every thread) while the clients run."""

    def __init__(self, pid: int, out: Path) -> None:
        spy = py_spy()
        if spy is None:
            raise SystemExit(PY_SPY_MISSING)
        self.out = out
        self.proc = subprocess.Popen([spy, "record", "--pid", str(pid), "--rate", "250", "--format", "raw",
                                      "--output", str(out), "--nonblocking", "--gil", "--subprocesses"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)  # py-spy attaches before the clients start (a sampler, not an event)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(60)


def profile_summary(raw: Path, top: int = 30) -> list[tuple[str, float, float]]:
    """(function, inclusive %, self %) from py-spy's collapsed stacks, busiest first.

    Every stack starts with ``[main process]`` or ``[child process]`` (search index, text
    workers: ``child_main`` and ``worker_main`` tell them apart), so the split shows too."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        total += n
        parts = stack.split(";")
        children = sum(f.startswith("process ") for f in parts) > 1  # py-spy names each process on the way
        frames = ["[child process]" if children else "[main process]"] + [
            f.split(" (")[0] + " (" + f.split(" (")[1].split(":")[0].rsplit("/", 1)[-1] + ")" if " (" in f else f
            for f in parts if not f.startswith("process ") and "--multiprocessing-fork" not in f
        ]
        for name in set(frames):
            inclusive[name] += n
        own[frames[-1]] += n
    return [(name, 100 * n / total, 100 * own[name] / total) for name, n in inclusive.most_common(top)]


# -- one row -------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def http_row(kind: str, clients: int, stories: int, progress: Any, profile_dir: Path | None,
             library: str = "httpx") -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nf-bench-http-") as tmp:
        data = Path(tmp)
        server = Server(data)
        profiler = None
        try:
            sub = server.http.post("/api/v1/admin/subscribers", json={"name": "Bench Wire"}).json()
            subscriber = Subscriber(server.url, sub["api_key"])
            subscriber.start()
            # Warm up (imports, caches, the first connection) and prove the subscriber is live.
            body = _arabic_body()
            for i in range(20):
                r = server.http.post("/api/v1/stories?publish=true", json=story(kind, -1 - i, body))
                r.raise_for_status()
            warm_seq = int(r.json()["seq"])
            if not subscriber.wait_for(warm_seq):
                raise SystemExit(f"the subscriber never received the warm-up entries ({subscriber.failed})")
            per_client = stories // clients
            outs = [data / f"client-{n}.json" for n in range(clients)]
            procs = [
                subprocess.Popen(
                    [sys.executable, __file__, "--client", server.url, kind, str(per_client), str(n * per_client),
                     str(outs[n]), library],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                )
                for n in range(clients)
            ]
            for p in procs:
                assert p.stdout is not None and p.stdout.readline().strip() == "ready"
            task = progress.add_task(f"HTTP {kind} × {clients} client(s)", total=per_client * clients)
            server.settle()
            if profile_dir is not None:  # after the start's work (text workers' tables), as the CPU split is
                profiler = Profiler(server.proc.pid, profile_dir / f"profile-{kind}-{clients}.txt")
            cpu_before = server.cpu_seconds()
            split_before = server.cpu_by_process(data)
            assert subscriber.native_id is not None
            subscriber_before = _thread_cpu_seconds(subscriber.native_id)
            bench_before = time.process_time()
            machine_before = _machine_cpu_seconds()
            for p in procs:
                assert p.stdin is not None
                p.stdin.write("go\n")
                p.stdin.flush()
            while any(p.poll() is None for p in procs):
                progress.update(task, completed=max(0, len(subscriber.arrived) - 20))
                time.sleep(0.02)  # short: the CPU split's window ends soon after the last client
            progress.update(task, completed=per_client * clients)
            cpu_after = server.cpu_seconds()
            machine_after = _machine_cpu_seconds()
            split_after = server.cpu_by_process(data)
            subscriber_cpu = _thread_cpu_seconds(subscriber.native_id) - subscriber_before
            bench_cpu = max(0.0, time.process_time() - bench_before - subscriber_cpu)
            main_cpu, server_cpu = cpu_after[0] - cpu_before[0], cpu_after[1] - cpu_before[1]
            if profiler is not None:
                profiler.stop()
            if any(p.returncode for p in procs):
                raise SystemExit("a client failed")
            results = [json.loads(o.read_text()) for o in outs]
            errors = sum(sum(r["errors"].values()) for r in results)
            records = [tuple(rec) for r in results for rec in r["records"]]
            last = max(seq for _s, _d, seq in records)
            if not subscriber.wait_for(last):
                raise SystemExit(f"the subscriber did not receive every entry ({subscriber.failed})")
            with subscriber.changed:
                order = list(subscriber.order)
            published = sorted(seq for _s, _d, seq in records)
            received = [s for s in order if s > warm_seq]
            if received != published or len(order) != len(set(order)):
                raise SystemExit("the subscriber's stream is not every entry once, in order")
            started = min(s for s, _d, _q in records)
            ended = max(d for _s, d, _q in records)
            request_ms = [(d - s) * 1000 for s, d, _q in records]
            deliver_ms = [(subscriber.arrived[q] - s) * 1000 for s, _d, q in records]
            # Where the machine's CPU went during the row, ms per publish: the server's processes,
            # the load generator (clients, the subscriber thread, this process's polling), the
            # rest of the machine's busy time (other work) and its idle time.
            split = {f"server {k}": v - split_before[k] for k, v in split_after.items()}
            split["clients"] = sum(r.get("cpu_seconds", 0.0) for r in results)
            split["subscriber"] = subscriber_cpu
            split["bench process"] = bench_cpu
            busy = machine_after[0] - machine_before[0]
            split["interrupts"] = machine_after[1] - machine_before[1]
            split["other work"] = max(0.0, busy - sum(split.values()))
            split["idle"] = machine_after[2] - machine_before[2]
            return {
                "kind": kind, "path": "HTTP", "client_library": library, "clients": clients, "publishes": len(records), "errors": errors,
                "per_second": len(records) / (ended - started),
                "request_p50_ms": percentile(request_ms, 50), "request_p99_ms": percentile(request_ms, 99),
                "deliver_p50_ms": percentile(deliver_ms, 50), "deliver_p99_ms": percentile(deliver_ms, 99),
                "server_cpu_ms_per_publish": 1000 * server_cpu / len(records),
                "main_process_cpu_ms_per_publish": 1000 * main_cpu / len(records),
                "cpu_ms_per_publish_by_process": {k: 1000 * v / len(records) for k, v in split.items()},
            }
        finally:
            server.stop()


def in_process_row(kind: str, stories: int, progress: Any, *, storage_only: bool = False) -> dict[str, Any]:
    """The same publishes without HTTP: through the server's services (the baseline), or
    (``storage_only``) through a bare ``Newsroom`` as bench_publish.py times it: no
    suggestions and no after-commit listeners (search index, streams)."""
    from newsflow.config import Settings
    from newsflow.services.newsroom import Newsroom
    try:
        from newsflow.wiring import build_services
    except ImportError:  # a checkout from before the composition root, for before/after runs
        from newsflow.web.app import build_services  # type: ignore[no-redef]

    with tempfile.TemporaryDirectory(prefix="nf-bench-inproc-") as tmp:
        services = build_services(Settings(data_dir=Path(tmp), secret_key="bench-secret"))
        newsroom = Newsroom(services.db, services.settings) if storage_only else services.newsroom
        body = _arabic_body()
        path = "storage" if storage_only else "in-process"
        try:
            for i in range(20):
                newsroom.create(story(kind, -1 - i, body), publish=True)
            task = progress.add_task(f"{path} {kind}", total=stories)
            started = time.perf_counter()
            for i in range(stories):
                newsroom.create(story(kind, i, body), publish=True)
                progress.advance(task)
            elapsed = time.perf_counter() - started
        finally:
            services.db.dispose()
    return {"kind": kind, "path": path, "clients": 1, "publishes": stories, "errors": 0,
            "per_second": stories / elapsed}


# -- main ----------------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=2000, help="publishes per row (default 2000)")
    parser.add_argument("--clients", type=positive_ints, default=[1, 4], help="client counts, e.g. 1,4")
    parser.add_argument("--kinds", type=name_list(KINDS, "story kind"), default=list(KINDS),
                        help=f"story kinds, comma-separated: {', '.join(KINDS)}")
    parser.add_argument("--profile", action="store_true", help="sample the server with py-spy; print a profile")
    parser.add_argument("--json", type=Path, help="where to write the results (default bench/results/)")
    parser.add_argument("--port", type=int, help="the port the server listens on (default: a free one)")
    parser.add_argument("--client-library", choices=CLIENT_LIBRARIES, default="httpx",
                        help="the clients' HTTP library: httpx (default), or the standard library's "
                             "http.client, a lighter load generator (the row is labelled with it)")
    parser.add_argument("--client", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stories < 1:
        parser.error("--stories must be at least 1")
    if args.profile and not args.client and py_spy() is None:
        parser.error(PY_SPY_MISSING)  # before any server or client starts
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.client:
        url, kind, count, first, out, library = args.client
        client_main(url, kind, int(count), int(first), Path(out), library)
        return 0

    global PORT
    PORT = args.port
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 160)  # a piped table is not cut
    console.print("calibrating (a plain Python loop of 10M additions) ...")
    loop = additions_loop_seconds()
    load_before = load_average()
    profile_dir = Path(tempfile.mkdtemp(prefix="nf-bench-profile-")) if args.profile else None
    rows: list[dict[str, Any]] = []
    with Progress(console=console) as progress:
        for kind in args.kinds:
            rows.append(in_process_row(kind, min(args.stories, 1000), progress, storage_only=True))
            rows.append(in_process_row(kind, min(args.stories, 1000), progress))
            for clients in args.clients:
                rows.append(http_row(kind, clients, args.stories, progress, profile_dir, args.client_library))
    load_after = load_average()

    table = Table(title=f"Publishing over HTTP: newsflow serve on SQLite ({args.stories} publishes per HTTP row)")
    for name, justify in [("story", "left"), ("path", "left"), ("clients", "right"), ("publishes/s", "right"),
                          ("× in-process", "right"), ("request p50 / p99 ms", "right"),
                          ("request → subscriber p50 / p99 ms", "right"), ("server CPU ms/publish: all / main process", "right")]:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    baseline = {r["kind"]: r["per_second"] for r in rows if r["path"] == "in-process"}
    for r in rows:
        http = r["path"] == "HTTP"
        table.add_row(
            r["kind"], f"HTTP ({r['client_library']} clients)" if http else r["path"], str(r["clients"]),
            f"{r['per_second']:,.0f}",
            f"{r['per_second'] / baseline[r['kind']]:.2f}",
            f"{r['request_p50_ms']:.1f} / {r['request_p99_ms']:.1f}" if http else "",
            f"{r['deliver_p50_ms']:.1f} / {r['deliver_p99_ms']:.1f}" if http else "",
            f"{r['server_cpu_ms_per_publish']:.2f} / {r['main_process_cpu_ms_per_publish']:.2f}" if http else "",
        )
        r["ratio_to_in_process"] = r["per_second"] / baseline[r["kind"]]
    console.print(table)
    http_rows = [r for r in rows if r["path"] == "HTTP"]
    if http_rows:
        split_table = Table(title="Where the machine's CPU went during each HTTP row, ms per publish "
                                  "(idle: the CPUs' unused time)")
        split_table.add_column("process")
        for r in http_rows:
            split_table.add_column(f"{r['kind']} × {r['clients']}", justify="right")
        for name in http_rows[0]["cpu_ms_per_publish_by_process"]:
            split_table.add_row(name, *[f"{r['cpu_ms_per_publish_by_process'][name]:.2f}" for r in http_rows])
        split_table.add_row("load generator (clients + subscriber + bench)", *[
            f"{sum(r['cpu_ms_per_publish_by_process'][k] for k in ('clients', 'subscriber', 'bench process')):.2f}"
            for r in http_rows])
        console.print(split_table)
    console.print(f"machine: 10M-additions loop {loop:.2f} s; load average {load_before:.1f} before, "
                  f"{load_after:.1f} after; {os.cpu_count()} CPUs")

    if profile_dir is not None:
        for raw in sorted(profile_dir.glob("profile-*.txt")):
            ptable = Table(title=f"server profile, {raw.stem} (py-spy samples of the thread holding the GIL)")
            ptable.add_column("function (file)")
            ptable.add_column("inclusive %", justify="right")
            ptable.add_column("self %", justify="right")
            for name, inc, own in profile_summary(raw):
                ptable.add_row(name, f"{inc:.1f}", f"{own:.1f}")
            console.print(ptable)
        console.print(f"raw profiles (collapsed stacks): {profile_dir}")

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = args.json or RESULTS / f"publish_http-{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BENCH, capture_output=True, text=True)
    out.write_text(json.dumps({
        "benchmark": "publish_http", "when": stamp, "commit": commit.stdout.strip() or None,
        "machine": {"additions_loop_10M_s": loop, "load_before": load_before, "load_after": load_after,
                    "cpus": os.cpu_count()},
        "stories_per_row": args.stories, "rows": rows,
    }, indent=2))
    console.print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
