"""Log lines as JSON objects (``NEWSFLOW_LOG_FORMAT=json``), each with its request id.

One object per line on stderr: ``time`` (UTC, ISO 8601), ``level``, ``logger``,
``message``, ``request_id`` when the line was written while a request ran (set by
``newsflow.web.observe``), the fields passed as ``extra`` (the access line's method,
path, route, status and duration), and ``exception`` with the traceback as one string.
A log collector reads it without parsing free text.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

request_id: ContextVar[str | None] = ContextVar("newsflow_request_id", default=None)

# Attributes every LogRecord has; anything else on a record came from ``extra``.
# uvicorn's ``color_message`` repeats the message with terminal colours.
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message", "asctime", "taskName", "color_message",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = request_id.get()
        if rid is not None:
            line["request_id"] = rid
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in line:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(log_format: str, level: int = logging.INFO) -> None:
    """Route every logger (newsflow's and uvicorn's) to one stderr handler in ``log_format``.

    ``text`` leaves logging as uvicorn sets it up; ``json`` replaces the root handlers.
    """
    if log_format != "json":
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
