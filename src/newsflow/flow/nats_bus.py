"""The flow on NATS JetStream, for several nodes and for systems outside newsflow.

After each commit the entry is published to JetStream (subject ``newsflow.<agency>.flow.<seq>``,
message id = seq so a resend is deduplicated). Every node subscribes and wakes its
``FlowSignal`` when another node commits, which is what lets nodes that share a
database (or readers such as ``newsflow flow tail`` in another process) go live without
polling. The database stays the source of truth: a node that missed a message still
reads every entry from the log by its cursor; the bus only says "there is more".
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any

import nats
from nats.js.api import StreamConfig

from newsflow.core.flow import FlowEntry
from newsflow.core.story import StoryVersion
from newsflow.flow.signal import FlowSignal

log = logging.getLogger("newsflow.nats")



def names(agency: str) -> tuple[str, str]:
    """Stream and subject per installation, so several agencies can share one NATS."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", agency)
    return f"NEWSFLOW_{safe.upper()}", f"newsflow.{safe}.flow"


class NatsFlowBus:
    def __init__(self, url: str, signal: FlowSignal, *, agency: str = "newsflow") -> None:
        self.url = url
        self.signal = signal
        self.stream, self.subject = names(agency)
        self._nc: Any = None
        self._js: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.ready = asyncio.Event()

    @property
    def connected(self) -> bool:
        """Whether the client holds a connection to a NATS server now (for /readyz)."""
        return self._nc is not None and bool(self._nc.is_connected)

    def after_commit(self, entry: FlowEntry, _version: StoryVersion) -> None:
        """Newsroom listener: runs in the committing thread, hands off to the event loop."""
        loop = self._loop
        if loop is None or loop.is_closed() or self._js is None:
            return
        data = json.dumps(entry.to_dict(), ensure_ascii=False).encode()
        asyncio.run_coroutine_threadsafe(self._publish(entry.seq, data), loop)

    async def _publish(self, seq: int, data: bytes) -> None:
        try:
            await self._js.publish(f"{self.subject}.{seq}", data, headers={"Nats-Msg-Id": str(seq)})
        except Exception as exc:  # the log is durable; the bus is only a wake-up
            log.warning("could not publish flow entry %s to NATS: %s", seq, exc)

    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()

        async def on_message(msg: Any) -> None:
            seq = msg.subject.rsplit(".", 1)[-1]
            if seq.isdigit():
                self.signal.notify(int(seq))

        self._nc = await nats.connect(self.url, max_reconnect_attempts=-1, name="newsflow")
        try:
            self._js = self._nc.jetstream()
            config = StreamConfig(
                name=self.stream, subjects=[f"{self.subject}.>"], max_age=7 * 24 * 3600.0, duplicate_window=120.0
            )
            try:
                await self._js.add_stream(config)
            except Exception:
                await self._js.update_stream(config)
            await self._nc.subscribe(f"{self.subject}.>", cb=on_message)
            self.ready.set()
            await asyncio.Event().wait()  # until cancelled
        finally:
            self.ready.clear()
            await self._nc.drain()
