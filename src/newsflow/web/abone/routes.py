"""HTTP edge of the agency-compatible API: Basic auth, agency parameters, the envelope.

Every answer is ``{"response": {"success", "code", "message"}, "data": ...}``; errors are
domain exceptions, which ``web.problems`` turns into the same envelope for ``/abone``
paths (401 with ``WWW-Authenticate: Basic``, 429 with ``Retry-After``). The use cases
are in ``services.compat``; this module only parses and shapes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from newsflow.core.editing import parse_time
from newsflow.errors import InvalidInput
from newsflow.services.compat import (
    PICTURE_SIZES,
    VIDEO_SIZES,
    Caller,
    CatalogRow,
    Compat,
    Facets,
    Search,
)
from newsflow.services.links import LinkSigner
from newsflow.web.abone import vocab
from newsflow.web.abone.ids import format_id
from newsflow.web.deps import ServicesDep, basic_credentials, client_ip
from newsflow.web.problems import compat_envelope

if TYPE_CHECKING:
    from newsflow.wiring import Services

router = APIRouter(prefix="/abone", tags=["agency-compatible"])

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
RENDITIONS = PICTURE_SIZES
_RELATIVE = re.compile(r"^NOW(?:-(\d{1,5})(MINUTE|HOUR|DAY)S?)?$")
_UNITS = {"MINUTE": timedelta(minutes=1), "HOUR": timedelta(hours=1), "DAY": timedelta(days=1)}


@dataclass(frozen=True, slots=True)
class _Wired:
    """This API's use cases and link signer (built once by ``newsflow.wiring``)."""

    compat: Compat
    signer: LinkSigner


def wired(services: ServicesDep) -> _Wired:
    return _Wired(services.compat, services.link_signer)


WiredDep = Annotated[_Wired, Depends(wired)]


async def caller(request: Request, w: WiredDep) -> Caller:
    return await run_in_threadpool(w.compat.authenticate, basic_credentials(request), client_ip(request))


CallerDep = Annotated[Caller, Depends(caller)]


def ok(data: Any) -> JSONResponse:
    return JSONResponse(compat_envelope(200, None, data))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _agency_id(services: Services, row: CatalogRow, story_id: int | None = None) -> str:
    return format_id(services.settings.provider_prefix, row.type, row.firstcreated.date(), story_id or row.story_id)


@router.get("/discover/{lang}", summary="Numeric ids and labels for every filter")
async def discover(lang: str, w: WiredDep, services: ServicesDep, _: CallerDep) -> JSONResponse:
    code = vocab.language_of(lang)
    packages = await run_in_threadpool(w.compat.packages)
    return ok({
        "provider": vocab.listing(vocab.provider(services.settings.agency_name), code),
        "category": vocab.listing(vocab.categories(services.settings.categories, w.compat.names.category_labels), code),
        "priority": vocab.listing(vocab.PRIORITIES, code),
        "package": vocab.listing(vocab.packages(packages), code),
        "type": vocab.listing(vocab.TYPES, code),
        "language": vocab.listing(vocab.LANGUAGES, code),
    })


@router.get("/subscription/", summary="What this subscription covers, as discover ids")
async def subscription(w: WiredDep, services: ServicesDep, who: CallerDep) -> JSONResponse:
    ent = who.entitlement
    sub = await run_in_threadpool(w.compat.subscription, who)
    packages = await run_in_threadpool(w.compat.packages)
    def sizes(kind: str, names: tuple[str, ...]) -> list[str]:
        return [size for size in names if ent.allows_rendition(kind, size)]

    return ok({
        "provider": [1],
        "package": [pid for pid, name in packages if name in sub["packages"]],
        "category": vocab.ids_of(vocab.categories(services.settings.categories, w.compat.names.category_labels),
                                 ent.categories),
        "priority": vocab.ids_of(vocab.PRIORITIES[:4], ent.priorities),
        "type": vocab.ids_of([t for t in vocab.TYPES if t.value != "file"], ent.types),
        "language": vocab.ids_of(vocab.LANGUAGES, ent.languages),
        "photo_sizes": sizes("picture", RENDITIONS), "graphic_sizes": sizes("graphic", RENDITIONS),
        "video_sizes": sizes("video", VIDEO_SIZES),
        "archive_days": ent.archive_days,
        "download_limit": ent.download_limit,
        "expires_at": sub["expires_at"],
    })


