"""A local newsflow cluster built from the files in deploy/: what `make cluster` runs.

Three NATS servers (deploy/nats/nats.conf, one JetStream cluster), ``--nodes`` newsflow
nodes (``newsflow serve --workers W``) on one PostgreSQL database (created if absent) and
nginx in front on one port (deploy/nginx/cluster.conf.in including the production
deploy/nginx/newsflow-proxy.conf), all as ordinary processes under one run directory::

    python deploy/cluster.py                 # starts, prints the URLs, runs until Ctrl-C
    python deploy/cluster.py --stop          # stops the cluster running from --dir

The functional test tests/functional/test_cluster.py drives the same ``Cluster`` class.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEPLOY = Path(__file__).resolve().parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NATS_SERVER = shutil.which("nats-server") or "/usr/sbin/nats-server"
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/newsflow_cluster"
START_TIMEOUT = 90.0  # seconds: only a cluster that fails to start waits this long


def missing_tools() -> list[str]:
    """What this machine lacks to run a cluster (empty when it can)."""
    return [f"{name} ({path})" for name, path in (("nginx", NGINX), ("nats-server", NATS_SERVER))
            if not os.access(path, os.X_OK)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_database(url: str) -> None:
    """Create the cluster's PostgreSQL database when it does not exist yet."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit(f"cluster: the database name in {url!r} must be letters, digits and _")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


@dataclass
class Process:
    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(self.argv, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                          stdin=subprocess.DEVNULL, start_new_session=True)

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
        if not self.alive():
            return
        assert self.popen is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)  # the node's worker processes too
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout)


