"""The one exception tree of newsflow.

Every failure the domain can name is a ``NewsflowError``; the web edge maps the tree to
HTTP problems once (``newsflow.web.problems``), the CLI prints ``str(error)``.

    NewsflowError
    ├── InvalidInput            bad field values, unparsable documents (400/422)
    │   ├── PayloadTooLarge     over the configured size limit (413)
    │   └── HostileDocument     XML with DTDs/entities, broken encodings (400)
    ├── NotFound                no such story, version, subscriber, ... (404)
    │   └── Gone                withdrawn: it existed and must not be used any more (410)
    ├── Conflict                the action does not fit the current state (409)
    │   └── PreconditionFailed  saved from an older revision than the stored one (412)
    ├── AuthenticationFailed    missing or wrong credentials (401)
    ├── PermissionDenied        authenticated but not allowed / not entitled (403)
    ├── RateLimited             too many requests; carries retry_after seconds (429)
    └── Unavailable             a service the request needs (the database) is unreachable
                                for the moment; carries retry_after seconds (503)
"""

from __future__ import annotations

from typing import Any


class NewsflowError(Exception):
    """Base of every error the domain raises on purpose."""

    status = 500
    title = "Internal error"

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class InvalidInput(NewsflowError):
    status = 422
    title = "Invalid input"


class PayloadTooLarge(InvalidInput):
    status = 413
    title = "Payload too large"


class HostileDocument(InvalidInput):
    status = 400
    title = "Rejected document"


class NotFound(NewsflowError):
    status = 404
    title = "Not found"


class Gone(NotFound):
    status = 410
    title = "Gone"


class Conflict(NewsflowError):
    status = 409
    title = "Conflict"


class PreconditionFailed(Conflict):
    """A change made from an out-of-date copy: ``details`` carries both sides."""

    status = 412
    title = "Precondition failed"

    def __init__(self, detail: str, *, field: str | None = None, details: dict[str, Any] | None = None) -> None:
        super().__init__(detail, field=field)
        self.details = details or {}


class AuthenticationFailed(NewsflowError):
    status = 401
    title = "Authentication required"


class PermissionDenied(NewsflowError):
    status = 403
    title = "Forbidden"


class RateLimited(NewsflowError):
    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after: float) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class Unavailable(NewsflowError):
    """Not the request's fault and not for long: the database restarts, the network blips.

    Nothing was changed (or the write's outcome is unknown: a client retries with the same
    Idempotency-Key, which makes the retry safe either way).
    """

    status = 503
    title = "Service unavailable"

    def __init__(self, detail: str, *, retry_after: float) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
