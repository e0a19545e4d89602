"""Who may open a stream, with which key, and whether they still may.

Browsers' ``EventSource`` cannot send an ``Authorization`` header, so a client trades
its Bearer key for a short-lived signed *stream token* (``POST /api/v1/stream/token``)
and puts that in the query. The token names the subscriber and the *key* used (by id,
never the secret), so revoking that key also refuses the token; both paths are
re-checked against the database at connect time, and the hub re-checks open streams
when a subscriber changes. A token issued to a *user* also names the user's session
epoch: a password change or a deactivation refuses it, and closes the streams it opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from newsflow.errors import AuthenticationFailed
from newsflow.services import secrets
from newsflow.services.accounts import Accounts, Principal, Role
from newsflow.store.database import Database
from newsflow.store.tables import api_keys, subscribers

TOKEN_SECONDS = 300
_SALT = "newsflow-stream-token"


@dataclass(frozen=True, slots=True)
class StreamIdentity:
    principal: Principal
    key_id: int | None = None  # the subscriber's API key the stream was opened with


class StreamAccess:
    def __init__(self, db: Database, accounts: Accounts, secret_key: str, *, max_age: int = TOKEN_SECONDS) -> None:
        self.db = db
        self.accounts = accounts
        self.max_age = max_age
        self._signer = URLSafeTimedSerializer(secret_key or "newsflow-unset-secret", salt=_SALT)

    def from_bearer(self, token: str) -> StreamIdentity:
        principal = self.accounts.from_bearer(token)
        key_id = None
        if principal.role is Role.SUBSCRIBER:
            with self.db.read() as conn:
                key_id = conn.execute(
                    sa.select(api_keys.c.id).where(
                        api_keys.c.key_hash == secrets.digest(token), api_keys.c.revoked_at.is_(None)
                    )
                ).scalar()
            if key_id is None:
                raise AuthenticationFailed("unknown or revoked token")
        return StreamIdentity(principal, key_id)

    def issue(self, identity: StreamIdentity) -> dict[str, Any]:
        p = identity.principal
        payload = {"r": p.role.value, "n": p.name, "u": p.user_id, "s": p.subscriber_id, "k": identity.key_id,
                   "e": p.epoch}
        return {"token": self._signer.dumps(payload), "expires_in": self.max_age}

    def from_token(self, token: str) -> StreamIdentity:
        """Verify signature and age, then re-check the key or user as it is now."""
        try:
            data = self._signer.loads(token, max_age=self.max_age)
        except SignatureExpired as exc:
            raise AuthenticationFailed("the stream token has expired; ask for a new one") from exc
        except BadSignature as exc:
            raise AuthenticationFailed("invalid stream token") from exc
        if not isinstance(data, dict):
            raise AuthenticationFailed("invalid stream token")
        epoch = data.get("e")
        principal = Principal(Role(data["r"]), str(data["n"]), data.get("u"), data.get("s"),
                              epoch if isinstance(epoch, int) else 0)
        identity = StreamIdentity(principal, data.get("k"))
        if not self.still_valid(identity):
            raise AuthenticationFailed("the key or account behind this stream token was revoked")
        return identity

    def still_valid(self, identity: StreamIdentity) -> bool:
        p = identity.principal
        if identity.key_id is not None:
            return identity.key_id in self.active_keys(p.subscriber_id or 0)
        if p.user_id is not None:
            return self.accounts.principal(p.user_id, p.epoch) is not None
        return p.role is Role.ADMIN  # the configured admin token: no row to revoke

    def active_keys(self, subscriber_id: int) -> set[int]:
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(api_keys.c.id)
                .join(subscribers, subscribers.c.id == api_keys.c.subscriber_id)
                .where(
                    api_keys.c.subscriber_id == subscriber_id,
                    api_keys.c.revoked_at.is_(None),
                    subscribers.c.deleted.is_(False),
                )
            )
            return {int(r.id) for r in rows}
