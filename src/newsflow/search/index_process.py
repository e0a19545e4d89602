"""The search index follower in a process of its own, beside ``newsflow serve`` on SQLite
(and for a PostgreSQL node's search replica, ``search/replica.py``: the index and cursor in
the local file, the flow log read from PostgreSQL).

Indexing a version (analysing its text, writing the full-text tables) costs about as much
CPU as publishing it. In the server's process it shares one core with every request
(Python runs one thread at a time); in a child process it runs on another core. The
child is an ``IndexFollower`` like the in-process one, on the same database file: it
reads the flow log after the stored cursor, writes the documents and moves the cursor
in one transaction, and its writes queue with the server's on the database's write
lock (``store.database``).

The server tells the child the newest committed seq after each commit (coalesced: one
message per wake-up of the event loop, however many commits it covers), and the child
answers with the cursor's position after applying them. Under a busy flow it applies a
batch at most every ``BATCH_EVERY`` (20 ms): a story is searchable that much later at
most, and the fixed cost of a batch is shared by the commits of that moment. Searches
wait on the reported position as they wait on the in-process follower
(``FollowedIndex``), so read-your-writes holds.

While the child is starting, restarting after a crash, or gone, a search that needs
entries applied applies them itself (``IndexFollower.wait_for`` without a running
follower): the cursor is claimed in the write transaction, so the child and the
server never apply an entry twice, and a batch applied twice would change nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal as signals
import threading
import time
from collections.abc import Callable
from datetime import datetime
from multiprocessing.connection import Connection

from newsflow.core.clock import utcnow
from newsflow.search.backends import open_index
from newsflow.search.engine import SqlSearch
from newsflow.search.follower import Beacon, IndexFollower
from newsflow.store.database import Database

log = logging.getLogger("newsflow.search")

RESTART_PAUSE = 1.0  # seconds between a child's exit and the next start
STOP_WAIT = 5.0  # seconds a stopping child gets to finish its batch
BATCH_EVERY = 0.02  # seconds: the child applies a batch at most this often


class ProcessIndexFollower(IndexFollower):
    """``IndexFollower`` whose ``run`` applies the entries in a child process."""

    def __init__(
        self, db: Database, index: SqlSearch, beacon: Beacon, *, clock: Callable[[], datetime], log: Database | None = None,
    ) -> None:
        super().__init__(db, index, beacon, clock=clock, log=log)
        self.children = 0  # child processes started so far (a restart adds one)
        self.child_pid: int | None = None

    async def run(self) -> None:
        """Keep a child process following the flow log until cancelled."""
        while True:
            try:
                await self._follow_in_child()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("search: the index process failed; restarting it")
            self.running = False
            await asyncio.sleep(RESTART_PAUSE)

    async def _follow_in_child(self) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no copied threads or locks
        ours, theirs = context.Pipe()
        log_url = None if self.log is self.db else self.log.url
        child = context.Process(
            target=child_main, args=(self.db.url, theirs, log_url), name="newsflow-search-index", daemon=True
        )
        _ = self.position  # read from the file now: ``applied`` counts from here
        await asyncio.to_thread(child.start)
        theirs.close()
        self.children += 1
        self.child_pid = child.pid
        gone = threading.Event()
        reader = threading.Thread(
            target=self._read_positions, args=(ours, gone), name="search-index-positions", daemon=True
        )
        reader.start()
        try:
            sent = -1
            while not gone.is_set():
                latest = self.beacon.latest
                if latest > sent:
                    ours.send(latest)
                    sent = latest
                # a commit wakes this at once; the bound only notices a child that exited
                await self.beacon.wait_beyond(sent, RESTART_PAUSE)
            log.warning("search: the index process exited (code %s)", child.exitcode)
        except (BrokenPipeError, EOFError, OSError):
            log.warning("search: the index process went away")
        finally:
            self.running = False
            with contextlib.suppress(OSError):
                ours.send(None)  # stop after the current batch
            await asyncio.to_thread(_stop, child)
            ours.close()
            reader.join(STOP_WAIT)

    def _read_positions(self, conn: Connection, gone: threading.Event) -> None:
        """The child's reports: the cursor after each catch-up (a thread: blocking reads)."""
        try:
            while True:
                position = int(conn.recv())
                before = self._position
                self._moved(position)
                if before >= 0:
                    self.applied += max(0, position - before)
                self.running = True
                if self.after_catch_up is not None:  # in this thread, off the request path
                    self.after_catch_up()
        except (EOFError, OSError):
            pass
        finally:
            self.running = False
            gone.set()
            self.beacon_nudge()

    def beacon_nudge(self) -> None:
        """Wake anyone waiting in ``wait_for`` so they see the child is gone."""
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, seq: int, timeout: float) -> bool:
        """As ``IndexFollower.wait_for``; when the child goes away meanwhile, the waiting
        search applies the entries itself rather than waiting out its bound."""
        if self.position >= seq:
            return True
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._position < seq and self.running:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)
        return self._position >= seq or self.catch_up() >= seq


def _stop(child: multiprocessing.process.BaseProcess) -> None:
    child.join(STOP_WAIT)
    if child.is_alive():
        child.terminate()
        child.join(STOP_WAIT)


class _Quiet:
    """The child has no commit signal of its own: the server's messages wake it."""

    latest = 0

    async def wait_beyond(self, seq: int, timeout: float) -> bool:  # never called in the child
        raise NotImplementedError


def child_main(url: str, conn: Connection, log_url: str | None = None) -> None:
    """The child process: apply what the log holds, report the position, wait for more.

    ``log_url``: where the flow log is when it is not beside the index (a PostgreSQL
    node's search replica: the index in a local SQLite file, the log on PostgreSQL).
    It ends when the server says so (``None``) or goes away (the pipe closes), so a
    server killed without a chance to stop it leaves no orphan behind.
    """
    signals.signal(signals.SIGINT, signals.SIG_IGN)  # Ctrl-C reaches the whole group: the server stops us
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    db = Database(url)
    source = db if log_url is None else Database(log_url)
    follower = IndexFollower(db, open_index(db, clock=utcnow), _Quiet(), clock=utcnow, log=source)
    try:
        while True:
            started = time.monotonic()
            try:
                position = follower.catch_up()
            except Exception:  # keep following through a database hiccup
                log.exception("search: following the flow log failed; retrying")
                time.sleep(RESTART_PAUSE)
                continue
            conn.send(position)
            wanted = conn.recv()
            # A busy flow is applied in batches, at most one per BATCH_EVERY: each batch
            # has its fixed cost (the cursor, a transaction), whatever its size.
            rest = BATCH_EVERY - (time.monotonic() - started)
            if wanted is not None and rest > 0:
                time.sleep(rest)
            while wanted is not None and conn.poll():  # commits that came meanwhile: one catch-up
                wanted = conn.recv()
            if wanted is None:
                return
    except (EOFError, OSError, KeyboardInterrupt):
        return
    finally:
        db.dispose()
        if source is not db:
            source.dispose()
