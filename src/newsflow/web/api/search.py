"""``GET /api/v1/search``: the archive search for editors and subscribers.

Who sees what is decided by the ``Visibility`` handed to the index, built here from
the caller: editors see everything (withdrawn stories flagged), a subscriber sees what
its entitlement covers *now* (loaded per request through ``live_entitlement``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from newsflow.errors import PermissionDenied
from newsflow.search import MAX_LIMIT, SearchQuery, Visibility
from newsflow.web.deps import PrincipalDep, ServicesDep, client_ip

router = APIRouter(prefix="/api/v1", tags=["search"])

Many = Annotated[list[str] | None, Query(max_length=50)]


def _values(values: list[str] | None) -> tuple[str, ...]:
    """Repeated parameters and comma lists both work: ``?category=a&category=b`` or ``a,b``."""
    return tuple(v.strip() for raw in values or () for v in raw.split(",") if v.strip())


@router.get("/search", summary="Search the archive (words, \"phrases\", AND / OR / NOT, filters, facets)")
async def search(
    request: Request,
    services: ServicesDep,
    principal: PrincipalDep,
    q: Annotated[str, Query(max_length=500)] = "",
    language: Many = None,
    category: Many = None,
    priority: Many = None,
    type: Many = None,
    topic: Many = None,
    person: Many = None,
    place: Many = None,
    date_from: Annotated[datetime | None, Query(alias="from")] = None,
    date_to: Annotated[datetime | None, Query(alias="to")] = None,
    sort: Literal["relevance", "time"] = "relevance",
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    facets: bool = True,
) -> dict[str, Any]:
    if principal.is_editor:
        visibility = Visibility.editor()
    else:
        if principal.subscriber_id is None:
            raise PermissionDenied("searching needs an editor or a subscriber account")
        ent = await run_in_threadpool(
            services.subscribers.live_entitlement, principal.subscriber_id, client_ip(request)
        )
        visibility = Visibility.subscriber(ent, services.clock())
    query = SearchQuery(
        q=q, languages=_values(language), categories=_values(category), priorities=_values(priority),
        types=_values(type), topics=_values(topic), people=_values(person), places=_values(place),
        date_from=date_from, date_to=date_to, sort=sort, offset=offset, limit=limit,
        visibility=visibility, facets=facets,
    )
    result = await run_in_threadpool(services.search.search, query)
    body: dict[str, Any] = {
        "total": result.total, "total_exact": result.total_exact, "results": [h.to_dict() for h in result.hits],
    }
    if facets:
        body["facets"] = result.facets
    return body
