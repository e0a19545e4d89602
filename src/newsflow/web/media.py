"""``/media/<file>``: the renditions of photos, graphics and video.

Who may fetch what (written down because it is a choice):

* ``thumbnail`` and ``poster`` of anything, and the ``web`` rendition of a photo or a
  graphic, are served to anyone who has the link. They are what the public page and
  every subscriber format show next to a story; their names hold 128 random bits, so a
  photo on a draft or under embargo cannot be guessed, only leaked together with its
  story.
* ``print`` and ``original`` (the agency's saleable assets) and a video's ``web`` MP4 are
  served only to editors and admins, and to subscribers whose subscription is live right
  now (active, not expired, calling from an allowed address) and covers the item's type
  and that rendition, authenticated like every API call (Bearer key or portal session).
  Each such subscriber download counts in the subscriber's usage (``media:<rendition>``).
  It is not matched against the packages of the stories that carry the item: one photo
  can be on several stories.

SVG graphics are served with a Content-Security-Policy that forbids scripts and every
outside reference, beside the checks made on upload.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from newsflow.errors import PermissionDenied
from newsflow.services.accounts import Role
from newsflow.services.media import StoredFile
from newsflow.web.deps import ServicesDep, client_ip, resolve_principal

router = APIRouter(include_in_schema=False)

_PUBLIC_CACHE = "public, max-age=31536000, immutable"
_PRIVATE_CACHE = "private, max-age=3600"
_SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
_DESK_STORY_FORM = re.compile(r"^/desk/stories(/\d+)?$")
ALWAYS_PUBLIC = frozenset({"thumbnail", "poster"})


def is_public(stored: StoredFile) -> bool:
    return stored.rendition in ALWAYS_PUBLIC or (stored.rendition == "web" and not stored.is_video_file)


@router.get("/media/{name}")
def media_file(name: str, request: Request, services: ServicesDep) -> FileResponse:
    stored = services.media.locate(name)
    public = is_public(stored)
    if not public:
        principal = resolve_principal(request)
        if principal.role is Role.SUBSCRIBER:
            if principal.subscriber_id is None:
                raise PermissionDenied(f"the {stored.rendition} rendition is for subscribers and editors")
            ent = services.subscribers.live_entitlement(principal.subscriber_id, client_ip(request))
            item = services.media.get(stored.media_id)
            services.media_access.check(ent, item.type, stored.rendition)
            services.media_access.record(ent, stored.rendition)
    headers = {"Cache-Control": _PUBLIC_CACHE if public else _PRIVATE_CACHE, "X-Content-Type-Options": "nosniff"}
    if stored.mimetype == "image/svg+xml":
        headers["Content-Security-Policy"] = _SVG_POLICY
    return FileResponse(stored.path, media_type=stored.mimetype, headers=headers)


def upload_limit(path: str, max_upload_bytes: int) -> int | None:
    """The request size allowed on an upload path (the largest file plus form overhead).

    ``create_app``'s body-size guard asks this, so uploads may exceed the general
    request limit while every other route keeps it. ``max_upload_bytes`` is the largest
    kind's (a video's); the upload itself is then held to the limit of what it turns
    out to be (a photo's or a video's). The desk's story forms carry files too; their
    text fields are held to the story limits by the routes, which answer with the form.
    """
    if path == "/api/v1/media" or (path.startswith("/desk/stories/") and path.endswith(("/photos", "/media"))):
        return max_upload_bytes + 64_000
    if _DESK_STORY_FORM.match(path):
        return max_upload_bytes + 64_000
    return None
