"""RecentFlow: this node's newest commits in memory, answered only when complete."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from newsflow.core.flow import FlowEntry
from newsflow.core.story import Action, ContentType, Priority
from newsflow.flow.recent import RecentFlow

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def entry(seq: int) -> FlowEntry:
    return FlowEntry(seq, seq, f"urn:x:{seq}", 1, Action.PUBLISH, Priority.ROUTINE, "economy", "en",
                     ContentType.TEXT, False, NOW)


def add(recent: RecentFlow, *seqs: int) -> None:
    version: Any = object()  # the version is carried, never looked at
    for seq in seqs:
        recent.committed(entry(seq), version)


def test_a_complete_range_comes_in_order_whatever_order_the_commits_reported() -> None:
    recent = RecentFlow()
    add(recent, 3, 1, 2)
    held = recent.after(0, 3, 100)
    assert held is not None and [e.seq for e, _v in held] == [1, 2, 3]
    assert [e.seq for e, _v in recent.after(1, 3, 1) or []] == [2]  # at most `limit`


def test_any_gap_sends_the_reader_to_the_log() -> None:
    recent = RecentFlow()
    add(recent, 1, 3)  # 2 was committed elsewhere (another node or process)
    assert recent.after(0, 3, 100) is None
    assert recent.after(2, 3, 100) is not None
    assert recent.after(3, 4, 100) is None  # 4 is known to exist but is not held


def test_the_bound_drops_the_oldest() -> None:
    recent = RecentFlow(capacity=2)
    add(recent, 1, 2, 3)
    assert recent.after(0, 3, 100) is None
    assert [e.seq for e, _v in recent.after(1, 3, 100) or []] == [2, 3]


def test_a_second_report_of_a_commit_changes_nothing() -> None:
    recent = RecentFlow(capacity=2)
    add(recent, 1, 2, 2)
    assert [e.seq for e, _v in recent.after(0, 2, 100) or []] == [1, 2]
