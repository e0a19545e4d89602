"""What each wire user has read: marked when a story is opened, asked per page.

Read state belongs to a *user* (two people sharing a subscription read separately) and
is kept on the server, so it follows the user across browsers. A story read at an
older version than its latest is "updated since read": the wire shows such updates and
corrections differently from stories never opened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from newsflow.store import reads
from newsflow.store.database import Database


class Reading:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock

    def mark_read(self, user_id: int, story_id: int, version: int) -> None:
        with self.db.write() as tx:
            reads.mark(tx.conn, user_id, story_id, version, self.clock())

    def read_versions(self, user_id: int, story_ids: Iterable[int]) -> dict[int, int]:
        with self.db.read() as conn:
            return reads.versions(conn, user_id, story_ids)