async def _params(request: Request) -> dict[str, str]:
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            data = json.loads(await request.body() or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput("the body is not valid JSON", field="body") from None
        if not isinstance(data, dict):
            raise InvalidInput("the JSON body must be an object", field="body")
    else:
        data = dict((await request.form()).items())
    return {k: ("" if v is None else str(v)) for k, v in data.items() if isinstance(v, str | int | float) or v is None}


def _date(raw: str, now: datetime, field: str) -> datetime | None:
    value = raw.strip().upper()
    if not value:
        return None
    relative = _RELATIVE.match(value)
    if relative:
        count, unit = relative.groups()
        return now - int(count) * _UNITS[unit] if count else now
    return parse_time(raw.strip(), field)


def _int(raw: str | None, field: str, default: int, low: int, high: int) -> int:
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if not value.lstrip("-").isdigit() or not low <= int(value) <= high:
        raise InvalidInput(f"{field} must be an integer from {low} to {high}", field=field)
    return int(value)


def _search(p: dict[str, str], now: datetime, categories: tuple[str, ...], package: Facets | None) -> Search:
    start = _date(p.get("start_date", ""), now, "start_date")
    end = _date(p.get("end_date", ""), now, "end_date")
    if start and end and start > end:
        raise InvalidInput("start_date is after end_date", field="start_date")
    text = p.get("search_string", "").strip()
    if len(text) > 200:
        raise InvalidInput("search_string is longer than 200 characters", field="search_string")
    asked = Facets(
        vocab.values(vocab.categories(categories), p.get("filter_category"), "filter_category"),
        vocab.values(vocab.LANGUAGES, p.get("filter_language"), "filter_language"),
        vocab.values(vocab.TYPES, p.get("filter_type"), "filter_type"),
        vocab.values(vocab.PRIORITIES, p.get("filter_priority"), "filter_priority"),
    )
    return Search(
        filters=(asked, package) if package else (asked,),
        start=start, end=end, text=text or None,
        offset=_int(p.get("offset"), "offset", 0, 0, 1_000_000),
        limit=_int(p.get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
    )


@router.post("/search/", summary="Released documents you may fetch, newest first")
async def search(request: Request, w: WiredDep, services: ServicesDep, who: CallerDep) -> JSONResponse:
    p = await _params(request)
    package_ids = tuple(int(x) for x in _package_ids(p.get("filter_package")))
    package = await run_in_threadpool(w.compat.package_facets, package_ids) if package_ids else None
    query = _search(p, services.clock(), services.settings.categories, package)
    rows, total = await run_in_threadpool(w.compat.search, who, query)
    return ok({
        "total": total,
        "offset": query.offset,
        "limit": query.limit,
        "result": [
            {"id": _agency_id(services, r), "title": r.headline, "type": r.type,
             "date": _iso(r.date), "group_id": _group_id(services, r), "language": r.language}
            for r in rows
        ],
    })


def _package_ids(raw: str | None) -> list[str]:
    parts = [x.strip() for x in (raw or "").split(",") if x.strip()]
    bad = [x for x in parts if not x.isdigit()]
    if bad or len(parts) > 50:
        raise InvalidInput(f"unknown filter_package id {(bad or parts)[0]!r}", field="filter_package")
    return parts


def _group_id(services: Services, row: CatalogRow) -> str:
    """``<prefix>:group:<root story id>``: the same for a story and all its translations."""
    return f"{services.settings.provider_prefix}:group:{row.group_id}"
