"""Run a job on one node only: a PostgreSQL session advisory lock as a leader lease.

Webhook delivery must happen once per endpoint, not once per node. Every node runs
``run_as_leader``; the one whose dedicated connection holds the lock runs the job, the
others retry every few seconds. If the leader dies, PostgreSQL drops its session and
its lock, and another node takes over; if the leader loses its connection, it cancels
its job at once (it can no longer prove it is the only one).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import psycopg

log = logging.getLogger("newsflow.leader")

WEBHOOKS_LEASE = 0x6E6600F2
ALERTS_LEASE = 0x6E6600F3  # e-mail alerts: one sender per deployment


async def run_as_leader(
    url: str, key: int, job: Callable[[], Coroutine[Any, Any, None]], *, retry_seconds: float = 3.0
) -> None:
    url = url.replace("postgresql+psycopg://", "postgresql://", 1)
    while True:
        task: asyncio.Task[None] | None = None
        try:
            async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
                cur = await conn.execute("SELECT pg_try_advisory_lock(%s)", (key,))
                row = await cur.fetchone()
                if row and row[0]:
                    log.info("leader for lease %#x: starting the job", key)
                    task = asyncio.create_task(job())
                    while not task.done():
                        await asyncio.sleep(retry_seconds)
                        await conn.execute("SELECT 1")  # raises once the session is gone
                    task.result()  # surface a job that ended on its own
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("lease %#x lost or unavailable (%s)", key, exc)
        finally:
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        await asyncio.sleep(retry_seconds)
