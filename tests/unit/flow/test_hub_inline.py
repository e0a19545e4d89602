"""Attached (live SSE) connections: the hub calls their ASGI ``send`` inline.

A fake ``send`` stands in for the server: it records messages and, when its gate is
shut, waits like a server whose socket is full (on an ``asyncio.Event``, as uvicorn's
flow control does), so the backlog path runs on real asyncio futures.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tests.unit.flow.test_hub import conn, entry, hub, prepared
from tests.waiting import LIVENESS

from newsflow.core.filters import FlowFilters
from newsflow.flow.connection import Burst, Connection
from newsflow.flow.sse import HEARTBEAT


class FakeSend:
    def __init__(self, *, fail: bool = False) -> None:
        self.sent: list[dict[str, Any]] = []
        self.gate = asyncio.Event()
        self.gate.set()
        self.fail = fail
        self.changed = asyncio.Event()

    async def __call__(self, message: dict[str, Any]) -> None:
        if self.fail:
            raise OSError("connection reset")
        if not self.gate.is_set():
            await self.gate.wait()
        self.sent.append(message)
        self.changed.set()

    async def until(self, predicate: Callable[[FakeSend], bool]) -> None:
        """Wait until the messages sent satisfy ``predicate`` (woken by each send)."""
        while not predicate(self):
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), LIVENESS)

    @property
    def bodies(self) -> list[bytes]:
        return [m["body"] for m in self.sent]


def attached(limit: int = 4, *, fail: bool = False) -> tuple[Connection, FakeSend]:
    c = conn(limit=limit)
    send = FakeSend(fail=fail)
    c.attach(send)
    return c, send


async def settle() -> None:
    """Let every ready task run a few steps: enough for a send that could go out to go out.

    Used only before checking that nothing was sent (the gate is shut, so nothing can be).
    """
    for _ in range(5):
        await asyncio.sleep(0)


def test_one_burst_per_group_written_inline_without_a_task() -> None:
    async def run() -> None:
        h = hub()
        pairs = [attached() for _ in range(20)]
        for c, _send in pairs:
            h.register(c)
        before = len(asyncio.all_tasks())
        h._dispatch([prepared(entry(1)), prepared(entry(2))])
        assert len(asyncio.all_tasks()) == before  # no task per connection or event
        messages = [send.sent for _c, send in pairs]
        assert all(len(m) == 1 for m in messages)  # both entries in one send
        assert all(m[0] is messages[0][0] for m in messages)  # one message object for all
        first = messages[0][0]
        assert first["more_body"] is True
        assert [line for line in first["body"].split(b"\n") if line.startswith(b"id:")] == [b"id: 1", b"id: 2"]
        assert h.frames_pushed == 40

    asyncio.run(run())


def test_a_send_that_must_wait_queues_what_follows_in_order_then_goes_inline_again() -> None:
    async def run() -> None:
        c, send = attached(limit=8)
        send.gate.clear()  # the socket is full
        c.push(b"f1")
        await settle()
        assert send.sent == []
        c.push(Burst([b"f2", b"f3"]))
        c.push(b"f4")
        await settle()
        assert send.sent == []
        send.gate.set()  # the client reads again
        await send.until(lambda s: len(s.sent) >= 2)
        assert send.bodies == [b"f1", b"f2f3f4"]  # the queue behind it, joined, in order
        assert all(m["more_body"] for m in send.sent)
        c.push(b"f5")  # back to inline: sent before push returns
        assert send.bodies[-1] == b"f5"
        assert c.open

    asyncio.run(run())


def test_overflow_while_waiting_closes_once_with_the_reason_as_the_last_message() -> None:
    async def run() -> None:
        c, send = attached(limit=3)
        send.gate.clear()
        c.push(b"f1")  # in flight
        for i in (2, 3, 4):
            c.push(b"f%d" % i)  # queued: 3 frames, at the bound
        assert c.open
        c.push(b"f5")
        assert c.closing is not None and c.closing.code == "slow_consumer"
        c.push(b"f6")  # closed: dropped (replayed on reconnect)
        send.gate.set()
        await send.until(lambda s: any(not m["more_body"] for m in s.sent))
        assert send.bodies[0] == b"f1"
        last = send.sent[-1]
        assert last["more_body"] is False and sum(not m["more_body"] for m in send.sent) == 1
        assert b"event: error" in last["body"] and b"buffer of 3 events exceeded" in last["body"]
        assert not any(b"f5" in b or b"f6" in b for b in send.bodies)

    asyncio.run(run())


def test_heartbeat_and_close_on_an_idle_attached_stream_are_written_inline() -> None:
    async def run() -> None:
        c, send = attached()
        c.heartbeat()
        assert send.bodies == [HEARTBEAT]
        c.close("revoked", "the API key of this stream was revoked")
        assert send.sent[-1]["more_body"] is False and b'"code": "revoked"' in send.bodies[-1]
        c.push(b"late")
        c.heartbeat()
        assert len(send.sent) == 2

    asyncio.run(run())


def test_a_stream_closed_before_it_went_live_gets_its_last_event_on_attach() -> None:
    async def run() -> None:
        c = conn(limit=1)
        c.push(b"a")
        c.push(b"b")  # over the bound while still queued (replaying)
        assert c.closing is not None
        send = FakeSend()
        c.attach(send)
        assert len(send.sent) == 1 and send.sent[0]["more_body"] is False
        assert b"slow_consumer" in send.bodies[0]

    asyncio.run(run())


def test_a_failing_send_marks_that_stream_gone_and_spares_the_others() -> None:
    async def run() -> None:
        h = hub()
        broken, _ = attached(fail=True)
        fine, send = attached()
        h.register(broken)
        h.register(fine)
        h._dispatch([prepared(entry(1))])
        assert broken.gone and not broken.open
        assert len(send.sent) == 1
        h._dispatch([prepared(entry(2))])
        assert len(send.sent) == 2

    asyncio.run(run())


def test_a_group_filter_still_applies_to_attached_streams() -> None:
    async def run() -> None:
        h = hub()
        sports = conn(FlowFilters(categories=("sports",)))
        send = FakeSend()
        sports.attach(send)
        h.register(sports)
        h._dispatch([prepared(entry(1)), prepared(entry(2, category="sports"))])
        assert [b.split(b"\n")[0] for b in send.bodies] == [b"id: 2"]

    asyncio.run(run())
