"""Publishing's text suggestions in worker processes, on the other cores.

Finding a story's people, places, organisations, topics and abbreviation is the costliest
part of a publish (several ms of CPU for 400 Arabic words). The suggestions stay part of
the publishing request: what they find is stored with the version every channel sends.
In the server's process that work holds the interpreter (one thread runs Python at a
time), so every other request waits for it; in a worker process it runs on another core
while the request's thread waits without holding anything.

A story of a line or two (a flash: body and headline of at most ``LOCAL_CHARS``
characters) is the exception: once ``start`` has loaded the tables in this process too,
the request finds its suggestions itself (about 0.2 ms of CPU), which costs less than
handing it to a worker and waking the request again with the answer.

A request sends the worker the plain strings it needs (``suggestions.Job``) and gets
plain values back, the same ones ``apply_suggestions`` would have found in the process:
both run ``suggestions.suggestions``. When no worker is running (a script, the CLI, a
test without a started pool) or a worker fails, the request finds them in its own process.

``enrich_async`` is the same from the event loop (a publish over HTTP): the loop sends the
job to an idle worker and reads the answer when the worker's pipe is readable, so no
thread waits for it. While every worker is busy the request waits on the loop; the next
worker given back goes to the request that waited longest. With no worker started, or
none free after ``IDLE_WAIT``, a thread finds the suggestions in the process.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import multiprocessing
import os
import queue
import signal as signals
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from newsflow.core.story import StoryContent
from newsflow.services.suggestions import Changes, Job, job_for, suggestions, with_suggestions

log = logging.getLogger("newsflow.text")

STOP_WAIT = 5.0  # seconds a stopping worker gets to finish its story
LOCAL_CHARS = 320  # body HTML and headline up to which a request finds its suggestions itself
IDLE_WAIT = 5.0  # seconds a request waits for a free worker before doing the work itself


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn


class SuggestionPool:
    """``enricher`` for the newsroom: ``apply_suggestions``, run by worker processes."""

    def __init__(self, processes: int, *, local_chars: int = LOCAL_CHARS) -> None:
        self.processes = processes
        self.local_chars = local_chars
        self._local = False  # this process's tables are loaded (by ``start``): a flash stays here
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._waiting: collections.deque[asyncio.Future[_Worker]] = collections.deque()  # requests on a loop
        self._handing = threading.Lock()  # a worker given back goes to a waiting request or to idle
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._started = False
        self._starting = False
        self._stops = 0  # how many times stop() ran: a start that sees it change gives up
        self._warming: list[BaseProcess] = []  # workers still answering their warm-up stories
        self.failures = 0  # workers that failed a story (each is replaced)
        self.completed = 0  # stories whose suggestions a worker found
        self.found_here = 0  # stories short enough to be found in this process

    def __call__(self, content: StoryContent) -> StoryContent:
        job = job_for(content)
        if job is None:
            return content
        return with_suggestions(content, self.run(job))

    async def enrich_async(self, content: StoryContent) -> StoryContent:
        """``self(content)`` awaited on the event loop (the same suggestions)."""
        job = job_for(content)
        if job is None:
            return content
        return with_suggestions(content, await self.run_async(job))

    def _here(self, job: Job) -> bool:
        """Whether this process finds ``job``'s suggestions itself (a flash, tables loaded)."""
        if self._local and len(job.body_html) + len(job.headline) <= self.local_chars:
            with self._lock:
                self.found_here += 1
            return True
        return False

    async def run_async(self, job: Job) -> Changes:
        if self._here(job):
            return suggestions(job)
        if not self._started:
            return await asyncio.to_thread(suggestions, job)
        worker = await self._idle_worker()
        if worker is None:  # every worker busy for that long, or none left: a thread finds them
            return await asyncio.to_thread(suggestions, job)
        loop = asyncio.get_running_loop()
        answered = False
        try:
            worker.conn.send(job)
            readable = loop.create_future()
            fd = worker.conn.fileno()
            loop.add_reader(fd, _readable, readable)
            try:
                await readable
            finally:
                loop.remove_reader(fd)
                os.set_blocking(fd, True)  # uvloop's poll handle made it non-blocking; ``run`` reads it blocking
            answered = True
            ok, value = worker.conn.recv()
        except (EOFError, OSError):  # the worker died: replace it, find them in a thread
            self._failed(worker)
            return await asyncio.to_thread(suggestions, job)
        except BaseException:  # cancelled while the worker works: its answer is read in a thread
            if not answered:
                threading.Thread(target=self._drain, args=(worker,), name="suggestions-drain", daemon=True).start()
            raise
        self._give_back(worker)
        if not ok:
            return await asyncio.to_thread(suggestions, job)
        with self._lock:
            self.completed += 1
        changes: Changes = value
        return changes

    def _drain(self, worker: _Worker) -> None:
        """Read the answer nobody waits for any more, then give the worker back."""
        try:
            worker.conn.recv()
        except (EOFError, OSError):
            self._failed(worker)
            return
        self._give_back(worker)

    async def _idle_worker(self) -> _Worker | None:
        """An idle worker, waited for on the loop (at most ``IDLE_WAIT``); None if none came."""
        with self._handing:
            with contextlib.suppress(queue.Empty):
                return self._idle.get_nowait()
            future: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
            self._waiting.append(future)
        try:
            async with asyncio.timeout(IDLE_WAIT):
                return await future
        except BaseException as exc:
            if future.done() and not future.cancelled():  # handed one just as the wait ended
                self._give_back(future.result())
            if isinstance(exc, TimeoutError):
                return None
            raise

    def _give_back(self, worker: _Worker) -> None:
        """A worker done with its story: to the request on a loop that waited longest, else idle."""
        with self._handing:
            future = None
            while self._waiting:
                future = self._waiting.popleft()
                if not future.done():
                    break
                future = None
            if future is None:
                self._idle.put(worker)
                return
        try:
            future.get_loop().call_soon_threadsafe(self._hand, future, worker)
        except RuntimeError:  # that loop closed
            self._give_back(worker)

    def _hand(self, future: asyncio.Future[_Worker], worker: _Worker) -> None:
        if future.done():  # the request stopped waiting meanwhile
            self._give_back(worker)
        else:
            future.set_result(worker)

    def run(self, job: Job) -> Changes:
        if not self._started or self._here(job):
            return suggestions(job)
        try:
            worker = self._idle.get(timeout=IDLE_WAIT)
        except queue.Empty:  # every worker busy for that long, or none left: find them here
            return suggestions(job)
        try:
            worker.conn.send(job)
            ok, value = worker.conn.recv()
        except (EOFError, OSError):  # the worker died: replace it, find them here
            self._failed(worker)
            return suggestions(job)
        self._give_back(worker)
        if not ok:  # the text functions raised: raise the same here, where it is handled
            return suggestions(job)
        with self._lock:
            self.completed += 1
        changes: Changes = value
        return changes

    # -- the workers ------------------------------------------------------------------------
    def start(self) -> None:
        """Start the workers (blocks until each answered its warm-up story, or the pool is
        stopped), then load this process's tables for the flashes it keeps."""
        with self._lock:
            if self._started or self._starting or self.processes < 1:
                return
            self._starting, stops = True, self._stops
        try:
            for _ in range(self.processes):
                try:
                    worker = _spawn(lambda process: self._warming_up(process, stops))
                except (EOFError, OSError):
                    if self._stops != stops:  # stop() ended it during its warm-up
                        return
                    raise
                with self._lock:
                    if worker.process in self._warming:
                        self._warming.remove(worker.process)
                    keep = self._stops == stops
                    if keep:
                        self._add(worker)
                if not keep:  # stopped meanwhile
                    _close(worker)
                    return
            with self._lock:
                self._started = self._stops == stops
            for job in WARM_UP:  # this process's tables too, for the flashes it keeps
                suggestions(job)
            with self._lock:
                self._local = self._started and self._stops == stops
        finally:
            with self._lock:
                self._starting = False

    def _warming_up(self, process: BaseProcess, stops: int) -> None:
        with self._lock:
            if self._stops == stops:
                self._warming.append(process)
                return
        process.terminate()  # stop() ran before it was seen: end it here

    def stop(self) -> None:
        """Stop the workers; a start still warming workers up ends them and returns, unwaited for."""
        with self._lock:
            self._started = self._local = False
            self._stops += 1
            workers, self._workers = self._workers, []
            warming, self._warming = self._warming, []
        for process in warming:
            process.terminate()  # its start() sees the pipe close and gives up
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.close()  # the worker's recv ends: it exits
        for worker in workers:
            _join(worker.process)
        for process in warming:
            process.join(STOP_WAIT)

    def _add(self, worker: _Worker) -> None:
        self._workers.append(worker)
        self._give_back(worker)

    def _failed(self, worker: _Worker) -> None:
        self.failures += 1
        log.warning("text: a suggestions worker failed (exit code %s); starting another", worker.process.exitcode)
        with contextlib.suppress(OSError):
            worker.conn.close()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
        threading.Thread(target=self._replace, name="suggestions-worker-start", daemon=True).start()

    def _replace(self) -> None:
        try:
            worker = _spawn()
        except Exception:
            log.exception("text: could not start a suggestions worker")
            return
        with self._lock:
            if self._started:
                self._add(worker)
                return
        _close(worker)

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid is not None]


