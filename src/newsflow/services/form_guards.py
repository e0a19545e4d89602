"""The public subscription form's signed double-submit CSRF token (``web/public/subscribe.py``).

Its sliding window of submissions per client address is ``services.rate_limits``.
"""

from __future__ import annotations

import secrets

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
