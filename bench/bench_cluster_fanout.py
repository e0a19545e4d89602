"""Fan-out behind nginx: three nodes with N subscribers each against one node with 3N.

    .venv/bin/python bench/bench_cluster_fanout.py                  # 3 × 500 against 1 × 1,500
    .venv/bin/python bench/bench_cluster_fanout.py --per-node 3000  # 3 × 3,000 against 1 × 9,000

Each configuration is a real cluster from deploy/ (deploy/cluster.py: three NATS servers,
the nodes on a scratch PostgreSQL database, nginx in front), the same one `make cluster`
runs. The load generator (bench/stream_load.py, raw sockets) opens every SSE stream
through nginx, which spreads them by least connections; each node's own count is read
from its /metrics. Stories are published through nginx one at a time. Latency is from
each flow entry's time (stamped in its transaction, just before the commit) to the `id:`
line arriving at the subscriber, on one clock, so it includes the commit, the NOTIFY or
NATS hop to the nodes that did not take the publish, nginx and the fan-out itself.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bench_stream import BODY, Load, drop_database, percentile, postgres_database
from calibration import machine_line

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from deploy.cluster import Cluster, missing_tools  # noqa: E402

console = Console(width=160)


def stream_counts(cluster: Cluster) -> list[int]:
    """Open SSE streams on each node, from its own /metrics."""
    counts = []
    for url in cluster.node_urls:
        text = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {cluster.admin_token}"}).text
        line = next((x for x in text.splitlines() if x.startswith('newsflow_stream_connections{kind="sse"}')), "")
        counts.append(int(float(line.split()[-1])) if line else -1)
    return counts


def run(nodes: int, per_node: int, events: int, interval: float, postgres: str, progress: Progress) -> dict[str, object]:
    total = nodes * per_node
    database = postgres_database(postgres)
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="nf-bench-cluster-")), database, nodes=nodes,
                      port=0, first_port=0)
    task = progress.add_task(f"{nodes} node(s): starting", total=total)
    try:
        cluster.start()
        http = httpx.Client(base_url=cluster.url, headers={"Authorization": f"Bearer {cluster.admin_token}"},
                            timeout=120)
        key = http.post("/api/v1/admin/subscribers", json={"name": "Bench"}).json()["api_key"]

        def publish(label: str, i: int) -> None:
            r = http.post("/api/v1/stories?publish=true", json={
                "language": "en", "headline": f"{label} {i}", "body": BODY,
                "priority": "flash" if i % 5 == 0 else "routine", "category": "economy",
            })
            r.raise_for_status()

        for i in range(3):  # first renders, pools and caches warm on the nodes
            publish("warm", i)
        progress.update(task, description=f"{nodes} node(s): connecting {total}")
        load = Load(["sse", "127.0.0.1", str(cluster.port), "/api/v1/stream", key, str(total)], progress, task)
        time.sleep(2.0)  # let the last connections register with their hubs
        spread = stream_counts(cluster)
        progress.update(task, description=f"{nodes} node(s): publishing {events} to {load.connected}")
        first = None
        for i in range(events):
            publish("bench", i)
            time.sleep(interval)
        entries = http.get("/api/v1/flow", params={"after": 0, "limit": 1000}).json()["entries"]
        bench = [e for e in entries if e["seq"] > 3]
        first = bench[0]["seq"] if bench else None
        commit_log = cluster.run_dir / "commits.log"
        commit_log.write_text("".join(f"{e['seq']} {datetime.fromisoformat(e['time']).timestamp():.6f}\n"
                                      for e in bench))
        out = load.finish(load.connected * events, str(commit_log))
        lat = out["latencies"]
        progress.update(task, description=f"{nodes} node(s): done", completed=total)
        return {"nodes": nodes, "per_node": per_node, "connected": load.connected, "failed": load.failed,
                "spread": spread, "received": out["received"], "expected": load.connected * events,
                "p50": percentile(lat, 0.5), "p99": percentile(lat, 0.99), "max": max(lat, default=float("nan")),
                "first_seq": first}
    finally:
        cluster.stop()
        drop_database(postgres, database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-node", type=int, default=500, help="subscribers per node of the three (default 500)")
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between publishes")
    parser.add_argument("--postgres", default=os.environ.get("NEWSFLOW_BENCH_POSTGRES_URL",
                                                             "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if missing := missing_tools():
        raise SystemExit(f"needs {', '.join(missing)} (make cluster installs them when root)")
    machine = machine_line()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # inherited by nginx and the nodes
    results = []
    with Progress(console=console) as progress:
        results.append(run(3, args.per_node, args.events, args.interval, args.postgres, progress))
        results.append(run(1, 3 * args.per_node, args.events, args.interval, args.postgres, progress))
    table = Table(title=f"Fan-out behind nginx, {args.events} events, one every {args.interval} s, "
                        f"{os.cpu_count()} CPUs, loopback")
    for col in ("configuration", "streams", "per node (from /metrics)", "received/expected",
                "p50 ms", "p99 ms", "max ms", "p99 ÷ 3 nodes'"):
        table.add_column(col, justify="left" if col == "configuration" else "right")
    three = results[0]
    for r in results:
        table.add_row(f"{r['nodes']} node(s) × {r['per_node']:,}", f"{r['connected']:,}",
                      ", ".join(f"{c:,}" for c in r["spread"]),  # type: ignore[attr-defined]
                      f"{r['received']:,}/{r['expected']:,}", f"{r['p50'] * 1e3:.1f}",  # type: ignore[operator]
                      f"{r['p99'] * 1e3:.1f}", f"{r['max'] * 1e3:.1f}",  # type: ignore[operator]
                      f"{r['p99'] / three['p99']:.2f}")  # type: ignore[operator]
    console.print(table)
    console.print(machine)
    console.print("All processes (nginx, three NATS servers, the nodes, PostgreSQL, the load generator) share this machine.")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
