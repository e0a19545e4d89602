"""The administration portal at ``/admin/`` (admins only).

Subscribers with their users, keys and packages; leads from the public form (converted
in one step); webhook health and dead letters; editors and admins; statistics. Every
page needs the admin role; every write is a CSRF-checked form calling the same
services as the admin JSON API. Secrets (API keys, passwords) are shown once, on the
page that answers the POST that made them, and never again.
"""

from __future__ import annotations

from fastapi import APIRouter

from newsflow.services.accounts import Role
from newsflow.web.admin import operations, staff, subscribers
from newsflow.web.portal.auth import login_router

router = APIRouter(include_in_schema=False)
router.include_router(login_router("admin", (Role.ADMIN,)))
router.include_router(subscribers.router)
router.include_router(operations.router)
router.include_router(staff.router)

__all__ = ["router"]
