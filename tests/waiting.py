"""Waiting on outcomes in tests: a condition is checked until it holds.

A test waits for the thing it needs (a row, a connection, a delivered request), never for
a length of time. ``LIVENESS`` only bounds how long a *failing* test hangs: it is generous
so a loaded machine (CI with other work beside it) cannot turn a slow pass into a failure.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

LIVENESS = 60.0  # seconds; only a failing test waits this long
LIVENESS_MS = int(LIVENESS * 1000)  # the same bound for Playwright


def wait_until(check: Callable[[], T], what: str, timeout: float = LIVENESS) -> T:
    """The first truthy value of ``check()``; AssertionError naming ``what`` if none comes."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.01)


class Changes:
    """A condition variable for state another thread appends to: wait for a predicate."""

    def __init__(self) -> None:
        self._cond = threading.Condition()

    def changed(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = LIVENESS) -> bool:
        with self._cond:
            return self._cond.wait_for(predicate, timeout)
