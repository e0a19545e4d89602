"""Accounts and authentication: who is calling, and with which rights.

A ``Principal`` is resolved from a Bearer token (the configured admin token, an editor
token or a subscriber API key), HTTP Basic credentials, or a portal session. The
subscriber's entitlement is *not* cached here: readers load it when they read.

Logins end everywhere at once. Each user row has a *session epoch*; a password change
or a (de)activation moves it, and every session cookie, stream token and cached
``/abone/`` login carries the epoch it was issued under, so every node refuses it on
its next check (``principal(user_id, epoch)``, or ``current`` for the hot paths, which
reads a one-second cache dropped on every change). ``on_user_change`` listeners hear of
the change after commit: the hub closes that user's open streams, and on PostgreSQL
``flow/changes.py`` relays it to every node. Failed logins are counted by one UPDATE
on the row, so failures spread over several nodes add up to the same lockout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from newsflow.config import Settings
from newsflow.core.clock import Clock, utcnow
from newsflow.errors import AuthenticationFailed, InvalidInput, NotFound, PermissionDenied
from newsflow.services import secrets
from newsflow.services.freshness import FreshCache
from newsflow.store import subscribers as subscriber_store
from newsflow.store import users as user_store
from newsflow.store.database import Database, Tx

MAX_FAILED_LOGINS = 5
TOKEN_TTL = 1.0
LOCKOUT = timedelta(minutes=15)


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    SUBSCRIBER = "subscriber"


@dataclass(frozen=True, slots=True)
class Principal:
    role: Role
    name: str
    user_id: int | None = None
    subscriber_id: int | None = None
    epoch: int = 0  # the user's session epoch when this principal was resolved

    @property
    def is_editor(self) -> bool:
        return self.role in (Role.ADMIN, Role.EDITOR)

    def require(self, *roles: Role) -> Principal:
        if self.role not in roles:
            raise PermissionDenied(f"this needs the {' or '.join(r.value for r in roles)} role")
        return self


class Accounts:
    def __init__(self, db: Database, settings: Settings, *, clock: Clock = utcnow) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        # Token digest -> principal: dropped on every subscriber or key change (locally and
        # via flow/changes.py); TOKEN_TTL bounds changes made elsewhere.
        self.tokens: FreshCache[str, Principal] = FreshCache(TOKEN_TTL)
        # User id -> (active, session epoch), for checks on every request; dropped on
        # every change this node hears of, TOKEN_TTL bounds the rest.
        self.states: FreshCache[int, tuple[bool, int]] = FreshCache(TOKEN_TTL)
        self.on_user_change: list[Callable[[int], None]] = []  # after commit: logins ended

    def create_user(
        self,
        username: str,
        role: Role,
        *,
        password: str | None = None,
        subscriber_id: int | None = None,
        display_name: str | None = None,
        ui_language: str = "en",
        with_token: bool = False,
    ) -> tuple[int, str | None]:
        """Create a user; returns (id, token) where token is shown once if asked for."""
        username = username.strip()
        if not username or len(username) > 100 or any(c.isspace() for c in username):
            raise InvalidInput("username must be 1-100 characters without spaces", field="username")
        if password is not None and len(password) < 8:
            raise InvalidInput("password must have at least 8 characters", field="password")
        token = secrets.new_token("nfe") if with_token else None
        with self.db.write() as tx:
            user_id = user_store.insert(
                tx.conn,
                {
                    "username": username,
                    "role": role.value,
                    "display_name": display_name or username,
                    "password_hash": secrets.hash_password(password) if password else None,
                    "token_hash": secrets.digest(token) if token else None,
                    "subscriber_id": subscriber_id,
                    "ui_language": ui_language,
                    "active": True,
                    "failed_logins": 0,
                },
                self.clock(),
            )
        return user_id, token

    def token_lookup(self, token: str) -> tuple[Principal | None, bool]:
        """From memory: (principal, False), or (None/stale, True) when this caller must
        complete the reload with ``from_bearer`` (in a worker thread)."""
        return self.tokens.lookup(secrets.digest(token))

    def forget_tokens(self, _subscriber_id: int | None = None) -> None:
        """Drop every cached token (a key was revoked or a subscriber changed)."""
        self.tokens.forget()

    def from_bearer(self, token: str) -> Principal:
        key = secrets.digest(token)
        try:
            principal = self._from_bearer(token)
        except BaseException:
            self.tokens.failed(key)
            raise
        self.tokens.put(key, principal)
        return principal

    def _from_bearer(self, token: str) -> Principal:
        admin = self.settings.admin_token
        if admin and secrets.same(token, admin):
            return Principal(Role.ADMIN, "admin-token")
        hashed = secrets.digest(token)
        with self.db.read() as conn:
            user = user_store.by_token_hash(conn, hashed)
            if user is not None:
                return _principal(user)
            subscriber_id = subscriber_store.key_owner(conn, hashed)
        if subscriber_id is not None:
            return Principal(Role.SUBSCRIBER, f"subscriber:{subscriber_id}", None, subscriber_id)
        raise AuthenticationFailed("unknown or revoked token")

    def login(self, username: str, password: str) -> Principal:
        """Password check with lockout after repeated failures."""
        now = self.clock()
        with self.db.read() as conn:
            user = user_store.by_username(conn, username)
        if user is not None and user.locked_until is not None and user.locked_until > now:
            raise AuthenticationFailed("too many failed logins; try again later")
        ok = secrets.verify_password(user.password_hash if user else None, password)
        if user is None or not ok or not user.active:
            if user is not None:
                with self.db.write(one_statement=True) as tx:
                    user_store.record_failure(tx.conn, user.id, lock_after=MAX_FAILED_LOGINS, until=now + LOCKOUT)
            raise AuthenticationFailed("wrong username or password")
        if user.failed_logins or user.locked_until:
            with self.db.write() as tx:
                user_store.update(tx.conn, user.id, {"failed_logins": 0, "locked_until": None})
        return _principal(user)

    def change_password(self, user_id: int, old: str, new: str) -> None:
        with self.db.read() as conn:
            user = user_store.get(conn, user_id)
        if not secrets.verify_password(user.password_hash, old):
            raise AuthenticationFailed("the current password is wrong")
        if len(new) < 8:
            raise InvalidInput("password must have at least 8 characters", field="password")
        with self.db.write() as tx:
            user_store.end_logins(tx.conn, user_id, {"password_hash": secrets.hash_password(new)})
            self._ends_logins(tx, user_id)

    def set_password(self, username: str, password: str) -> None:
        """An admin sets a user's password (first set-up, or a forgotten one)."""
        if len(password) < 8:
            raise InvalidInput("password must have at least 8 characters", field="password")
        with self.db.write() as tx:
            user = user_store.by_username(tx.conn, username)
            if user is None:
                raise NotFound(f"no user {username!r}", field="name")
            user_store.end_logins(
                tx.conn, user.id, {"password_hash": secrets.hash_password(password), "failed_logins": 0, "locked_until": None}
            )
            self._ends_logins(tx, user.id)

    def principal(self, user_id: int, epoch: int | None = None) -> Principal | None:
        """Reload a session's user: a deactivated user, or a session issued before the
        user's logins were ended (``epoch`` behind the row's), loses access at once."""
        with self.db.read() as conn:
            try:
                user = user_store.get(conn, user_id)
            except NotFound:
                return None
        if not user.active or (epoch is not None and epoch != user.session_epoch):
            return None
        return _principal(user)

    def current(self, principal: Principal) -> bool:
        """Whether a remembered principal's user is still active, under the same epoch
        (at most TOKEN_TTL old, and fresh after any change this node heard of)."""
        if principal.user_id is None:
            return True
        user_id = principal.user_id

        def load() -> tuple[bool, int]:
            with self.db.read() as conn:
                try:
                    user = user_store.get(conn, user_id)
                except NotFound:
                    return False, -1
            return bool(user.active), int(user.session_epoch)

        active, epoch = self.states.get_or_load(user_id, load)
        return active and epoch == principal.epoch

    def forget_user(self, user_id: int) -> None:
        """A user's logins were ended (here or on another node): drop what is remembered."""
        self.states.forget(user_id)
        self.tokens.forget()

    def _ends_logins(self, tx: Tx, user_id: int) -> None:
        def announce() -> None:
            self.forget_user(user_id)
            for listener in self.on_user_change:
                listener(user_id)

        tx.after_commit(announce)

    def locked(self, username: str, now: datetime | None = None) -> bool:
        with self.db.read() as conn:
            user = user_store.by_username(conn, username)
        moment = now or self.clock()
        return bool(user and user.locked_until and user.locked_until > moment)

    # -- people, as the admin and portal pages manage them ------------------------------------
    def staff(self) -> list[Any]:
        """Editors and admins, for the admin's staff page."""
        with self.db.read() as conn:
            return user_store.list_by_role(conn, Role.ADMIN.value, Role.EDITOR.value)

    def subscriber_users(self, subscriber_id: int) -> list[Any]:
        with self.db.read() as conn:
            return user_store.for_subscriber(conn, subscriber_id)

    def set_staff_active(self, user_id: int, active: bool) -> None:
        """Activate or deactivate an editor or admin (subscribers' users are not managed here)."""
        with self.db.write() as tx:
            user = user_store.get(tx.conn, user_id)
            if user.role not in (Role.ADMIN.value, Role.EDITOR.value):
                raise InvalidInput("only editors and admins are managed here", field="user")
            user_store.end_logins(tx.conn, user_id, {"active": active})
            self._ends_logins(tx, user_id)

    def set_subscriber_user_active(self, subscriber_id: int, user_id: int, active: bool) -> None:
        """Activate or deactivate one of this subscriber's own users (another's: no change)."""
        with self.db.write() as tx:
            user = user_store.get(tx.conn, user_id)
            if user.subscriber_id == subscriber_id:
                user_store.end_logins(tx.conn, user_id, {"active": active})
                self._ends_logins(tx, user_id)

    def ui_language(self, user_id: int) -> str | None:
        with self.db.read() as conn:
            return user_store.get(conn, user_id).ui_language  # type: ignore[no-any-return]

    def set_ui_language(self, user_id: int, language: str) -> None:
        with self.db.write() as tx:
            user_store.update(tx.conn, user_id, {"ui_language": language})


def _principal(user: Any) -> Principal:
    return Principal(Role(user.role), user.username, user.id, user.subscriber_id, int(user.session_epoch))
