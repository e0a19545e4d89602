"""The composition root: every long-lived object of a node, built once, in order.

Reading ``build_services`` top to bottom shows the whole system: the database, the
commit signal, the newsroom and its after-commit listeners, subscribers and delivery,
the followers of the flow log (the stream hub, the search index, the webhook
dispatcher, the public live stream) and the embargo clock, the public site's and the agency-compatible API's parts.
Nothing is built lazily on a first request, per request, or wired in a second step.

``Services.running()`` starts the node's background tasks and stops them again (and
the publishing threads, ``Services.publishers``);
``web/app.py:create_app`` mounts the routers on a ``Services`` it is given, and the
CLI, the benchmarks and the tests build theirs here too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from newsflow.config import Settings
from newsflow.core.clock import utcnow
from newsflow.core.flow import FlowEntry
from newsflow.core.story import StoryVersion
from newsflow.flow.access import StreamAccess
from newsflow.flow.alerts import AlertWorker
from newsflow.flow.changes import ChangeRelay
from newsflow.flow.embargo import Alarm, EmbargoClock
from newsflow.flow.hub import Hub
from newsflow.flow.leader import ALERTS_LEASE, WEBHOOKS_LEASE, run_as_leader
from newsflow.flow.mailer import SmtpMailer
from newsflow.flow.metrics import NodeMetrics, NodeState
from newsflow.flow.nats_bus import NatsFlowBus
from newsflow.flow.pg_listener import PgFlowListener
from newsflow.flow.public_stream import PublicStream
from newsflow.flow.recent import RecentFlow
from newsflow.flow.signal import FlowSignal
from newsflow.flow.webhooks import WebhookDispatcher
from newsflow.formats import AgencyNames
from newsflow.search.backends import open_index
from newsflow.search.follower import FollowedIndex, IndexFollower
from newsflow.search.index_process import ProcessIndexFollower
from newsflow.search.replica import ReplicaIndex, open_replica
from newsflow.search.sqlite_fts import SqliteSearch
from newsflow.services.accounts import Accounts
from newsflow.services.alerts import Alerts
from newsflow.services.compat import Compat, full_text_search
from newsflow.services.delivery import Delivery
from newsflow.services.ingest import Ingest
from newsflow.services.intervals import minimum_interval
from newsflow.services.leads import Leads
from newsflow.services.links import LinkSigner
from newsflow.services.media import MediaLibrary
from newsflow.services.media_access import MediaAccess
from newsflow.services.newsroom import Listener, Newsroom
from newsflow.services.page_cache import PageCache
from newsflow.services.public import PublicStories
from newsflow.services.rate_limits import RateLimit, rate_limiter
from newsflow.services.reading import Reading
from newsflow.services.rendering import Renderer
from newsflow.services.stats import Statistics
from newsflow.services.subscribers import Subscribers
from newsflow.services.text_pool import SuggestionPool
from newsflow.services.topics import SavedTopics
from newsflow.services.webhooks import Webhooks
from newsflow.store import flow_log
from newsflow.store import stories as story_store
from newsflow.store.database import Database
from newsflow.store.migrate import upgrade
from newsflow.text.gazetteer import load as load_places
from newsflow.text.gazetteer import place_names

log = logging.getLogger("newsflow")

Task = Callable[[], Coroutine[Any, Any, None]]

# The publishing threads (``web/api/stories.py:PublishBypass`` hands ``create`` to them):
# as many as the thread pool FastAPI's routes share (40), so concurrent PostgreSQL
# publishes still meet in a group commit.
PUBLISHING_THREADS = 40


def publishing_threads() -> ThreadPoolExecutor:
    """A node's publishing threads (started on first use, so an unused pool costs nothing)."""
    return ThreadPoolExecutor(max_workers=PUBLISHING_THREADS, thread_name_prefix="newsflow-publish")


