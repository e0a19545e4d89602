"""What the fault tests run: real nodes, their own PostgreSQL and NATS, writers, readers.

Every process here listens on loopback only. ``Node`` is ``newsflow serve`` as a
subprocess (so ``kill -9`` is a real one); ``PgCluster`` is a PostgreSQL cluster of the
test's own (initdb + pg_ctl in a temporary directory, run as the ``postgres`` user when
the tests run as root), never the shared server; ``NatsServer`` is a ``nats-server -js``
with its own store directory. ``Writers`` publish from several threads and keep what was
acknowledged; ``SseReader`` follows a stream and reconnects with ``Last-Event-ID``.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlalchemy as sa

from tests.conftest import ADMIN_TOKEN, story_fields
from tests.waiting import LIVENESS, wait_until

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
PG_BIN = Path(os.environ.get("NEWSFLOW_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
NATS_SERVER = shutil.which("nats-server") or "/usr/sbin/nats-server"
REQUEST_TIMEOUT = 15.0  # what a writer waits for one answer; a hang past it fails the test


def port_of(base: int | None, offset: int) -> int:
    """A port for a node, a NATS server or a PostgreSQL cluster.

    With ``NEWSFLOW_TEST_FAULT_PORTS`` set, the port at that base plus ``offset`` if it is
    free; otherwise (and by default) one the kernel hands out. A fixed default range would
    be shared by two test runs on one machine (two CI jobs on one runner): each would find
    the same port free a moment before the other bound it, and a reader of one run would
    reach the other run's node.
    """
    with socket.socket() as s:
        if base is not None:
            try:
                s.bind(("127.0.0.1", base + offset))
                return base + offset
            except OSError:
                pass
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_BASE = os.environ.get("NEWSFLOW_TEST_FAULT_PORTS")
BASE_PORT = int(_BASE) if _BASE else None
_next = iter(range(0, 100))


def next_port() -> int:
    return port_of(BASE_PORT, next(_next) % 100)


# -- nodes ------------------------------------------------------------------------------------
class Node:
    """``newsflow serve`` as a subprocess."""

    def __init__(self, name: str, data_dir: Path, env: dict[str, str]) -> None:
        self.name = name
        self.port = next_port()
        self.url = f"http://127.0.0.1:{self.port}"
        data_dir.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "NEWSFLOW_DATA_DIR": str(data_dir),
            "NEWSFLOW_SECRET_KEY": "test-secret-key",
            "NEWSFLOW_ADMIN_TOKEN": ADMIN_TOKEN,
            "NEWSFLOW_HOST": "127.0.0.1",
            "NEWSFLOW_PORT": str(self.port),
            "NEWSFLOW_BASE_URL": self.url,
            **env,
        }
        self.log = data_dir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Node:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "newsflow"), "serve"], env=self.env, stdout=out, stderr=out
            )
        return self

    def ready(self) -> bool:
        assert self.process is not None
        assert self.process.poll() is None, f"node {self.name} exited:\n{self.log.read_text()[-3000:]}"
        try:
            return httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def wait_ready(self) -> Node:
        wait_until(self.ready, f"node {self.name} to answer /healthz", timeout=2 * LIVENESS)
        return self

    def warm(self) -> Node:
        """Load the name finders and the abbreviator once (their data takes seconds to read
        on a busy machine), so a writer's first publish is not measured against the
        request timeout with that cold start in it. No flow entry is made."""
        text = {"body": story_fields()["body"], "headline": "Central bank holds rates steady", "language": "en"}
        for path in ("/api/v1/text/enrich", "/api/v1/text/abbreviate"):
            r = httpx.post(f"{self.url}{path}", json=text, headers=AUTH, timeout=2 * LIVENESS)
            assert r.status_code == 200, r.text
        return self

    def kill(self) -> None:
        """``kill -9``: no shutdown code runs."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(LIVENESS)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(LIVENESS / 4)
            except subprocess.TimeoutExpired:
                self.kill()


# For a node that takes no writes: no text-suggestion worker processes (they only serve
# publishes), so it starts as one process instead of one plus a warming worker per core.
READS_ONLY = {"NEWSFLOW_TEXT_PROCESSES": "0"}


