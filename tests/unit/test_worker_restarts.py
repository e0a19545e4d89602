"""A worker that keeps dying soon after it starts is restarted with a growing wait."""

from __future__ import annotations

import itertools

from newsflow.web.workers import MAX_BACKOFF_SECONDS, restart_delay


def test_the_first_quick_death_restarts_at_once_then_the_wait_doubles_up_to_a_bound() -> None:
    waits = [restart_delay(n) for n in range(0, 10)]
    assert waits[:5] == [0.0, 0.0, 1.0, 2.0, 4.0]
    assert waits[-1] == MAX_BACKOFF_SECONDS
    assert all(a <= b for a, b in itertools.pairwise(waits))
