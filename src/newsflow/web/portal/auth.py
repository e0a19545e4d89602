"""Who may see a portal page: login, logout, roles, and the password page.

Usage in an area's routes (the desk and admin portals do the same as the wire)::

    from newsflow.web.portal.auth import login_router, page_principal
    router.include_router(login_router("desk", (Role.EDITOR, Role.ADMIN)))

    @router.get("/desk/")
    def desk(request: Request, principal: Principal = Depends(page_principal(Role.EDITOR, Role.ADMIN))):
        return render(request, "desk/index.html", {...})

``page_principal(*roles)`` resolves the caller from the session cookie (or a Bearer
token, so API clients and tests can read pages too) and

* answers 303 to the area's login page (``/wire/login``, ``/desk/login``,
  ``/admin/login``, chosen by the path's first segment; ``next=`` brings the user back)
  when nobody is logged in;
* answers a 403 HTML page when the caller is logged in with another role.

It also stores the principal on ``request.state.principal`` so ``render`` shows the
user's name and log-out button. Both answers are raised as the two small exceptions
below, turned into responses by handlers that ``install_portal`` registers: they are
page navigation, not domain errors, so they stay out of ``newsflow.errors``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from newsflow.errors import AuthenticationFailed, NewsflowError
from newsflow.services.accounts import Principal, Role
from newsflow.web.deps import bearer_token, get_services
from newsflow.web.portal import i18n
from newsflow.web.portal.session import session_of
from newsflow.web.portal.templates import render

AREAS = ("wire", "desk", "admin")
HOME = {"wire": "/wire/", "desk": "/desk/", "admin": "/admin/"}


class LoginRequired(Exception):
    """Nobody is logged in: go to ``login_url``."""

    def __init__(self, login_url: str) -> None:
        super().__init__(login_url)
        self.login_url = login_url


class WrongRole(Exception):
    """Logged in, but this page belongs to other roles."""

    def __init__(self, principal: Principal, roles: tuple[Role, ...]) -> None:
        super().__init__(principal.role.value)
        self.principal = principal
        self.roles = roles


def area_of(request: Request) -> str:
    """The portal area a path belongs to; /account uses the area the user logged in to."""
    first = request.url.path.strip("/").split("/")[0]
    if first in AREAS:
        return first
    remembered = session_of(request).area
    return remembered if remembered in AREAS else "wire"


def login_url(request: Request) -> str:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/{area_of(request)}/login?next={quote(here, safe='')}"


def safe_next(value: str | None, default: str) -> str:
    """Only local paths: a login link must not bounce the user to another site."""
    if not value:
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value


def resolve(request: Request) -> Principal | None:
    """The caller by Bearer token, else by session cookie; None when anonymous."""
    services = get_services(request)
    token = bearer_token(request)
    if token is not None:
        try:
            return services.accounts.from_bearer(token)
        except AuthenticationFailed:
            return None
    session = session_of(request)
    user_id = getattr(request.state, "session_user_id", None)
    if user_id is None:
        user_id = session.user_id  # GET pages: the cookie counts
    if user_id is None:
        return None
    return services.accounts.principal(user_id, session.epoch)  # ended logins end here


def page_principal(*roles: Role) -> Callable[[Request], Principal]:
    """A dependency for HTML pages: the caller, if they hold one of ``roles``."""
    wanted = tuple(roles)

    def dependency(request: Request) -> Principal:
        principal = resolve(request)
        if principal is None:
            raise LoginRequired(login_url(request))
        request.state.principal = principal
        if principal.role not in wanted:
            raise WrongRole(principal, wanted)
        return principal

    return dependency


def any_user(request: Request) -> Principal:
    return page_principal(Role.ADMIN, Role.EDITOR, Role.SUBSCRIBER)(request)


UserDep = Annotated[Principal, Depends(any_user)]


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(exc.login_url, status_code=303)

    @app.exception_handler(WrongRole)
    async def _forbidden(request: Request, exc: WrongRole) -> Response:
        return render(request, "portal/forbidden.html", {"roles": exc.roles}, status=403)


def login_router(area: str, roles: tuple[Role, ...]) -> APIRouter:
    """``GET/POST /{area}/login`` and ``POST /{area}/logout`` for users with ``roles``.

    Lockout after five failed passwords is ``Accounts.login``'s; the page says so. A user
    of another role gets the same message as a wrong password, so the page does not
    reveal which usernames exist in which role.
    """
    if area not in AREAS:
        raise ValueError(f"unknown portal area {area!r}")
    router = APIRouter(tags=["portal"], include_in_schema=False)
    home = HOME[area]

    @router.get(f"/{area}/login")
    def login_form(request: Request, next: str | None = None) -> Response:
        principal = resolve(request) if session_of(request).user_id else None
        if principal is not None and principal.role in roles:
            return RedirectResponse(safe_next(next, home), status_code=303)
        return render(request, "portal/login.html", {"area": area, "next": safe_next(next, home), "error": None})

    @router.post(f"/{area}/login")
    async def login(
        request: Request,
        username: Annotated[str, Form(max_length=100)],
        password: Annotated[str, Form(max_length=500)],
        next: Annotated[str | None, Form()] = None,
    ) -> Response:
        services = get_services(request)
        target = safe_next(next, home)
        try:
            principal = await run_in_threadpool(services.accounts.login, username.strip(), password)
        except AuthenticationFailed:
            locked = await run_in_threadpool(services.accounts.locked, username.strip())
            error = "locked" if locked else "wrong"
            return render(
                request, "portal/login.html", {"area": area, "next": target, "error": error, "username": username},
                status=401,
            )
        if principal.role not in roles or principal.user_id is None:
            return render(
                request, "portal/login.html", {"area": area, "next": target, "error": "wrong", "username": username},
                status=401,
            )
        language = services.accounts.ui_language(principal.user_id)
        session_of(request).login(
            principal.user_id, language=language if language in i18n.LANGUAGES else None, area=area,
            epoch=principal.epoch,
        )
        return RedirectResponse(target, status_code=303)

    @router.post(f"/{area}/logout")
    def logout(request: Request) -> Response:
        session_of(request).logout()
        return RedirectResponse(f"/{area}/login", status_code=303)

    return router


def account_router() -> APIRouter:
    """``/account/password`` (any logged-in user) and ``/account/language`` (anyone)."""
    router = APIRouter(tags=["portal"], include_in_schema=False)

    @router.get("/account/password")
    def password_form(request: Request, principal: UserDep) -> Response:
        return render(request, "portal/password.html", {"error": None, "done": False})

    @router.post("/account/password")
    async def change_password(
        request: Request,
        principal: UserDep,
        current: Annotated[str, Form(max_length=500)],
        new: Annotated[str, Form(max_length=500)],
        confirm: Annotated[str, Form(max_length=500)],
    ) -> Response:
        error: str | None = None
        if principal.user_id is None:
            error = "no_user"
        elif new != confirm:
            error = "mismatch"
        else:
            accounts = get_services(request).accounts
            try:
                await run_in_threadpool(accounts.change_password, principal.user_id, current, new)
            except AuthenticationFailed:
                error = "current"
            except NewsflowError:
                error = "short"
            else:  # every other session of this user has ended; this one moves to the new epoch
                renewed = await run_in_threadpool(accounts.principal, principal.user_id)
                session = session_of(request)
                if renewed is not None and renewed.user_id is not None and session.user_id == renewed.user_id:
                    session.login(renewed.user_id, language=session.language, area=session.area or "wire",
                                  epoch=renewed.epoch)
        status = 200 if error is None else 422
        return render(request, "portal/password.html", {"error": error, "done": error is None}, status=status)

    @router.post("/account/language")
    def set_language(
        request: Request, lang: Annotated[str, Form(max_length=8)], next: Annotated[str | None, Form()] = None
    ) -> Response:
        if lang in i18n.LANGUAGES:
            session = session_of(request)
            session.set_language(lang)
            principal = resolve(request)
            if principal is not None and principal.user_id is not None:
                get_services(request).accounts.set_ui_language(principal.user_id, lang)
        return RedirectResponse(safe_next(next, "/wire/"), status_code=303)

    return router
