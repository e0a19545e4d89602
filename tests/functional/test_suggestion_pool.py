"""Publishing's text suggestions found by worker processes are the ones found in-process,
and they are stored with the published version; a worker that dies is replaced and the
request still gets its suggestions."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvloop
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.core.story import StoryContent
from newsflow.demo.stories import STORIES
from newsflow.services import text_pool
from newsflow.services.newsroom import Newsroom
from newsflow.services.suggestions import apply_suggestions
from newsflow.services.text_pool import SuggestionPool
from newsflow.web.app import create_app
from newsflow.wiring import build_services
from tests.conftest import ADMIN_TOKEN, story_fields
from tests.waiting import LIVENESS, wait_until


@pytest.fixture(scope="module")
def pool() -> Iterator[SuggestionPool]:
    p = SuggestionPool(2)
    p.start()
    try:
        yield p
    finally:
        p.stop()


def _contents() -> list[StoryContent]:
    newsroom = Newsroom(None, Settings())  # type: ignore[arg-type]  # content_from needs no database
    fields: list[dict[str, object]] = [dict(s) for s in STORIES]
    fields += [{**f, "public": True} for f in fields]  # the abbreviation too
    fields += [story_fields(), story_fields(people=["Ana Lima"]), story_fields(public=True, abbreviation="Given.")]
    return [newsroom.content_from({k: v for k, v in f.items() if k in _FIELDS}) for f in fields]


_FIELDS = {"language", "headline", "body", "priority", "category", "dateline", "public", "people", "abbreviation"}


def test_workers_find_what_the_request_would_have_found(pool: SuggestionPool) -> None:
    contents = _contents()
    assert len(contents) > 10
    done_before = pool.completed
    for content in contents:
        assert pool(content) == apply_suggestions(content)
    assert pool.completed > done_before  # the workers did them, not this process
    assert pool.failures == 0


def test_awaited_on_the_loop_the_workers_find_the_same(pool: SuggestionPool) -> None:
    """``enrich_async`` (a publish on the event loop) gets what ``pool(content)`` gets,
    and a request cancelled while a worker works leaves that worker's answer to a thread:
    the next story does not get the cancelled one's suggestions."""
    contents = _contents()

    async def main() -> None:
        done_before = pool.completed
        for content in contents:
            assert await pool.enrich_async(content) == apply_suggestions(content)
        assert pool.completed > done_before
        # two at once: both workers busy on a long story, one request cancelled
        first, second = contents[0], contents[1]
        cancelled = asyncio.ensure_future(pool.enrich_async(first))
        other = asyncio.ensure_future(pool.enrich_async(second))
        await asyncio.sleep(0)  # both sent their jobs
        cancelled.cancel()
        assert await other == apply_suggestions(second)
        with pytest.raises(asyncio.CancelledError):
            await cancelled
        for content in contents[:6]:  # every worker is back, each answering its own job
            assert await pool.enrich_async(content) == apply_suggestions(content)
        # more requests at once than workers: the others wait on the loop for a worker given back
        done = pool.completed
        found = await asyncio.gather(*(pool.enrich_async(content) for content in contents[:8]))
        assert found == [apply_suggestions(content) for content in contents[:8]]
        assert pool.completed == done + 8 and not pool._waiting

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:  # the server's loop
        runner.run(main())
    wait_until(lambda: pool._idle.qsize() == 2, "both workers idle again")
    done = pool.completed
    for content in contents[:4]:  # a thread's blocking read of the same workers still works
        assert pool(content) == apply_suggestions(content)
    assert pool.completed == done + 4
    assert pool.failures == 0


