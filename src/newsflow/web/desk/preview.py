"""Preview before publishing: what subscribers get and what the public sees, side by side.

The subscriber side shows the full text, the photos and a download per format; the
public side shows the abbreviation (the one publishing would suggest when the editor
left it empty) and the share box, or says the story will not be on the public site.
Downloads here are rendered on the fly from the unsaved-to-the-flow version: never
cached (the render-once cache holds published versions only), never counted.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from newsflow.core.story import Representation
from newsflow.formats import get_format
from newsflow.services.public import story_path
from newsflow.web.api.flow import FORMAT_NAMES
from newsflow.web.deps import get_services
from newsflow.web.desk.pages import EditorPage
from newsflow.web.portal.templates import render
from newsflow.web.public.site import share_links

router = APIRouter(include_in_schema=False)


def _context(request: Request, story_id: int) -> dict[str, Any]:
    services = get_services(request)
    version = services.newsroom.preview(story_id)
    url = services.settings.base_url + story_path(version.language, story_id, version.headline)
    photos = []
    for a in version.content.associations:
        by_name = {r.name: r for r in a.renditions}
        photos.append({"a": a, "shown": by_name.get("web") or by_name.get("thumbnail")})
    return {
        "v": version, "photos": photos, "formats": FORMAT_NAMES, "public_url": url,
        "shares": share_links(url, version.headline, "E-mail"),
        "status": services.newsroom.state(story_id).status.value,
    }


@router.get("/desk/stories/{story_id}/preview")
async def preview(request: Request, story_id: int, principal: EditorPage) -> Response:
    context = await run_in_threadpool(_context, request, story_id)
    return render(request, "desk/preview.html", context)


@router.get("/desk/stories/{story_id}/preview/{fmt}")
async def preview_document(request: Request, story_id: int, fmt: str, principal: EditorPage) -> Response:
    services = get_services(request)
    renderer = get_format(fmt)  # an unknown format is a 4xx from the domain
    version = await run_in_threadpool(services.newsroom.preview, story_id)
    data = await run_in_threadpool(renderer.render, version, Representation.FULL)
    return Response(data, media_type=services.renderer.media_type(fmt), headers={"Cache-Control": "no-store"})
