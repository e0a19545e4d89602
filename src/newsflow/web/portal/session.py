"""The signed session cookie and the middleware that enforces CSRF: the one CSRF
scheme of every browser form (the portals and the public site's subscription form).

Why a cookie and not Bearer tokens: browsers keep cookies across page loads and hide
``HttpOnly`` ones from scripts, so a stolen page script cannot read the session. The
cookie holds no secrets of the server, only what the signature vouches for:

    {"u": user id or None, "c": CSRF secret, "l": UI language or None, "a": login area,
     "e": the user's session epoch at login}

It is signed and timestamped with ``itsdangerous`` (``settings.secret_key``), expires
after ``SESSION_SECONDS`` and is sent ``HttpOnly; SameSite=Lax; Path=/`` (plus
``Secure`` when ``settings.base_url`` is https).

How other code uses it
----------------------
* ``session_of(request)`` gives the request's :class:`Session` (always present under the
  portal middleware). Changing it (``login``/``logout``/``set_language``) makes the
  middleware send a fresh cookie with the response.
* ``request.state.session_user_id`` (with ``session_epoch``) is set when the cookie
  names a user; the API's ``web.deps.current_principal`` accepts it, so ``fetch()``
  calls from portal pages are authenticated by the cookie. The user is reloaded on every
  request and the epoch compared (``Accounts.principal``): a password change or a
  deactivation on any node ends every session issued before it.
* ``csrf_token(request)`` is the value forms put in a hidden ``csrf_token`` field and
  scripts send in the ``X-CSRF-Token`` header (``templates.render`` adds it to every
  page as ``csrf_token``; ``base.html`` also puts it in ``<meta name="csrf-token">``).

The CSRF rule (enforced here, once, for every route)
----------------------------------------------------
A request with an unsafe method (anything but GET/HEAD/OPTIONS) and no
``Authorization`` header must carry the session's CSRF token (header or form field):

* on portal paths (``/wire``, ``/desk``, ``/admin``, ``/account``) a missing or wrong
  token is refused with 403 — this also covers login forms, so nobody can log a victim
  into an attacker's account;
* on the API (``/api/...``) a wrong token is refused with 403, and a missing one means
  the cookie does not authenticate the request (it proceeds as anonymous, so a script
  posting without it still works, but no cookie authority leaks);
* elsewhere (the public site's subscription form) the cookie authenticates nothing
  without a right token, and the route answers a failed check itself, in the reader's
  language.

Every unsafe request's outcome is in ``request.state.csrf_ok`` (true: a right token, or
an ``Authorization`` header, which a cross-site page cannot send either), for routes
that need it without being portal pages (``web/public``'s form reads it).

Requests with ``Authorization`` (API keys, Basic) never use the cookie, so they need no
CSRF token: a cross-site page cannot set that header.
"""

from __future__ import annotations

import hmac
import json
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsflow.web.asgi_body import read_body, replay

COOKIE = "nf_session"
SESSION_SECONDS = 12 * 3600
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
PORTAL_PREFIXES = ("/wire", "/desk", "/admin", "/account")
API_PREFIX = "/api/"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_SALT = "newsflow-portal-session"


@dataclass
class Session:
    """One browser's session; ``changed`` means the response must carry a new cookie."""

    user_id: int | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    language: str | None = None
    area: str | None = None
    epoch: int = 0
    changed: bool = False
    fresh: bool = True  # not yet sent to the browser
    ended: bool = False  # log out: clear the cookie

    @property
    def csrf_token(self) -> str:
        if self.fresh:
            self.changed = True  # a page that shows a token needs the cookie that matches
        return self.csrf

    def login(self, user_id: int, *, language: str | None, area: str, epoch: int = 0) -> None:
        """A new CSRF secret at login, so a token seen before login is worth nothing."""
        self.user_id = user_id
        self.epoch = epoch
        self.csrf = secrets.token_urlsafe(24)
        self.language = language or self.language
        self.area = area
        self.changed = True

    def logout(self) -> None:
        self.user_id = None
        self.csrf = secrets.token_urlsafe(24)
        self.changed = True

    def set_language(self, language: str) -> None:
        self.language = language
        self.changed = True

    def dump(self) -> dict[str, Any]:
        return {"u": self.user_id, "c": self.csrf, "l": self.language, "a": self.area, "e": self.epoch}

    @classmethod
    def load(cls, data: Any) -> Session | None:
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        user = data.get("u")
        lang = data.get("l")
        area = data.get("a")
        epoch = data.get("e")
        return cls(
            user_id=user if isinstance(user, int) else None,
            csrf=data["c"],
            language=lang if isinstance(lang, str) else None,
            area=area if isinstance(area, str) else None,
            epoch=epoch if isinstance(epoch, int) else 0,
            fresh=False,
        )


