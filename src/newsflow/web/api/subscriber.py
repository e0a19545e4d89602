"""The subscriber's own API: documents, subscription, usage, keys."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from newsflow.errors import InvalidInput
from newsflow.web.deps import ServicesDep, SubscriberDep, client_ip

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
    # The hot path stays on the event loop when the key, the entitlement, the version and
    # its rendering are cached; only a miss (or the download-log commit) uses a thread.
    assert principal.subscriber_id is not None
    subscribers = services.subscribers
    ent, must_load = subscribers.entitlements.lookup(principal.subscriber_id)
    if must_load or ent is None:
        ent = await run_in_threadpool(subscribers.reload_entitlement, principal.subscriber_id)
    subscribers.check_live(ent, client_ip(request))
    doc = await services.delivery.document_async(ent, story_id, version, format)
    return Response(
        doc.data,
        media_type=doc.media_type,
        headers={"ETag": f'"{doc.version.story_id}-{doc.version.version}-{format}"', "X-Newsflow-Version": str(doc.version.version)},
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
