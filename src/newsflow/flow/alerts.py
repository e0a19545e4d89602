"""The e-mail alert worker: wakes on every commit of the flow and when a retry or a
digest is due, and runs ``services.alerts.Alerts`` in a worker thread (smtplib blocks).

One worker per deployment: on PostgreSQL it runs under a lease (``flow.leader``), like
webhooks. A failure (database or SMTP) is logged and retried; it never stops the flow.
"""

from __future__ import annotations

import asyncio
import logging

from newsflow.flow.signal import FlowSignal
from newsflow.services.alerts import Alerts

log = logging.getLogger("newsflow.alerts")
RECHECK_SECONDS = 30.0  # look again at least this often (another node's commits, clock drift)


class AlertWorker:
    def __init__(self, alerts: Alerts, signal: FlowSignal) -> None:
        self.alerts = alerts
        self.signal = signal
        self.steps = 0  # completed passes, for tests and diagnostics

    def step(self) -> float:
        """One pass: outbox rows from new flow entries, then what is due; the next wait."""
        while self.alerts.collect():
            pass
        self.alerts.deliver()
        wake = self.alerts.next_wake()
        self.steps += 1
        return RECHECK_SECONDS if wake is None else min(wake, RECHECK_SECONDS)

    async def run(self) -> None:
        while True:
            seen = self.signal.latest
            try:
                wait = await asyncio.to_thread(self.step)
            except Exception:
                log.exception("alerts: pass failed; trying again shortly")
                wait = 5.0
            await self.signal.wait_beyond(seen, wait)
