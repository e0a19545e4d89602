"""The flow log under concurrent publishers: a follower never skips an entry.

Many writer threads publish at once while a reader follows the log with a cursor,
exactly as a subscriber resuming "after N" would. If sequence numbers were handed out
at insert time rather than in commit order, an entry with a smaller number could
commit after the reader had moved past it, and the reader would never see it.
"""

from __future__ import annotations

import threading
import time

from newsflow.store import flow_log
from newsflow.wiring import Services
from tests.conftest import story_fields

WRITERS = 8
STORIES_PER_WRITER = 25


def test_concurrent_writers_never_let_a_follower_skip(services: Services) -> None:
    seen: list[int] = []
    done = threading.Event()
    errors: list[BaseException] = []

    def follow() -> None:
        cursor = 0
        try:
            while True:
                finished = done.is_set()
                with services.db.read() as conn:
                    entries = flow_log.read_after(conn, cursor, 50)
                for entry in entries:
                    seen.append(entry.seq)
                    cursor = entry.seq
                if finished and not entries:
                    return
                if not entries:
                    time.sleep(0.001)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def write(n: int) -> None:
        try:
            for i in range(STORIES_PER_WRITER):
                services.newsroom.create(
                    story_fields(headline=f"writer {n} story {i}", body="<p>Short.</p>"), publish=True
                )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    reader = threading.Thread(target=follow)
    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    reader.start()
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    done.set()
    reader.join(60)

    assert not errors, errors
    with services.db.read() as conn:
        all_seqs = [e.seq for e in flow_log.read_after(conn, 0, 100_000)]
    assert len(all_seqs) == WRITERS * STORIES_PER_WRITER
    assert all_seqs == list(range(1, len(all_seqs) + 1))  # dense and ordered
    assert seen == all_seqs  # the follower saw every entry, in order, none skipped
