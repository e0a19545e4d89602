"""Documents, pictures and signed links of the agency-compatible API.

``document/{id}/{format}`` answers a story in ``newsml29``, ``newsml12``, ``ninjs``,
``ninjs3`` or ``text``, and a photo (an id ``<prefix>:picture:<day>:<story>-<key>``) as
the JPEG in ``web`` or ``print`` size, and a video (``<prefix>:video:...``) as its
``web`` MP4, its ``original`` file or its ``poster`` JPEG. ``token`` and ``multitoken`` hand out signed links
(``/abone/link/...``, 24 hours) to the same answers. Every check that needs no database
comes first — unknown format (422), an id not of this provider (404), a picture size for
a text or a document format for a picture (422) — so bad input never counts a download.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from newsflow.core.entitlements import Entitlement
from newsflow.core.story import ContentType
from newsflow.errors import InvalidInput, NotFound, PermissionDenied
from newsflow.services.compat import AGENCY_FORMATS, MEDIA_SIZES, CatalogRow, sizes_of
from newsflow.services.links import LinkGrant
from newsflow.web.abone.ids import AgencyId, parse_id
from newsflow.web.abone.routes import CallerDep, WiredDep, _agency_id, _Wired, ok, router
from newsflow.web.deps import ServicesDep, basic_credentials, client_ip

if TYPE_CHECKING:
    from newsflow.wiring import Services

DOCUMENT_FORMATS = (*AGENCY_FORMATS, "ninjs", "ninjs3", "text")
MEDIA_TYPES = (ContentType.PICTURE, ContentType.GRAPHIC, ContentType.VIDEO)
_PRIVATE_CACHE = "private, max-age=3600"


def _format(name: str, photo: str | None = None, *, media: bool = False, kind: ContentType | None = None) -> str:
    """The format, checked against what the id names: a story's photo or video, a media
    item (``media``; of type ``kind`` when known), a text."""
    if name not in DOCUMENT_FORMATS and name not in MEDIA_SIZES:
        known = ", ".join(dict.fromkeys([*DOCUMENT_FORMATS, *MEDIA_SIZES]))
        raise InvalidInput(f"unknown format {name!r} (one of {known})", field="format")
    if photo is None and not media and name in MEDIA_SIZES:
        raise InvalidInput(f"{name!r} is a picture or video size; this document is neither", field="format")
    sizes = sizes_of(kind) if kind is not None else MEDIA_SIZES
    what = kind.value if kind is not None else "picture or video"
    if (photo is not None or name in MEDIA_SIZES) and name not in sizes:
        raise InvalidInput(f"a {what} is delivered as {' or '.join(sizes)}, not {name!r}", field="format")
    return name


def _parse(services: Services, doc_id: str, fmt: str) -> AgencyId:
    if fmt not in DOCUMENT_FORMATS and fmt not in MEDIA_SIZES:
        _format(fmt)  # an unknown format is named before the id is looked at
    aid = parse_id(doc_id, services.settings.provider_prefix)
    is_media = aid.type in MEDIA_TYPES
    _format(fmt, aid.photo, media=is_media, kind=aid.type if is_media else None)
    return aid


async def _locate(w: _Wired, aid: AgencyId) -> CatalogRow:
    # a photo's id names its story's day and id; the story itself is a text
    kind = None if aid.photo else aid.type.value
    return await run_in_threadpool(w.compat.locate, aid.story_id, kind, aid.day)


async def _deliver(w: _Wired, ent: Entitlement, row: CatalogRow, fmt: str, photo: str | None) -> Response:
    if fmt in MEDIA_SIZES:
        picture = await run_in_threadpool(w.compat.picture, ent, row, photo, fmt)
        if picture.path is None:
            return RedirectResponse(picture.href, status_code=302)
        return FileResponse(picture.path, media_type=picture.mimetype,
                            headers={"Cache-Control": _PRIVATE_CACHE, "X-Content-Type-Options": "nosniff"})
    doc = await run_in_threadpool(w.compat.document, ent, row, fmt)
    return Response(doc.data, media_type=doc.media_type, headers={"X-Newsflow-Version": str(doc.version.version)})


@router.get("/document/{doc_id}/{fmt}", summary="One document or picture (counts as a download)")
async def document(doc_id: str, fmt: str, w: WiredDep, services: ServicesDep, who: CallerDep) -> Response:
    aid = _parse(services, doc_id, fmt)
    row = await _locate(w, aid)
    return await _deliver(w, who.entitlement, row, fmt, aid.photo)


@router.get("/token/{doc_id}/{fmt}", summary="302 to a signed link valid 24 hours")
async def token(doc_id: str, fmt: str, w: WiredDep, services: ServicesDep, who: CallerDep) -> Response:
    aid = _parse(services, doc_id, fmt)
    row = await _locate(w, aid)
    await run_in_threadpool(w.compat.check, who.entitlement, row)
    link = _link(w, services, LinkGrant(who.subscriber_id, row.story_id, fmt, aid.photo))
    return RedirectResponse(link, status_code=302)


@router.get("/multitoken/{group_id}/{fmt}", summary="Signed links for a story, its translations, photos and videos")
async def multitoken(group_id: str, fmt: str, w: WiredDep, services: ServicesDep, who: CallerDep) -> JSONResponse:
    _format(fmt, "photo" if fmt in MEDIA_SIZES else None)
    prefix = services.settings.provider_prefix
    if group_id.startswith(f"{prefix}:group:") and group_id.rpartition(":")[2].isdigit():
        root = int(group_id.rpartition(":")[2])
    else:
        aid = parse_id(group_id, prefix)
        root = (await _locate(w, aid)).story_id
    ent = who.entitlement
    links: list[dict[str, Any]] = []
    keys: set[str] = set()  # a photo carried by several translations is listed once
    for row in await run_in_threadpool(w.compat.group, root):
        try:
            media = await run_in_threadpool(w.compat.media_links, ent, row, fmt if fmt in MEDIA_SIZES else None)
        except PermissionDenied:  # an unentitled translation is left out, not named
            continue
        if fmt not in MEDIA_SIZES:
            links.append({"id": _agency_id(services, row), "type": row.type, "language": row.language,
                          "url": _link(w, services, LinkGrant(who.subscriber_id, row.story_id, fmt))})
        for photo_id, kind, size in media:  # each item in its best size, or the size asked for
            key = photo_id.rpartition("-")[2]
            if key in keys:
                continue
            keys.add(key)
            links.append({"id": photo_id, "type": kind, "language": row.language,
                          "url": _link(w, services, LinkGrant(who.subscriber_id, row.story_id, size, key))})
    if not links:
        raise NotFound("no document of this group is available to you", field="group_id")
    return ok({"group_id": group_id, "result": links})


def _link(w: _Wired, services: Services, grant: LinkGrant) -> str:
    return f"{services.settings.base_url}/abone/link/{w.signer.sign(grant)}"


@router.get("/link/{token}", summary="A signed link (no credentials needed; counts as a download)")
async def signed(token: str, request: Request, w: WiredDep) -> Response:
    grant = w.signer.verify(token)
    _format(grant.format, grant.photo, media=True)  # a media item's size was checked when signed
    if basic_credentials(request) is not None:  # sent anyway: they must be the link's own user's
        caller = await run_in_threadpool(w.compat.authenticate, basic_credentials(request), client_ip(request))
        if caller.subscriber_id != grant.subscriber_id:
            raise PermissionDenied("this link was issued to another subscriber")
        ent = caller.entitlement
    else:
        ent = await run_in_threadpool(w.compat.entitlement, grant.subscriber_id, client_ip(request))
    row = await run_in_threadpool(w.compat.locate, grant.story_id)
    return await _deliver(w, ent, row, grant.format, grant.photo)
