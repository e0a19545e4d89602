"""Several worker processes on one port: ``newsflow serve --workers N``.

Each worker builds its own services (its own hub, woken by PostgreSQL NOTIFY and NATS
exactly like a node of its own) and then listens on its own socket bound with
``SO_REUSEPORT``: the kernel spreads new connections over the workers by a hash of their
addresses. One socket shared by every worker leaves the choice to whichever worker wakes
first, which put 11 of 12 idle-time streams on one worker when it was tried.

The parent process serves nothing: it starts the workers, starts another when one dies,
and stops them all on SIGINT / SIGTERM (each finishes its streams as a node does).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
from dataclasses import replace
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event
from types import FrameType

from newsflow.config import Settings

log = logging.getLogger("newsflow.workers")

STEADY_SECONDS = 60.0  # a worker that lived this long died by bad luck: restart it at once
MAX_BACKOFF_SECONDS = 30.0


def restart_delay(quick_deaths: int) -> float:
    """Seconds to wait before restarting a worker that died ``quick_deaths`` times in a row
    soon after starting: at once the first time, then 1, 2, 4 ... up to 30 s, so a worker
    that keeps failing (a lost database, a full disk) is not restarted in a tight loop."""
    if quick_deaths <= 1:
        return 0.0
    return min(MAX_BACKOFF_SECONDS, 2.0 ** (quick_deaths - 2))


class WorkerFailed(RuntimeError):
    """A worker died while starting; restarting it would only repeat that."""


def run_workers(host: str, port: int, workers: int) -> None:
    """Run ``workers`` worker processes on ``host:port`` until SIGINT or SIGTERM."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited threads or pools
    running: dict[int, tuple[BaseProcess, Event]] = {}
    started_at: dict[int, float] = {}
    quick_deaths: dict[int, int] = {}
    halt = threading.Event()  # set by SIGINT / SIGTERM: ends a wait before a restart
    stopping = False

    def start(slot: int) -> None:
        ready = context.Event()  # set once the worker listens
        process = context.Process(target=_worker, args=(host, port, ready), name=f"newsflow-worker-{slot}")
        process.start()
        running[slot] = (process, ready)
        started_at[slot] = time.monotonic()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        halt.set()
        for process, _ in running.values():
            if process.pid is not None and process.is_alive():
                os.kill(process.pid, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for slot in range(workers):
            start(slot)
        while running:
            wait([process.sentinel for process, _ in running.values()])
            for slot, (process, ready) in list(running.items()):
                if process.is_alive():
                    continue
                del running[slot]
                if stopping:
                    continue
                if not ready.is_set():  # broken, not unlucky: starting another would fail the same way
                    stop(signal.SIGTERM, None)
                    for other, _ in running.values():
                        other.join()
                    raise WorkerFailed(f"worker {slot} exited with status {process.exitcode} while starting")
                quick = time.monotonic() - started_at[slot] < STEADY_SECONDS
                quick_deaths[slot] = quick_deaths.get(slot, 0) + 1 if quick else 0
                delay = restart_delay(quick_deaths[slot])
                log.warning("worker %s (pid %s) exited with status %s; starting another in %.0f s",
                            slot, process.pid, process.exitcode, delay)
                if delay and halt.wait(delay):
                    continue  # told to stop while waiting
                start(slot)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _worker(host: str, port: int, ready: Event) -> None:
    import uvicorn

    from newsflow.web import logs
    from newsflow.web.app import create_app
    from newsflow.web.http_server import OneWriteHttp
    from newsflow.wiring import build_services

    # the worker processes already spread requests over the cores: no pool of text workers each
    settings = replace(Settings.from_env(), text_processes=0)
    logs.configure(settings.log_format)
    services = build_services(settings, migrate=False)  # the parent migrated once
    application = create_app(settings, services=services)
    gc.collect()
    gc.freeze()  # what lives as long as the process stays out of the collector's way
    # bound only now, ready to accept: a socket in the group is handed connections at once
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    sock.listen(2048)
    ready.set()
    config = uvicorn.Config(
        application, log_level="info", access_log=False, timeout_graceful_shutdown=3,
        http=OneWriteHttp,  # a complete response's head and body in one socket write
        # JSON lines: every logger (uvicorn's too) goes through newsflow.web.logs
        log_config=None if settings.log_format == "json" else uvicorn.config.LOGGING_CONFIG,
    )
    uvicorn.Server(config).run(sockets=[sock])