def session_of(request: Request) -> Session:
    """The request's session (the middleware puts one on every HTTP request)."""
    session = request.scope.get("nf_session")
    if session is None:  # outside the middleware (unit tests): a throwaway session
        session = request.scope["nf_session"] = Session()
    return session


def csrf_token(request: Request) -> str:
    return session_of(request).csrf_token


class SessionCodec:
    def __init__(self, secret_key: str, *, max_age: int = SESSION_SECONDS) -> None:
        self.max_age = max_age
        self._signer = URLSafeTimedSerializer(secret_key or "newsflow-unset-secret", salt=_SALT)

    def encode(self, session: Session) -> str:
        return self._signer.dumps(session.dump())

    def decode(self, value: str) -> Session | None:
        try:
            return Session.load(self._signer.loads(value, max_age=self.max_age))
        except BadSignature:  # includes SignatureExpired
            return None


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class SessionMiddleware:
    """Pure ASGI, so streamed responses (SSE downloads) pass through untouched."""

    def __init__(self, app: ASGIApp, *, secret_key: str, secure: bool, max_body: int) -> None:
        self.app = app
        self.codec = SessionCodec(secret_key)
        self.secure = secure
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        raw = _cookie(headers.get("cookie", ""), COOKIE)
        session = (self.codec.decode(raw) if raw else None) or Session()
        scope["nf_session"] = session
        state = scope.setdefault("state", {})
        has_auth = bool(headers.get("authorization"))
        uses_cookie = session.user_id is not None and not has_auth

        if scope["method"] not in SAFE_METHODS and has_auth:
            state["csrf_ok"] = True
        elif scope["method"] not in SAFE_METHODS:
            path: str = scope["path"]
            portal = path.startswith(PORTAL_PREFIXES)
            body = await read_body(receive, self.max_body)
            if body is None:
                await _plain(send, 413, "request body too large")
                return
            receive = replay(body, receive)
            sent = headers.get(CSRF_HEADER) or _form_token(headers.get("content-type", ""), body, scope)
            if isinstance(sent, _Pending):
                sent = await sent.value()
            ok = sent is not None and not session.fresh and hmac.compare_digest(sent, session.csrf)
            state["csrf_ok"] = ok
            if not ok and (portal or (sent is not None and path.startswith(API_PREFIX))):
                await _plain(send, 403, "CSRF check failed: reload the page and try again")
                return
            if not ok:
                uses_cookie = False
        if uses_cookie:
            state["session_user_id"] = session.user_id
            state["session_epoch"] = session.epoch

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and session.changed:
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"set-cookie", self._set_cookie(session))]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _set_cookie(self, session: Session) -> bytes:
        value = self.codec.encode(session)
        parts = [f"{COOKIE}={value}", "Path=/", "HttpOnly", "SameSite=Lax", f"Max-Age={self.codec.max_age}"]
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts).encode("latin-1")


class _Pending:
    def __init__(self, request: Request, size: int) -> None:
        self.request = request
        self.size = size  # the body is in memory already: no part is refused for its size here

    async def value(self) -> str | None:
        form = await self.request.form(max_part_size=max(self.size, 1024 * 1024))
        token = form.get(CSRF_FIELD)
        await form.close()
        return token if isinstance(token, str) else None


def _form_token(content_type: str, body: bytes, scope: Scope) -> str | _Pending | None:
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        values = parse_qs(body.decode("utf-8", "replace")).get(CSRF_FIELD)
        return values[0] if values else None
    if kind == "multipart/form-data":  # photo uploads: let Starlette parse a copy of the body
        return _Pending(Request(dict(scope), replay(body)), len(body))
    if kind == "application/json" and len(body) < 65536:
        try:
            data = json.loads(body)
        except ValueError:
            return None
        token = data.get(CSRF_FIELD) if isinstance(data, dict) else None
        return token if isinstance(token, str) else None
    return None



async def _plain(send: Send, status: int, text: str) -> None:
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"text/plain; charset=utf-8")],
    })
    await send({"type": "http.response.body", "body": text.encode("utf-8")})
