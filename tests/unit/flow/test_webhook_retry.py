"""The retry schedule: exponential bound, full jitter, capped, and a deadline."""

from __future__ import annotations

from newsflow.flow.webhook_retry import RetrySchedule


def test_the_bound_doubles_per_failure_up_to_the_cap() -> None:
    top = RetrySchedule(base=1.0, cap=3600.0, rand=lambda: 1.0)
    assert [top.delay(n) for n in range(1, 6)] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert top.delay(13) == 3600.0 and top.delay(10_000) == 3600.0


def test_full_jitter_spans_zero_to_the_bound() -> None:
    assert RetrySchedule(base=2.0, rand=lambda: 0.0).delay(5) == 0.0
    assert RetrySchedule(base=2.0, rand=lambda: 0.25).delay(3) == 2.0  # 0.25 * 2 * 2^2
    real = RetrySchedule(base=1.0, cap=10.0)
    delays = [real.delay(4) for _ in range(200)]
    assert all(0.0 <= d <= 8.0 for d in delays) and len(set(delays)) > 100


def test_entries_are_given_up_on_after_the_deadline() -> None:
    schedule = RetrySchedule()
    assert schedule.give_up_after == 24 * 3600
    assert not schedule.exhausted(24 * 3600 - 1)
    assert schedule.exhausted(24 * 3600)
