"""FlowSignal: "the flow log has grown to seq N", from any thread to the event loop.

Writers call ``notify(seq)`` after commit (from a worker thread, or from a NOTIFY /
NATS listener for commits on other nodes). Readers ``await wait_beyond(n, timeout)``
and wake as soon as the log passes ``n``: long-polls and the hub never sleep-loop.
"""

from __future__ import annotations

import asyncio
import threading


class FlowSignal:
    def __init__(self, initial: int = 0) -> None:
        self._latest = initial
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Attach to the server's event loop (called once at start-up)."""
        self._loop = loop
        self._changed = asyncio.Event()

    @property
    def latest(self) -> int:
        return self._latest

    def notify(self, seq: int) -> None:
        with self._lock:
            if seq <= self._latest:
                return
            self._latest = seq
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._wake()
        else:
            loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        if self._changed is not None:
            event, self._changed = self._changed, asyncio.Event()
            event.set()

    async def wait_beyond(self, seq: int, timeout: float) -> bool:
        """True once the log is past ``seq``; False when ``timeout`` passed first."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._latest <= seq:
            if self._changed is None:
                self.bind(loop)
            event = self._changed
            assert event is not None
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return self._latest > seq
        return True
