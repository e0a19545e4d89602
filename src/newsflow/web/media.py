"""``/media/<file>``: the photo renditions.

Who may fetch what (written down because it is a choice):

* ``thumbnail`` and ``web`` are served to anyone who has the link. They are what the
  public page and every subscriber format show next to a story; their names hold 128
  random bits, so a photo on a draft or under embargo cannot be guessed, only leaked
  together with its story.
* ``print`` (full resolution, the agency's saleable asset) is served only to editors
  and admins, and to subscribers whose subscription is live right now (active, not
  expired, calling from an allowed address), authenticated like every API call
  (Bearer key or portal session). It is not matched against the packages of the
  stories that carry it: a photo can be attached to several stories.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from newsflow.errors import PermissionDenied
from newsflow.services.accounts import Role
from newsflow.services.media import PUBLIC_RENDITIONS
from newsflow.web.deps import ServicesDep, client_ip, resolve_principal

router = APIRouter(include_in_schema=False)

_PUBLIC_CACHE = "public, max-age=31536000, immutable"
_PRIVATE_CACHE = "private, max-age=3600"


@router.get("/media/{name}")
def media_file(name: str, request: Request, services: ServicesDep) -> FileResponse:
    stored = services.media.locate(name)
    if stored.rendition not in PUBLIC_RENDITIONS:
        principal = resolve_principal(request)
        if principal.role is Role.SUBSCRIBER:
            if principal.subscriber_id is None:
                raise PermissionDenied("the print rendition is for subscribers and editors")
            services.subscribers.live_entitlement(principal.subscriber_id, client_ip(request))
    cache = _PUBLIC_CACHE if stored.rendition in PUBLIC_RENDITIONS else _PRIVATE_CACHE
    return FileResponse(
        stored.path,
        media_type="image/jpeg",
        headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"},
    )


def upload_limit(path: str, max_upload_bytes: int) -> int | None:
    """The request size allowed on a photo upload path (the photo plus form overhead).

    ``create_app``'s body-size guard asks this, so uploads may exceed the general
    request limit while every other route keeps it.
    """
    if path == "/api/v1/media" or (path.startswith("/desk/stories/") and path.endswith("/photos")):
        return max_upload_bytes + 64_000
    return None
