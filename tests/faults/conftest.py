"""The fault suite: its own PostgreSQL and NATS, and the figures each test measured.

Timing is never a pass/fail condition here; the counts (acknowledged, found, gaps,
duplicates) are asserted, the times are reported (docs/faults.md keeps the latest).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.harness import NATS_SERVER, NatsServer, PgCluster, pg_cluster_available

FIGURES: list[str] = []


def record(line: str) -> None:
    FIGURES.append(line)
    print(line)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.write_sep("-", "fault injection figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture
def pg_cluster() -> Iterator[PgCluster]:
    reason = pg_cluster_available()
    if reason:
        pytest.skip(reason)
    cluster = PgCluster().init()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def nats_server(tmp_path: Path) -> Iterator[NatsServer]:
    if not Path(NATS_SERVER).exists():
        pytest.skip("nats-server not installed (apt-get install nats-server)")
    server = NatsServer(tmp_path / "nats")
    server.start()
    try:
        yield server
    finally:
        server.stop()
