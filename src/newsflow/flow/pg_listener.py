"""Wake this node when another node commits to the flow log (PostgreSQL LISTEN/NOTIFY).

The flow append sends ``NOTIFY newsflow_flow, '<seq>'`` inside its transaction, so the
notification is delivered exactly when the entry commits. This task listens on its own
connection and forwards the number to the local ``FlowSignal``; after every (re)connect
it also reads the log's end, so nothing committed while it was away is missed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import psycopg

from newsflow.flow.changes import CHANNEL as CHANGES
from newsflow.flow.signal import FlowSignal
from newsflow.store import flow_log

log = logging.getLogger("newsflow.pg_listener")

# While the listener is away this node hears of no other node's commit, so it retries
# often: a connection attempt every two seconds costs the database nothing.
MAX_RETRY_SECONDS = 2.0


def _libpq_url(sqlalchemy_url: str) -> str:
    return sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://", 1)


class PgFlowListener:
    def __init__(self, url: str, signal: FlowSignal, *, on_change: Callable[[str], None] | None = None) -> None:
        self.url = _libpq_url(url)
        self.signal = signal
        self.on_change = on_change  # payloads on the changes channel (flow/changes.py)
        self.connected = asyncio.Event()

    async def run(self) -> None:
        delay = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self.url, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {flow_log.NOTIFY_CHANNEL}")
                    if self.on_change is not None:
                        await conn.execute(f"LISTEN {CHANGES}")
                    cur = await conn.execute("SELECT coalesce(max(seq), 0) FROM flow_log")
                    row = await cur.fetchone()
                    self.signal.notify(int(row[0]) if row else 0)
                    self.connected.set()
                    delay = 0.5
                    async for note in conn.notifies():
                        if note.channel == CHANGES and self.on_change is not None:
                            self.on_change(note.payload)
                        elif note.payload.isdigit():
                            self.signal.notify(int(note.payload))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database restarts, the network blips: retry
                self.connected.clear()
                log.warning("flow listener lost its connection (%s); retrying in %.1fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_RETRY_SECONDS)
