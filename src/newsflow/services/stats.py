"""Delivery and download statistics for the admin, as plain series ready to chart.

Downloads are counted where they happen (``Subscribers.record_download``: one row per
document fetched). Deliveries per day are the flow entries sent out that day: every
entry goes to every entitled stream, webhook and poller, so the flow log is what the
agency put on the wire, independent of how many subscribers were listening.
Days with nothing are filled with zeros so a chart's bars line up with the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from newsflow.core.clock import Clock, utcnow
from newsflow.store import stats as store
from newsflow.store.database import Database

MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    key: str = ""  # a link target for the bar (e.g. a subscriber id), when there is one


@dataclass(frozen=True, slots=True)
class Report:
    start: date
    end: date  # exclusive
    downloads_per_day: tuple[Bar, ...]
    deliveries_per_day: tuple[Bar, ...]
    downloads_per_subscriber: tuple[Bar, ...]
    downloads_per_format: tuple[Bar, ...]

    @property
    def total_downloads(self) -> int:
        return sum(b.value for b in self.downloads_per_day)

    @property
    def total_deliveries(self) -> int:
        return sum(b.value for b in self.deliveries_per_day)


class Statistics:
    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self.db = db
        self.clock = clock

    def report(self, days: int = 30, subscriber_id: int | None = None) -> Report:
        """The last ``days`` UTC days up to and including today."""
        days = max(1, min(days, MAX_DAYS))
        today = self.clock().replace(hour=0, minute=0, second=0, microsecond=0)
        start, end = today - timedelta(days=days - 1), today + timedelta(days=1)
        with self.db.read() as conn:
            per_day = store.downloads_per_day(conn, start, end, subscriber_id)
            flow = store.flow_entries_per_day(conn, start, end)
            per_subscriber = store.downloads_per_subscriber(conn, start, end)
            per_format = store.downloads_per_format(conn, start, end)
        return Report(
            start=start.date(),
            end=end.date(),
            downloads_per_day=_calendar(start, days, per_day),
            deliveries_per_day=_calendar(start, days, flow),
            downloads_per_subscriber=tuple(Bar(name, n, str(sid)) for sid, name, n in per_subscriber),
            downloads_per_format=tuple(Bar(fmt, n) for fmt, n in sorted(per_format.items())),
        )


def _calendar(start: datetime, days: int, counts: dict[str, int]) -> tuple[Bar, ...]:
    out = []
    for i in range(days):
        day = (start + timedelta(days=i)).date().isoformat()
        out.append(Bar(day, counts.get(day, 0), day))
    return tuple(out)