def start_nodes(names: list[str], data_dir: Path, env: dict[str, str]) -> list[Node]:
    """Start the nodes one after another (the first applies the migrations), each ready."""
    nodes = []
    for name in names:
        nodes.append(Node(name, data_dir / name, env).start().wait_ready())
    return nodes


# -- PostgreSQL of the test's own --------------------------------------------------------------
def _demote() -> Callable[[], None] | None:
    """Run PostgreSQL's tools as ``postgres`` when we are root (it refuses to run as root)."""
    if os.geteuid() != 0:
        return None
    pw = pwd.getpwnam("postgres")

    def switch() -> None:
        os.setgid(pw.pw_gid)
        os.setuid(pw.pw_uid)

    return switch


class PgCluster:
    """A throw-away PostgreSQL cluster on its own port and directory."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="nf-faults-pg-"))
        self.data = self.dir / "data"
        self.port = next_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str) -> None:
        subprocess.run(
            [str(PG_BIN / args[0]), *args[1:]], check=True, preexec_fn=_demote(), cwd=self.dir,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=LIVENESS,
        )

    def init(self) -> PgCluster:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        return self

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"), "-o", opts, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        with _suppress():
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


def pg_cluster_available() -> str | None:
    """Why a cluster of our own cannot be started here, or None."""
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        return f"PostgreSQL binaries not found in {PG_BIN} (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the cluster as"
    return None


# -- NATS of the test's own --------------------------------------------------------------------
class NatsServer:
    def __init__(self, store: Path) -> None:
        self.port = next_port()
        self.url = f"nats://127.0.0.1:{self.port}"
        self.monitor = next_port()
        self.store = store
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.store.mkdir(parents=True, exist_ok=True)
        with (self.store / "nats.log").open("ab") as out:
            self.process = subprocess.Popen(
                [NATS_SERVER, "-a", "127.0.0.1", "-p", str(self.port), "-m", str(self.monitor),
                 "-js", "-sd", str(self.store)],
                stdout=out, stderr=out,
            )

        def up() -> bool:
            assert self.process is not None and self.process.poll() is None, "nats-server exited"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                return False

        wait_until(up, "nats-server to listen")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(LIVENESS)

    def stored_seqs(self, agency: str = "newsflow") -> dict[int, int]:
        """flow seq -> how many messages of the node's JetStream stream carry it."""
        import asyncio

        import nats
        from nats.js.errors import NotFoundError

        from newsflow.flow.nats_bus import names

        stream, subject = names(agency)

        async def read() -> dict[int, int]:
            nc = await nats.connect(self.url)
            try:
                try:
                    info = await nc.jetstream().stream_info(stream, subjects_filter=f"{subject}.>")
                except NotFoundError:  # no node has created the stream yet
                    return {}
                return {int(k.rsplit(".", 1)[-1]): int(v) for k, v in (info.state.subjects or {}).items()}
            finally:
                await nc.close()

        return asyncio.run(read())

    def clients(self) -> int:
        """How many clients are connected (the server's monitoring endpoint)."""
        try:
            return int(httpx.get(f"http://127.0.0.1:{self.monitor}/connz", timeout=2).json()["num_connections"])
        except (httpx.TransportError, ValueError, KeyError):
            return 0


