"""The subscriber's own API: documents, subscription, usage, keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from newsflow.errors import InvalidInput, NewsflowError
from newsflow.services.accounts import Principal, Role
from newsflow.web import problems
from newsflow.web.deps import ServicesDep, SubscriberDep, bearer_principal, client_ip

if TYPE_CHECKING:
    from newsflow.wiring import Services

router = APIRouter(prefix="/api/v1", tags=["subscriber"])


@router.get("/documents/{story_id}", summary="A story in a standard format (counts as a download)")
async def document(
    story_id: int,
    request: Request,
    services: ServicesDep,
    principal: SubscriberDep,
    version: Annotated[int | None, Query(ge=1)] = None,
    format: Annotated[str, Query()] = "ninjs",
) -> Response:
    return await download(services, principal, story_id, version, format, client_ip(request))


async def download(
    services: Services, principal: Principal, story_id: int, version: int | None, fmt: str, ip: str | None
) -> Response:
    """One download, checked against the subscription as it is now.

    The hot path stays on the event loop when the key, the entitlement, the version and
    its rendering are cached; only a miss (or the download-log commit) uses a thread.
    """
    assert principal.subscriber_id is not None
    subscribers = services.subscribers
    ent, must_load = subscribers.entitlements.lookup(principal.subscriber_id)
    if must_load or ent is None:
        ent = await run_in_threadpool(subscribers.reload_entitlement, principal.subscriber_id)
    subscribers.check_live(ent, ip)
    doc = await services.delivery.document_async(ent, story_id, version, fmt)
    return Response(
        doc.data,
        media_type=doc.media_type,
        headers={"ETag": f'"{doc.version.story_id}-{doc.version.version}-{fmt}"', "X-Newsflow-Version": str(doc.version.version)},
    )


@router.get("/documents", summary="A story by uri in a standard format (counts as a download)")
async def document_by_uri(
    request: Request,
    services: ServicesDep,
    principal: SubscriberDep,
    uri: Annotated[str, Query(min_length=1, max_length=400)],
    version: Annotated[int | None, Query(ge=1)] = None,
    format: Annotated[str, Query()] = "ninjs",
) -> Response:
    story_id = await run_in_threadpool(services.delivery.story_id_for, uri)
    return await document(story_id, request, services, principal, version, format)


@router.get("/subscription", summary="What my subscription lets me receive")
async def subscription(services: ServicesDep, principal: SubscriberDep) -> dict[str, Any]:
    assert principal.subscriber_id is not None
    sub = await run_in_threadpool(services.subscribers.get, principal.subscriber_id)
    ent = await run_in_threadpool(services.subscribers.entitlement, principal.subscriber_id)
    return {
        "id": sub["id"],
        "name": sub["name"],
        "active": ent.is_live(services.clock()),
        "packages": sub["packages"],
        "categories": sorted(ent.categories) or "all",
        "languages": sorted(ent.languages) or "all",
        "types": sorted(ent.types) or "all",
        "priorities": sorted(ent.priorities) or "all",
        "archive_days": ent.archive_days,
        "download_limit": ent.download_limit,
        "expires_at": sub["expires_at"],
        "formats": ["ninjs", "ninjs3", "newsmlg2", "text"],
    }


@router.get("/usage", summary="My downloads today and my daily limit")
async def usage(services: ServicesDep, principal: SubscriberDep) -> dict[str, Any]:
    assert principal.subscriber_id is not None
    return await run_in_threadpool(services.subscribers.usage, principal.subscriber_id)


@router.get("/keys", summary="My API keys (never the secrets)")
async def keys(services: ServicesDep, principal: SubscriberDep) -> dict[str, Any]:
    assert principal.subscriber_id is not None
    return {"keys": await run_in_threadpool(services.subscribers.keys, principal.subscriber_id)}


@router.post("/keys", status_code=201, summary="Create an API key (the secret is shown once)")
async def create_key(services: ServicesDep, principal: SubscriberDep, label: str | None = None) -> dict[str, Any]:
    assert principal.subscriber_id is not None
    if label is not None and len(label) > 100:
        raise InvalidInput("label is longer than 100 characters", field="label")
    return await run_in_threadpool(services.subscribers.create_key, principal.subscriber_id, label)


@router.delete("/keys/{key_id}", status_code=204, summary="Revoke an API key")
async def revoke_key(key_id: int, services: ServicesDep, principal: SubscriberDep) -> Response:
    assert principal.subscriber_id is not None
    await run_in_threadpool(services.subscribers.revoke_key, principal.subscriber_id, key_id)
    return Response(status_code=204)


class DocumentsBypass:
    """Document downloads, past the main app's layers.

    A download is the subscriber API's hottest request (the benchmark asks for 2,000 a
    second on two cores). The main app would take it through its body-limit
    ``BaseHTTPMiddleware`` (a task and a memory channel per request), the portal's
    session layer, a router of several hundred routes and FastAPI's dependency
    solving: together more than the download itself.

    The plain case, ``GET /api/v1/documents/{id}`` with at most ``format`` and
    ``version`` in the query and a Bearer key, is answered here by ``download``, the
    function the route calls too, with the key checked as ``SubscriberDep`` checks it
    and domain errors through the one problem mapping. Anything else (the wire's
    session cookie, a bad or unknown parameter, lookups by uri) goes to the main app
    unchanged.
    """

    PREFIX = "/api/v1/documents"

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # GET only: a HEAD must not count as a download (the route answers it as before).
        is_download = scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith(self.PREFIX)
        plain = self._plain(scope) if is_download else None
        if plain is None:
            await self.app(scope, receive, send)
            return
        token, story_id, version, fmt = plain
        client = scope.get("client")
        try:
            principal = await bearer_principal(self.services, token)  # as SubscriberDep does
            principal.require(Role.SUBSCRIBER)
            response = await download(self.services, principal, story_id, version, fmt, client[0] if client else None)
        except NewsflowError as exc:
            response = problems.domain_problem(Request(scope), exc)
        await response(scope, receive, send)

    def _plain(self, scope: Scope) -> tuple[str, int, int | None, str] | None:
        """(key, id, version, format) when nothing here needs FastAPI, else None."""
        rest = scope["path"][len(self.PREFIX):]
        if not rest.startswith("/") or not rest[1:].isascii() or not rest[1:].isdigit() or len(rest) > 19:
            return None
        params = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        query = dict(params)
        if len(query) != len(params) or not query.keys() <= {"format", "version"}:
            return None
        version = query.get("version")
        if version is not None and not (version.isascii() and version.isdigit() and int(version) >= 1):
            return None
        for name, value in scope["headers"]:
            if name == b"authorization":
                scheme, _, key = value.decode("latin-1").partition(" ")
                if scheme.lower() == "bearer" and key.strip():
                    return key.strip(), int(rest[1:]), int(version) if version is not None else None, query.get("format", "ninjs")
                return None
        return None