@dataclass
class Cluster:
    run_dir: Path
    database_url: str = DEFAULT_DATABASE
    nodes: int = 3
    workers: int = 1
    search_replica: bool = True  # each node searches its own SQLite replica of the index (docs/search.md)
    port: int = 8080  # nginx; 0: a free port
    first_port: int = 8101  # nodes, then NATS client / cluster / monitor ports; 0: free ports
    admin_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    newsflow: str = str(Path(sys.executable).parent / "newsflow")
    processes: list[Process] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.run_dir = self.run_dir.resolve()
        count = self.nodes + 9
        ports = [free_port() for _ in range(count)] if self.first_port == 0 else \
            list(range(self.first_port, self.first_port + count))
        self.node_ports = ports[: self.nodes]
        self.nats_client, self.nats_cluster, self.nats_monitor = (
            ports[self.nodes + 3 * i: self.nodes + 3 * i + 3] for i in range(3)
        )
        if self.port == 0:
            self.port = free_port()

    # -- what it serves ---------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def node_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.node_ports]

    @property
    def nats_url(self) -> str:
        return ",".join(f"nats://127.0.0.1:{p}" for p in self.nats_client)

    # -- start and stop ---------------------------------------------------------------------
    def start(self, *, nats: bool = True, nginx: bool = True) -> None:
        """Start everything, in order, each waited for until it answers."""
        for sub in ("logs", "data", "nats", "nginx/tmp"):
            (self.run_dir / sub).mkdir(parents=True, exist_ok=True)
        try:
            ensure_database(self.database_url)
            if nats:
                self._start_nats()
            self._migrate(nats=nats)
            for i, port in enumerate(self.node_ports, 1):
                node = Process(f"node-{i}", [self.newsflow, "serve", "--port", str(port), "--workers", str(self.workers)],
                               self._node_env(i, port, nats=nats), self.run_dir / "logs" / f"node-{i}.log")
                self._launch(node)
            for node, url in zip(self.processes[-self.nodes:], self.node_urls, strict=True):
                self._wait(node, f"{url}/healthz")
                self._wait_workers(node, f"{url}/healthz")
            if nginx:
                self._start_nginx()
        except BaseException:
            self.stop()
            raise
        (self.run_dir / "cluster.json").write_text(json.dumps({
            "url": self.url, "nodes": self.node_urls, "nats": self.nats_url, "database": self.database_url,
            "supervisor": os.getpid(),
            "pids": [p.popen.pid for p in self.processes if p.popen is not None],
        }, indent=2))

    def stop(self) -> None:
        """nginx first (no new requests), then the nodes, then NATS."""
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()
        with contextlib.suppress(FileNotFoundError):
            (self.run_dir / "cluster.json").unlink()

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the parts --------------------------------------------------------------------------
    def _launch(self, process: Process) -> None:
        process.start()
        self.processes.append(process)

    def _wait(self, process: Process, url: str, ready: str | None = None) -> None:
        """Until ``url`` answers 200 (and its body holds ``ready``, when given)."""
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if not process.alive():
                raise RuntimeError(f"{process.name} exited; its log:\n{process.log.read_text(errors='replace')[-3000:]}")
            with contextlib.suppress(OSError, urllib.error.URLError), urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200 and (ready is None or ready in r.read().decode()):
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{process.name} did not answer {url} within {START_TIMEOUT:.0f} s")
            time.sleep(0.05)

    def _wait_workers(self, process: Process, url: str) -> None:
        """Until every worker of the node answers: each listens on its own socket once its
        services are built, and a new connection may reach any socket listening."""
        seen: set[str] = set()
        deadline = time.monotonic() + START_TIMEOUT
        while len(seen) < self.workers:
            if not process.alive() or time.monotonic() > deadline:
                raise RuntimeError(f"{process.name}: {len(seen)} of {self.workers} workers answered {url}")
            with contextlib.suppress(OSError, urllib.error.URLError), urllib.request.urlopen(url, timeout=2) as r:
                seen.add(r.headers.get("x-newsflow-node", ""))
            if len(seen) < self.workers:
                time.sleep(0.05)

    def _start_nats(self) -> None:
        routes = {f"NATS_ROUTE_{i}": f"nats-route://127.0.0.1:{p}" for i, p in enumerate(self.nats_cluster, 1)}
        servers = []
        for i in range(3):
            store = self.run_dir / "nats" / f"nats-{i + 1}"
            store.mkdir(exist_ok=True)
            env = {**os.environ, **routes, "NATS_NAME": f"nats-{i + 1}", "NATS_STORE": str(store),
                   "NATS_CLIENT_PORT": str(self.nats_client[i]), "NATS_CLUSTER_PORT": str(self.nats_cluster[i]),
                   "NATS_MONITOR_PORT": str(self.nats_monitor[i])}
            server = Process(f"nats-{i + 1}", [NATS_SERVER, "-c", str(DEPLOY / "nats" / "nats.conf")], env,
                             self.run_dir / "logs" / f"nats-{i + 1}.log")
            self._launch(server)
            servers.append(server)
        # JetStream is usable once the three servers have elected a metadata leader
        for server, port in zip(servers, self.nats_monitor, strict=True):
            self._wait(server, f"http://127.0.0.1:{port}/jsz", ready='"leader"')

    def _node_env(self, i: int, port: int, *, nats: bool) -> dict[str, str]:
        env = {
            **os.environ,
            "NEWSFLOW_DATABASE_URL": self.database_url,
            "NEWSFLOW_DATA_DIR": str(self.run_dir / "data"),  # shared by the nodes, like NFS would be
            "NEWSFLOW_SECRET_KEY": self._secret(),
            "NEWSFLOW_ADMIN_TOKEN": self.admin_token,
            "NEWSFLOW_BASE_URL": self.url,
            "NEWSFLOW_HOST": "127.0.0.1",
            "NEWSFLOW_PORT": str(port),
            "NEWSFLOW_NODE_NAME": f"node-{i}",
            "FORWARDED_ALLOW_IPS": "127.0.0.1",
        }
        env.pop("NEWSFLOW_WORKERS", None)
        env.pop("NEWSFLOW_SEARCH_REPLICA", None)
        if self.search_replica and i > 0:  # a local file per node, as on separate machines
            replica = self.run_dir / f"node-{i}" / "search.db"
            replica.parent.mkdir(parents=True, exist_ok=True)
            env["NEWSFLOW_SEARCH_REPLICA"] = str(replica)
        if nats:
            env |= {"NEWSFLOW_NATS_URL": self.nats_url, "NEWSFLOW_NATS_REPLICAS": "3"}
        else:
            env.pop("NEWSFLOW_NATS_URL", None)
        return env

    def _secret(self) -> str:
        path = self.run_dir / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip()

    def _migrate(self, *, nats: bool) -> None:
        """Once, before the nodes start (each would wait on the migration lock otherwise)."""
        log = self.run_dir / "logs" / "migrate.log"
        with log.open("ab") as out:
            done = subprocess.run([self.newsflow, "db", "upgrade"], env=self._node_env(0, 0, nats=nats),
                                  stdout=out, stderr=subprocess.STDOUT, timeout=START_TIMEOUT)
        if done.returncode != 0:
            raise RuntimeError(f"newsflow db upgrade failed; its log:\n{log.read_text(errors='replace')[-3000:]}")

    def _start_nginx(self) -> None:
        prefix = self.run_dir / "nginx"
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        user = ""
        if os.geteuid() == 0:  # nginx's workers drop to nobody: let them write their temp files
            user = "user nobody nogroup;"
            for sub in (prefix / "tmp").iterdir():
                shutil.chown(sub, "nobody", "nogroup")
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;" for p in self.node_ports)
        text = (DEPLOY / "nginx" / "cluster.conf.in").read_text()
        for name, value in (("USER", user), ("PREFIX", str(prefix)), ("PORT", str(self.port)),
                            ("SERVERS", servers), ("DEPLOY", str(DEPLOY))):
            text = text.replace(f"@{name}@", value)
        conf = prefix / "nginx.conf"
        conf.write_text(text)
        process = Process("nginx", [NGINX, "-p", str(prefix), "-c", str(conf)], dict(os.environ),
                          self.run_dir / "logs" / "nginx.log")
        self._launch(process)
        self._wait(process, f"{self.url}/healthz")