# -- writers ----------------------------------------------------------------------------------
@dataclass
class Writers:
    """``count`` threads publishing to ``targets`` (round robin per writer) until stopped.

    A publish carries an Idempotency-Key; a 503 is retried with the same key after its
    Retry-After, so one logical story is never published twice. With ``keys=False`` it
    carries none (the path where concurrent publishes share a commit on SQLite). ``on_ack`` runs in the
    writer's thread right after each 201 (the tests inject faults from there).
    """

    targets: list[str]
    count: int = 4
    tag: str = "burst"
    keys: bool = True
    on_ack: Callable[[int], None] | None = None
    acknowledged: list[dict[str, object]] = field(default_factory=list)
    unavailable: list[tuple[int, float, str | None]] = field(default_factory=list)  # status, seconds, Retry-After
    transport_errors: int = 0
    slowest: float = 0.0
    answers: list[tuple[float, float, int]] = field(default_factory=list)  # started, seconds, status
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    threads: list[threading.Thread] = field(default_factory=list)
    attempted: int = 0
    failures: list[BaseException] = field(default_factory=list)
    going: threading.Event = field(default_factory=threading.Event)  # cleared: writers pause

    def start(self) -> Writers:
        self.going.set()
        self.threads = [threading.Thread(target=self._write, args=(w,), daemon=True) for w in range(self.count)]
        for t in self.threads:
            t.start()
        return self

    def pause(self) -> None:
        """No new publish starts until ``resume`` (one under way finishes)."""
        self.going.clear()

    def resume(self) -> None:
        self.going.set()

    def join(self) -> None:
        self.stop.set()
        self.going.set()
        for t in self.threads:
            t.join(2 * LIVENESS)
            assert not t.is_alive(), "a writer hung"
        self.check()

    def check(self) -> None:
        """Fail the test with the first writer's failure (an unexpected answer, a hang)."""
        if self.failures:
            raise self.failures[0]

    def acked_at_least(self, n: int) -> bool:
        self.check()
        return self.count_acked() >= n

    def _write(self, w: int) -> None:
        try:
            self._publish(w)
        except BaseException as exc:
            self.failures.append(exc)
            self.stop.set()

    def _publish(self, w: int) -> None:
        with httpx.Client(headers=AUTH, timeout=REQUEST_TIMEOUT) as http:
            i = 0
            while not self.stop.is_set():
                self.going.wait(2 * LIVENESS)
                if self.stop.is_set():
                    return
                headline = f"{self.tag} writer {w} story {i}"
                key = f"{self.tag}-{w}-{i}"
                target = self.targets[(w + i) % len(self.targets)]
                started = time.monotonic()
                try:
                    r = http.post(f"{target}/api/v1/stories?publish=true",
                                  headers={"Idempotency-Key": key} if self.keys else {},
                                  json=story_fields(headline=headline, category="general"))
                except httpx.TimeoutException as exc:
                    raise AssertionError(f"a publish hung past {REQUEST_TIMEOUT} s") from exc
                except httpx.TransportError:
                    with self.lock:
                        self.transport_errors += 1
                    return  # the node is gone
                finally:
                    with self.lock:
                        self.slowest = max(self.slowest, time.monotonic() - started)
                        self.attempted += 1
                with self.lock:
                    self.answers.append((started, time.monotonic() - started, r.status_code))
                if r.status_code == 503:
                    with self.lock:
                        self.unavailable.append((r.status_code, time.monotonic(), r.headers.get("Retry-After")))
                    assert r.headers.get("content-type", "").startswith("application/problem+json"), r.text
                    assert r.headers.get("Retry-After", "").isdigit(), "a 503 without Retry-After"
                    retry_after = float(r.headers.get("Retry-After", "1"))
                    self.stop.wait(retry_after)  # what a client is told to do; the same key next time
                    continue
                assert r.status_code in (200, 201), f"{r.status_code}: {r.text[:300]}"
                story = r.json()
                story["_acked_at"] = time.monotonic()
                with self.lock:
                    self.acknowledged.append(story)
                    n = len(self.acknowledged)
                i += 1
                if self.on_ack is not None:
                    self.on_ack(n)

    def count_acked(self) -> int:
        with self.lock:
            return len(self.acknowledged)

    def acked_since(self, skip: int) -> dict[int, float]:
        """seq -> when it was acknowledged, for the acknowledgements after the first ``skip``."""
        with self.lock:
            return {int(str(s["seq"])): float(str(s["_acked_at"])) for s in self.acknowledged[skip:]}


def lag(readers: list[SseReader], acked: dict[int, float]) -> float:
    """The longest time from a 201 to the entry's arrival on a stream, over ``acked``."""
    return max((r.received_at[seq] - at for r in readers for seq, at in acked.items() if seq in r.received_at),
               default=0.0)


