"""Desk story pages: the lists, the editor, and the publish / update / correct / withdraw forms.

Each POST reads the form, calls one newsroom use case and answers 303 to the story page
(post/redirect/get, so a reload never publishes twice). When the newsroom refuses, the
page is shown again with the editor's input and the domain's message, status 422/409.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from newsflow.core.editing import sanitize_body
from newsflow.core.story import Action, ContentType, Priority
from newsflow.errors import InvalidInput, NewsflowError, PreconditionFailed
from newsflow.web.deps import get_services
from newsflow.web.desk import media
from newsflow.web.desk.forms import form_values, story_fields, with_revision
from newsflow.web.desk.pages import (
    STATUSES,
    EditorPage,
    choices,
    plain_form,
    problem,
    refused,
    story_context,
)
from newsflow.web.portal.templates import render
from newsflow.web.wire.diff import plain, word_diff

router = APIRouter(include_in_schema=False)

def _unconfirmed_flash(form: FormData) -> bool:
    """Publishing a flash asks once more (the one kind of story that interrupts every desk)."""
    return (
        form.get("then") == "publish"
        and str(form.get("priority") or "") == Priority.FLASH.value
        and form.get("confirm") != "flash"
    )


@router.get("/desk/")
def story_lists(request: Request, principal: EditorPage, status: str = "draft", done: str | None = None) -> Response:
    if status not in STATUSES:
        status = "draft"
    services = get_services(request)
    rows = services.stories_list(status=status, limit=200, offset=0)
    return render(request, "desk/index.html", {"status": status, "statuses": STATUSES, "stories": rows, "done": done})


@router.get("/desk/stories/new")
def new_story(request: Request, principal: EditorPage, translation_of: int | None = None) -> Response:
    values = form_values(None)
    if translation_of is not None:
        values["translation_of"] = str(translation_of)
    return render(request, "desk/story.html", {"story": None, "values": values, "error": None, **choices(request)})


@router.post("/desk/stories")
async def create_story(request: Request, principal: EditorPage) -> Response:
    """Save a new draft, or (``then=publish``, "Publish now") publish it in the same step.

    Files chosen on the page are stored first and go out with the story's first version;
    a video still being processed keeps the story a draft until it can be added.
    """
    form = await media.read_form(request)
    services = get_services(request)
    if _unconfirmed_flash(form):
        return render(request, "desk/story.html", {
            "story": None, "values": form_values(None, plain_form(form)), "error": None, "confirm_flash": True,
            **choices(request),
        })
    publish = form.get("then") == "publish"
    try:
        fields = story_fields(form)
        items = await media.upload_all(request, form)
        waiting = media.pending(items)
        associations = services.media.for_story(ContentType.TEXT, [i.id for i in items if i.ready])
        outcome = await run_in_threadpool(
            lambda: services.newsroom.create(
                fields, publish=publish and waiting is None, created_by=principal.name, associations=associations
            )
        )
    except NewsflowError as error:
        return render(request, "desk/story.html", {
            "story": None, "values": form_values(None, plain_form(form)), "error": problem(error),
            **choices(request),
        }, status=error.status)
    finally:
        await form.close()
    if waiting is not None:
        return media.waiting_page(waiting, outcome.id)
    return RedirectResponse(f"/desk/stories/{outcome.id}?done={outcome.status if publish else 'saved'}", status_code=303)


@router.get("/desk/stories/{story_id}")
async def story_page(request: Request, story_id: int, principal: EditorPage, done: str | None = None) -> Response:
    context = await run_in_threadpool(story_context, request, story_id)
    context.update(values=with_revision(form_values(context["content"]), context["story"].revision), error=None, done=done)
    return render(request, "desk/story.html", context)


@router.post("/desk/stories/{story_id}")
async def save_draft(request: Request, story_id: int, principal: EditorPage) -> Response:
    form = await media.read_form(request)
    newsroom = get_services(request).newsroom
    if _unconfirmed_flash(form):
        context = await run_in_threadpool(story_context, request, story_id)
        context.update(values=form_values(context["content"], plain_form(form)), error=None, done=None,
                       confirm_flash=True)
        return render(request, "desk/story.html", context)
    try:
        expected = revision_of(form)
        fields = story_fields(form)
        items = await media.upload_all(request, form)  # a refused file changes nothing
        await run_in_threadpool(lambda: newsroom.edit_draft(story_id, fields, expected_revision=expected))
        await media.add_to_story(request, story_id, items, principal.name)
        if (waiting := media.pending(items)) is not None:
            return media.waiting_page(waiting, story_id)
        if form.get("then") == "publish":
            outcome = await run_in_threadpool(lambda: newsroom.publish(story_id, by=principal.name))
            return RedirectResponse(f"/desk/stories/{story_id}?done={outcome.status}", status_code=303)
        if form.get("then") == "preview":
            return RedirectResponse(f"/desk/stories/{story_id}/preview", status_code=303)
    except PreconditionFailed:
        return await _conflict(request, story_id, form)
    except NewsflowError as error:
        return await refused(request, story_id, error, form)
    finally:
        await form.close()
    return RedirectResponse(f"/desk/stories/{story_id}?done=saved", status_code=303)


def revision_of(form: FormData) -> int | None:
    """The revision the editor's page was loaded at (None: an old form without one)."""
    value = str(form.get("revision") or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise InvalidInput("revision must be a number", field="revision")
    return int(value)


async def _conflict(request: Request, story_id: int, form: FormData) -> Response:
    """Someone else saved the draft since this editor opened it: show both texts.

    The form comes back with the editor's own input and the *current* revision, so
    "Save my version" is a deliberate choice made after seeing the other text, never a
    silent overwrite; "Take theirs" simply reloads the story.
    """
    context = await run_in_threadpool(story_context, request, story_id)
    mine = plain_form(form)
    theirs = context["content"]
    services = get_services(request)
    try:
        mine_body = sanitize_body(mine.get("body", ""), max_bytes=services.settings.max_body_bytes)
    except NewsflowError:
        mine_body = ""
    values = form_values(theirs, mine)
    values["revision"] = str(context["story"].revision)
    context.update(
        values=values, error=None, done=None,
        conflict={
            "theirs_headline": theirs.headline, "theirs_body": theirs.body_html,
            "mine_headline": mine.get("headline", theirs.headline), "mine_body": mine_body,
            "diff": word_diff(plain(theirs.headline, theirs.body_html),
                              plain(mine.get("headline", theirs.headline), mine_body)),
        },
    )
    return render(request, "desk/story.html", context, status=409)


@router.post("/desk/stories/{story_id}/publish")
async def publish(request: Request, story_id: int, principal: EditorPage) -> Response:
    form = await request.form()
    try:
        outcome = await run_in_threadpool(lambda: get_services(request).newsroom.publish(story_id, by=principal.name))
    except NewsflowError as error:
        return await refused(request, story_id, error, form)
    return RedirectResponse(f"/desk/stories/{story_id}?done={outcome.status}", status_code=303)


@router.post("/desk/stories/{story_id}/revise")
async def revise(request: Request, story_id: int, principal: EditorPage) -> Response:
    """One form, two buttons: ``action=update`` or ``action=correct`` (which needs ``note``)."""
    form = await request.form()
    newsroom = get_services(request).newsroom
    try:
        action = {"update": Action.UPDATE, "correct": Action.CORRECT}.get(str(form.get("action")))
        if action is None:
            raise InvalidInput("choose update or correct", field="action")
        note = str(form.get("note") or "").strip() or None
        await run_in_threadpool(
            lambda: newsroom.revise(story_id, action, story_fields(form), note=note, by=principal.name)
        )
    except NewsflowError as error:
        return await refused(request, story_id, error, form)
    return RedirectResponse(f"/desk/stories/{story_id}?done={action.value}", status_code=303)


@router.post("/desk/stories/{story_id}/withdraw")
async def withdraw(request: Request, story_id: int, principal: EditorPage) -> Response:
    form = await request.form()
    newsroom = get_services(request).newsroom
    reason = str(form.get("reason") or "")
    try:
        await run_in_threadpool(lambda: newsroom.revise(story_id, Action.WITHDRAW, note=reason, by=principal.name))
    except NewsflowError as error:
        return await refused(request, story_id, error, form)
    return RedirectResponse(f"/desk/stories/{story_id}?done=withdrawn", status_code=303)