def stop_running(run_dir: Path) -> bool:
    """Stop a cluster started by another process from ``run_dir`` (its recorded pids)."""
    record = run_dir / "cluster.json"
    if not record.exists():
        return False
    running = json.loads(record.read_text())
    try:
        os.kill(running["supervisor"], signal.SIGTERM)  # it stops its processes in order
    except ProcessLookupError:  # the supervisor is gone: stop what it left behind
        for pid in reversed(running["pids"]):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGTERM)
        record.unlink()
    return True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=Path("var/cluster"), help="run directory (logs, data, configs)")
    parser.add_argument("--database-url", default=os.environ.get("NEWSFLOW_CLUSTER_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1, help="worker processes per node")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (0: a free one)")
    parser.add_argument("--first-port", type=int, default=8101, help="first of the nodes' and NATS's ports (0: free ones)")
    parser.add_argument("--no-search-replica", action="store_true",
                        help="nodes search the shared PostgreSQL index instead of a local replica each")
    parser.add_argument("--stop", action="store_true", help="stop the cluster running from --dir")
    args = parser.parse_args(argv)
    if args.stop:
        print("cluster stopped" if stop_running(args.dir) else f"no cluster is running from {args.dir}")
        return
    if missing := missing_tools():
        raise SystemExit(f"cluster: missing {', '.join(missing)} (make cluster installs nginx-light when root)")
    cluster = Cluster(args.dir, args.database_url, nodes=args.nodes, workers=args.workers,
                      search_replica=not args.no_search_replica, port=args.port, first_port=args.first_port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    cluster.start()
    try:
        print(f"newsflow cluster: {cluster.url}  (nginx in front of {cluster.nodes} nodes)")
        for i, url in enumerate(cluster.node_urls, 1):
            print(f"  node-{i}: {url}  (log: {args.dir}/logs/node-{i}.log)")
        print(f"  NATS:     {cluster.nats_url}")
        print(f"  database: {cluster.database_url}")
        print(f"  admin:    Authorization: Bearer {cluster.admin_token}")
        print("Ctrl-C (or make cluster-stop) stops it.", flush=True)
        while all(p.alive() for p in cluster.processes):
            time.sleep(1)
        dead = [p.name for p in cluster.processes if not p.alive()]
        print(f"cluster: {', '.join(dead)} exited (see {args.dir}/logs); stopping the rest", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
        print("cluster stopped")


if __name__ == "__main__":
    main()
