"""The newsroom desk at ``/desk/``: editors write, publish, revise and watch the flow.

``router`` carries the desk's login/logout, its story pages (``desk.stories``) and the
outgoing-flow page (``desk.flow``), a story's history with differences
(``desk.history``), the preview (``desk.preview``), and the compose page's autocompletes
(``desk.lookup``) and autosave (``desk.autosave``), and media uploads with the
progress of video jobs (``desk.media``). Every page needs the editor or admin role; every
write is a CSRF-checked form that calls the newsroom service, the same use cases the
JSON API calls.
"""

from __future__ import annotations

from fastapi import APIRouter

from newsflow.web.desk import autosave, flow, history, lookup, media, preview, stories
from newsflow.web.desk.pages import EDITORS
from newsflow.web.portal.auth import login_router

router = APIRouter(include_in_schema=False)
router.include_router(login_router("desk", EDITORS))
router.include_router(autosave.router)
router.include_router(stories.router)
router.include_router(media.router)
router.include_router(flow.router)
router.include_router(lookup.router)
router.include_router(history.router)
router.include_router(preview.router)

__all__ = ["router"]
