"""Media on the desk: uploads from the compose page and the story page, and the media pages.

A file chosen (or dropped: ``desk-media.js`` puts dropped files into the same file
input) on the compose page travels with the story form; the route uploads it to the
media library before saving, so a bad file refuses the whole form and changes nothing.
On a story's page the upload form puts the item on the story at once: a draft is edited,
a published story gets a new version, as through ``POST /api/v1/stories/{id}/media``.

A video is transcoded in the background before it can go on a story; its page
(``/desk/media/{id}``) shows the job's progress, reloads itself while it runs, and
offers "Add to the story" once the item is ready.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response

from newsflow.core.media import MediaItem, MediaStatus
from newsflow.core.story import MediaRole, StoryStatus
from newsflow.errors import InvalidInput, NewsflowError
from newsflow.web.deps import get_services
from newsflow.web.desk.pages import EditorPage, problem, refused
from newsflow.web.portal.templates import render

router = APIRouter(include_in_schema=False)

FILE_FIELD = "media_file"
MAX_FILES = 10


async def read_form(request: Request) -> FormData:
    """A story form, which may carry files: fields up to the request limit, a few files."""
    settings = get_services(request).settings
    return await request.form(max_files=MAX_FILES, max_fields=200, max_part_size=settings.max_upload_bytes)


def chosen_files(form: FormData, field: str = FILE_FIELD) -> list[UploadFile]:
    """The files the editor chose (a browser sends an empty part when none is chosen)."""
    return [f for f in form.getlist(field) if isinstance(f, UploadFile) and (f.filename or f.size)]


async def upload_all(request: Request, form: FormData, field: str = FILE_FIELD) -> list[MediaItem]:
    """Store each chosen file in the media library, with the form's caption and photographer."""
    library = get_services(request).media
    caption = str(form.get("media_caption") or form.get("caption") or "")
    byline = str(form.get("media_byline") or form.get("photo_byline") or "")
    items = []
    for upload in chosen_files(form, field):
        item = await run_in_threadpool(partial(library.upload, upload.file, caption=caption, byline=byline))
        items.append(item)
    return items


def pending(items: list[MediaItem]) -> MediaItem | None:
    """The first item still being processed (a video), which cannot go on a story yet."""
    return next((i for i in items if i.status is MediaStatus.PROCESSING), None)


def waiting_page(item: MediaItem, story_id: int) -> RedirectResponse:
    return RedirectResponse(f"/desk/media/{item.id}?story={story_id}", status_code=303)


async def add_to_story(request: Request, story_id: int, items: list[MediaItem], by: str) -> str:
    """Put ready items on a story; what the story page then says (``done``)."""
    services = get_services(request)
    state = await run_in_threadpool(services.newsroom.state, story_id)
    content = state.draft if state.status is StoryStatus.DRAFT or state.latest is None else state.latest.content
    has_lead = any(a.role is MediaRole.LEAD for a in content.associations)
    for item in items:
        if not item.ready:
            continue
        role = None if has_lead or item.type.value != "picture" else MediaRole.LEAD
        association = item.association(role)
        has_lead = has_lead or role is MediaRole.LEAD
        await run_in_threadpool(partial(services.newsroom.add_media, story_id, association, by=by))
    return "photo" if state.status is StoryStatus.DRAFT else "update"


@router.post("/desk/stories/{story_id}/photos")
@router.post("/desk/stories/{story_id}/media")
async def upload_to_story(request: Request, story_id: int, principal: EditorPage) -> Response:
    """Upload (``file``) or pick (``media_id``) an item and put it on the story."""
    services = get_services(request)
    form = await request.form(max_files=MAX_FILES, max_fields=20)
    try:
        if media_id := str(form.get("media_id") or ""):
            items = [await run_in_threadpool(services.media.ready, media_id)]
        else:
            items = await upload_all(request, form, "file") + await upload_all(request, form)
            if not items:
                raise InvalidInput("choose a photo, graphic or video to upload", field="file")
        waiting = pending(items)
        done = await add_to_story(request, story_id, items, principal.name)
    except NewsflowError as error:
        return await refused(request, story_id, error, form)
    finally:
        await form.close()
    if waiting is not None:
        return waiting_page(waiting, story_id)
    return RedirectResponse(f"/desk/stories/{story_id}?done={done}", status_code=303)


@router.get("/desk/media")
async def media_list(request: Request, principal: EditorPage, story: int | None = None) -> Response:
    """Recent uploads with their state; ``story``: the links offer to add them to it."""
    items = await run_in_threadpool(get_services(request).media.recent, 60)
    return render(request, "desk/media_list.html", {"items": items, "status": None, "story": story})


@router.get("/desk/media/{media_id}")
async def media_page(request: Request, media_id: str, principal: EditorPage, story: int | None = None) -> Response:
    services = get_services(request)
    item = await run_in_threadpool(services.media.get, media_id)
    context: dict[str, Any] = {"item": item, "story_id": story, "status": None, "story_headline": None}
    if story is not None:
        try:
            state = await run_in_threadpool(services.newsroom.state, story)
        except NewsflowError as error:
            context["error"] = problem(error)
        else:
            context["story_headline"] = (state.latest.content if state.latest else state.draft).headline
    return render(request, "desk/media.html", context)
