"""The subscriber wire under load: 200 open EventSource clients and a burst of 50 stories.

    .venv/bin/python bench/bench_wire.py [--clients 200] [--stories 50]

The server is the product (``newsflow serve``) in its own process on SQLite in a temp
dir. Clients use the wire's own token flow, exactly as ``wire-live.js`` does: log in at
``/wire/login`` (cookie + CSRF), ``POST /api/v1/stream/token`` with ``X-CSRF-Token``
(falling back to ``/wire/stream-token``), then ``GET /api/v1/stream?token=…&format=ninjs``
read as Server-Sent Events. Half the subscriber users may read everything, half only
``economy``; the burst mixes economy and politics, so every client must receive
exactly its entitled stories — the run fails loudly if any client misses one or gets
one it should not.

Time to display is measured in one real Chromium (``/usr/bin/chromium``) with
``/wire/`` open: ``wire-live.js`` records ``performance.timeOrigin + performance.now()``
when it inserts an entry; compared with the wall-clock time the publish request was
sent. Everything runs on one machine, so one clock.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from calibration import machine_line
from newsflow.config import Settings
from newsflow.services.accounts import Role
from newsflow.wiring import build_services

ADMIN = "bench-admin-token-0123456789"
PASSWORD = "bench-wire-pass-1"
CHROMIUM = "/usr/bin/chromium"
USERS = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def setup(data_dir: Path) -> list[tuple[str, bool]]:
    """Subscriber users: (username, reads everything?)."""
    services = build_services(Settings(data_dir=data_dir, secret_key="bench-secret", admin_token=ADMIN))
    users = []
    for i in range(USERS):
        everything = i % 2 == 0
        sub = services.subscribers.create({"name": f"Sub {i}", **({} if everything else {"categories": ["economy"]})})
        name = f"wire{i}"
        services.accounts.create_user(name, Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"])
        users.append((name, everything))
    services.db.dispose()
    return users


async def login(base: str, username: str) -> tuple[httpx.Cookies, str]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as c:  # argon2 logins queue up
        page = await c.get("/wire/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = await c.post("/wire/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
        assert r.status_code == 303, r.text
        wire = await c.get("/wire/")
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', wire.text).group(1)  # type: ignore[union-attr]
        return c.cookies, csrf


async def client(base: str, cookies: httpx.Cookies, csrf: str, received: dict[str, float],
                 ready: asyncio.Event, opened: list[int]) -> None:
    async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=None) as c:
        token = None
        for url in ("/api/v1/stream/token", "/wire/stream-token"):
            r = await c.post(url, headers={"X-CSRF-Token": csrf})
            if r.status_code == 200:
                token = r.json()["token"]
                break
        assert token, "no stream token"
        async with c.stream("GET", "/api/v1/stream", params={"token": token, "format": "ninjs"}) as stream:
            assert stream.status_code == 200
            opened.append(1)
            ready.set()
            data: list[str] = []
            async for line in stream.aiter_lines():
                if line.startswith("data: "):
                    data.append(line[6:])
                elif line == "" and data:
                    doc = json.loads("\n".join(data))
                    received.setdefault(doc["uri"], time.time())
                    data = []


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


async def run(clients: int, stories: int) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-wire-"))
    users = setup(tmp)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NEWSFLOW_DATA_DIR": str(tmp), "NEWSFLOW_PORT": str(port), "NEWSFLOW_ADMIN_TOKEN": ADMIN,
           "NEWSFLOW_SECRET_KEY": "bench-secret", "NEWSFLOW_BASE_URL": base}
    server = subprocess.Popen([str(Path(sys.executable).parent / "newsflow"), "serve"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        async with httpx.AsyncClient(base_url=base) as probe:
            for _ in range(200):
                try:
                    if (await probe.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
        sessions = [await login(base, u) for u, _ in users]
        received: list[dict[str, float]] = [{} for _ in range(clients)]
        entitled_all = [users[i % USERS][1] for i in range(clients)]
        opened: list[int] = []
        ready = asyncio.Event()
        tasks = [asyncio.create_task(client(base, *sessions[i % USERS], received[i], ready, opened))
                 for i in range(clients)]
        while len(opened) < clients:
            await asyncio.sleep(0.05)
            for t in tasks:
                if t.done() and t.exception():
                    raise t.exception()  # type: ignore[misc]
        browser = await asyncio.to_thread(open_browser, base, users[0][0])
        sent: dict[str, float] = {}
        categories: dict[str, str] = {}
        async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {ADMIN}"}) as admin:
            async def publish(n: int) -> None:
                category = "economy" if n % 2 == 0 else "politics"
                started = time.time()
                r = await admin.post("/api/v1/stories?publish=true", json={
                    "language": "en", "headline": f"Burst story {n}", "category": category, "priority": "routine",
                    "body": f"<p>Story {n} of the burst.</p>"})
                assert r.status_code == 201, r.text
                uri = r.json()["uri"]
                sent[uri] = started
                categories[uri] = category
            burst_start = time.time()
            sem = asyncio.Semaphore(5)

            async def limited(n: int) -> None:
                async with sem:
                    await publish(n)
            await asyncio.gather(*(limited(n) for n in range(stories)))
            burst_seconds = time.time() - burst_start
        deadline = time.time() + 60
        while time.time() < deadline:
            done = all(set(received[i]) >= {u for u, c in categories.items() if entitled_all[i] or c == "economy"}
                       for i in range(clients))
            if done:
                break
            await asyncio.sleep(0.1)
        display = await asyncio.to_thread(read_browser, browser, sent)
        for t in tasks:
            t.cancel()
        missing = wrong = 0
        latencies: list[float] = []
        for i in range(clients):
            want = {u for u, c in categories.items() if entitled_all[i] or c == "economy"}
            got = set(received[i]) & set(sent)
            missing += len(want - got)
            wrong += len(got - want)
            latencies += [(received[i][u] - sent[u]) * 1000 for u in got & want]
        return {"clients": clients, "stories": stories, "burst_seconds": burst_seconds,
                "deliveries": len(latencies), "missing": missing, "not_entitled_received": wrong,
                "receive_ms": summary(latencies), "display_ms": summary(display), "displayed": len(display)}
    finally:
        server.terminate()
        server.wait(10)


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {"p50": statistics.median(values), "p95": percentile(values, 0.95), "max": max(values)}


def open_browser(base: str, username: str) -> Any:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        return None
    pw = sync_playwright().start()
    chromium = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu",
                                                                  "--disable-background-networking"])
    page = chromium.new_page()
    page.goto(f"{base}/wire/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{base}/wire/**")
    page.wait_for_selector("body[data-live='1']")
    return (pw, chromium, page)


def read_browser(handle: Any, sent: dict[str, float]) -> list[float]:
    if handle is None:
        return []
    pw, chromium, page = handle
    # A function evaluated once, resolving when the page has shown them all: the page's CSP
    # (no unsafe-eval) refuses the string predicates wait_for_function polls with.
    page.evaluate(
        """(n) => new Promise((resolve, reject) => {
             const started = Date.now();
             const check = () => window.nfDisplayed.length >= n ? resolve()
               : Date.now() - started > 60000 ? reject(new Error("not all entries were shown"))
               : setTimeout(check, 20);
             check();
           })""",
        len(sent),
    )
    shown = page.evaluate("window.nfDisplayed")
    chromium.close()
    pw.stop()
    return [d["at"] - sent[d["uri"]] * 1000 for d in shown if d["uri"] in sent]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--stories", type=int, default=50)
    args = parser.parse_args()
    machine = machine_line()  # before the load starts
    result = asyncio.run(run(args.clients, args.stories))
    print(json.dumps(result, indent=2))
    print(machine)
    if result["missing"] or result["not_entitled_received"]:
        sys.exit("FAIL: a client missed an entitled story or received one it is not entitled to")


if __name__ == "__main__":
    main()
