"""``newsflow serve`` as an operator meets it: a missing database or NATS at start-up, waiting
for them, and JSON log lines with request ids. Real processes, on ports the kernel hands out
(``next_port`` in ``tests/faults/harness.py``), so two test runs on one machine do not collide."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN_TOKEN
from tests.faults.harness import NATS_SERVER, NatsServer, next_port
from tests.waiting import LIVENESS, wait_until

NEWSFLOW = str(Path(sys.executable).parent / "newsflow")


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    return {**env, "NEWSFLOW_DATA_DIR": str(tmp_path), "NEWSFLOW_SECRET_KEY": "test-secret-key",
            "NEWSFLOW_ADMIN_TOKEN": ADMIN_TOKEN, **extra}


def serve_fails(tmp_path: Path, **extra: str) -> tuple[int, list[str]]:
    port = next_port()
    done = subprocess.run(
        [NEWSFLOW, "serve", "--port", str(port)], env=environment(tmp_path, **extra),
        capture_output=True, text=True, timeout=LIVENESS,
    )
    return done.returncode, [line for line in done.stderr.splitlines() if line.strip()]


def test_an_unreachable_database_stops_the_node_with_one_line(tmp_path: Path) -> None:
    nobody = next_port()  # nothing listens there
    code, lines = serve_fails(tmp_path, NEWSFLOW_DATABASE_URL=f"postgresql://postgres:s3cret@127.0.0.1:{nobody}/newsflow")
    assert code != 0
    assert len(lines) == 1, lines
    [line] = lines
    assert line.startswith("error: PostgreSQL at postgresql://postgres:***@127.0.0.1:")
    assert "(NEWSFLOW_DATABASE_URL) is unreachable:" in line
    assert "refused" in line.lower()
    assert "s3cret" not in line


def test_an_unreachable_nats_stops_the_node_with_one_line(tmp_path: Path) -> None:
    nobody = next_port()
    code, lines = serve_fails(tmp_path, NEWSFLOW_NATS_URL=f"nats://user:s3cret@127.0.0.1:{nobody}")
    assert code != 0
    assert lines == [f"error: NATS at nats://127.0.0.1:{nobody} (NEWSFLOW_NATS_URL) is unreachable: Connection refused"]


def test_an_unreachable_nats_cluster_is_named_server_by_server(tmp_path: Path) -> None:
    first, second = next_port(), next_port()
    code, lines = serve_fails(tmp_path, NEWSFLOW_NATS_URL=f"nats://u:s3cret@127.0.0.1:{first}, nats://127.0.0.1:{second}")
    assert code != 0
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: NATS at nats://127.0.0.1:{first},nats://127.0.0.1:{second} (NEWSFLOW_NATS_URL)")
    assert "s3cret" not in lines[0]


class Lines:
    """A process's stderr, line by line, read by a thread."""

    def __init__(self, stream: Any) -> None:
        self.lines: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self.lines.append(line.rstrip("\n"))

    def seen(self, prefix: str) -> str | None:
        return next((line for line in list(self.lines) if line.startswith(prefix)), None)


@pytest.fixture
def waiting_node(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Lines, NatsServer, str]]:
    if not Path(NATS_SERVER).exists():
        pytest.skip("nats-server not installed (apt-get install nats-server)")
    nats = NatsServer(tmp_path / "nats")
    port = next_port()
    env = environment(tmp_path / "node", NEWSFLOW_NATS_URL=nats.url, NEWSFLOW_LOG_FORMAT="json",
                      NEWSFLOW_PORT=str(port))
    process = subprocess.Popen(
        [NEWSFLOW, "serve", "--wait-for-services"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process, Lines(process.stderr), nats, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(LIVENESS)
        nats.stop()


def answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def test_wait_for_services_waits_for_nats_then_serves_with_json_logs(
    waiting_node: tuple[subprocess.Popen[str], Lines, NatsServer, str],
) -> None:
    process, stderr, nats, url = waiting_node
    line = wait_until(lambda: stderr.seen("waiting: NATS at "), "the node to say it waits for NATS")
    assert "(NEWSFLOW_NATS_URL) is unreachable: Connection refused" in line
    assert process.poll() is None and not answers(url)

    nats.start()
    wait_until(lambda: answers(url) or process.poll() is not None, "the node to start once NATS is up")
    assert process.poll() is None, "\n".join(stderr.lines)
    assert stderr.seen("the database and NATS answer; starting")
    wait_until(lambda: httpx.get(f"{url}/readyz", timeout=LIVENESS).status_code == 200, "the node to be ready")

    given = httpx.get(f"{url}/api/v1/stories", headers={"X-Request-ID": "req-abc.123",
                                                         "Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=LIVENESS)
    assert given.headers["X-Request-ID"] == "req-abc.123"
    made = httpx.get(f"{url}/api/v1/stories/987654", headers={"X-Request-ID": "bad id\twith spaces",
                                                              "Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=LIVENESS)
    assert made.status_code == 404
    generated = made.headers["X-Request-ID"]
    assert generated != "bad id\twith spaces" and re.fullmatch(r"[0-9a-f]{12}-[0-9a-f]+", generated)

    def access_lines() -> list[dict[str, Any]]:
        started = stderr.lines.index("the database and NATS answer; starting")
        records = [json.loads(line) for line in stderr.lines[started + 1:]]  # every line is one object
        return [r for r in records if r["logger"] == "newsflow.access"]

    def logged() -> dict[str, dict[str, Any]] | None:  # written just after each response is sent
        by_id = {r.get("request_id"): r for r in access_lines()}
        return by_id if {"req-abc.123", generated} <= set(by_id) else None

    by_id = wait_until(logged, "the two requests' access lines")
    assert by_id["req-abc.123"]["route"] == "/api/v1/stories"
    assert by_id["req-abc.123"]["status"] == 200
    assert by_id[generated]["route"] == "/api/v1/stories/{story_id}"
    assert by_id[generated]["status"] == 404
    assert by_id[generated]["path"] == "/api/v1/stories/987654"
    assert {"time", "level", "message"} <= set(by_id[generated])
