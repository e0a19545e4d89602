"""Photo and video renditions downloaded from the wire, counted in the subscriber's usage.

The story page links every rendition here rather than to ``/media/`` directly, so a
download passes the same entitlement check and the same daily limit as a text
document, and is recorded as ``photo:<rendition>``. ``?inline=1`` (the Preview buttons,
the video player) sends the file to be shown rather than saved; a player fetching
further ranges of a video it already started is not counted again (``MediaAccess.record_wire``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from newsflow.errors import NotFound, PermissionDenied
from newsflow.services.accounts import Principal, Role
from newsflow.web.deps import client_ip, get_services
from newsflow.web.portal.auth import page_principal

router = APIRouter()
Subscriber = Annotated[Principal, Depends(page_principal(Role.SUBSCRIBER))]


def _download(
    request: Request, principal: Principal, story_id: int, index: int, rendition: str, inline: bool
) -> FileResponse:
    services = get_services(request)
    assert principal.subscriber_id is not None
    ent = services.subscribers.live_entitlement(principal.subscriber_id, client_ip(request))
    v = services.delivery.load(story_id)
    if not ent.allows_version(v, services.clock()):
        raise PermissionDenied("your subscription does not include this story")
    photos = ent.visible(v).content.associations  # the same list, and order, as the story page
    if index >= len(photos):
        raise NotFound("no such photo", field="photo")
    chosen = next((r for r in photos[index].renditions if r.name == rendition), None)
    if chosen is None:
        raise NotFound("no such rendition", field="rendition")
    stored = services.media.locate(chosen.href.rsplit("/", 1)[-1])
    services.media_access.check(ent, photos[index].type, rendition)
    services.media_access.record_wire(ent, v.story_id, v.version, rendition, request.headers.get("range", ""))
    filename = f"{story_id}-{index + 1}-{rendition}{stored.path.suffix}"
    return FileResponse(stored.path, media_type=chosen.mimetype, filename=filename,
                        content_disposition_type="inline" if inline else "attachment")


@router.get("/wire/stories/{story_id}/photos/{index}/{rendition}", summary="Download a photo rendition")
async def photo(
    request: Request,
    story_id: int,
    index: Annotated[int, Path(ge=0, le=99)],
    rendition: Annotated[str, Path(pattern="^(thumbnail|web|print|original|poster)$")],
    principal: Subscriber,
    inline: bool = False,
) -> FileResponse:
    return await run_in_threadpool(_download, request, principal, story_id, index, rendition, inline)
