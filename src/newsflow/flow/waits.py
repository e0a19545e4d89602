"""Waiting for an event with a time limit, without losing a cancellation.

On Python 3.11, ``asyncio.wait_for(event.wait(), seconds)`` returns normally when the task
is cancelled in the same turn of the loop as the event is set: the cancellation is lost.
A background loop waiting that way (``while True: ... wait_for(...)``) then goes on after
the server asked it to stop, and the shutdown that awaits it never ends. ``asyncio.timeout``
keeps the cancellation.
"""

from __future__ import annotations

import asyncio


async def wait_event(event: asyncio.Event, seconds: float) -> bool:
    """Until ``event`` is set (True) or ``seconds`` have passed (False); a cancellation of
    the waiting task is always raised."""
    try:
        async with asyncio.timeout(seconds):
            await event.wait()
    except TimeoutError:
        return False
    return True
