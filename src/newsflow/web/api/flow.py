"""GET /api/v1/flow: the flow log by cursor, with long-poll.

Editors see every entry; subscribers see only the entries their subscription covers
(checked at read time), each with links to its documents. A long-poll waits on the
commit signal, not a sleep loop, and answers as soon as a matching entry commits.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from newsflow.core.filters import FlowFilters
from newsflow.core.flow import FlowEntry
from newsflow.core.language import primary_language
from newsflow.services.delivery import parse_list
from newsflow.web.deps import PrincipalDep, ServicesDep, client_ip

router = APIRouter(prefix="/api/v1", tags=["flow"])

FORMAT_NAMES = ("ninjs", "ninjs3", "newsmlg2", "text")


def entry_json(entry: FlowEntry, base_url: str, *, links: bool) -> dict[str, Any]:
    data = entry.to_dict()
    if links and entry.action.value != "withdraw":
        data["links"] = {
            fmt: f"{base_url}/api/v1/documents/{entry.story_id}?version={entry.version}&format={fmt}"
            for fmt in FORMAT_NAMES
        }
    return data


@router.get("/flow", summary="Flow entries after a cursor; long-polls with wait")
async def read_flow(
    request: Request,
    services: ServicesDep,
    principal: PrincipalDep,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    wait: Annotated[float, Query(ge=0, le=30)] = 0,
    category: str | None = None,
    language: str | None = None,
    priority: str | None = None,
    type: str | None = None,
) -> dict[str, Any]:
    filters = FlowFilters(
        parse_list(category, "category"),
        tuple(primary_language(x) for x in parse_list(language, "language")),
        parse_list(priority, "priority"),
        parse_list(type, "type"),
    )
    ent = None
    if not principal.is_editor:
        assert principal.subscriber_id is not None
        ent = await run_in_threadpool(services.subscribers.live_entitlement, principal.subscriber_id, client_ip(request))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while True:
        seen = services.signal.latest
        entries = await run_in_threadpool(services.delivery.flow_page, after, limit, filters, ent)
        remaining = deadline - loop.time()
        if entries or remaining <= 0:
            break
        if not await services.signal.wait_beyond(max(seen, after), remaining):
            entries = await run_in_threadpool(services.delivery.flow_page, after, limit, filters, ent)
            break
    base = services.settings.base_url
    return {
        "entries": [entry_json(e, base, links=ent is not None) for e in entries],
        "next": entries[-1].seq if entries else after,
    }
