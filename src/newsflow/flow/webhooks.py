"""The webhook dispatcher: one asyncio task per active endpoint, following the flow log.

Each worker reads the log after its endpoint's durable cursor, keeps the entries the
subscriber is entitled to (re-read before every attempt, so revocation applies at once;
an inactive subscriber pauses its endpoints) and that match the endpoint's filters,
renders them through the shared ``Renderer`` and POSTs them, signed, one at a time:
entry N+1 is not sent before N succeeded or went to the dead letters — also an entry
that cannot be rendered (a *poison* entry), after the same retries. It waits on the
``FlowSignal`` when the log is drained, never in a sleep loop.

Workers are independent tasks, so a slow or dead endpoint only ever delays itself; a
semaphore bounds how many requests are in flight overall, and each request has a
timeout. Every attempt is written to ``webhook_attempts``; the cursor moves in the same
transaction as the attempt that succeeded (or the dead letter), so a crash re-sends at
most the entry in flight (receivers deduplicate on ``X-Newsflow-Delivery``'s seq).

Run one dispatcher per installation: two nodes running it would both deliver.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx
import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool

from newsflow.core.clock import Clock, utcnow
from newsflow.core.filters import FlowFilters
from newsflow.core.flow import FlowEntry
from newsflow.core.story import Representation
from newsflow.errors import Conflict, InvalidInput, NotFound, PermissionDenied, Unavailable
from newsflow.flow.signal import FlowSignal
from newsflow.flow.waits import wait_event
from newsflow.flow.webhook_retry import RetrySchedule
from newsflow.flow.webhook_signature import signature
from newsflow.services.rendering import Renderer
from newsflow.services.subscribers import Subscribers
from newsflow.services.webhooks import check_target
from newsflow.store import flow_log
from newsflow.store import stories as story_store
from newsflow.store import webhooks as store
from newsflow.store.database import Database

log = logging.getLogger("newsflow.webhooks")

BATCH = 100  # flow entries read per query
RECHECK_SECONDS = 60.0  # idle or paused workers re-read the log/subscription this often anyway
USER_AGENT = "newsflow-webhooks/1"


class Outcome(StrEnum):
    DONE = "done"  # delivered, skipped or dead-lettered: the cursor moved past it
    PAUSED = "paused"  # the subscription is not live: try again when it changes
    GONE = "gone"  # the endpoint answered 410 Gone and was deactivated


@dataclass(frozen=True, slots=True)
class Endpoint:
    id: int
    subscriber_id: int
    url: str
    secret: str
    format: str
    filters: FlowFilters

    @classmethod
    def from_row(cls, row: Any) -> Endpoint:
        f = store.filters(row)
        return cls(
            row.id, row.subscriber_id, row.url, row.secret, row.format,
            FlowFilters(*(tuple(f.get(k, ())) for k in ("categories", "languages", "priorities", "types"))),
        )


@dataclass(frozen=True, slots=True)
class Attempt:
    status: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class WebhookDispatcher:
    def __init__(
        self,
        db: Database,
        subscribers: Subscribers,
        renderer: Renderer,
        signal: FlowSignal,
        *,
        clock: Clock = utcnow,
        schedule: RetrySchedule | None = None,
        timeout: float = 10.0,
        max_concurrency: int = 32,
        allow_private: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.db = db
        self.subscribers = subscribers
        self.renderer = renderer
        self.signal = signal
        self.clock = clock
        self.schedule = schedule or RetrySchedule()
        self.timeout = timeout
        self.max_concurrency = max_concurrency
        self.allow_private = allow_private
        self.transport = transport
        # the wait between retries, on the same time line as ``clock`` (a test that moves
        # a simulated clock runs a day of retries in a moment)
        self.sleep = sleep
        self.states: dict[int, str] = {}
        self._workers: dict[int, tuple[asyncio.Task[None], int]] = {}  # id -> (task, subscriber)
        self._wakes: dict[int, asyncio.Event] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._client: httpx.AsyncClient | None = None
        self._slots: asyncio.Semaphore | None = None

    # -- notifications (any thread, after commit) ---------------------------------------------
    def endpoints_changed(self) -> None:
        self._call(lambda: self._changed.set() if self._changed else None)

    def subscriber_changed(self, subscriber_id: int) -> None:
        def wake() -> None:
            for webhook_id, (_task, owner) in self._workers.items():
                if owner == subscriber_id and webhook_id in self._wakes:
                    self._wakes[webhook_id].set()

        self._call(wake)

    def _call(self, fn: Callable[[], None]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(fn)

    # -- the dispatcher -----------------------------------------------------------------------
    def _new_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            timeout=self.timeout, follow_redirects=False, transport=self.transport,
            headers={"User-Agent": USER_AGENT},
        )

    async def run(self) -> None:
        """Keep one worker per active endpoint until cancelled."""
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._slots = asyncio.Semaphore(self.max_concurrency)
        self._client = self._new_client()
        try:
            while True:
                self._changed.clear()
                try:
                    await self._sync()
                except Exception:  # a database hiccup must not end delivery
                    log.exception("webhook dispatcher could not read the endpoints; retrying")
                await wait_event(self._changed, RECHECK_SECONDS)
        finally:
            tasks = [task for task, _ in self._workers.values()]
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            self._workers.clear()
            await self._client.aclose()
            self._client = None

    async def _sync(self) -> None:
        rows = await run_in_threadpool(self._read, lambda conn: store.list_all(conn, active_only=True))
        wanted = {r.id: r for r in rows}
        for webhook_id in list(self._workers):
            task, _ = self._workers[webhook_id]
            if webhook_id not in wanted or task.done():
                task.cancel()
                del self._workers[webhook_id]
                self._wakes.pop(webhook_id, None)
                self.states.pop(webhook_id, None)
        for webhook_id, row in wanted.items():
            if webhook_id not in self._workers:
                self._wakes[webhook_id] = asyncio.Event()
                task = asyncio.create_task(self._follow(webhook_id), name=f"webhook-{webhook_id}")
                self._workers[webhook_id] = (task, row.subscriber_id)

    def _read(self, fn: Callable[[Any], Any]) -> Any:
        with self.db.read() as conn:
            return fn(conn)

    # -- one endpoint -------------------------------------------------------------------------
    async def _follow(self, webhook_id: int) -> None:
        try:
            row = await run_in_threadpool(self._read, lambda conn: store.get(conn, webhook_id))
            endpoint, cursor = Endpoint.from_row(row), int(row.cursor)
            wake = self._wakes[webhook_id]
            while True:
                seen = self.signal.latest
                ent = await run_in_threadpool(self.subscribers.entitlement, endpoint.subscriber_id)
                if not ent.is_live(self.clock()):
                    await self._pause(webhook_id, wake)
                    continue
                narrowed = endpoint.filters.narrowed(ent)
                entries: list[FlowEntry] = []
                if narrowed is not None:
                    entries = await run_in_threadpool(self._page, cursor, narrowed)
                if not entries:
                    if seen > cursor:  # nothing for us up to ``seen``: remember that
                        await run_in_threadpool(self._advance, webhook_id, seen)
                        cursor = seen
                    self.states[webhook_id] = "idle"
                    await self.signal.wait_beyond(cursor, RECHECK_SECONDS)
                    continue
                for entry in entries:
                    outcome = await self._deliver(endpoint, entry)
                    if outcome is Outcome.GONE:
                        self.states[webhook_id] = "gone"
                        return
                    if outcome is Outcome.PAUSED:
                        break
                    cursor = entry.seq
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("webhook %s worker failed; the dispatcher restarts it", webhook_id)
            self.states[webhook_id] = "failed"
            await asyncio.sleep(5.0)  # then let _sync start a fresh worker
            self.endpoints_changed()

    def _page(self, cursor: int, narrowed: FlowFilters) -> list[FlowEntry]:
        with self.db.read() as conn:
            return flow_log.read_after(
                conn, cursor, BATCH, categories=narrowed.categories, languages=narrowed.languages,
                priorities=narrowed.priorities, types=narrowed.types,
            )

    def _advance(self, webhook_id: int, seq: int) -> None:
        with self.db.write() as tx:
            store.advance(tx.conn, webhook_id, seq)

    async def _pause(self, webhook_id: int, wake: asyncio.Event) -> None:
        self.states[webhook_id] = "paused"
        wake.clear()
        await wait_event(wake, RECHECK_SECONDS)

    def _write(self, fn: Callable[[Any], Any]) -> Any:
        with self.db.write() as tx:
            return fn(tx.conn)

    def _prepare(self, endpoint: Endpoint, entry: FlowEntry) -> bytes | Outcome:
        """The bytes to send, or why not: re-read the entitlement now (read time)."""
        ent = self.subscribers.entitlement(endpoint.subscriber_id)
        now = self.clock()
        if not ent.is_live(now):
            return Outcome.PAUSED
        with self.db.read() as conn:
            version = story_store.get_version(conn, entry.story_id, entry.version)
        if not ent.allows_entry(entry, now) or not ent.allows_version(version, now):
            return Outcome.DONE
        return self.renderer.render(ent.visible(version), endpoint.format, Representation.FULL)

    async def _prepared(self, endpoint: Endpoint, entry: FlowEntry) -> bytes | Outcome | Attempt:
        """``_prepare``, with a failure to load or render the entry as a failed ``Attempt``.

        Such a *poison* entry (its stored version cannot be read back, a renderer raises
        on it) is retried on the same schedule as a receiver's failure, then dead-lettered,
        so the entries behind it are delivered. The database being away is not the
        entry's fault: that propagates, and the worker starts again.
        """
        try:
            return await run_in_threadpool(self._prepare, endpoint, entry)
        except (Unavailable, sa.exc.DBAPIError):
            raise
        except Exception as exc:
            log.warning("webhook %s: seq %s could not be rendered: %r", endpoint.id, entry.seq, exc)
            return Attempt(None, f"rendering failed: {type(exc).__name__}: {exc}"[:500])

    async def _deliver(self, endpoint: Endpoint, entry: FlowEntry) -> Outcome:
        """Send one entry until it succeeds, is no longer allowed, or is dead-lettered."""
        wid, seq = endpoint.id, entry.seq
        made, first = await run_in_threadpool(self._read, lambda conn: store.attempt_state(conn, wid, seq))
        while True:
            prepared = await self._prepared(endpoint, entry)
            if prepared is Outcome.PAUSED:
                return Outcome.PAUSED
            if prepared is Outcome.DONE:  # not for this subscriber (any more): skip it
                await run_in_threadpool(self._advance, wid, seq)
                return Outcome.DONE
            self.states[wid] = "delivering" if made == 0 else "retrying"
            made += 1
            at = self.clock()
            first = first or at
            if isinstance(prepared, Attempt):  # the entry could not be rendered: a failed attempt
                result = prepared
            else:
                assert isinstance(prepared, bytes)
                result = await self.post(endpoint, entry, prepared, replay=False)
            elapsed = (self.clock() - first).total_seconds()
            dead = not result.ok and result.status != 410 and self.schedule.exhausted(elapsed)
            n = made

            def record(conn: Any, result: Attempt = result, n: int = n, at: Any = at, dead: bool = dead) -> None:
                store.record_attempt(conn, wid, seq, n, result.status, result.error, at)
                if result.ok or dead:
                    store.advance(conn, wid, seq)
                if dead:
                    store.add_dead_letter(conn, wid, seq, n, result.error, self.clock())
                if result.status == 410:
                    store.set_active(conn, wid, False)

            await run_in_threadpool(self._write, record)
            if result.ok or dead:
                if dead:
                    log.warning("webhook %s: seq %s dead-lettered after %s attempts", wid, seq, n)
                return Outcome.DONE
            if result.status == 410:
                log.warning("webhook %s answered 410 Gone; deactivated", wid)
                return Outcome.GONE
            self.states[wid] = "retrying"
            remaining = self.schedule.give_up_after - elapsed
            await self.sleep(max(0.0, min(self.schedule.delay(n), remaining)))

    async def post(self, endpoint: Endpoint, entry: FlowEntry, body: bytes, *, replay: bool) -> Attempt:
        """One signed POST; never raises for the receiver's failures."""
        if not self.allow_private:  # the name may resolve elsewhere than at registration
            try:
                await run_in_threadpool(check_target, endpoint.url, allow_private=False)
            except InvalidInput as exc:
                return Attempt(None, f"refused target: {exc.detail}")
        timestamp = int(self.clock().timestamp())
        headers = {
            "Content-Type": self.renderer.media_type(endpoint.format),
            "X-Newsflow-Event": entry.action.value,
            "X-Newsflow-Seq": str(entry.seq),
            "X-Newsflow-Delivery": uuid.uuid4().hex,
            "X-Newsflow-Timestamp": str(timestamp),
            "X-Newsflow-Signature": signature(endpoint.secret, timestamp, body),
            "X-Newsflow-Story": entry.uri,
            "X-Newsflow-Version": str(entry.version),
        }
        if replay:
            headers["X-Newsflow-Replay"] = "1"
        client, own = self._client, False
        if client is None:  # a replay before the dispatcher started (or from another loop)
            client, own = self._new_client(), True
        slots = self._slots or asyncio.Semaphore(1)
        try:
            # stream: the receiver's answer body is never read, whatever its size
            async with slots, client.stream("POST", endpoint.url, content=body, headers=headers) as response:
                status = response.status_code
        except httpx.HTTPError as exc:
            return Attempt(None, f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__)
        finally:
            if own:
                await client.aclose()
        return Attempt(status, None if 200 <= status < 300 else f"HTTP {status}")

    # -- dead letters -------------------------------------------------------------------------
    async def replay(self, subscriber_id: int | None, webhook_id: int, dead_letter_id: int) -> dict[str, Any]:
        """Re-send one dead-lettered entry out of band (``X-Newsflow-Replay: 1``)."""

        def load(conn: Any) -> tuple[Any, Any, list[FlowEntry]]:
            row = store.get(conn, webhook_id)
            letter = store.dead_letter(conn, webhook_id, dead_letter_id)
            return row, letter, flow_log.read_after(conn, letter.seq - 1, 1)

        row, letter, found = await run_in_threadpool(self._read, load)
        if subscriber_id is not None and row.subscriber_id != subscriber_id:
            raise NotFound(f"no webhook {webhook_id}")
        if letter.replayed_at is not None:
            raise Conflict("this dead letter was already replayed")
        if not found or found[0].seq != letter.seq:
            raise Conflict("the flow entry of this dead letter no longer exists")
        endpoint, entry = Endpoint.from_row(row), found[0]
        prepared = await self._prepared(endpoint, entry)
        if isinstance(prepared, Attempt):
            raise Conflict(f"this entry cannot be sent: {prepared.error}")
        if not isinstance(prepared, bytes):
            raise PermissionDenied("the subscription no longer includes this entry")
        made, _ = await run_in_threadpool(self._read, lambda conn: store.attempt_state(conn, webhook_id, entry.seq))
        at = self.clock()
        result = await self.post(endpoint, entry, prepared, replay=True)

        def record(conn: Any) -> None:
            store.record_attempt(conn, webhook_id, entry.seq, made + 1, result.status, result.error, at)
            if result.ok:
                store.mark_replayed(conn, dead_letter_id, self.clock())

        await run_in_threadpool(self._write, record)
        return {"id": dead_letter_id, "seq": entry.seq, "delivered": result.ok,
                "status_code": result.status, "error": result.error}
