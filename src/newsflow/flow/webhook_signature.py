"""Webhook signatures: HMAC-SHA256 over ``"<timestamp>." + body``.

Signing the timestamp with the body lets a receiver refuse a captured request replayed
later (it checks the timestamp is recent), and signing raw bytes means a receiver
verifies exactly what it received, before parsing. ``docs/webhooks.md`` shows the same
check for receivers; the tests verify deliveries with that snippet.
"""

from __future__ import annotations

import hashlib
import hmac

SCHEME = "sha256"
TOLERANCE_SECONDS = 300  # what we advise receivers to accept as "recent"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The ``X-Newsflow-Signature`` header value for a delivery."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256)
    return f"{SCHEME}={mac.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, header: str, *, now: float, tolerance: int = TOLERANCE_SECONDS) -> bool:
    """True when ``header`` signs ``body`` at ``timestamp`` and the timestamp is recent."""
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    if abs(now - ts) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, ts, body), header)
