"""The subscriber's own things on the wire: saved topics, usage, API keys, webhooks.

Plain HTML forms (POST with the session's CSRF token, then 303 back — or a page that
shows a new secret once). Every action is scoped to the caller's own subscriber or
user id by the services, so one subscriber can never read or touch another's keys,
webhooks, usage or topics.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from newsflow.errors import NewsflowError
from newsflow.services.alerts import clean_email
from newsflow.web.deps import get_services
from newsflow.web.portal.templates import render
from newsflow.web.wire.pages import Subscriber, entitlement

router = APIRouter(tags=["wire"], include_in_schema=False)
Text = Annotated[str, Form(max_length=100)]
Optional = Annotated[str | None, Form(max_length=100)]


# -- saved topics ---------------------------------------------------------------------------
@router.get("/wire/topics")
async def topics_page(request: Request, principal: Subscriber) -> Response:
    return await _topics(request, principal)


async def _topics(request: Request, principal: Subscriber, error: str | None = None, status: int = 200) -> Response:
    services = get_services(request)
    saved = await run_in_threadpool(services.topics.for_user, principal.user_id) if principal.user_id else []
    emails = await run_in_threadpool(services.alerts.emails_of, principal.user_id) if principal.user_id else {}
    return render(request, "wire/topics.html", {
        "saved": saved, "error": error, "emails": emails, "email_enabled": services.alerts.enabled,
    }, status=status)


@router.post("/wire/topics")
async def create_topic(
    request: Request, principal: Subscriber, name: Text, category: Optional = None, priority: Optional = None,
    language: Optional = None, type: Optional = None, topic: Optional = None,
    alert: Annotated[str | None, Form()] = None,
    email: Annotated[str | None, Form(max_length=300)] = None,
) -> Response:
    services = get_services(request)
    if principal.user_id is None:
        return await _topics(request, principal, "Saved topics need a user login.", 422)
    values = {"category": category, "priority": priority, "language": language, "type": type, "topic": topic}
    user_id = principal.user_id
    try:
        address = clean_email(email)  # refused before anything is saved
        filter_id = await run_in_threadpool(
            services.topics.create, user_id, name, values, alert is not None
        )
        if address:
            await run_in_threadpool(services.alerts.set_email, user_id, filter_id, address)
    except NewsflowError as exc:
        return await _topics(request, principal, exc.detail, exc.status)
    return RedirectResponse("/wire/topics", status_code=303)


@router.post("/wire/topics/{filter_id}/delete")
async def delete_topic(request: Request, filter_id: int, principal: Subscriber) -> Response:
    await run_in_threadpool(get_services(request).topics.delete, principal.user_id or 0, filter_id)
    return RedirectResponse("/wire/topics", status_code=303)


# -- usage ----------------------------------------------------------------------------------
@router.get("/wire/usage")
async def usage(request: Request, principal: Subscriber) -> Response:
    services = get_services(request)
    assert principal.subscriber_id is not None
    figures = await run_in_threadpool(services.subscribers.usage, principal.subscriber_id)
    subscription = await run_in_threadpool(services.subscribers.get, principal.subscriber_id)
    ent = await run_in_threadpool(services.subscribers.entitlement, principal.subscriber_id)
    return render(request, "wire/usage.html", {"usage": figures, "subscription": subscription, "ent": ent})


# -- API keys -------------------------------------------------------------------------------
async def _keys(request: Request, principal: Subscriber, created: dict[str, Any] | None = None,
                error: str | None = None, status: int = 200) -> Response:
    services = get_services(request)
    assert principal.subscriber_id is not None
    keys = await run_in_threadpool(services.subscribers.keys, principal.subscriber_id)
    return render(request, "wire/keys.html", {"keys": keys, "created": created, "error": error}, status=status)


@router.get("/wire/keys")
async def keys_page(request: Request, principal: Subscriber) -> Response:
    return await _keys(request, principal)


@router.post("/wire/keys")
async def create_key(request: Request, principal: Subscriber, label: Optional = None) -> Response:
    """The new secret appears in this one answer (``Cache-Control: no-store``), never again."""
    services = get_services(request)
    assert principal.subscriber_id is not None
    created = await run_in_threadpool(services.subscribers.create_key, principal.subscriber_id, (label or "").strip() or None)
    return await _keys(request, principal, created=created, status=201)


@router.post("/wire/keys/{key_id}/revoke")
async def revoke_key(request: Request, key_id: int, principal: Subscriber) -> Response:
    services = get_services(request)
    assert principal.subscriber_id is not None
    await run_in_threadpool(services.subscribers.revoke_key, principal.subscriber_id, key_id)
    return RedirectResponse("/wire/keys", status_code=303)


# -- webhooks -------------------------------------------------------------------------------
async def _webhooks(request: Request, principal: Subscriber, created: dict[str, Any] | None = None,
                    error: str | None = None, status: int = 200) -> Response:
    services = get_services(request)
    hooks = getattr(services, "webhooks", None)
    assert principal.subscriber_id is not None
    items = await run_in_threadpool(hooks.list, principal.subscriber_id) if hooks is not None else []
    return render(request, "wire/webhooks.html", {
        "webhooks": items, "available": hooks is not None, "created": created, "error": error,
    }, status=status)


@router.get("/wire/webhooks")
async def webhooks_page(request: Request, principal: Subscriber) -> Response:
    return await _webhooks(request, principal)


@router.post("/wire/webhooks")
async def create_webhook(
    request: Request, principal: Subscriber, url: Annotated[str, Form(max_length=2000)],
    format: Annotated[str, Form(max_length=20)] = "ninjs",
) -> Response:
    services = get_services(request)
    hooks = getattr(services, "webhooks", None)
    assert principal.subscriber_id is not None
    if hooks is None:
        return await _webhooks(request, principal, error="Webhooks are not available.", status=503)
    try:
        await run_in_threadpool(entitlement, request, principal)
        created = await run_in_threadpool(hooks.register, principal.subscriber_id, {"url": url.strip(), "format": format})
    except NewsflowError as exc:
        return await _webhooks(request, principal, error=exc.detail, status=exc.status)
    return await _webhooks(request, principal, created=created, status=201)


@router.post("/wire/webhooks/{webhook_id}/delete")
async def delete_webhook(request: Request, webhook_id: int, principal: Subscriber) -> Response:
    services = get_services(request)
    hooks = getattr(services, "webhooks", None)
    if hooks is not None:
        await run_in_threadpool(hooks.delete, principal.subscriber_id, webhook_id)
    return RedirectResponse("/wire/webhooks", status_code=303)
