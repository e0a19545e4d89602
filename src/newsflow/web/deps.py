"""FastAPI dependencies: the wired services and who is calling."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from newsflow.errors import AuthenticationFailed
from newsflow.services.accounts import Principal, Role

if TYPE_CHECKING:
    from newsflow.wiring import Services


def get_services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


async def _services(request: Request) -> Services:
    """The dependency: ``async`` although it does not wait, because FastAPI runs a plain
    ``def`` dependency in a worker thread, a hop per request for one attribute read."""
    return get_services(request)


ServicesDep = Annotated["Services", Depends(_services)]


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        username, _, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return username, password


def resolve_principal(request: Request) -> Principal:
    """Who is calling (may read the database: call it from a worker thread)."""
    services = get_services(request)
    token = bearer_token(request)
    if token is not None:
        return services.accounts.from_bearer(token)
    session_user = getattr(request.state, "session_user_id", None)
    if session_user is not None:
        principal = services.accounts.principal(session_user, getattr(request.state, "session_epoch", 0))
        if principal is not None:
            return principal
    raise AuthenticationFailed("send Authorization: Bearer <token>")


async def bearer_principal(services: Services, token: str) -> Principal:
    """Who holds this key: from memory when seen in the last second, else loaded in a
    worker thread (the one caller told to reload also refreshes the cache)."""
    cached, must_load = services.accounts.token_lookup(token)
    if not must_load and cached is not None:
        return cached
    return await run_in_threadpool(services.accounts.from_bearer, token)


async def current_principal(request: Request) -> Principal:
    """The dependency: a Bearer key (see ``bearer_principal``) or the portal session."""
    token = bearer_token(request)
    if token is not None:
        return await bearer_principal(get_services(request), token)
    return await run_in_threadpool(resolve_principal, request)


def _role(*roles: Role):  # type: ignore[no-untyped-def]
    async def check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        return principal.require(*roles)

    return check


PrincipalDep = Annotated[Principal, Depends(current_principal)]
EditorDep = Annotated[Principal, Depends(_role(Role.ADMIN, Role.EDITOR))]
AdminDep = Annotated[Principal, Depends(_role(Role.ADMIN))]
SubscriberDep = Annotated[Principal, Depends(_role(Role.SUBSCRIBER))]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None
