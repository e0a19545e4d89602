"""Admin pages beyond subscribers: packages, leads, webhook health, statistics."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from newsflow.core.story import ContentType, Priority
from newsflow.errors import InvalidInput, NewsflowError, NotFound
from newsflow.services.leads import Leads
from newsflow.web.admin.pages import AdminPage, checked, problem, words
from newsflow.web.admin.subscribers import subscription_choices, subscription_data
from newsflow.web.deps import get_services
from newsflow.web.portal.templates import render

router = APIRouter(include_in_schema=False)


# -- packages -------------------------------------------------------------------------------
def _packages(request: Request) -> list[dict[str, object]]:
    return [
        {"name": p.name, **{k: json.loads(getattr(p, k) or "[]") for k in ("categories", "languages", "types", "priorities")}}
        for p in get_services(request).subscribers.packages()
    ]


def _package_page(request: Request, error: dict[str, object] | None = None, status: int = 200) -> Response:
    services = get_services(request)
    return render(request, "admin/packages.html", {
        "packages": _packages(request), "error": error,
        "all_categories": services.settings.categories,
        "all_types": [t.value for t in ContentType], "all_priorities": [p.value for p in Priority],
    }, status=status)


@router.get("/admin/packages")
def packages(request: Request, principal: AdminPage) -> Response:
    return _package_page(request)


@router.post("/admin/packages")
async def save_package(request: Request, principal: AdminPage) -> Response:
    form = await request.form()
    name = str(form.get("name") or "").strip()
    data = {"categories": checked(form, "categories"), "types": checked(form, "types"),
            "priorities": checked(form, "priorities"), "languages": words(form.get("languages"))}
    try:
        if not name or len(name) > 100:
            raise InvalidInput("package name must be 1-100 characters", field="name")
        await run_in_threadpool(get_services(request).subscribers.set_package, name, data)
    except NewsflowError as error:
        return _package_page(request, problem(error), error.status)
    return RedirectResponse("/admin/packages", status_code=303)


# -- leads ----------------------------------------------------------------------------------
def _leads(request: Request) -> Leads:
    return get_services(request).leads


@router.get("/admin/leads")
async def leads(request: Request, principal: AdminPage) -> Response:
    rows = await run_in_threadpool(_leads(request).list)
    return render(request, "admin/leads.html", {"leads": rows, "error": None})


def _convert_page(
    request: Request, lead: dict[str, Any], values: dict[str, Any], error: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    return render(request, "admin/lead_convert.html", {
        "lead": lead, "s": values, "error": error, **subscription_choices(request),
    }, status=status)


def _lead(service: Leads, lead_id: int) -> dict[str, Any]:
    found = next((row for row in service.list() if row["id"] == lead_id), None)
    if found is None:
        raise NotFound(f"no lead {lead_id}", field="id")
    return found


@router.get("/admin/leads/{lead_id}/convert")
async def convert_form(request: Request, lead_id: int, principal: AdminPage) -> Response:
    """The subscription the lead asked for, editable before it is created."""
    service = _leads(request)
    lead = await run_in_threadpool(_lead, service, lead_id)
    proposal = await run_in_threadpool(service.proposal, lead_id)
    values = {"packages": [], "types": [], "priorities": [], "ip_ranges": [], "archive_days": None,
              "download_limit": None, "expires_at": None, **proposal}
    return _convert_page(request, lead, values)


@router.post("/admin/leads/{lead_id}/convert")
async def convert_lead(request: Request, lead_id: int, principal: AdminPage) -> Response:
    """One click (the lead's own request) or the reviewed form (``name`` and the rest)."""
    service = _leads(request)
    form = await request.form()
    reviewed = "name" in form
    try:
        edited = {k: v for k, v in subscription_data(form).items() if k != "active"} if reviewed else None
        created = await run_in_threadpool(service.convert, lead_id, edited)
    except NewsflowError as error:
        if reviewed and error.status == 422:  # the form again, as the admin filled it in
            lead = await run_in_threadpool(_lead, service, lead_id)
            shown = {"name": str(form.get("name") or ""), "languages": words(form.get("languages")),
                     "ip_ranges": words(form.get("ip_ranges")),
                     **{k: checked(form, k) for k in ("packages", "categories", "types", "priorities")},
                     **{k: str(form.get(k) or "") or None for k in ("archive_days", "download_limit", "expires_at")}}
            return _convert_page(request, lead, shown, problem(error), error.status)
        rows = await run_in_threadpool(service.list)
        return render(request, "admin/leads.html", {"leads": rows, "error": problem(error)}, status=error.status)
    return render(request, "admin/secrets.html", {"created": created, "what": "subscriber"}, status=201)


# -- webhooks -------------------------------------------------------------------------------
@router.get("/admin/webhooks")
async def webhooks(request: Request, principal: AdminPage, show: Annotated[int | None, Query()] = None,
                   done: str | None = None) -> Response:
    services = get_services(request)
    states = dict(services.webhook_dispatcher.states)
    rows = await run_in_threadpool(services.webhooks.health, services.signal.latest, states)
    letters = []
    if show is not None:
        letters = await run_in_threadpool(services.webhooks.dead_letters, None, show)
    return render(request, "admin/webhooks.html", {
        "webhooks": rows, "latest": services.signal.latest, "show": show, "letters": letters, "done": done,
    })


@router.post("/admin/webhooks/{webhook_id}/dead-letters/{dead_letter_id}/replay")
async def replay(request: Request, webhook_id: int, dead_letter_id: int, principal: AdminPage) -> Response:
    services = get_services(request)
    try:
        await services.webhook_dispatcher.replay(None, webhook_id, dead_letter_id)
    except NewsflowError as error:
        return RedirectResponse(f"/admin/webhooks?show={webhook_id}&done=failed:{error.status}", status_code=303)
    return RedirectResponse(f"/admin/webhooks?show={webhook_id}&done=replayed", status_code=303)


# -- statistics -----------------------------------------------------------------------------
@router.get("/admin/stats")
async def stats(request: Request, principal: AdminPage, days: Annotated[int, Query(ge=1, le=366)] = 30) -> Response:
    services = get_services(request)
    report = await run_in_threadpool(services.statistics.report, days)
    return render(request, "admin/stats.html", {"report": report, "days": days})
