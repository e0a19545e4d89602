"""Autosave: the compose page saves the draft every few seconds while the editor types.

``desk-autosave.js`` posts the whole story form (with the CSRF header) and shows the
answer as a "saved" state. The save is the same conditional ``edit_draft`` as the Save
button: it names the revision the page holds, so autosave never overwrites someone
else's work (a 412 problem tells the page to stop and ask). A new story becomes a draft
on its first autosave; the page then carries on as that draft's page.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from newsflow.web.deps import get_services
from newsflow.web.desk.forms import story_fields
from newsflow.web.desk.pages import EditorPage
from newsflow.web.desk.stories import revision_of

router = APIRouter(include_in_schema=False)


def _saved(outcome: Any, request: Request) -> dict[str, Any]:
    return {
        "id": outcome.id, "revision": outcome.revision, "url": f"/desk/stories/{outcome.id}",
        "saved": get_services(request).clock().isoformat(timespec="seconds"),
    }


@router.post("/desk/drafts/autosave")
async def autosave_new(request: Request, principal: EditorPage) -> dict[str, Any]:
    form = await request.form()
    newsroom = get_services(request).newsroom
    outcome = await run_in_threadpool(lambda: newsroom.create(story_fields(form), created_by=principal.name))
    return _saved(outcome, request)


@router.post("/desk/stories/{story_id}/autosave")
async def autosave(request: Request, story_id: int, principal: EditorPage) -> dict[str, Any]:
    form = await request.form()
    newsroom = get_services(request).newsroom
    expected = revision_of(form)
    outcome = await run_in_threadpool(lambda: newsroom.edit_draft(story_id, story_fields(form), expected_revision=expected))
    return _saved(outcome, request)