def test_a_flash_is_found_in_this_process_and_a_longer_story_by_a_worker(pool: SuggestionPool) -> None:
    """A story of a line or two (at most ``local_chars`` of body and headline) is found by
    the request itself, from a thread or on the loop, with the same suggestions; anything
    longer still goes to a worker."""
    newsroom = Newsroom(None, Settings())  # type: ignore[arg-type]  # content_from needs no database
    flash = newsroom.content_from(story_fields(
        headline="Erdoğan receives Starmer in Ankara", body="ANKARA (Newsflow) - President Recep Tayyip Erdoğan received British Prime Minister Keir Starmer.",
        public=True))
    longer = _contents()[0]
    assert len(flash.body_html) + len(flash.headline) <= pool.local_chars < len(longer.body_html)
    expected = apply_suggestions(flash)
    assert expected.people  # the flash has names to find
    here, done = pool.found_here, pool.completed
    assert pool(flash) == expected
    assert (pool.found_here, pool.completed) == (here + 1, done)
    assert pool(longer) == apply_suggestions(longer)
    assert (pool.found_here, pool.completed) == (here + 1, done + 1)

    async def main() -> None:
        assert await pool.enrich_async(flash) == expected
        assert await pool.enrich_async(longer) == apply_suggestions(longer)

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main())
    assert (pool.found_here, pool.completed) == (here + 2, done + 2)


def test_a_pool_not_started_keeps_no_story_for_itself() -> None:
    """Before ``start`` has loaded this process's tables (and after ``stop``) nothing is
    counted as kept: with no workers every story is found in the process anyway."""
    pool = SuggestionPool(1)
    content = Newsroom(None, Settings()).content_from(story_fields())  # type: ignore[arg-type]
    assert pool(content) == apply_suggestions(content)
    assert pool.found_here == 0 and not pool._local


def test_a_dead_worker_is_replaced_and_the_story_still_gets_its_suggestions(pool: SuggestionPool) -> None:
    content = _contents()[0]
    expected = apply_suggestions(content)
    victims = pool.pids
    assert len(victims) == 2
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    for _ in range(2):  # each dead worker fails one story, found in-process instead
        assert pool(content) == expected
    assert pool.failures == 2
    wait_until(lambda: len(pool.pids) == 2 and not set(pool.pids) & set(victims), "two new workers")
    done = pool.completed
    assert pool(content) == expected
    assert pool.completed == done + 1


def test_a_published_version_carries_the_workers_suggestions(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, base_url="http://testserver", admin_token=ADMIN_TOKEN,
                        secret_key="test-secret-key", text_processes=1)
    services = build_services(settings)
    pool = services.suggestion_pool
    assert pool is not None
    try:
        with TestClient(create_app(settings, services=services)) as client:
            wait_until(lambda: len(pool.pids) == 1, "the suggestions worker to start")
            arabic = next(s for s in STORIES if s["language"] == "ar")
            fields = {k: v for k, v in arabic.items() if k in _FIELDS} | {"public": True}
            r = client.post("/api/v1/stories?publish=true", json=fields,
                            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
            assert r.status_code == 201, r.text
            assert pool.completed == 1
            stored = services.newsroom.version(r.json()["id"]).content
            expected = apply_suggestions(services.newsroom.content_from(fields))
            assert stored.abbreviation and stored.abbreviation == expected.abbreviation
            assert (stored.people, stored.places, stored.organisations, stored.keywords, stored.subjects) == (
                expected.people, expected.places, expected.organisations, expected.keywords, expected.subjects)
        assert pool.pids == []  # stopped with the server
    finally:
        services.db.dispose()


class Stall:
    """A warm-up story a worker never answers: taking it off the pipe blocks the worker."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return signal.pause, ()


def _workers() -> set[multiprocessing.process.BaseProcess]:
    return {p for p in multiprocessing.active_children() if p.name == "newsflow-suggestions"}


def test_stopping_while_a_worker_warms_up_ends_it_without_waiting_for_the_warm_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A node stopped soon after it started stops at once, not once its workers have loaded their tables."""
    monkeypatch.setattr(text_pool, "WARM_UP", [Stall()])
    others = _workers()  # another pool's, left alone

    def _warming() -> set[multiprocessing.process.BaseProcess]:
        return _workers() - others

    pool = SuggestionPool(1)
    starting = threading.Thread(target=pool.start, daemon=True)
    starting.start()
    try:
        wait_until(_warming, "a worker to start its warm-up")
        stopping = threading.Thread(target=pool.stop, daemon=True)
        stopping.start()
        stopping.join(LIVENESS)
        assert not stopping.is_alive(), "stop() waited for a warm-up that never ends"
        starting.join(LIVENESS)
        assert not starting.is_alive(), "start() went on after stop()"
        assert not _warming() and pool.pids == []
    finally:
        for process in _warming():
            process.terminate()
