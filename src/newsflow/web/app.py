"""create_app: the one place where every adapter is built and wired together.

Reading this file top to bottom shows the whole system: the database, the commit
signal, the newsroom with its after-commit listeners, subscribers and delivery, the
embargo clock, and the routers per audience.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from fastapi import FastAPI, Request
from starlette.responses import Response

from newsflow.config import Settings
from newsflow.core.flow import FlowEntry
from newsflow.core.story import StoryVersion
from newsflow.errors import PayloadTooLarge
from newsflow.flow.access import StreamAccess
from newsflow.flow.changes import ChangeRelay
from newsflow.flow.embargo import EmbargoClock
from newsflow.flow.hub import Hub
from newsflow.flow.leader import WEBHOOKS_LEASE, run_as_leader
from newsflow.flow.nats_bus import NatsFlowBus
from newsflow.flow.pg_listener import PgFlowListener
from newsflow.flow.signal import FlowSignal
from newsflow.flow.webhooks import WebhookDispatcher
from newsflow.search import SearchIndex
from newsflow.search.backends import open_index
from newsflow.search.indexer import SearchIndexer
from newsflow.services.accounts import Accounts
from newsflow.services.delivery import Delivery
from newsflow.services.media import MediaLibrary
from newsflow.services.newsroom import Newsroom, utcnow
from newsflow.services.reading import Reading
from newsflow.services.rendering import Renderer
from newsflow.services.subscribers import Subscribers
from newsflow.services.suggestions import apply_suggestions
from newsflow.services.webhooks import Webhooks
from newsflow.store import flow_log
from newsflow.store import stories as story_store
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.web import media as media_files
from newsflow.web import problems
from newsflow.web.abone import router as abone_router
from newsflow.web.admin import router as admin_portal
from newsflow.web.api import admin, flow, stories, stream, subscriber
from newsflow.web.api import ingest as ingest_api
from newsflow.web.api import media as media_api
from newsflow.web.api import search as search_api
from newsflow.web.api import text as text_api
from newsflow.web.api import webhooks as webhook_api
from newsflow.web.desk import router as desk_router
from newsflow.web.portal import install_portal
from newsflow.web.public.site import install as install_public_site
from newsflow.web.wire import router as wire_router

log = logging.getLogger("newsflow")


@dataclass
class Services:
    settings: Settings
    db: Database
    signal: FlowSignal
    newsroom: Newsroom
    accounts: Accounts
    subscribers: Subscribers
    renderer: Renderer
    delivery: Delivery
    embargo: EmbargoClock
    stream_access: StreamAccess
    hub: Hub
    webhooks: Webhooks
    webhook_dispatcher: WebhookDispatcher
    media: MediaLibrary
    search: SearchIndex
    reading: Reading
    clock: Callable[[], datetime] = utcnow
    background: list[Callable[[], Any]] = field(default_factory=list)

    def stories_list(self, *, status: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            rows = story_store.list_rows(conn, status=status, limit=limit, offset=offset)
        return [
            {"id": r.id, "uri": r.uri, "status": r.status, "version": r.current_version,
             "headline": r.headline, "language": r.language, "priority": r.priority,
             "category": r.category, "public": r.public, "updated_at": r.updated_at.isoformat()}
            for r in rows
        ]


def build_services(settings: Settings, *, clock: Callable[[], datetime] = utcnow, migrate: bool = True) -> Services:
    db = Database(settings.sqlalchemy_url)
    if migrate:
        upgrade(db)
    with db.read() as conn:
        signal = FlowSignal(flow_log.last_seq(conn))
    renderer = Renderer()
    embargo = EmbargoClock()

    def wake_streams(entry: FlowEntry, _version: StoryVersion) -> None:
        signal.notify(entry.seq)

    newsroom = Newsroom(
        db, settings, clock=clock, listeners=[wake_streams], enricher=apply_suggestions, on_schedule=embargo.reschedule
    )
    embargo.newsroom = newsroom
    search = open_index(db, clock=clock)  # FTS5 on SQLite, tsvector on PostgreSQL
    newsroom.listeners.append(SearchIndexer(search))  # the index follows every commit
    subscribers = Subscribers(db, settings, clock=clock)
    accounts = Accounts(db, settings, clock=clock)
    delivery = Delivery(db, subscribers, renderer, clock=clock, signal=signal)
    stream_access = StreamAccess(db, accounts, settings.secret_key)
    hub = Hub(
        db, signal, renderer, subscribers, delivery, stream_access,
        buffer=settings.stream_buffer, heartbeat_seconds=settings.heartbeat_seconds, clock=clock,
    )
    subscribers.on_change.append(accounts.forget_tokens)  # a revoked key stops working at once
    subscribers.on_change.append(hub.subscriber_changed)  # revocation closes open streams
    dispatcher = WebhookDispatcher(
        db, subscribers, renderer, signal, clock=clock, allow_private=settings.webhooks_allow_private
    )
    webhooks = Webhooks(db, settings, clock=clock, on_change=[dispatcher.endpoints_changed])
    subscribers.on_change.append(dispatcher.subscriber_changed)  # paused endpoints resume at once
    services = Services(
        settings=settings,
        db=db,
        signal=signal,
        newsroom=newsroom,
        accounts=accounts,
        subscribers=subscribers,
        renderer=renderer,
        delivery=delivery,
        embargo=embargo,
        stream_access=stream_access,
        hub=hub,
        webhooks=webhooks,
        webhook_dispatcher=dispatcher,
        media=MediaLibrary(db, settings, clock=clock),
        search=search,
        reading=Reading(db, clock),
        clock=clock,
    )
    if db.dialect != "postgresql":
        services.background.append(dispatcher.run)  # webhooks follow the flow log
    else:
        # Several nodes may run. Only the holder of the lease delivers webhooks; commits
        # and subscription/endpoint changes made elsewhere wake this node at once.
        services.background.append(partial(run_as_leader, db.url, WEBHOOKS_LEASE, dispatcher.run))
        relay = ChangeRelay(db)
        relay.on_subscriber += [subscribers.forget, accounts.forget_tokens, hub.subscriber_changed, dispatcher.subscriber_changed]
        relay.on_webhooks.append(dispatcher.endpoints_changed)
        subscribers.on_change.append(relay.subscriber_changed)
        webhooks.on_change.append(relay.webhooks_changed)
        services.background.append(PgFlowListener(db.url, signal, on_change=relay.received).run)
    if settings.nats_url:
        bus = NatsFlowBus(settings.nats_url, signal, agency=settings.agency)
        newsroom.listeners.append(bus.after_commit)
        services.background.append(bus.run)
    return services


async def _prewarm(search: SearchIndex) -> None:
    """Read the search index into the page cache once, in a thread, after start-up."""
    started = time.perf_counter()
    try:
        read = await asyncio.to_thread(search.prewarm)
    except Exception:  # best effort: a cold cache only makes the first queries slower
        log.warning("search: prewarm failed", exc_info=True)
        return
    if read:
        log.info("search: prewarmed %.0f MiB in %.1f s", read / 2**20, time.perf_counter() - started)


def create_app(settings: Settings, *, services: Services | None = None) -> FastAPI:
    services = services or build_services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        services.signal.bind(loop)
        tasks = [asyncio.create_task(services.embargo.run(loop), name="embargo-clock")]
        tasks.append(asyncio.create_task(services.hub.run(), name="stream-hub"))
        for start in services.background:
            tasks.append(asyncio.create_task(start(), name=getattr(start, "__name__", "background")))
        tasks.append(asyncio.create_task(_prewarm(services.search), name="search-prewarm"))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    app = FastAPI(
        title="newsflow",
        version="0.1.0",
        description="A news agency's news flow system: newsroom, ordered flow, subscriber delivery.",
        lifespan=lifespan,
    )
    app.state.services = services
    problems.install(app)

    max_bytes = settings.max_request_bytes

    @app.middleware("http")
    async def limit_body(request: Request, call_next: Callable[[Request], Any]) -> Response:
        length = request.headers.get("content-length")
        limit = media_files.upload_limit(request.url.path, settings.max_upload_bytes) or max_bytes
        if length is not None and length.isdigit() and int(length) > limit:
            return problems.problem_response(
                request, 413, PayloadTooLarge.title, f"request body is larger than {limit} bytes"
            )
        return await call_next(request)  # type: ignore[no-any-return]

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"ok": True, "flow": services.signal.latest}

    # JSON API (/api/v1), media files, the agency-compatible API (/abone), the portals.
    for module in (stories, flow, subscriber, admin, stream, text_api, ingest_api, webhook_api, media_api, search_api):
        app.include_router(module.router)
    for router in (media_files.router, abone_router, wire_router, desk_router, admin_portal):
        app.include_router(router)
    install_portal(app)  # browser portals: session cookie + CSRF, login, languages, /portal-static
    install_public_site(app, services)  # public pages, feeds, /static; last: it must shadow nothing
    # Outermost: the stream paths and document downloads skip the HTTP middleware above
    # (see StreamBypass and DocumentsBypass).
    app.add_middleware(subscriber.DocumentsBypass, services=services)
    app.add_middleware(stream.StreamBypass, services=services)
    return app
