"""create_app: the HTTP edge, mounted on services built by ``newsflow.wiring``.

Reading this file shows every audience's routes and the layers in front of them; what
the routes call is built once in ``newsflow.wiring.build_services`` and handed in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from newsflow.config import Settings
from newsflow.web import media as media_files
from newsflow.web import ops, problems
from newsflow.web.abone import router as abone_router
from newsflow.web.admin import router as admin_portal
from newsflow.web.api import admin, flow, stories, stream, subscriber
from newsflow.web.api import ingest as ingest_api
from newsflow.web.api import media as media_api
from newsflow.web.api import search as search_api
from newsflow.web.api import text as text_api
from newsflow.web.api import webhooks as webhook_api
from newsflow.web.body_limit import BodyLimit
from newsflow.web.desk import router as desk_router
from newsflow.web.node_header import NodeHeader
from newsflow.web.observe import RequestObserver
from newsflow.web.portal import install_portal
from newsflow.web.public.site import install as install_public_site
from newsflow.web.wire import router as wire_router
from newsflow.wiring import Services


def create_app(settings: Settings, *, services: Services) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with services.running():  # the node's background tasks live as long as the app
            yield

    app = FastAPI(
        title="newsflow",
        version="0.1.0",
        description="A news agency's news flow system: newsroom, ordered flow, subscriber delivery.",
        lifespan=lifespan,
    )
    app.state.services = services
    problems.install(app)

    app.add_middleware(
        BodyLimit, max_bytes=settings.max_request_bytes,
        max_upload_bytes=max(settings.max_upload_bytes, settings.max_video_bytes),  # the largest kind of upload
    )

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        """Liveness: the process answers (``/readyz`` checks the dependencies)."""
        return {"ok": True, "flow": services.signal.latest}

    app.include_router(ops.router)  # /metrics and /readyz

    # JSON API (/api/v1), media files, the agency-compatible API (/abone), the portals.
    for module in (stories, flow, subscriber, admin, stream, text_api, ingest_api, webhook_api, media_api, search_api):
        app.include_router(module.router)
    for router in (media_files.router, abone_router, wire_router, desk_router, admin_portal):
        app.include_router(router)
    install_portal(app)  # browser portals: session cookie + CSRF, login, languages, /portal-static
    install_public_site(app, services)  # public pages, feeds, /static; last: it must shadow nothing
    # Outermost: the stream paths, document downloads and plain story creation skip the
    # HTTP middleware above (see StreamBypass, DocumentsBypass and PublishBypass).
    app.add_middleware(stories.PublishBypass, services=services)
    app.add_middleware(subscriber.DocumentsBypass, services=services)
    app.add_middleware(stream.StreamBypass, services=services)
    app.add_middleware(NodeHeader, node_name=settings.node_name)  # which node and worker answered
    # Outermost of all: every request's id, duration by route, and access line.
    app.add_middleware(RequestObserver, metrics=services.metrics, access_log=settings.log_format == "json")
    return app
