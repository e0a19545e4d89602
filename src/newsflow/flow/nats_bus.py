"""The flow on NATS JetStream, for several nodes and for systems outside newsflow.

After each commit the entry is published to JetStream (subject ``newsflow.<agency>.flow.<seq>``,
message id = seq so a resend is deduplicated). Every node subscribes and wakes its
``FlowSignal`` when another node commits, which is what lets nodes that share a
database (or readers such as ``newsflow flow tail`` in another process) go live without
polling. The database stays the source of truth: a node that missed a message still
reads every entry from the log by its cursor; the bus only says "there is more".

While NATS is unreachable (it restarts, or is not up yet when the node starts) the node
falls back to the database: it reads the log's end every ``poll_seconds`` and wakes its
streams from that, and reads it once more when the connection is back, so a commit made
on another node during the outage reaches this node's subscribers a poll later rather
than never. Entries NATS did not take meanwhile are kept (up to ``UNSENT_LIMIT``) and
published once it is back, under the same message id, so JetStream still gets every
entry this node committed — some later than the entries after them: a consumer of the
stream orders by the flow seq in the subject.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from collections.abc import Callable
from typing import Any

import nats
from nats.js.api import StreamConfig

from newsflow.core.flow import FlowEntry
from newsflow.core.story import StoryVersion
from newsflow.flow.signal import FlowSignal
from newsflow.flow.waits import wait_event

log = logging.getLogger("newsflow.nats")

CONNECT_RETRY_SECONDS = 2.0  # between attempts to reach NATS when the node starts without it
UNSENT_LIMIT = 10_000  # entries kept for JetStream while NATS does not take them (the oldest go first)


def names(agency: str) -> tuple[str, str]:
    """Stream and subject per installation, so several agencies can share one NATS."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", agency)
    return f"NEWSFLOW_{safe.upper()}", f"newsflow.{safe}.flow"


def servers(url: str) -> list[str]:
    """``NEWSFLOW_NATS_URL`` may name several servers of one cluster, comma-separated."""
    return [u.strip() for u in url.split(",") if u.strip()]


class NatsFlowBus:
    def __init__(
        self, url: str, signal: FlowSignal, *, agency: str = "newsflow",
        last_seq: Callable[[], int] | None = None, poll_seconds: float = 0.5, replicas: int = 1,
    ) -> None:
        self.url = url
        # several servers of one cluster, comma-separated: the client tries each in turn
        self.servers = servers(url)
        self.replicas = replicas  # copies of the stream a JetStream cluster keeps (1 or 3)
        self.signal = signal
        self.stream, self.subject = names(agency)
        self.last_seq = last_seq  # the log's end, read from the database (the fallback)
        self.poll_seconds = poll_seconds
        self._nc: Any = None
        self._js: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.ready = asyncio.Event()
        self._lost = asyncio.Event()  # set while the connection is down
        self._unsent: dict[int, bytes] = {}  # seq -> entry NATS did not take; sent again when it is back
        self._resending = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()  # resends under way (held so they finish)

    @property
    def connected(self) -> bool:
        """Whether the client holds a connection to a NATS server now (for /readyz)."""
        return self._nc is not None and bool(self._nc.is_connected)

    def after_commit(self, entry: FlowEntry, _version: StoryVersion) -> None:
        """Newsroom listener: runs in the committing thread, hands off to the event loop."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        data = json.dumps(entry.to_dict(), ensure_ascii=False).encode()
        asyncio.run_coroutine_threadsafe(self._publish(entry.seq, data), loop)

    async def _publish(self, seq: int, data: bytes) -> None:
        if self._js is None:  # not connected yet
            self._keep(seq, data)
            return
        try:
            await self._js.publish(f"{self.subject}.{seq}", data, headers={"Nats-Msg-Id": str(seq)})
        except Exception as exc:  # the log is durable; the bus is only a wake-up
            log.warning("could not publish flow entry %s to NATS (%s); kept to send again", seq, exc)
            self._keep(seq, data)
            if self.ready.is_set():  # it failed although NATS is back: no reconnect will come
                self._spawn_resend()

    def _keep(self, seq: int, data: bytes) -> None:
        self._unsent[seq] = data
        if len(self._unsent) > UNSENT_LIMIT:
            oldest = min(self._unsent)
            del self._unsent[oldest]
            log.warning("more than %s flow entries not sent to NATS; entry %s will not be", UNSENT_LIMIT, oldest)

    async def _resend(self) -> None:
        """Publish what NATS did not take, in seq order (the message id deduplicates)."""
        async with self._resending:
            for seq in sorted(self._unsent):
                data = self._unsent.get(seq)
                if data is None:
                    continue
                try:
                    await self._js.publish(f"{self.subject}.{seq}", data, headers={"Nats-Msg-Id": str(seq)})
                except Exception as exc:
                    log.warning("could not send flow entry %s to NATS again (%s)", seq, exc)
                    return  # the next reconnect tries again
                self._unsent.pop(seq, None)

    def _spawn_resend(self) -> None:
        task = asyncio.get_running_loop().create_task(self._resend())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._lost.set()
        fallback = asyncio.create_task(self._fallback(), name="nats-fallback")
        try:
            await self._run()
        finally:
            fallback.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await fallback

    async def _run(self) -> None:
        async def on_message(msg: Any) -> None:
            seq = msg.subject.rsplit(".", 1)[-1]
            if seq.isdigit():
                self.signal.notify(int(seq))

        async def disconnected() -> None:
            self.ready.clear()
            self._lost.set()
            log.warning("lost NATS at %s; following the database until it is back", self.url)

        async def reconnected() -> None:
            log.info("NATS is back at %s", self.url)
            self.ready.set()  # _fallback reads the log's end once more and stops polling
            if self._unsent:
                self._spawn_resend()

        while True:
            try:
                self._nc = await nats.connect(
                    self.servers, max_reconnect_attempts=-1, name="newsflow",
                    disconnected_cb=disconnected, reconnected_cb=reconnected,
                )
                break
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # not up yet: the database fallback runs meanwhile
                log.warning("cannot reach NATS at %s (%s); retrying in %.0f s", self.url, exc, CONNECT_RETRY_SECONDS)
                await asyncio.sleep(CONNECT_RETRY_SECONDS)
        try:
            self._js = self._nc.jetstream()
            config = StreamConfig(
                name=self.stream, subjects=[f"{self.subject}.>"], max_age=7 * 24 * 3600.0, duplicate_window=120.0,
                num_replicas=self.replicas,
            )
            try:
                await self._js.add_stream(config)
            except Exception:
                await self._js.update_stream(config)
            await self._nc.subscribe(f"{self.subject}.>", cb=on_message)
            self.ready.set()
            if self._unsent:  # committed before NATS could first be reached
                self._spawn_resend()
            await asyncio.Event().wait()  # until cancelled
        finally:
            self.ready.clear()
            with contextlib.suppress(Exception):
                await self._nc.drain()

    async def _fallback(self) -> None:
        """While NATS is down, wake the streams from the database's log end."""
        if self.last_seq is None:
            return
        while True:
            await self._lost.wait()
            while not self.ready.is_set():
                await self._catch_up()
                await wait_event(self.ready, self.poll_seconds)
            self._lost.clear()
            await self._catch_up()  # what committed between the last poll and the reconnect

    async def _catch_up(self) -> None:
        assert self.last_seq is not None
        try:
            self.signal.notify(await asyncio.to_thread(self.last_seq))
        except Exception as exc:  # the database is away too: the next poll tries again
            log.warning("could not read the flow log's end: %s", exc)
