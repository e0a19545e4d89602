"""Admin pages for subscribers: list, create (secrets once), edit, delete, keys and users."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from newsflow.core.story import ContentType, Priority
from newsflow.errors import NewsflowError
from newsflow.services import secrets
from newsflow.services.accounts import Role
from newsflow.web.admin.pages import AdminPage, checked, optional_int, problem, words
from newsflow.web.deps import get_services
from newsflow.web.portal.templates import render

router = APIRouter(include_in_schema=False)


def subscription_data(form: FormData) -> dict[str, Any]:
    """The subscription fields of the edit form, as ``Subscribers.update`` takes them."""
    expires = str(form.get("expires_at") or "").strip()
    return {
        "name": str(form.get("name") or ""),
        "packages": checked(form, "packages"),
        "categories": checked(form, "categories"),
        "types": checked(form, "types"),
        "priorities": checked(form, "priorities"),
        "languages": words(form.get("languages")),
        "ip_ranges": words(form.get("ip_ranges")),
        "archive_days": optional_int(form, "archive_days"),
        "download_limit": optional_int(form, "download_limit"),
        "expires_at": (expires + ":00+00:00" if len(expires) == 16 else expires) or None,
        "active": form.get("active") == "on",
    }


def subscription_choices(request: Request) -> dict[str, Any]:
    services = get_services(request)
    packages = [p.name for p in services.subscribers.packages()]
    return {
        "all_categories": services.settings.categories,
        "all_types": [t.value for t in ContentType],
        "all_priorities": [p.value for p in Priority],
        "all_packages": packages,
    }


@router.get("/admin/")
def overview(request: Request, principal: AdminPage) -> Response:
    return RedirectResponse("/admin/subscribers", status_code=303)


@router.get("/admin/subscribers")
def subscriber_list(request: Request, principal: AdminPage) -> Response:
    rows = get_services(request).subscribers.list()
    return render(request, "admin/subscribers.html", {"subscribers": rows, "error": None})


@router.post("/admin/subscribers")
async def create_subscriber(request: Request, principal: AdminPage) -> Response:
    form = await request.form()
    services = get_services(request)
    data: dict[str, Any] = {"name": str(form.get("name") or "")}
    if form.get("languages"):
        data["languages"] = words(form.get("languages"))
    try:
        created = await run_in_threadpool(services.subscribers.create, data)
    except NewsflowError as error:
        rows = await run_in_threadpool(services.subscribers.list)
        return render(request, "admin/subscribers.html", {"subscribers": rows, "error": problem(error)},
                      status=error.status)
    return render(request, "admin/secrets.html", {"created": created, "what": "subscriber"}, status=201)


def _detail(request: Request, subscriber_id: int) -> dict[str, Any]:
    services = get_services(request)
    subscriber = services.subscribers.get(subscriber_id)
    users = services.accounts.subscriber_users(subscriber_id)
    return {
        "s": subscriber, "keys": services.subscribers.keys(subscriber_id), "users": users,
        "usage": services.subscribers.usage(subscriber_id),
        "webhooks": services.webhooks.list(subscriber_id), **subscription_choices(request),
        "daily": services.statistics.report(30, subscriber_id=subscriber_id).downloads_per_day,
    }


@router.get("/admin/subscribers/{subscriber_id}")
async def subscriber_page(request: Request, subscriber_id: int, principal: AdminPage, done: str | None = None) -> Response:
    context = await run_in_threadpool(_detail, request, subscriber_id)
    return render(request, "admin/subscriber.html", {**context, "error": None, "done": done})


async def _refused(request: Request, subscriber_id: int, error: NewsflowError) -> Response:
    context = await run_in_threadpool(_detail, request, subscriber_id)
    return render(request, "admin/subscriber.html", {**context, "error": problem(error), "done": None},
                  status=error.status)


def _back(subscriber_id: int, done: str) -> Response:
    return RedirectResponse(f"/admin/subscribers/{subscriber_id}?done={done}", status_code=303)


@router.post("/admin/subscribers/{subscriber_id}")
async def update_subscriber(request: Request, subscriber_id: int, principal: AdminPage) -> Response:
    form = await request.form()
    services = get_services(request)
    try:
        await run_in_threadpool(services.subscribers.update, subscriber_id, subscription_data(form))
    except NewsflowError as error:
        return await _refused(request, subscriber_id, error)
    return _back(subscriber_id, "saved")


@router.post("/admin/subscribers/{subscriber_id}/delete")
async def delete_subscriber(request: Request, subscriber_id: int, principal: AdminPage) -> Response:
    await run_in_threadpool(get_services(request).subscribers.delete, subscriber_id)
    return RedirectResponse("/admin/subscribers?done=deleted", status_code=303)


@router.post("/admin/subscribers/{subscriber_id}/keys")
async def issue_key(request: Request, subscriber_id: int, principal: AdminPage) -> Response:
    form = await request.form()
    label = str(form.get("label") or "").strip()[:100] or None
    key = await run_in_threadpool(get_services(request).subscribers.create_key, subscriber_id, label)
    return render(request, "admin/secrets.html", {"created": key, "what": "key", "subscriber_id": subscriber_id},
                  status=201)


@router.post("/admin/subscribers/{subscriber_id}/keys/{key_id}/revoke")
async def revoke_key(request: Request, subscriber_id: int, key_id: int, principal: AdminPage) -> Response:
    try:
        await run_in_threadpool(get_services(request).subscribers.revoke_key, subscriber_id, key_id)
    except NewsflowError as error:
        return await _refused(request, subscriber_id, error)
    return _back(subscriber_id, "revoked")


@router.post("/admin/subscribers/{subscriber_id}/users")
async def add_user(request: Request, subscriber_id: int, principal: AdminPage) -> Response:
    form = await request.form()
    services = get_services(request)
    password = secrets.new_password()
    try:
        await run_in_threadpool(services.subscribers.get, subscriber_id)
        await run_in_threadpool(lambda: services.accounts.create_user(
            str(form.get("username") or ""), Role.SUBSCRIBER, password=password, subscriber_id=subscriber_id,
            display_name=str(form.get("display_name") or "") or None,
        ))
    except NewsflowError as error:
        return await _refused(request, subscriber_id, error)
    created = {"username": str(form.get("username") or "").strip(), "password": password}
    return render(request, "admin/secrets.html", {"created": created, "what": "user", "subscriber_id": subscriber_id},
                  status=201)


@router.post("/admin/subscribers/{subscriber_id}/users/{user_id}/active")
async def set_user_active(request: Request, subscriber_id: int, user_id: int, principal: AdminPage) -> Response:
    form = await request.form()
    services = get_services(request)
    active = form.get("active") == "on"

    def change() -> None:
        services.accounts.set_subscriber_user_active(subscriber_id, user_id, active)

    await run_in_threadpool(change)
    return _back(subscriber_id, "saved")
