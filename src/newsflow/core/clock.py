"""The one clock: ``Clock`` is any callable giving an aware UTC time; ``utcnow`` is the
real one. Every service takes a clock, so tests step time instead of waiting for it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)
