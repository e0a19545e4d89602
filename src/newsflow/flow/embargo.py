"""The embargo clock: releases held stories at their time, without anyone polling.

It sleeps until the earliest embargo in the database (or until woken because a new one
was scheduled), then asks the newsroom to release what is due. The schedule lives in
the database, so a restart picks it up; the release is a conditional transition, so two
nodes never release the same story twice.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool

from newsflow.flow.waits import wait_event
from newsflow.store import stories as story_store

if TYPE_CHECKING:
    from newsflow.services.newsroom import Newsroom

log = logging.getLogger("newsflow.embargo")

MAX_SLEEP = 60.0  # re-read the schedule at least this often (another node may add one)


class Alarm:
    """A wake-up any thread can ring for one task on the event loop.

    Built before the newsroom (whose ``on_schedule`` rings it) and handed to the
    clock, so neither needs the other to exist first.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self.event = asyncio.Event()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def ring(self) -> None:
        """Called after a commit that scheduled an embargo (from any thread)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.event.set)


class EmbargoClock:
    def __init__(self, newsroom: Newsroom, alarm: Alarm) -> None:
        self.newsroom = newsroom
        self.alarm = alarm

    def reschedule(self) -> None:
        """Wake the clock to re-read the schedule (from any thread)."""
        self.alarm.ring()

    def next_due(self) -> float | None:
        with self.newsroom.db.read() as conn:
            when = story_store.next_embargo(conn)
        if when is None:
            return None
        return (when - self.newsroom.clock()).total_seconds()

    async def run(self) -> None:
        self.alarm.bind(asyncio.get_running_loop())
        wake = self.alarm.event
        while True:
            wake.clear()  # before reading the schedule, so no wake-up is lost
            try:
                released = await run_in_threadpool(self.newsroom.release_due)
                for outcome in released:
                    log.info("embargo released story %s v%s (seq %s)", outcome.id, outcome.version, outcome.seq)
                delay = await run_in_threadpool(self.next_due)
            except Exception:  # keep the clock alive through a database hiccup
                log.exception("embargo clock failed; retrying")
                delay = 5.0
            sleep = MAX_SLEEP if delay is None else min(MAX_SLEEP, max(0.0, delay) + 0.01)
            await wait_event(wake, sleep)
