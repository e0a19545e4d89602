"""The retry schedule of webhook deliveries: exponential backoff with full jitter.

Full jitter (a uniformly random wait between 0 and the exponential bound) spreads the
retries of many endpoints that failed together, so a receiver that comes back is not hit
by every sender at once. An entry keeps being retried until ``give_up_after`` has passed
since its first attempt; then it goes to the dead-letter list and the endpoint moves on.
The parameters are injectable so tests run the whole schedule in milliseconds.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RetrySchedule:
    base: float = 1.0  # seconds: the bound of the first wait
    cap: float = 3600.0  # no single wait longer than an hour
    give_up_after: float = 24 * 3600.0  # from the first attempt of an entry
    rand: Callable[[], float] = field(default=random.random, compare=False)

    def delay(self, failures: int) -> float:
        """Seconds to wait after the ``failures``-th failed attempt (1-based)."""
        exponent = min(max(failures - 1, 0), 62)
        bound = min(self.cap, self.base * (2.0**exponent))
        return bound * self.rand()

    def exhausted(self, elapsed: float) -> bool:
        """Whether an entry first tried ``elapsed`` seconds ago goes to the dead letters."""
        return elapsed >= self.give_up_after
