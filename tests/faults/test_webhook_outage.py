"""A webhook receiver down for most of a day, then back: every entry once, in order, signed.

The dispatcher runs its production retry schedule (exponential backoff with full jitter,
a wait of at most an hour, dead letters after a day) on a simulated clock: each wait
between retries moves the clock instead of the wall, so twenty hours of retries take a
moment. Half of the entries are published before the receiver goes away, half while the
dispatcher is retrying; the receiver (a real HTTP server on loopback) comes back once the
simulated clock passes the end of the outage and checks each signature at receipt.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.core.clock import utcnow
from newsflow.flow.webhook_retry import RetrySchedule
from newsflow.flow.webhook_signature import verify
from newsflow.web.app import create_app
from newsflow.wiring import build_services
from tests.conftest import story_fields
from tests.faults.conftest import record
from tests.faults.harness import next_port
from tests.waiting import LIVENESS, wait_until

OUTAGE = timedelta(hours=20)
EACH_HALF = 5


class SimClock:
    """The dispatcher's clock and its sleep: a wait moves the time line forward at once.

    ``hold_at``: the first sleep that reaches this moment waits (in a thread, the event
    loop stays free) until ``resume`` is set, so the test can act in the middle of the
    outage. ``on_advance`` runs after every move.
    """

    def __init__(self, start: datetime, hold_at: datetime) -> None:
        self.now = start
        self.hold_at = hold_at
        self.held = threading.Event()
        self.resume = threading.Event()
        self.on_advance: list[Callable[[], None]] = []
        self.sleeps = 0

    def __call__(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.sleeps += 1
        if self.now >= self.hold_at and not self.held.is_set():
            self.held.set()
            await asyncio.to_thread(self.resume.wait, LIVENESS)
        for fn in self.on_advance:
            fn()
        await asyncio.sleep(0)


class Receiver:
    """An HTTP endpoint, started late on a port fixed in advance; verifies at receipt."""

    def __init__(self, port: int, clock: SimClock) -> None:
        self.port = port
        self.clock = clock
        self.secret = ""
        self.received: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.back_at: datetime | None = None

    def start(self, at: datetime) -> None:
        """Listen from now on; ``at``: the simulated moment the receiver came back."""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                valid = verify(receiver.secret, self.headers["X-Newsflow-Timestamp"], body,
                               self.headers["X-Newsflow-Signature"], now=receiver.clock().timestamp())
                with receiver.lock:
                    receiver.received.append({"seq": int(self.headers["X-Newsflow-Seq"]), "valid": valid,
                                              "uri": json.loads(body)["uri"], "at": receiver.clock()})
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.back_at = at
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def seqs(self) -> list[int]:
        with self.lock:
            return [r["seq"] for r in self.received]


def test_a_receiver_down_for_hours_gets_every_entry_once_in_order(settings: Settings) -> None:
    start = utcnow()
    clock = SimClock(start, hold_at=start + OUTAGE / 2)
    services = build_services(replace(settings, webhooks_allow_private=True), clock=clock)
    dispatcher = services.webhook_dispatcher
    dispatcher.sleep = clock.sleep
    dispatcher.schedule = RetrySchedule(rand=random.Random(16).random)  # production bounds, fixed jitter
    receiver = Receiver(next_port(), clock)  # nothing listens there yet: connections are refused
    ends = start + OUTAGE
    clock.on_advance.append(lambda: receiver.start(ends) if receiver.server is None and clock() >= ends else None)
    began = time.monotonic()
    try:
        sub = services.subscribers.create({"name": "Night Desk"})
        hook = services.webhooks.register(sub["id"], {"url": f"http://127.0.0.1:{receiver.port}/hook", "format": "ninjs"})
        receiver.secret = hook["secret"]
        seqs = [services.newsroom.create(story_fields(headline=f"Before {i}"), publish=True).seq for i in range(EACH_HALF)]
        with TestClient(create_app(services.settings, services=services)):
            assert clock.held.wait(LIVENESS), "the dispatcher never reached the middle of the outage"
            seqs += [services.newsroom.create(story_fields(headline=f"During {i}"), publish=True).seq
                     for i in range(EACH_HALF)]
            clock.resume.set()
            wait_until(lambda: len(receiver.seqs()) >= len(seqs), "every entry to be delivered after the outage")
        assert receiver.seqs() == seqs, "an entry was lost, doubled or reordered"
        assert all(r["valid"] for r in receiver.received), "a delivery with an invalid signature"
        with services.db.read() as conn:
            first = int(conn.execute(sa.text("SELECT count(*) FROM webhook_attempts WHERE seq = :s"),
                                     {"s": seqs[0]}).scalar_one())
            dead = int(conn.execute(sa.text("SELECT count(*) FROM webhook_dead_letters")).scalar_one())
        assert dead == 0  # within the day the schedule allows, nothing is given up
        assert receiver.back_at is not None
        noticed = (receiver.received[0]["at"] - receiver.back_at).total_seconds()
        record(f"webhook receiver down {OUTAGE.total_seconds() / 3600:.0f} h (simulated, {(settings.database_url and 'postgresql') or 'sqlite'}): "
               f"{len(seqs)} entries delivered once each, in order, signatures valid, 0 dead letters; "
               f"{first} attempts for the first entry; the first delivery came {noticed / 60:.1f} simulated min "
               f"after the receiver was back (the backoff caps a wait at 60 min); {time.monotonic() - began:.1f} s real")
    finally:
        clock.resume.set()
        receiver.stop()
        services.db.dispose()
