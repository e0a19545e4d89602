"""What a node tells Prometheus: ``GET /metrics`` in the text exposition format.

Each node (each ``Services``) has a registry of its own, not ``prometheus_client``'s
global one, so several apps in one process (tests, benchmarks) never mix their numbers.

Two kinds of figures, chosen to keep the hot paths cheap:

* **Events** are counted where they happen, with plain ``prometheus_client`` objects
  handed in as callables: a commit (``committed``, an after-commit listener), the time
  from a commit to the bytes handed to the streams (``Hub(latency=...)``), one HTTP
  request (``http_request``), one search (``FollowedIndex.observe``).
* **States** are read only when Prometheus scrapes (``NodeCollector``): the flow's last
  sequence number, open streams, cut-offs, the database pool, the webhook backlog. The
  components keep plain integers; nothing is counted per subscriber per event, and a
  scrape costs at most one aggregate database query (the webhook totals), whose failure
  leaves those two gauges out instead of failing the scrape.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from newsflow.core.flow import FlowEntry
from newsflow.core.story import Action, StoryVersion

log = logging.getLogger("newsflow.metrics")

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

# Commit → bytes handed to a stream: milliseconds on one node, up to seconds across nodes.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
REQUEST_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(frozen=True, slots=True)
class NodeState:
    """Callables that read a node's state at scrape time (each cheap, none per subscriber)."""

    last_seq: Callable[[], int]
    streams: Callable[[], Mapping[str, int]]  # open connections by kind: sse, ws, public
    cutoffs: Callable[[], Mapping[tuple[str, str], int]]  # streams closed since start, by (kind, reason)
    pool_in_use: Callable[[], int]  # database connections checked out
    webhook_totals: Callable[[], tuple[int, int]]  # (backlog, open dead letters); may query


class NodeMetrics:
    """The node's registry and the instruments its components are handed."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.publishes = Counter(
            "newsflow_publishes", "Flow entries committed on this node, by action "
            "(publish, update, correct, withdraw).", ["action"], registry=self.registry,
        )
        for action in Action:  # every action is present from the start, at 0
            self.publishes.labels(action.value)
        self.commit_to_send = Histogram(
            "newsflow_commit_to_send_seconds",
            "From an entry's commit to its bytes handed to the open subscriber streams "
            "(SSE written, WebSocket queued), per entry.",
            buckets=LATENCY_BUCKETS, registry=self.registry,
        )
        self.http = Histogram(
            "newsflow_http_request_seconds", "HTTP requests by route template (streams excluded).",
            ["route"], buckets=REQUEST_BUCKETS, registry=self.registry,
        )
        self.search = Histogram(
            "newsflow_search_seconds", "Archive searches, including the wait for the index to catch up.",
            buckets=REQUEST_BUCKETS, registry=self.registry,
        )
        self._routes: dict[str, Callable[[float], None]] = {}
        self._publish_by_action = {a: self.publishes.labels(a.value).inc for a in Action}

    def watch(self, state: NodeState) -> None:
        """Read ``state`` at every scrape (called once, by the composition root)."""
        self.registry.register(NodeCollector(state))

    # -- events ---------------------------------------------------------------------------------
    def committed(self, entry: FlowEntry, _version: StoryVersion) -> None:
        """Newsroom listener: one flow entry committed here."""
        self._publish_by_action[entry.action]()

    def http_request(self, route: str, seconds: float) -> None:
        observe = self._routes.get(route)
        if observe is None:
            observe = self._routes[route] = self.http.labels(route).observe
        observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class NodeCollector(Collector):
    def __init__(self, state: NodeState) -> None:
        self.state = state

    def describe(self) -> list[Metric]:
        return []  # no fixed description: the figures are read at each scrape

    def collect(self) -> Iterator[Metric]:
        s = self.state
        yield _gauge("newsflow_flow_last_seq", "The newest flow sequence number this node knows of.", s.last_seq())
        streams = GaugeMetricFamily(
            "newsflow_stream_connections", "Open stream connections on this node, by kind.", labels=["kind"]
        )
        for kind, n in sorted(s.streams().items()):
            streams.add_metric([kind], n)
        yield streams
        cutoffs = CounterMetricFamily(
            "newsflow_stream_cutoffs", "Streams this node closed, by kind (sse, ws, public) and reason "
            "(slow_consumer, revoked, expired, shutdown).", labels=["kind", "reason"],
        )
        for (kind, reason), n in sorted(s.cutoffs().items()):
            cutoffs.add_metric([kind, reason], n)
        yield cutoffs
        yield _gauge("newsflow_db_pool_in_use", "Database connections checked out of the pool.", s.pool_in_use())
        try:
            backlog, dead = s.webhook_totals()
        except Exception as exc:  # the database is away: the other figures still matter
            log.warning("metrics: webhook totals unavailable: %s", exc)
            return
        yield _gauge("newsflow_webhook_backlog", "Flow entries the active webhook endpoints have not passed yet "
                     "(summed over endpoints).", backlog)
        yield _gauge("newsflow_webhook_dead_letters", "Dead-lettered webhook entries not replayed.", dead)


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)
