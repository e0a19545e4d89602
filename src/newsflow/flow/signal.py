"""FlowSignal: "the flow log has grown to seq N", from any thread to the event loop.

Writers call ``notify(seq)`` after commit (from a worker thread, or from a NOTIFY /
NATS listener for commits on other nodes). Readers ``await wait_beyond(n, timeout)``
and wake as soon as the log passes ``n``: long-polls and the hub never sleep-loop.

Every publish notifies from its worker thread, and several readers (the hub, the
search index's follower, the public stream) wait per commit, so both sides are kept
cheap: a notify while a wake is already on its way to the loop only raises ``latest``
(the wake, when it runs, shows the readers the newest value), and a reader waits on
the event under a timeout of its own task rather than in a task made per wait. A call
the loop hands to a thread and awaits (``wake_on_return``: a publish over HTTP) sends
its wake when it returns, next to its own result: the loop is woken once per publish,
not once for the commit and again for the answer.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_held = threading.local()  # per thread: the signals whose wake waits for ``wake_on_return``


class FlowSignal:
    def __init__(self, initial: int = 0) -> None:
        self._latest = initial
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._waking = False  # a wake is scheduled on the loop and has not run yet

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Attach to the server's event loop (called once at start-up)."""
        self._loop = loop
        self._changed = asyncio.Event()
        self._waking = False

    @property
    def latest(self) -> int:
        return self._latest

    def notify(self, seq: int) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            with self._lock:
                self._latest = max(self._latest, seq)
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        with self._lock:
            if seq <= self._latest:
                return
            self._latest = seq
            if running is not loop:
                if self._waking:
                    return  # the wake on its way reads the new latest when it runs
                self._waking = True
        if running is loop:
            self._wake()
            return
        held = getattr(_held, "signals", None)
        if held is not None:  # inside ``wake_on_return``: the wake goes when the call returns
            held.append(self)
            return
        self.send_wake()

    def send_wake(self) -> None:
        """Schedule the wake on the loop (``notify`` decided one is due)."""
        loop = self._loop
        if loop is None:
            return
        try:
            loop.call_soon_threadsafe(self._wake)
        except RuntimeError:  # the loop closed meanwhile: nobody is left to wake
            with self._lock:
                self._waking = False

    def _wake(self) -> None:
        with self._lock:  # before the event: a notify from now on schedules its own wake
            self._waking = False
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
                async with asyncio.timeout(remaining):
                    await event.wait()
            except TimeoutError:
                return self._latest > seq
        return True


def wake_on_return(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a worker thread whose return the event loop awaits: the loop wakes
    that its commits' notifies schedule are sent when ``fn`` returns or raises, next to the
    thread's own result, so a publish wakes the loop once instead of twice."""
    outer = getattr(_held, "signals", None)
    signals: list[FlowSignal] = []
    _held.signals = signals
    try:
        return fn(*args)
    finally:
        _held.signals = outer
        for signal in signals:
            signal.send_wake()
