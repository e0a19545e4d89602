"""The outgoing flow as subscribers see it, newest first, with every format one click away.

A subscriber's flow shows the entry fields and, except for withdrawals, links to the
documents (``/api/v1/documents/...``, which count as downloads and need a subscriber
key). The desk shows those same addresses, and a preview link per format that renders
the full document for the editor without counting a download.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from newsflow.core.story import Representation
from newsflow.formats import get_format
from newsflow.web.api.flow import FORMAT_NAMES
from newsflow.web.deps import get_services
from newsflow.web.desk.pages import EditorPage
from newsflow.web.portal.templates import render

router = APIRouter(include_in_schema=False)

PAGE = 50


def _newest(request: Request, before: int | None) -> tuple[list[dict[str, Any]], int | None]:
    """One page of entries below ``before`` (seqs are contiguous from 1), newest first."""
    services = get_services(request)
    rows: list[dict[str, Any]] = [
        {"entry": entry, "headline": headline} for entry, headline in services.newsroom.newest_entries(before, PAGE)
    ]
    base = services.settings.base_url
    for row in rows:
        e = row["entry"]
        row["links"] = [] if e.action.value == "withdraw" else [
            {"format": fmt,
             "subscriber_url": f"{base}/api/v1/documents/{e.story_id}?version={e.version}&format={fmt}",
             "preview": f"/desk/flow/{e.story_id}/{e.version}/{fmt}"}
            for fmt in FORMAT_NAMES
        ]
    oldest = rows[-1]["entry"].seq if rows else 1
    older = oldest if oldest > 1 else None  # the page below starts under this one
    return rows, older


@router.get("/desk/flow")
async def outgoing_flow(
    request: Request, principal: EditorPage, before: Annotated[int | None, Query(ge=1)] = None
) -> Response:
    rows, older = await run_in_threadpool(_newest, request, before)
    return render(request, "desk/flow.html", {"rows": rows, "older": older})


@router.get("/desk/flow/{story_id}/{version}/{fmt}")
async def preview_document(request: Request, story_id: int, version: int, fmt: str, principal: EditorPage) -> Response:
    services = get_services(request)
    get_format(fmt)  # an unknown format is a 4xx from the domain
    loaded = await run_in_threadpool(services.delivery.load, story_id, version)
    data = await run_in_threadpool(services.renderer.render, loaded, fmt, Representation.FULL)
    return Response(data, media_type=services.renderer.media_type(fmt), headers={"Cache-Control": "no-store"})
