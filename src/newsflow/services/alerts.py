"""E-mail alerts for saved topics: follow the flow, match topics, send or gather, retry.

The alerts follow the flow log like every other channel (a cursor, exactly once): a
published story is told to a topic only after its commit, never from the editor's
request. For each new story (``publish``), every topic with an e-mail address whose
filters match and whose user's subscription is entitled to the story *now* gets one
outbox row: flash and urgent stories are sent at once, the rest gathered into a digest
per user. A user receives at most ``alerts_per_hour`` e-mails in any hour; past that,
stories wait for the next digest (so a topic matching everything cannot flood a
mailbox). When the SMTP server is down rows stay pending and are retried with a
doubling wait; the flow and the wire never wait for e-mail.

E-mails carry the headline and a link to the wire (which asks for a login), never the
story's text. Each has a signed unsubscribe link that works without logging in, also
offered as one-click ``List-Unsubscribe`` (RFC 8058).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Any, Protocol

from itsdangerous import BadSignature, URLSafeSerializer

from newsflow.config import Settings
from newsflow.core.story import Action, Priority
from newsflow.core.topics import matches
from newsflow.errors import InvalidInput, NewsflowError, NotFound, Unavailable
from newsflow.store import alerts as store
from newsflow.store import flow_log
from newsflow.store import stories as story_store
from newsflow.store.database import Database

log = logging.getLogger("newsflow.alerts")
IMMEDIATE = (Priority.FLASH.value, Priority.URGENT.value)
BATCH = 500  # flow entries read per step
DIGEST_SHOWN = 50  # stories listed in one digest (the rest are counted)
_EMAIL = re.compile(r"^[^@\s<>\"',;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$")


class Mailer(Protocol):
    def send(self, messages: list[EmailMessage]) -> None: ...


class Entitlements(Protocol):
    def live_entitlement(self, subscriber_id: int, client_ip: str | None = None) -> Any: ...


def clean_email(value: str | None) -> str | None:
    """An address to send alerts to, or None for none; anything else is refused."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 254 or not _EMAIL.match(value):
        raise InvalidInput(f"{value[:80]!r} is not an e-mail address", field="email")
    return value