# one story per language the finders have tables for: each table is loaded before a request needs it
WARM_UP = [
    Job("<p>Doha (Newsflow) - Qatar and Oman signed an agreement.</p>", "Qatar and Oman sign", "en", None, True, True),
    Job("<p>الدوحة (نيوزفلو) - وقعت قطر وعمان اتفاقية.</p>", "قطر وعمان توقعان اتفاقية", "ar", None, True, True),
    Job("<p>Ankara (Newsflow) - Türkiye ve Katar bir anlaşma imzaladı.</p>", "Türkiye ve Katar anlaştı", "tr", None, True, True),
]


def _readable(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _close(worker: _Worker) -> None:
    with contextlib.suppress(OSError):
        worker.conn.close()  # the worker's recv ends: it exits
    _join(worker.process)


def _join(process: BaseProcess) -> None:
    process.join(STOP_WAIT)
    if process.is_alive():
        process.terminate()
        process.join(STOP_WAIT)


def _spawn(started: Callable[[BaseProcess], None] = lambda _process: None) -> _Worker:
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no copied threads or locks
    ours, theirs = context.Pipe()
    process = context.Process(target=worker_main, args=(theirs,), name="newsflow-suggestions", daemon=True)
    process.start()
    theirs.close()
    started(process)
    try:
        for job in WARM_UP:  # the worker's tables are loaded before it takes a request
            ours.send(job)
            ours.recv()
    except BaseException:
        ours.close()
        raise
    return _Worker(process, ours)


def worker_main(conn: Connection) -> None:
    """A worker: one job at a time, until the server closes the pipe or goes away."""
    signals.signal(signals.SIGINT, signals.SIG_IGN)  # Ctrl-C reaches the whole group: the server stops us
    try:
        while True:
            job = conn.recv()
            try:
                conn.send((True, suggestions(job)))
            except Exception as exc:  # the server runs the job itself and handles what it raises
                conn.send((False, repr(exc)))
    except (EOFError, OSError, KeyboardInterrupt):
        return
