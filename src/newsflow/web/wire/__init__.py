"""The subscriber wire at ``/wire/``: the live flow, stories, search and the subscriber's own settings.

Modules: ``pages`` (the live wire, a story with its version history, search),
``account`` (saved topics, usage, API keys, webhooks), ``photos`` (rendition
downloads, counted in usage), ``entries`` (what a wire line
shows), ``topics`` (saved filters), ``unsubscribe`` (the signed link of alert
e-mails), ``diff`` (word-level version differences).
Templates are under ``portal/templates/wire/``; the live part is
``portal/static/wire-live.js``. ``router`` is included once in ``web/app.py``.
"""

from __future__ import annotations

from fastapi import APIRouter

from newsflow.services.accounts import Role
from newsflow.web.portal.auth import login_router
from newsflow.web.wire import account, pages, photos, unsubscribe

router = APIRouter()
router.include_router(login_router("wire", (Role.SUBSCRIBER,)))
router.include_router(pages.router)
router.include_router(account.router)
router.include_router(photos.router)
router.include_router(unsubscribe.router)
