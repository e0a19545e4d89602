"""Whether a node can do its work now (``GET /readyz``), and whether it can start at all.

Readiness is not liveness: ``/healthz`` says the process answers; ``/readyz`` says the
dependencies answer too — the database (one ``SELECT 1``) and, when configured, NATS (the
client's connection state, no round trip). A load balancer takes a node that is not
ready out of rotation until it is again; the node itself keeps running and recovers on
its own.

``unreachable`` is the start-up form of the same question, asked before anything is
built, so ``newsflow serve`` can say in one line which dependency is missing and why
(or wait for it with ``--wait-for-services``).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import nats
import sqlalchemy as sa

from newsflow.errors import Unavailable
from newsflow.flow.nats_bus import servers
from newsflow.store.database import Database

CHECK_TIMEOUT = 3.0  # seconds a readiness probe waits for the database


@dataclass(frozen=True, slots=True)
class Unreachable:
    setting: str  # the environment variable that names the dependency
    what: str  # PostgreSQL, SQLite, NATS
    where: str  # the address, without credentials
    why: str  # the driver's reason, one line

    def line(self) -> str:
        return f"{self.what} at {self.where} ({self.setting}) is unreachable: {self.why}"


def reason(exc: BaseException) -> str:
    """A driver's error as one line (psycopg's messages run over several)."""
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, Unavailable) and exc.__cause__ is not None:  # the driver's own words
        exc = exc.__cause__
    if isinstance(exc, OSError) and (exc.errno or 0) > 0:  # asyncio: "[Errno 111] Connect call failed (...)"
        return os.strerror(exc.errno or 0)
    if isinstance(exc, OSError) and exc.strerror:  # name resolution
        return str(exc.strerror)
    text = str(getattr(exc, "orig", None) or exc).strip()
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first.removeprefix("connection failed: ") or type(exc).__name__


def safe_url(url: str) -> str:
    """``url`` without a password (database and NATS URLs may carry one)."""
    if url.startswith(("postgresql", "postgres", "sqlite")):
        return sa.make_url(url).render_as_string(hide_password=True)
    if "," in url:  # a NATS cluster's servers
        return ",".join(safe_url(one) for one in servers(url))
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


async def check(db: Database, connected: Callable[[], bool] | None, search: dict[str, Any]) -> dict[str, Any]:
    """Each dependency's state; ``ok`` is whether every one answers."""
    checks: dict[str, Any] = {}
    try:
        async with asyncio.timeout(CHECK_TIMEOUT):
            await asyncio.to_thread(db.ping)
        checks["database"] = {"ok": True, "dialect": db.dialect}
    except Exception as exc:  # whatever the driver raises: the database is not usable now
        checks["database"] = {"ok": False, "dialect": db.dialect, "error": reason(exc)}
    if connected is not None:
        up = connected()
        checks["nats"] = {"ok": up} if up else {"ok": False, "error": "not connected to any NATS server"}
    checks["search"] = {"ok": True, **search}
    return {"ok": all(c["ok"] for c in checks.values()), "checks": checks}


def unreachable(database_url: str, sqlalchemy_url: str, nats_url: str | None) -> list[Unreachable]:
    """The dependencies a node cannot reach now, before it builds anything."""
    out: list[Unreachable] = []
    db = Database(sqlalchemy_url, group_commit=False)
    try:
        db.ping()
    except Exception as exc:  # any driver error: report it as one line
        what = "PostgreSQL" if db.dialect == "postgresql" else db.dialect
        out.append(Unreachable("NEWSFLOW_DATABASE_URL", what, safe_url(database_url or sqlalchemy_url), reason(exc)))
    finally:
        db.dispose()
    if nats_url:
        why = asyncio.run(_nats_problem(nats_url))
        if why is not None:
            out.append(Unreachable("NEWSFLOW_NATS_URL", "NATS", safe_url(nats_url), why))
    return out


async def _nats_problem(url: str) -> str | None:
    errors: list[BaseException] = []

    async def on_error(exc: BaseException) -> None:
        errors.append(exc)

    try:
        nc = await nats.connect(
            # one retry after 0.1 s, then NoServersError (0 would mean "forever" here)
            servers(url), connect_timeout=CHECK_TIMEOUT, allow_reconnect=False, max_reconnect_attempts=1,
            reconnect_time_wait=0.1, error_cb=on_error, name="newsflow-probe",
        )
    except Exception as exc:  # NoServersError hides the cause; error_cb saw it
        cause = next((e for e in errors if not isinstance(e, type(exc))), exc)
        return reason(cause)
    await nc.close()
    return None
