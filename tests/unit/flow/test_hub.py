"""The hub's fan-out rules, without a server: groups, shared bytes, bounds, order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from tests.waiting import LIVENESS

from newsflow.core.entitlements import Entitlement
from newsflow.core.filters import FlowFilters
from newsflow.core.flow import FlowEntry
from newsflow.core.story import Action, ContentType, Priority
from newsflow.flow.connection import Connection, Match
from newsflow.flow.hub import Hub, Prepared
from newsflow.flow.signal import FlowSignal
from newsflow.flow.sse import HEARTBEAT, Wire, sse_event

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def entry(seq: int, *, category: str = "economy", priority: Priority = Priority.ROUTINE, language: str = "en") -> FlowEntry:
    return FlowEntry(seq, seq, f"urn:x:{seq}", 1, Action.PUBLISH, priority, category, language, ContentType.TEXT, False, NOW)


def hub() -> Hub:
    none: Any = None
    return Hub(none, FlowSignal(0), none, none, none, none, buffer=4, heartbeat_seconds=15, clock=lambda: NOW)


def conn(filters: FlowFilters = FlowFilters(), ent: Entitlement | None = None, limit: int = 4) -> Connection:
    return Connection(wire=Wire.SSE, fmt="ninjs", filters=filters, ent=ent, limit=limit, subscriber_id=ent and ent.subscriber_id)


def prepared(e: FlowEntry) -> Prepared:
    return Prepared(e, {("ninjs", Wire.SSE, frozenset()): sse_event(e.seq, "publish", b'{"seq":%d}' % e.seq)})


def drain(c: Connection) -> list[bytes]:
    return asyncio.run(asyncio.wait_for(c.take(), LIVENESS)) or []


def test_match_is_entitlement_intersected_with_filters() -> None:
    ent = Entitlement(1, categories=frozenset({"economy", "sports"}), languages=frozenset({"ar"}))
    m = Match.of(Wire.SSE, "ninjs", FlowFilters(categories=("sports", "politics")), ent)
    assert m is not None
    assert m.accepts(entry(1, category="sports", language="ar-SA"))
    assert not m.accepts(entry(2, category="economy", language="ar"))  # filtered out
    assert not m.accepts(entry(3, category="sports", language="en"))  # not entitled
    assert Match.of(Wire.SSE, "ninjs", FlowFilters(categories=("politics",)), ent) is None
    # Equal rights and filters give equal keys, so such connections share a group.
    same = Entitlement(2, categories=frozenset({"sports", "economy"}), languages=frozenset({"ar"}))
    assert Match.of(Wire.SSE, "ninjs", FlowFilters(categories=("sports",)), ent) == Match.of(
        Wire.SSE, "ninjs", FlowFilters(categories=("sports",)), same
    )


def test_one_group_per_match_and_the_same_bytes_object_for_everyone() -> None:
    h = hub()
    conns = [conn(ent=Entitlement(i, categories=frozenset({"economy"}))) for i in range(1, 51)]
    for c in conns:
        h.register(c)
    assert len(h.groups) == 1
    calls = 0
    original = Match.accepts

    def counting(self: Match, e: FlowEntry) -> bool:
        nonlocal calls
        calls += 1
        return original(self, e)

    Match.accepts = counting  # type: ignore[method-assign]
    try:
        batch = [prepared(entry(1)), prepared(entry(2, category="sports"))]
        h._dispatch(batch)
    finally:
        Match.accepts = original  # type: ignore[method-assign]
    assert calls == 2  # once per (group, entry), not per connection
    frames = [drain(c) for c in conns]
    assert all(len(f) == 1 for f in frames)
    assert all(f[0] is frames[0][0] for f in frames)
    assert h.dispatched == 2 and h.frames_pushed == 50


def test_register_returns_the_replay_boundary() -> None:
    h = hub()
    h._dispatch([prepared(entry(1)), prepared(entry(2))])
    late = conn()
    assert h.register(late) == 2  # replay (cursor, 2], everything after comes live
    h._dispatch([prepared(entry(3))])
    assert [f.split(b"\n")[0] for f in drain(late)] == [b"id: 3"]


def test_overflow_closes_with_a_reason_and_frees_the_buffer() -> None:
    c = conn(limit=3)
    for i in range(3):
        c.push(b"x%d" % i)
    assert c.open
    c.push(b"x3")
    assert not c.open and c.closing is not None and c.closing.code == "slow_consumer"
    assert "buffer of 3 events exceeded" in c.closing.reason and "Last-Event-ID" in c.closing.reason
    assert asyncio.run(c.take()) is None


def test_flash_groups_are_served_first_but_each_stream_keeps_seq_order() -> None:
    h = hub()
    routine_only = conn(FlowFilters(priorities=("routine",)))
    everything = conn()
    h.register(routine_only)
    h.register(everything)
    order: list[int] = []
    original = Connection.push

    def spy(self: Connection, data: bytes) -> None:
        order.append(self.id)
        original(self, data)

    Connection.push = spy  # type: ignore[method-assign]
    try:
        h._dispatch([prepared(entry(1)), prepared(entry(2, priority=Priority.FLASH))])
    finally:
        Connection.push = original  # type: ignore[method-assign]
    assert order[0] == everything.id  # its batch holds a flash entry
    assert [f.split(b"\n")[0] for f in drain(everything)] == [b"id: 1", b"id: 2"]


def test_heartbeat_only_when_idle_and_multiline_documents() -> None:
    c = conn()
    c.push(b"frame")
    c.heartbeat()
    assert drain(c) == [b"frame"]
    c.heartbeat()
    assert drain(c) == [HEARTBEAT]
    assert sse_event(7, "update", b"<a>\n<b/>\r\n</a>") == b"id: 7\nevent: update\ndata: <a>\ndata: <b/>\ndata: </a>\n\n"


def test_a_stream_resuming_past_the_hub_waits_for_it_and_gets_nothing_twice() -> None:
    """A client cut from one node resumes on another whose hub has not yet pushed that
    node's last commits (Last-Event-ID 3, this hub at 1): it joins once the hub has pushed
    entry 3, so entries 2 and 3 are neither replayed nor pushed live to it."""
    h = hub()
    h._log_end = lambda: 5  # type: ignore[method-assign]  # the log holds 5 entries
    h._dispatch([prepared(entry(1))])
    resumed = conn()

    async def waiting() -> None:  # until the stream waits for the hub to move
        while not h._progress:
            await asyncio.sleep(0.001)

    async def main() -> tuple[int, int]:
        joining = asyncio.ensure_future(h.join(resumed, 3))
        await asyncio.wait_for(waiting(), LIVENESS)
        assert resumed not in h.connections
        h._dispatch([prepared(entry(2))])
        await asyncio.wait_for(waiting(), LIVENESS)  # woken at 2, still short of 3: waits again
        assert not joining.done() and resumed not in h.connections
        h._dispatch([prepared(entry(3))])
        cursor_upto = await asyncio.wait_for(joining, LIVENESS)
        h._dispatch([prepared(entry(4))])
        return cursor_upto

    assert asyncio.run(main()) == (3, 3)  # nothing to replay: (3, 3] is empty
    assert drain(resumed) == [sse_event(4, "publish", b'{"seq":4}')]


def test_a_cursor_beyond_the_log_joins_at_the_log_end() -> None:
    """A Last-Event-ID from another deployment, past this log's end, does not hold the
    stream: it joins once the hub has pushed the log's last entry."""
    h = hub()
    h._log_end = lambda: 1  # type: ignore[method-assign]
    h._dispatch([prepared(entry(1))])
    late = conn()
    assert asyncio.run(asyncio.wait_for(h.join(late, 99), LIVENESS)) == (99, 1)
    assert late in h.connections