# -- readers ----------------------------------------------------------------------------------
class SseReader:
    """A subscriber's SSE stream (``/api/v1/stream``) that reconnects with Last-Event-ID.

    ``urls`` are tried in turn after a cut (the node it read from may be dead). ``seqs``
    holds every event id received, in order, duplicates included: the test judges them.
    """

    def __init__(self, urls: list[str], api_key: str, *, after: int = 0) -> None:
        self.urls = urls
        self.headers = {"Authorization": f"Bearer {api_key}"}
        self.last = after
        self.seqs: list[int] = []
        self.reconnects = 0
        self.received_at: dict[int, float] = {}
        self.opened = threading.Event()
        self.opened_at: list[float] = []  # each time a stream was answered 200
        self._stop = threading.Event()
        self._socket: socket.socket | None = None  # the open stream's connection
        self.thread = threading.Thread(target=self._run, daemon=True)
        self._client = httpx.Client(timeout=httpx.Timeout(REQUEST_TIMEOUT, read=LIVENESS))

    def start(self) -> SseReader:
        self.thread.start()
        return self

    def close(self) -> None:
        """Stop reading now: the open stream's connection is shut, so a read waiting for the
        next event (or heartbeat) ends at once."""
        self._stop.set()
        sock = self._socket
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._client.close()
        self.thread.join(LIVENESS)

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            url = self.urls[attempt % len(self.urls)]
            headers = {**self.headers, "Last-Event-ID": str(self.last)}
            try:
                with self._client.stream("GET", f"{url}/api/v1/stream", headers=headers,
                                         params={"format": "ninjs"}) as r:
                    if r.status_code != 200:
                        raise httpx.TransportError(f"stream answered {r.status_code}")
                    self._socket = r.extensions["network_stream"].get_extra_info("socket")
                    if self._stop.is_set():  # closed while this stream was opening
                        return
                    self.opened_at.append(time.monotonic())
                    self.opened.set()
                    for line in r.iter_lines():
                        if line.startswith("id: "):
                            seq = int(line[4:])
                            self.seqs.append(seq)
                            self.received_at.setdefault(seq, time.monotonic())
                            self.last = seq
            except (httpx.TransportError, httpx.StreamError, RuntimeError):
                pass
            if self._stop.is_set():
                return
            self.reconnects += 1
            attempt += 1
            self._stop.wait(0.2)  # a client's reconnect delay (EventSource waits too)


def subscriber(url: str, name: str = "Fault Gazette") -> str:
    """A subscriber entitled to everything the writers publish; its API key."""
    r = httpx.post(f"{url}/api/v1/admin/subscribers", headers=AUTH, timeout=REQUEST_TIMEOUT,
                   json={"name": name, "categories": ["general"], "languages": ["en"]})
    assert r.status_code == 201, r.text
    return str(r.json()["api_key"])


# -- the flow as stored ------------------------------------------------------------------------
@dataclass
class FlowCheck:
    """What the database holds against what was acknowledged."""

    seqs: list[int]
    story_ids: list[int]
    headlines: dict[int, str]

    @classmethod
    def read(cls, url: str) -> FlowCheck:
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as conn:
                rows = conn.execute(sa.text(
                    "SELECT f.seq, f.story_id, s.headline FROM flow_log f JOIN stories s ON s.id = f.story_id"
                    " ORDER BY f.seq")).all()
        finally:
            engine.dispose()
        return cls([int(r[0]) for r in rows], [int(r[1]) for r in rows], {int(r[1]): str(r[2]) for r in rows})

    def gaps(self) -> list[int]:
        present = set(self.seqs)
        return [s for s in range(1, (max(self.seqs) if self.seqs else 0) + 1) if s not in present]

    def duplicated_stories(self) -> list[int]:
        seen: set[int] = set()
        return sorted({s for s in self.story_ids if s in seen or seen.add(s)})  # type: ignore[func-returns-value]

    def duplicated_headlines(self) -> list[str]:
        names = list(self.headlines.values())
        return sorted({h for h in names if names.count(h) > 1})

    def assert_holds(self, acknowledged: list[dict[str, object]]) -> dict[int, int]:
        """Every acknowledged publish in the flow with the seq it was answered with, no story
        or headline twice, no gap; the acknowledged ``{story id: seq}``."""
        acked = {int(str(s["id"])): int(str(s["seq"])) for s in acknowledged}
        found = dict(zip(self.story_ids, self.seqs, strict=True))
        missing = sorted(set(acked) - set(found))
        moved = sorted(i for i in acked if i in found and found[i] != acked[i])
        assert not missing, f"acknowledged but not in the flow: {missing}"
        assert not moved, f"acknowledged with another seq: {moved}"
        assert self.duplicated_stories() == [] and self.duplicated_headlines() == []
        assert self.gaps() == [], f"seq gaps: {self.gaps()}"
        return acked


def in_order_once(seqs: list[int], expected: list[int]) -> bool:
    return seqs == expected
