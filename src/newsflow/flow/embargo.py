"""The embargo clock: releases held stories at their time, without anyone polling.

It sleeps until the earliest embargo in the database (or until woken because a new one
was scheduled), then asks the newsroom to release what is due. The schedule lives in
the database, so a restart picks it up; the release is a conditional transition, so two
nodes never release the same story twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool

from newsflow.store import stories as story_store

if TYPE_CHECKING:
    from newsflow.services.newsroom import Newsroom

log = logging.getLogger("newsflow.embargo")

MAX_SLEEP = 60.0  # re-read the schedule at least this often (another node may add one)


class EmbargoClock:
    def __init__(self) -> None:
        self.newsroom: Newsroom | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    def reschedule(self) -> None:
        """Called after a commit that scheduled an embargo (from any thread)."""
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None and not loop.is_closed():
            loop.call_soon_threadsafe(wake.set)

    def next_due(self) -> float | None:
        assert self.newsroom is not None
        with self.newsroom.db.read() as conn:
            when = story_store.next_embargo(conn)
        if when is None:
            return None
        return (when - self.newsroom.clock()).total_seconds()

    async def run(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._wake = asyncio.Event()
        assert self.newsroom is not None
        while True:
            self._wake.clear()  # before reading the schedule, so no wake-up is lost
            try:
                released = await run_in_threadpool(self.newsroom.release_due)
                for outcome in released:
                    log.info("embargo released story %s v%s (seq %s)", outcome.id, outcome.version, outcome.seq)
                delay = await run_in_threadpool(self.next_due)
            except Exception:  # keep the clock alive through a database hiccup
                log.exception("embargo clock failed; retrying")
                delay = 5.0
            sleep = MAX_SLEEP if delay is None else min(MAX_SLEEP, max(0.0, delay) + 0.01)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), sleep)
