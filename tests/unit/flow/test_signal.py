"""FlowSignal: commits reported from worker threads wake the loop's readers, none lost."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading

import pytest
from tests.waiting import LIVENESS

from newsflow.flow.signal import FlowSignal, wake_on_return

# a reader's own bound, far past the test's: a wait that ends only at its bound fails the test
NEVER = 10 * LIVENESS


def test_commits_from_many_threads_all_reach_a_reader() -> None:
    """Each reader waits past what it saw; the last seq of every thread is seen."""

    async def main() -> list[int]:
        signal = FlowSignal(0)
        signal.bind(asyncio.get_running_loop())
        per_thread, threads = 500, 4
        last = per_thread * threads
        seen: list[int] = []

        async def reader() -> None:
            at = 0
            while at < last:
                assert await signal.wait_beyond(at, NEVER), f"no wake past {at}"
                at = signal.latest
                seen.append(at)

        task = asyncio.create_task(reader())
        await asyncio.sleep(0)  # the reader waits before the first commit

        def commits(first: int) -> None:
            for seq in range(first, last + 1, threads):
                signal.notify(seq)

        workers = [threading.Thread(target=commits, args=(i + 1,)) for i in range(threads)]
        for w in workers:
            w.start()
        await asyncio.wait_for(task, LIVENESS)
        for w in workers:
            w.join()
        assert signal.latest == last
        return seen

    seen = asyncio.run(main())
    assert seen == sorted(seen) and seen[-1] == 2000


def test_notifies_while_a_wake_is_pending_are_read_by_it() -> None:
    """The loop is busy while a thread reports three commits: one wake shows the last."""

    async def main() -> tuple[bool, int]:
        signal = FlowSignal(0)
        signal.bind(asyncio.get_running_loop())
        waiting = asyncio.create_task(signal.wait_beyond(0, NEVER))
        await asyncio.sleep(0)
        # the loop does not run while this thread reports (the loop's thread is in join)
        def report() -> None:
            for seq in (1, 2, 3):
                signal.notify(seq)

        reporter = threading.Thread(target=report)
        reporter.start()
        reporter.join()
        woke = await asyncio.wait_for(waiting, LIVENESS)
        later = asyncio.create_task(signal.wait_beyond(3, NEVER))
        await asyncio.sleep(0)
        threading.Thread(target=signal.notify, args=(4,)).start()  # a wake after the first ran
        assert await asyncio.wait_for(later, LIVENESS)
        return woke, signal.latest

    assert asyncio.run(main()) == (True, 4)


def test_a_wait_with_nothing_committed_ends_at_its_timeout() -> None:
    async def main() -> bool:
        signal = FlowSignal(5)
        signal.bind(asyncio.get_running_loop())
        return await signal.wait_beyond(5, 0.01)

    assert asyncio.run(main()) is False


def test_a_notify_on_the_loop_wakes_at_once_and_an_old_seq_changes_nothing() -> None:
    async def main() -> tuple[bool, int]:
        signal = FlowSignal(0)
        signal.bind(asyncio.get_running_loop())
        waiting = asyncio.create_task(signal.wait_beyond(1, NEVER))
        await asyncio.sleep(0)
        signal.notify(2)
        signal.notify(1)
        return await asyncio.wait_for(waiting, LIVENESS), signal.latest

    assert asyncio.run(main()) == (True, 2)


def test_a_call_that_wakes_on_return_tells_the_loop_when_it_returns() -> None:
    """Inside ``wake_on_return`` a commit's wake waits for the call to return (the loop
    looks while it has not), then reaches the reader: one wake-up of the loop, not two."""

    async def main() -> tuple[bool, bool]:
        loop = asyncio.get_running_loop()
        signal = FlowSignal(0)
        signal.bind(loop)
        waiter = asyncio.create_task(signal.wait_beyond(0, NEVER))
        await asyncio.sleep(0)  # the reader waits before the commit
        looked: concurrent.futures.Future[bool] = concurrent.futures.Future()

        def look_a_turn_later() -> None:  # after the turn a wake sent before it would run in
            loop.call_soon(lambda: looked.set_result(waiter.done()))

        def publish() -> None:
            signal.notify(1)
            loop.call_soon_threadsafe(look_a_turn_later)
            looked.result(LIVENESS)  # the loop has looked while this call is still running

        await loop.run_in_executor(None, wake_on_return, publish)
        woken = await asyncio.wait_for(waiter, LIVENESS)
        return looked.result(), woken

    woken_before_return, woken = asyncio.run(main())
    assert not woken_before_return
    assert woken


def test_a_call_that_raises_still_wakes_the_loop() -> None:
    async def main() -> bool:
        loop = asyncio.get_running_loop()
        signal = FlowSignal(0)
        signal.bind(loop)
        waiter = asyncio.create_task(signal.wait_beyond(0, NEVER))
        await asyncio.sleep(0)

        def publish() -> None:
            signal.notify(1)
            raise ValueError("refused after the commit")

        with pytest.raises(ValueError, match="refused"):
            await loop.run_in_executor(None, wake_on_return, publish)
        return await asyncio.wait_for(waiter, LIVENESS)

    assert asyncio.run(main())
