"""Download metering: the daily limit checked in memory, every download durably logged.

Counting a subscriber's downloads with ``COUNT(*)`` on every request gets slower all day
and serializes on the database. Instead each node keeps a counter per (subscriber,
day), initialised from the database the first time it is needed and re-read every
``refresh_seconds`` (so downloads made on other nodes are seen within that time), and
every download row is written by one logger thread in batches: a request waits until
its row is committed — no download goes unrecorded — but hundreds of requests share one
commit.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsflow.core.entitlements import Entitlement
from newsflow.errors import RateLimited
from newsflow.store import subscribers as store
from newsflow.store.database import Database
from newsflow.store.tables import downloads

BATCH = 500


@dataclass
class _Count:
    day: datetime
    value: int
    read_at: float


@dataclass
class _Pending:
    row: dict[str, object]
    done: Future[None] = field(default_factory=Future)


class UsageMeter:
    def __init__(self, db: Database, clock: Callable[[], datetime], *, refresh_seconds: float = 5.0) -> None:
        self.db = db
        self.clock = clock
        self.refresh_seconds = refresh_seconds
        self._counts: dict[int, _Count] = {}
        self._refreshing: set[int] = set()  # subscribers whose count a thread is re-reading
        self._lock = threading.Lock()
        self._queue: list[_Pending] = []
        self._wake = threading.Condition(threading.Lock())
        self._writer: threading.Thread | None = None

    @staticmethod
    def day_start(now: datetime) -> datetime:
        return now.replace(hour=0, minute=0, second=0, microsecond=0)

    def used_today(self, subscriber_id: int) -> int:
        now = self.clock()
        day = self.day_start(now)
        with self._lock:
            count = self._counts.get(subscriber_id)
            if count is not None and count.day == day:
                fresh = time.monotonic() - count.read_at < self.refresh_seconds
                if fresh or subscriber_id in self._refreshing:
                    return count.value  # another thread is re-reading it: use ours meanwhile
            self._refreshing.add(subscriber_id)
        try:
            with self.db.read() as conn:
                value = store.downloads_since(conn, subscriber_id, day)
        finally:
            with self._lock:
                self._refreshing.discard(subscriber_id)
        with self._lock:
            count = self._counts.get(subscriber_id)
            if count is not None and count.day == day:
                # Our own downloads are counted locally before they commit: keep the larger.
                count.value, count.read_at = max(count.value, value), time.monotonic()
            else:
                self._counts[subscriber_id] = _Count(day, value, time.monotonic())
            return self._counts[subscriber_id].value

    def record(self, ent: Entitlement, story_id: int, version: int, fmt: str) -> None:
        """Count one download against the daily limit, then log it (blocks until committed)."""
        self._settle(ent, self._take(ent, story_id, version, fmt))

    async def record_async(self, ent: Entitlement, story_id: int, version: int, fmt: str) -> None:
        """The same from the event loop: waits for the commit without holding a thread.

        The daily count may need one database read (first use, or every
        ``refresh_seconds``); that read runs in a worker thread.
        """
        if not self._count_is_fresh(ent.subscriber_id):
            await asyncio.to_thread(self.used_today, ent.subscriber_id)
        pending = self._take(ent, story_id, version, fmt)
        try:
            await asyncio.wrap_future(pending.done)
        except BaseException:
            self._undo(ent.subscriber_id)
            raise

    def _count_is_fresh(self, subscriber_id: int) -> bool:
        """True when no database read is needed now (fresh, or being re-read by another)."""
        day = self.day_start(self.clock())
        with self._lock:
            count = self._counts.get(subscriber_id)
            if count is None or count.day != day:
                return False
            return time.monotonic() - count.read_at < self.refresh_seconds or subscriber_id in self._refreshing

    def _take(self, ent: Entitlement, story_id: int, version: int, fmt: str) -> _Pending:
        now = self.clock()
        day = self.day_start(now)
        used = self.used_today(ent.subscriber_id)
        with self._lock:
            count = self._counts[ent.subscriber_id]
            if count.day != day:  # midnight passed since the read above
                count.day, count.value = day, 0
            if ent.download_limit is not None and count.value >= ent.download_limit:
                retry = (day + timedelta(days=1) - now).total_seconds()
                raise RateLimited(f"daily download limit of {ent.download_limit} reached", retry_after=retry)
            count.value = max(count.value, used) + 1
        pending = _Pending(
            {"subscriber_id": ent.subscriber_id, "story_id": story_id, "version": version, "format": fmt, "at": now}
        )
        self._enqueue(pending)
        return pending

    def _settle(self, ent: Entitlement, pending: _Pending) -> None:
        try:
            pending.done.result()
        except BaseException:
            self._undo(ent.subscriber_id)
            raise

    def _undo(self, subscriber_id: int) -> None:
        with self._lock:
            if subscriber_id in self._counts:
                self._counts[subscriber_id].value -= 1

    def _enqueue(self, pending: _Pending) -> None:
        with self._wake:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._write_loop, name="download-log", daemon=True)
                self._writer.start()
            self._queue.append(pending)
            self._wake.notify()

    def _write_loop(self) -> None:
        while True:
            with self._wake:
                while not self._queue:
                    if not self._wake.wait(timeout=30):
                        self._writer = None  # idle: let the thread end; the next record starts one
                        return
                batch, self._queue = self._queue[:BATCH], self._queue[BATCH:]
            try:
                with self.db.write() as tx:
                    tx.conn.execute(downloads.insert(), [p.row for p in batch])
            except BaseException as exc:
                for p in batch:
                    p.done.set_exception(exc)
            else:
                for p in batch:
                    p.done.set_result(None)

    def forget(self, subscriber_id: int | None = None) -> None:
        """Drop cached counts (tests, or a subscription change)."""
        with self._lock:
            if subscriber_id is None:
                self._counts.clear()
            else:
                self._counts.pop(subscriber_id, None)
