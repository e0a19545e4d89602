"""A background loop's wait for an event keeps a cancellation that arrives in the same
turn as the event (``asyncio.wait_for`` on Python 3.11 loses it, and the loop runs on)."""

from __future__ import annotations

import asyncio

import pytest
from tests.waiting import LIVENESS

from newsflow.flow.waits import wait_event


def test_a_cancellation_in_the_same_turn_as_the_event_is_kept() -> None:
    async def main() -> None:
        event = asyncio.Event()
        waiting = asyncio.Event()

        async def loop_forever() -> None:
            while True:
                event.clear()
                waiting.set()
                await wait_event(event, LIVENESS)

        task = asyncio.create_task(loop_forever())
        await waiting.wait()
        event.set()  # the wait is answered and the task cancelled in the same turn
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            async with asyncio.timeout(LIVENESS):
                await task

    asyncio.run(main())


def test_set_and_timeout_answers() -> None:
    async def main() -> tuple[bool, bool]:
        event = asyncio.Event()
        event.set()
        return await wait_event(event, LIVENESS), await wait_event(asyncio.Event(), 0)

    assert asyncio.run(main()) == (True, False)
