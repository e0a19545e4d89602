"""The operator's endpoints: ``/metrics`` (Prometheus) and ``/readyz`` (readiness).

``/healthz`` (liveness) sits in ``app.py``: it answers while the process runs, whatever
its dependencies do. ``/readyz`` answers ``503`` with the failing dependency named while
the database or NATS is unreachable. ``/metrics`` is for an admin token or for the
addresses in ``NEWSFLOW_METRICS_ALLOW`` (a Prometheus server scraping nodes directly).
"""

from __future__ import annotations

import asyncio
import ipaddress
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from newsflow.errors import AuthenticationFailed, NewsflowError
from newsflow.flow import readiness
from newsflow.flow.metrics import CONTENT_TYPE
from newsflow.services.accounts import Role
from newsflow.web import problems
from newsflow.web.deps import ServicesDep, bearer_token, client_ip, current_principal

router = APIRouter(include_in_schema=False)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(allow: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in allow)


def allowed(allow: tuple[str, ...], host: str | None) -> bool:
    """Whether ``host`` (the peer's address) is in the allow-list."""
    if not allow or not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in _networks(allow))


@router.get("/metrics")
async def metrics(request: Request, services: ServicesDep) -> Response:
    if not allowed(services.settings.metrics_allow, client_ip(request)):
        if bearer_token(request) is None and getattr(request.state, "session_user_id", None) is None:
            raise AuthenticationFailed(
                "send Authorization: Bearer <admin token>, or scrape from an address in NEWSFLOW_METRICS_ALLOW"
            )
        (await current_principal(request)).require(Role.ADMIN)
    # In a worker thread: the webhook totals are one database query.
    body = await run_in_threadpool(services.metrics.exposition)
    return Response(body, media_type=CONTENT_TYPE, headers={"Cache-Control": "no-store"})


@router.get("/readyz")
async def readyz(request: Request, services: ServicesDep) -> Response:
    bus = services.bus

    # PostgreSQL's engine reads its index method from the database, which may be away: read
    # in a thread, within the checks' time bound, so the event loop is never held by it.
    try:
        async with asyncio.timeout(readiness.CHECK_TIMEOUT):
            details = await asyncio.to_thread(services.search.readiness_details)
    except (NewsflowError, TimeoutError):
        details = {"full_text_index": "unknown"}  # the database check below says why
    report: dict[str, Any] = await readiness.check(
        services.db, (lambda: bus.connected) if bus is not None else None, details
    )
    if report["ok"]:
        return JSONResponse({"ready": True, "checks": report["checks"]}, headers={"Cache-Control": "no-store"})
    failing = [name for name, c in report["checks"].items() if not c["ok"]]
    detail = "; ".join(f"{name}: {report['checks'][name].get('error', 'unavailable')}" for name in failing)
    response = problems.problem_response(
        request, 503, "Not ready", detail, failing=failing, checks=report["checks"], retry_after=5
    )
    response.headers["Cache-Control"] = "no-store"
    return response
