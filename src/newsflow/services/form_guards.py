"""Guards of the public subscription form: a signed double-submit CSRF token, and a
sliding window of submissions per client address (``web/public/subscribe.py`` uses them).

Long-lived (the rate limiter remembers addresses), so ``newsflow.wiring`` builds them once.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from itsdangerous import BadSignature, URLSafeTimedSerializer

TOKEN_MAX_AGE = 2 * 3600


class CsrfTokens:
    def __init__(self, secret_key: str) -> None:
        self._signer = URLSafeTimedSerializer(secret_key or "newsflow-dev", salt="newsflow.public.subscribe")

    @staticmethod
    def new_cookie_value() -> str:
        return secrets.token_urlsafe(24)

    def form_token(self, cookie_value: str) -> str:
        return self._signer.dumps(cookie_value)

    def verify(self, cookie_value: str | None, form_token: str | None) -> bool:
        if not cookie_value or not form_token:
            return False
        try:
            signed = self._signer.loads(form_token, max_age=TOKEN_MAX_AGE)
        except BadSignature:
            return False
        return isinstance(signed, str) and secrets.compare_digest(signed, cookie_value)


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key; bounded in keys too."""

    def __init__(
        self, limit: int = 5, window: float = 600.0, *, max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self._max_keys = max_keys
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str) -> tuple[bool, float]:
        """Record an attempt; (allowed, seconds until the next one would be)."""
        now = self._clock()
        with self._lock:
            hits = self._hits.pop(key, None) or deque()
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            allowed = len(hits) < self.limit
            if allowed:
                hits.append(now)
            self._hits[key] = hits
            while len(self._hits) > self._max_keys:
                self._hits.popitem(last=False)
            retry = 0.0 if allowed else self.window - (now - hits[0])
            return allowed, retry
