"""What every desk page shares: the role check, the story page's context, the error message."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from newsflow.core.story import Priority, StoryStatus
from newsflow.errors import NewsflowError
from newsflow.services.accounts import Principal, Role
from newsflow.web.deps import get_services
from newsflow.web.desk.forms import form_values
from newsflow.web.portal.auth import page_principal
from newsflow.web.portal.templates import render

EDITORS = (Role.EDITOR, Role.ADMIN)
EditorPage = Annotated[Principal, Depends(page_principal(*EDITORS))]

STATUSES = ("draft", "embargoed", "published", "withdrawn")
MEDIA_ACCEPT = ("image/jpeg,image/png,image/webp,image/tiff,image/svg+xml,application/pdf,"
                "video/mp4,video/quicktime,video/webm")


def problem(error: NewsflowError) -> dict[str, str | None]:
    """An error for a template: the domain's sentence and the field it names."""
    return {"detail": error.detail, "field": error.field}


def choices(request: Request) -> dict[str, Any]:
    settings = get_services(request).settings
    return {
        "categories": settings.categories,
        "priorities": [p.value for p in Priority],
        "language_choices": settings.languages,
        "max_body_bytes": settings.max_body_bytes,
        "media_accept": MEDIA_ACCEPT,
    }


def plain_form(form: FormData) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str)}


def story_context(request: Request, story_id: int) -> dict[str, Any]:
    services = get_services(request)
    state = services.newsroom.state(story_id)
    versions = services.newsroom.versions(story_id) if state.latest else []
    group = [r for r in services.newsroom.translation_group(story_id) if r.id != story_id]
    content = state.draft if state.status is StoryStatus.DRAFT or state.latest is None else state.latest.content
    return {
        "story": state,
        "content": content,
        "versions": list(reversed(versions)),
        "translations": group,
        **choices(request),
    }


async def refused(request: Request, story_id: int, error: NewsflowError, form: FormData) -> Response:
    context = await run_in_threadpool(story_context, request, story_id)
    context.update(values=form_values(context["content"], plain_form(form)), error=problem(error), done=None)
    return render(request, "desk/story.html", context, status=error.status)
