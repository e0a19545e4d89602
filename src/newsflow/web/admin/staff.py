"""Admin pages for the people who run the agency's side: editors and admins."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from newsflow.errors import Conflict, InvalidInput, NewsflowError
from newsflow.services.accounts import Role
from newsflow.web.admin.pages import AdminPage, problem
from newsflow.web.deps import get_services
from newsflow.web.portal.templates import render

router = APIRouter(include_in_schema=False)


def _page(request: Request, error: dict[str, object] | None = None, status: int = 200) -> Response:
    people = get_services(request).accounts.staff()
    return render(request, "admin/staff.html", {"people": people, "error": error}, status=status)


@router.get("/admin/staff")
def staff(request: Request, principal: AdminPage) -> Response:
    return _page(request)


@router.post("/admin/staff")
async def create_staff(request: Request, principal: AdminPage) -> Response:
    form = await request.form()
    services = get_services(request)
    try:
        role = {"editor": Role.EDITOR, "admin": Role.ADMIN}.get(str(form.get("role")))
        if role is None:
            raise InvalidInput("role must be editor or admin", field="role")
        if form.get("password") != form.get("confirm"):
            raise InvalidInput("the passwords do not match", field="password")
        await run_in_threadpool(lambda: services.accounts.create_user(
            str(form.get("username") or ""), role, password=str(form.get("password") or ""),
            display_name=str(form.get("display_name") or "") or None,
            ui_language=str(form.get("ui_language") or "en") if form.get("ui_language") in ("ar", "en", "tr") else "en",
        ))
    except NewsflowError as error:
        return _page(request, problem(error), error.status)
    return RedirectResponse("/admin/staff", status_code=303)


@router.post("/admin/staff/{user_id}/active")
async def set_active(request: Request, user_id: int, principal: AdminPage) -> Response:
    form = await request.form()
    services = get_services(request)
    active = form.get("active") == "on"

    def change() -> None:
        if user_id == principal.user_id and not active:
            raise Conflict("you cannot deactivate yourself", field="active")
        services.accounts.set_staff_active(user_id, active)

    try:
        await run_in_threadpool(change)
    except NewsflowError as error:
        return _page(request, problem(error), error.status)
    return RedirectResponse("/admin/staff", status_code=303)