class Alerts:
    def __init__(
        self, db: Database, settings: Settings, subscribers: Entitlements, mailer: Mailer | None,
        clock: Callable[[], datetime],
    ) -> None:
        self.db = db
        self.settings = settings
        self.subscribers = subscribers
        self.mailer = mailer
        self.clock = clock
        self._signer = URLSafeSerializer(settings.secret_key, salt="alert-unsubscribe")

    @property
    def enabled(self) -> bool:
        return self.mailer is not None

    # -- topics -------------------------------------------------------------------------------
    def set_email(self, user_id: int, filter_id: int, email: str | None) -> None:
        address = clean_email(email)
        with self.db.write() as tx:
            if not store.set_email(tx.conn, user_id, filter_id, address):
                raise NotFound(f"no saved topic {filter_id}")

    def emails_of(self, user_id: int) -> dict[int, str]:
        with self.db.read() as conn:
            return store.emails_of(conn, user_id)

    def unsubscribe_token(self, filter_id: int, email: str) -> str:
        return str(self._signer.dumps([filter_id, email]))

    def unsubscribe_url(self, filter_id: int, email: str) -> str:
        return f"{self.settings.link_base}/alerts/unsubscribe?t={self.unsubscribe_token(filter_id, email)}"

    def read_token(self, token: str) -> tuple[int, str]:
        try:
            filter_id, email = self._signer.loads(token)
            return int(filter_id), str(email)
        except (BadSignature, ValueError, TypeError) as exc:
            raise InvalidInput("this unsubscribe link is not valid", field="t") from exc

    def unsubscribe(self, token: str) -> bool:
        """Stop e-mail for the link's topic; False if it had already stopped."""
        filter_id, email = self.read_token(token)
        with self.db.write() as tx:
            return store.clear_email(tx.conn, filter_id, email)

    # -- following the flow ----------------------------------------------------------------
    def collect(self) -> int:
        """Turn new flow entries into outbox rows; returns the entries read."""
        now = self.clock()
        with self.db.read() as conn:
            after = store.cursor(conn)
            entries = flow_log.read_after(conn, after, BATCH)
            topics = store.email_topics(conn) if entries else []
            rows: list[dict[str, Any]] = []
            for entry in entries:
                if entry.action is not Action.PUBLISH or not topics:
                    continue
                if entry.created < now - timedelta(days=1):  # e-mail turned on late: no old news
                    continue
                version = story_store.get_version(conn, entry.story_id, entry.version)
                rows.extend(self._rows_for(entry.seq, version, topics, now))
        if not entries:
            return 0
        with self.db.write() as tx:
            if store.advance(tx.conn, after, entries[-1].seq):
                store.enqueue(tx.conn, rows)
        return len(entries)

    def _rows_for(self, seq: int, version: Any, topics: list[Any], now: datetime) -> list[dict[str, Any]]:
        content = version.content
        fields = {
            "category": content.category, "priority": content.priority.value, "language": content.language,
            "type": content.type.value, "topics": [(s.qcode, s.name) for s in content.subjects],
        }
        rows = []
        for topic in topics:
            try:
                view = json.loads(topic.filters)
            except ValueError:
                continue
            if not isinstance(view, dict) or not matches(view, **fields):
                continue
            try:  # entitled *now*: an expired or narrowed subscription gets no alert
                if not self.subscribers.live_entitlement(topic.subscriber_id).allows_version(version, now):
                    continue
            except Unavailable:
                raise  # the database is away: the follower retries this entry, no topic is skipped
            except NewsflowError:
                continue
            rows.append({
                "user_id": topic.user_id, "filter_id": topic.id, "email": topic.email, "story_id": version.story_id,
                "version": version.version, "seq": seq, "headline": version.headline,
                "priority": content.priority.value, "language": content.language,
                "kind": "immediate" if content.priority.value in IMMEDIATE else "digest",
                "status": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now,
            })
        return rows

    # -- sending -------------------------------------------------------------------------------
    def deliver(self) -> int:
        """Send what is due; returns the e-mails sent. Stops at the first SMTP failure."""
        if self.mailer is None:
            return 0
        now = self.clock()
        hour_ago = now - timedelta(hours=1)
        sent = 0
        with self.db.read() as conn:
            due = store.due_immediate(conn, now)
            digest = store.pending_digest(conn)
            used = {uid: store.sent_since(conn, uid, hour_ago) for uid in {r.user_id for r in (*due, *digest)}}
        over: list[int] = []
        for row in due:
            if used[row.user_id] >= self.settings.alerts_per_hour:
                over.append(row.id)
                continue
            if not self._send([row.id], [self._immediate(row)], row.attempts):
                return sent
            used[row.user_id] += 1
            sent += 1
        if over:
            with self.db.write() as tx:
                store.to_digest(tx.conn, over)
            digest = [*digest, *[r for r in due if r.id in over]]
        gather = timedelta(minutes=self.settings.alert_digest_minutes)
        by_topic: dict[tuple[int, int], list[Any]] = {}  # one digest per topic (its address, its unsubscribe)
        for row in digest:
            by_topic.setdefault((row.user_id, row.filter_id), []).append(row)
        for (user_id, _), rows in by_topic.items():
            if used.get(user_id, 0) >= self.settings.alerts_per_hour:
                continue
            if min(r.created_at for r in rows) > now - gather or max(r.next_attempt_at for r in rows) > now:
                continue
            if not self._send([r.id for r in rows], [self._digest(rows)], max(r.attempts for r in rows)):
                return sent
            used[user_id] = used.get(user_id, 0) + 1
            sent += 1
        return sent

    def _send(self, ids: list[int], messages: list[EmailMessage], attempts: int) -> bool:
        assert self.mailer is not None
        try:
            self.mailer.send(messages)
        except Exception as exc:  # SMTP down, refused, timed out: retry later
            wait = min(3600.0, self.settings.alert_retry_seconds * (2 ** min(attempts, 16)))
            log.warning("alert e-mail not sent (attempt %d, retry in %.0f s): %s", attempts + 1, wait, exc)
            with self.db.write() as tx:
                store.mark_failed(tx.conn, ids, f"{type(exc).__name__}: {exc}", self.clock() + timedelta(seconds=wait))
            return False
        with self.db.write() as tx:
            store.mark_sent(tx.conn, ids, self.clock())
        return True

    def next_wake(self) -> float | None:
        """Seconds until a retry or a digest is due (None: nothing waits)."""
        now = self.clock()
        with self.db.read() as conn:
            times = [store.next_attempt(conn)]
            oldest = store.oldest_digest(conn)
        if oldest is not None:
            times.append(oldest + timedelta(minutes=self.settings.alert_digest_minutes))
        due = [t for t in times if t is not None]
        if not due:
            return None
        return max(0.05, (min(due) - now).total_seconds())

    def cursor(self) -> int:
        """The last flow seq turned into outbox rows."""
        with self.db.read() as conn:
            return store.cursor(conn)

    def counts(self) -> dict[tuple[str, str], int]:
        with self.db.read() as conn:
            return store.counts(conn)

    # -- messages ------------------------------------------------------------------------------
    def _message(self, to: str, subject: str, lines: list[str], unsubscribe: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = formataddr((self.settings.agency_name, self.settings.mail_from))
        message["To"] = to
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain=self.settings.mail_from.rpartition("@")[2] or "newsflow")
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message["Auto-Submitted"] = "auto-generated"
        body = "\n".join([*lines, "", f"Unsubscribe from this topic: {unsubscribe}", ""])
        message.set_content(body, charset="utf-8")
        return message

    def _link(self, story_id: int) -> str:
        return f"{self.settings.link_base}/wire/stories/{story_id}"

    def _immediate(self, row: Any) -> EmailMessage:
        label = Priority(row.priority).value.upper()
        return self._message(
            row.email, f"[{label}] {row.headline}",
            [row.headline, self._link(row.story_id)],
            self.unsubscribe_url(row.filter_id, row.email),
        )

    def _digest(self, rows: list[Any]) -> EmailMessage:
        shown = rows[:DIGEST_SHOWN]
        lines = [f"{len(rows)} new stories for your topics:", ""]
        for r in shown:
            lines += [f"- {r.headline}", f"  {self._link(r.story_id)}"]
        if len(rows) > len(shown):
            lines.append(f"… and {len(rows) - len(shown)} more on the wire: {self.settings.link_base}/wire/")
        first = rows[0]
        return self._message(
            first.email, f"{len(rows)} new stories for your topics", lines,
            self.unsubscribe_url(first.filter_id, first.email),
        )