@dataclass
class Services:
    settings: Settings
    db: Database
    signal: FlowSignal
    newsroom: Newsroom
    ingest: Ingest
    accounts: Accounts
    subscribers: Subscribers
    leads: Leads
    statistics: Statistics
    renderer: Renderer
    delivery: Delivery
    embargo: EmbargoClock
    stream_access: StreamAccess
    hub: Hub
    webhooks: Webhooks
    webhook_dispatcher: WebhookDispatcher
    media: MediaLibrary
    media_access: MediaAccess
    search: FollowedIndex
    index_follower: IndexFollower
    reading: Reading
    topics: SavedTopics
    alerts: Alerts
    compat: Compat
    link_signer: LinkSigner
    public: PublicStories
    page_cache: PageCache
    public_stream: PublicStream
    public_rate_limit: RateLimit
    metrics: NodeMetrics
    publishers: ThreadPoolExecutor
    bus: NatsFlowBus | None = None
    clock: Callable[[], datetime] = utcnow
    background: list[Task] = field(default_factory=list)
    alert_worker: AlertWorker | None = None
    suggestion_pool: SuggestionPool | None = None

    def stories_list(self, *, status: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            rows = story_store.list_rows(conn, status=status, limit=limit, offset=offset)
        return [
            {"id": r.id, "uri": r.uri, "status": r.status, "version": r.current_version,
             "headline": r.headline, "language": r.language, "priority": r.priority,
             "category": r.category, "public": r.public, "updated_at": r.updated_at.isoformat()}
            for r in rows
        ]

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Run the node's background tasks on the current event loop until exit."""
        self.signal.bind(asyncio.get_running_loop())
        tasks = [asyncio.create_task(start(), name=getattr(start, "__name__", "background")) for start in self.background]
        tasks.append(asyncio.create_task(_prewarm(self.search), name="search-prewarm"))
        # the gazetteer (city names of /abone/ documents, the name finders): read once,
        # in a thread, rather than during the first request that needs it
        tasks.append(asyncio.create_task(asyncio.to_thread(_load_places), name="places-prewarm"))
        pool = self.suggestion_pool
        if pool is not None:  # until its workers answer, publishes find suggestions in-process
            tasks.append(asyncio.create_task(asyncio.to_thread(pool.start), name="suggestion-workers"))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            # a publish still in its thread finishes (its suggestions' workers still answer)
            await asyncio.to_thread(self.publishers.shutdown)
            self.publishers = publishing_threads()  # an app started again on these services still publishes
            if pool is not None:
                await asyncio.to_thread(pool.stop)


def build_services(settings: Settings, *, clock: Callable[[], datetime] = utcnow, migrate: bool = True) -> Services:
    db = Database(settings.sqlalchemy_url)
    if migrate:
        upgrade(db)
    with db.read() as conn:
        signal = FlowSignal(flow_log.last_seq(conn))
    renderer = Renderer()
    metrics = NodeMetrics()  # this node's registry: GET /metrics

    def wake_streams(entry: FlowEntry, _version: StoryVersion) -> None:
        signal.notify(entry.seq)

    # The newsroom and what runs after each of its commits.
    page_cache = PageCache()
    embargo_alarm = Alarm()
    # This node's followers take what it just committed from memory (the log stays the
    # truth: they read it for anything they were not handed), so it is held first.
    recent = RecentFlow()
    listeners: list[Listener] = [recent.committed, wake_streams, page_cache.committed, metrics.committed]

    def log_end() -> int:  # what the NATS bus follows while NATS is unreachable
        with db.read() as conn:
            return flow_log.last_seq(conn)

    bus = NatsFlowBus(
        settings.nats_url, signal, agency=settings.agency, last_seq=log_end, replicas=settings.nats_replicas
    ) if settings.nats_url else None
    if bus is not None:
        listeners.append(bus.after_commit)
    # Publishing's text suggestions: in worker processes when the node has them.
    suggestion_pool = SuggestionPool(settings.text_processes)
    newsroom = Newsroom(
        db, settings, clock=clock, listeners=listeners, enricher=suggestion_pool, on_schedule=embargo_alarm.ring
    )
    embargo = EmbargoClock(newsroom, embargo_alarm)

    # Search: the index follows the flow log with its own stored cursor; readers wait
    # (bounded) for it to apply what was committed before their query.
    index = open_index(db, clock=clock)  # FTS5 on SQLite, tsvector on PostgreSQL
    index_follower: IndexFollower
    if settings.index_process and db.is_file_sqlite:  # on another core than the requests
        index_follower = ProcessIndexFollower(db, index, signal, clock=clock)
    else:
        index_follower = IndexFollower(db, index, signal, clock=clock, recent=recent)
    search = FollowedIndex(index, index_follower, signal)
    search.observe = metrics.search.observe
    # A PostgreSQL node may search a replica of the index in a local SQLite file, which
    # follows the flow log with its own cursor kept in that file (search/replica.py).
    replica_follower: IndexFollower | None = None
    if settings.search_replica is not None and db.dialect == "postgresql":
        replica_db = open_replica(settings.search_replica, migrate=migrate)
        replica_index = SqliteSearch(replica_db, clock=clock)
        if settings.index_process:  # analysing every story: on another core than the requests
            replica_follower = ProcessIndexFollower(replica_db, replica_index, signal, clock=clock, log=db)
        else:
            replica_follower = IndexFollower(replica_db, replica_index, signal, clock=clock, recent=recent, log=db)
        search = ReplicaIndex(replica_index, replica_follower, signal, search, settings.search_replica)
        search.observe = metrics.search.observe
    elif settings.search_replica is not None:
        log.warning("search: NEWSFLOW_SEARCH_REPLICA is for PostgreSQL nodes; this node's index is SQLite already")

    # Subscribers, their accounts, and delivery of the flow to them.
    subscribers = Subscribers(db, settings, clock=clock)
    accounts = Accounts(db, settings, clock=clock)
    delivery = Delivery(db, subscribers, renderer, clock=clock, signal=signal)
    stream_access = StreamAccess(db, accounts, settings.secret_key)
    hub = Hub(
        db, signal, renderer, subscribers, delivery, stream_access,
        buffer=settings.stream_buffer, heartbeat_seconds=settings.heartbeat_seconds, clock=clock,
        recent=recent, latency=metrics.commit_to_send.observe,
    )
    dispatcher = WebhookDispatcher(
        db, subscribers, renderer, signal, clock=clock, allow_private=settings.webhooks_allow_private
    )
    webhooks = Webhooks(db, settings, clock=clock, on_change=[dispatcher.endpoints_changed])
    subscribers.on_change.append(accounts.forget_tokens)  # a revoked key stops working at once
    subscribers.on_change.append(hub.subscriber_changed)  # revocation closes open streams
    subscribers.on_change.append(dispatcher.subscriber_changed)  # paused endpoints resume at once
    accounts.on_user_change.append(hub.user_changed)  # ended logins close their streams

    # The public site: its queries, and the live stream that also drops cached pages
    # for commits made on other nodes.
    public = PublicStories(db, settings, clock=clock)
    public_stream = PublicStream(
        db, signal, public, on_entry=page_cache.entry_seen, recent=recent,
        buffer=settings.stream_buffer, heartbeat_seconds=settings.heartbeat_seconds,
    )

    # The agency-compatible API: its names (categories, cities in tr/en/ar) and the
    # minimum interval between one user's calls, shared by all nodes on PostgreSQL.
    media = MediaLibrary(db, settings, clock=clock)
    agency_names = AgencyNames.build(settings.provider_prefix, settings.category_labels, place_names)
    compat = Compat(
        db, accounts, subscribers, delivery, renderer,
        min_interval_ms=settings.compat_min_interval_ms, clock=clock, full_text=full_text_search(search),
        names=agency_names, media=media,
        interval=minimum_interval(db, settings.compat_min_interval_ms / 1000),
    )

    services = Services(
        settings=settings,
        db=db,
        signal=signal,
        newsroom=newsroom,
        ingest=Ingest(newsroom),
        accounts=accounts,
        subscribers=subscribers,
        leads=Leads(db, subscribers, clock=clock),
        statistics=Statistics(db, clock=clock),
        renderer=renderer,
        delivery=delivery,
        embargo=embargo,
        stream_access=stream_access,
        hub=hub,
        webhooks=webhooks,
        webhook_dispatcher=dispatcher,
        media=media,
        media_access=MediaAccess(subscribers),
        search=search,
        index_follower=index_follower,
        reading=Reading(db, clock),
        topics=SavedTopics(db, clock=clock),
        alerts=Alerts(db, settings, subscribers, SmtpMailer.from_url(settings.smtp_url) if settings.smtp_url else None,
                      clock),
        compat=compat,
        link_signer=LinkSigner(settings.secret_key),
        public=public,
        page_cache=page_cache,
        public_stream=public_stream,
        public_rate_limit=rate_limiter(db, "subscribe", limit=5, window=600.0),  # shared on PostgreSQL
        metrics=metrics,
        publishers=publishing_threads(),
        bus=bus,
        clock=clock,
        suggestion_pool=suggestion_pool if settings.text_processes > 0 else None,
    )
    metrics.watch(NodeState(
        last_seq=lambda: signal.latest,
        streams=lambda: {**hub.open_by_wire, "public": public_stream.connections},
        cutoffs=lambda: {**hub.cutoffs, ("public", "slow_consumer"): public_stream.cutoffs},
        pool_in_use=db.pool_in_use,
        webhook_totals=lambda: webhooks.totals(signal.latest),
    ))

    # The node's background tasks, started by Services.running().
    services.background += [embargo.run, hub.run, index_follower.run, public_stream.run]
    if replica_follower is not None:
        services.background.append(replica_follower.run)
    services.background.append(media.run)  # video jobs: resumed on start, stopped on shutdown
    if db.dialect != "postgresql":
        services.background.append(dispatcher.run)  # webhooks follow the flow log
    else:
        # Several nodes may run. Only the holder of the lease delivers webhooks; commits
        # and subscription/endpoint changes made elsewhere wake this node at once.
        services.background.append(partial(run_as_leader, db.url, WEBHOOKS_LEASE, dispatcher.run))
        relay = ChangeRelay(db)
        relay.on_subscriber += [subscribers.forget, accounts.forget_tokens, hub.subscriber_changed, dispatcher.subscriber_changed]
        relay.on_webhooks.append(dispatcher.endpoints_changed)
        relay.on_user += [accounts.forget_user, hub.user_changed]
        accounts.on_user_change.append(relay.user_changed)
        subscribers.on_change.append(relay.subscriber_changed)
        webhooks.on_change.append(relay.webhooks_changed)
        services.background.append(PgFlowListener(db.url, signal, on_change=relay.received).run)
    if bus is not None:
        services.background.append(bus.run)
    if services.alerts.enabled:  # saved-topic e-mail follows the flow log, after commit
        services.alert_worker = AlertWorker(services.alerts, signal)
        if db.dialect == "postgresql":  # one sender per deployment
            services.background.append(partial(run_as_leader, db.url, ALERTS_LEASE, services.alert_worker.run))
        else:
            services.background.append(services.alert_worker.run)
    return services


def _load_places() -> None:
    load_places()  # a cached function: read once, kept for the process


async def _prewarm(search: FollowedIndex) -> None:
    """Read the search index into the page cache once, in a thread, after start-up."""
    started = time.perf_counter()
    try:
        read = await asyncio.to_thread(search.prewarm)
    except Exception:  # best effort: a cold cache only makes the first queries slower
        log.warning("search: prewarm failed", exc_info=True)
        return
    if read:
        log.info("search: prewarmed %.0f MiB in %.1f s", read / 2**20, time.perf_counter() - started)
