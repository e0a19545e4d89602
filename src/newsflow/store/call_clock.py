"""Each user's last accepted call, kept in PostgreSQL so every node sees the same clock.

One conditional upsert decides: the row moves to *now* only if the previous call was at
least ``seconds`` ago. Two nodes racing for the same user serialize on the row lock, and
the second one re-checks the condition against the first one's time, so exactly one of
them wins. Time is the database server's (``clock_timestamp()``), the one clock all
nodes share.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_CLAIM = sa.text(
    "INSERT INTO compat_calls AS c (user_key, last_at)"
    " VALUES (:key, clock_timestamp() AT TIME ZONE 'UTC')"
    " ON CONFLICT (user_key) DO UPDATE SET last_at = EXCLUDED.last_at"
    " WHERE c.last_at <= EXCLUDED.last_at - make_interval(secs => :seconds)"
    " RETURNING 1"
)
_WAIT = sa.text(
    "SELECT EXTRACT(EPOCH FROM (last_at + make_interval(secs => :seconds)"
    " - clock_timestamp() AT TIME ZONE 'UTC')) FROM compat_calls WHERE user_key = :key"
)


def claim(conn: Connection, key: str, seconds: float) -> bool:
    """Record a call by ``key`` now, unless its last one was under ``seconds`` ago."""
    return conn.execute(_CLAIM, {"key": key, "seconds": seconds}).first() is not None


def wait(conn: Connection, key: str, seconds: float) -> float:
    """Seconds until ``key`` may call again (0 when it may now)."""
    left = conn.execute(_WAIT, {"key": key, "seconds": seconds}).scalar()
    return max(0.0, float(left or 0.0))
