"""Webhook endpoints: subscribers register and inspect their own; admins see them all.

A subscriber only ever sees its own endpoints (someone else's answer 404, so ids reveal
nothing). Registration needs a live subscription. See ``docs/webhooks.md``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from newsflow.web.deps import AdminDep, ServicesDep, SubscriberDep, client_ip

router = APIRouter(prefix="/api/v1", tags=["webhooks"])

Payload = Annotated[Any, Body()]


@router.post("/webhooks", status_code=201, summary="Register a webhook (the secret is shown once)")
async def register(request: Request, data: Payload, services: ServicesDep, principal: SubscriberDep) -> dict[str, Any]:
    assert principal.subscriber_id is not None
    await run_in_threadpool(services.subscribers.live_entitlement, principal.subscriber_id, client_ip(request))
    return await run_in_threadpool(services.webhooks.register, principal.subscriber_id, data)


@router.get("/webhooks", summary="My webhooks")
async def list_mine(services: ServicesDep, principal: SubscriberDep) -> dict[str, Any]:
    assert principal.subscriber_id is not None
    return {"webhooks": await run_in_threadpool(services.webhooks.list, principal.subscriber_id)}


@router.get("/webhooks/{webhook_id}", summary="One of my webhooks")
async def get_one(webhook_id: int, services: ServicesDep, principal: SubscriberDep) -> dict[str, Any]:
    return await run_in_threadpool(services.webhooks.get, principal.subscriber_id, webhook_id)


@router.delete("/webhooks/{webhook_id}", status_code=204, summary="Remove a webhook with its logs")
async def delete(webhook_id: int, services: ServicesDep, principal: SubscriberDep) -> Response:
    await run_in_threadpool(services.webhooks.delete, principal.subscriber_id, webhook_id)
    return Response(status_code=204)


@router.get("/webhooks/{webhook_id}/attempts", summary="Delivery attempts, newest first")
async def attempts(
    webhook_id: int,
    services: ServicesDep,
    principal: SubscriberDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    before: Annotated[int | None, Query(ge=1)] = None,
) -> dict[str, Any]:
    rows = await run_in_threadpool(
        lambda: services.webhooks.attempts(principal.subscriber_id, webhook_id, limit=limit, before=before)
    )
    return {"attempts": rows}


@router.get("/webhooks/{webhook_id}/dead-letters", summary="Entries given up on after 24 h of retries")
async def dead_letters(webhook_id: int, services: ServicesDep, principal: SubscriberDep) -> dict[str, Any]:
    return {"dead_letters": await run_in_threadpool(services.webhooks.dead_letters, principal.subscriber_id, webhook_id)}


@router.post("/webhooks/{webhook_id}/dead-letters/{dead_letter_id}/replay", summary="Re-send a dead letter once")
async def replay(webhook_id: int, dead_letter_id: int, services: ServicesDep, principal: SubscriberDep) -> dict[str, Any]:
    await run_in_threadpool(services.webhooks.owned, principal.subscriber_id, webhook_id)
    return await services.webhook_dispatcher.replay(principal.subscriber_id, webhook_id, dead_letter_id)


# -- admin ------------------------------------------------------------------------------------
@router.get("/admin/webhooks", summary="Every endpoint's health: cursor, lag, last status, failures")
async def admin_health(services: ServicesDep, _: AdminDep) -> dict[str, Any]:
    states = dict(services.webhook_dispatcher.states)
    rows = await run_in_threadpool(services.webhooks.health, services.signal.latest, states)
    return {"latest": services.signal.latest, "webhooks": rows}


@router.get("/admin/webhooks/{webhook_id}/dead-letters", summary="An endpoint's dead letters")
async def admin_dead_letters(webhook_id: int, services: ServicesDep, _: AdminDep) -> dict[str, Any]:
    return {"dead_letters": await run_in_threadpool(services.webhooks.dead_letters, None, webhook_id)}


@router.get("/admin/webhooks/{webhook_id}/attempts", summary="An endpoint's delivery attempts")
async def admin_attempts(
    webhook_id: int,
    services: ServicesDep,
    _: AdminDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    return {"attempts": await run_in_threadpool(lambda: services.webhooks.attempts(None, webhook_id, limit=limit))}


@router.post("/admin/webhooks/{webhook_id}/dead-letters/{dead_letter_id}/replay", summary="Re-send a dead letter once")
async def admin_replay(webhook_id: int, dead_letter_id: int, services: ServicesDep, _: AdminDep) -> dict[str, Any]:
    return await services.webhook_dispatcher.replay(None, webhook_id, dead_letter_id)
