"""Sliding-window rate limits kept in PostgreSQL, so every node counts the same attempts.

One row per limited key holds the times (epoch seconds, the database server's
``clock_timestamp()``, the one clock all nodes share) of its accepted attempts still in
the window. One conditional upsert decides: it appends *now* only while fewer than
``limit`` of those times are newer than ``now - window``, dropping the older ones as it
goes. Two nodes racing for one key serialize on the row lock and the second re-checks
against the first one's append, so no more than ``limit`` get through per window.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_NOW = "extract(epoch FROM clock_timestamp())::float8"
_CLAIM = sa.text(
    f"INSERT INTO rate_hits AS r (key, hits) VALUES (:key, ARRAY[{_NOW}])"
    " ON CONFLICT (key) DO UPDATE SET hits ="
    " ARRAY(SELECT h FROM unnest(r.hits) AS h WHERE h > EXCLUDED.hits[1] - :window ORDER BY h)"
    " || EXCLUDED.hits[1]"
    " WHERE (SELECT count(*) FROM unnest(r.hits) AS h WHERE h > EXCLUDED.hits[1] - :window) < :limit"
    " RETURNING 1"
)
_WAIT = sa.text(
    f"SELECT (SELECT min(h) FROM unnest(hits) AS h WHERE h > {_NOW} - :window) + :window - {_NOW}"
    " FROM rate_hits WHERE key = :key"
)
_PRUNE = sa.text(
    f"DELETE FROM rate_hits WHERE starts_with(key, :prefix) AND hits[array_upper(hits, 1)] <= {_NOW} - :window"
)


def claim(conn: Connection, key: str, limit: int, window: float) -> bool:
    """Record an attempt by ``key`` now, unless ``limit`` were accepted in the last ``window`` s."""
    return conn.execute(_CLAIM, {"key": key, "limit": limit, "window": window}).first() is not None


def wait(conn: Connection, key: str, window: float) -> float:
    """Seconds until ``key``'s oldest attempt in the window leaves it (0 when none is in it)."""
    left = conn.execute(_WAIT, {"key": key, "window": window}).scalar()
    return max(0.0, float(left or 0.0))


def prune(conn: Connection, prefix: str, window: float) -> int:
    """Forget keys under ``prefix`` whose newest attempt is older than ``window``: they count as new."""
    return conn.execute(_PRUNE, {"prefix": prefix, "window": window}).rowcount or 0
