"""The subscription request form: validation, CSRF, honeypot and a per-IP rate limit.

* CSRF: a signed double-submit token. The browser holds a random value in a
  ``SameSite=Strict`` cookie; the form carries the same value signed with the site's
  secret (itsdangerous, timestamped). A cross-site page can neither read the cookie nor
  forge the signature, so it cannot make a submission that verifies.
* Spam: a honeypot field that people never see (a filled one is answered with the
  normal thank-you page and stored nowhere, so bots learn nothing), and a sliding
  window of submissions per client address.
* Validation happens here, on the server; the browser's own checks are a convenience.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from itsdangerous import BadSignature, URLSafeTimedSerializer

from newsflow.store.leads import Lead
from newsflow.web.public.i18n import LANGUAGES

CSRF_COOKIE = "nf_csrf"
CSRF_FIELD = "nf_subscribe_token"  # not "csrf_token": the portal session middleware checks that name on every POST
HONEYPOT_FIELD = "website"
TOKEN_MAX_AGE = 2 * 3600
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LIMITS = {"organisation": 200, "contact_name": 200, "email": 254, "country": 100, "message": 4000}


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


@dataclass
class FormResult:
    values: dict[str, str] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # field -> i18n key

    @property
    def ok(self) -> bool:
        return not self.errors


def _clean(value: object) -> str:
    return _CONTROL.sub("", value).strip() if isinstance(value, str) else ""


def _choices(values: Sequence[object], allowed: Iterable[str]) -> tuple[list[str], bool]:
    allowed_set = set(allowed)
    picked = [v for v in (_clean(x) for x in values) if v]
    return [v for v in picked if v in allowed_set], all(v in allowed_set for v in picked)


def validate(
    single: Mapping[str, object], multi: Mapping[str, Sequence[object]], *, categories: Iterable[str]
) -> FormResult:
    """Check every field; errors name the i18n key of the message to show."""
    result = FormResult()
    for name in ("organisation", "contact_name", "email", "country", "message"):
        value = _clean(single.get(name))
        result.values[name] = value[: LIMITS[name] + 1]
        if len(value) > LIMITS[name]:
            result.errors[name] = "too_long"
    for name in ("organisation", "contact_name", "email"):
        if not result.values[name] and name not in result.errors:
            result.errors[name] = "required"
    email = result.values["email"]
    if email and "email" not in result.errors and not _EMAIL.match(email):
        result.errors["email"] = "invalid_email"
    result.languages, langs_ok = _choices(multi.get("languages", ()), LANGUAGES)
    result.categories, cats_ok = _choices(multi.get("categories", ()), categories)
    if not langs_ok:
        result.errors["languages"] = "invalid_choice"
    if not cats_ok:
        result.errors["categories"] = "invalid_choice"
    return result


def to_lead(result: FormResult, ui_language: str) -> Lead:
    v = result.values
    return Lead(
        organisation=v["organisation"],
        contact_name=v["contact_name"],
        email=v["email"],
        country=v["country"] or None,
        languages=tuple(result.languages),
        categories=tuple(result.categories),
        message=v["message"] or None,
        ui_language=ui_language,
    )
