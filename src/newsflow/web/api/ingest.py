"""POST /api/v1/ingest: NewsML-G2 or ninjs documents from other systems or agencies."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from newsflow.errors import PayloadTooLarge
from newsflow.services.ingest import parse_document
from newsflow.web.deps import EditorDep, ServicesDep

router = APIRouter(prefix="/api/v1", tags=["newsroom"])


@router.post(
    "/ingest",
    status_code=200,
    summary="Ingest a NewsML-G2 newsMessage/newsItem (application/xml) or a ninjs item (application/json)",
)
async def ingest(request: Request, services: ServicesDep, principal: EditorDep) -> dict[str, Any]:
    limit = services.settings.max_request_bytes
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise PayloadTooLarge(f"document is larger than {limit} bytes", field="body")
    items = parse_document(bytes(body), request.headers.get("content-type", ""))
    results = await run_in_threadpool(services.ingest.ingest, items, by=principal.name)
    return {"items": [r.to_dict() for r in results]}
