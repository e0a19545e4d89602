"""E-mail alerts for saved topics through a real SMTP server (aiosmtpd, in this process).

Immediate e-mail for flash/urgent, a digest for the rest, a signed unsubscribe link
that works without logging in, the per-user limit against a topic matching everything,
an invalid address refused, and an SMTP server that is down: the alerts wait and are
retried while publishing and the wire go on. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services, build_services
from tests.conftest import ADMIN_TOKEN, free_port, story_fields
from tests.functional.portal.test_desk import PASSWORD, log_in
from tests.waiting import wait_until


@dataclass
class Inbox:
    """What the SMTP server received (aiosmtpd handler)."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def all(self) -> list[EmailMessage]:
        with self.lock:
            return list(self.messages)


class SmtpServer:
    def __init__(self, port: int) -> None:
        from aiosmtpd.controller import Controller

        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


class Clock:
    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@dataclass
class Rig:
    services: Services
    client: TestClient
    clock: Clock
    port: int


def make_rig(tmp_path: Path, backend: str, port: int, **overrides: Any) -> Iterator[Rig]:
    values: dict[str, Any] = {
        "data_dir": tmp_path, "database_url": backend, "base_url": "http://testserver", "admin_token": ADMIN_TOKEN,
        "secret_key": "test-secret-key", "smtp_url": f"smtp://127.0.0.1:{port}", "alert_retry_seconds": 0.05,
        "alert_digest_minutes": 60.0, "alerts_per_hour": 10,
    }
    values.update(overrides)
    settings = Settings(**values)
    clock = Clock()
    services = build_services(settings, clock=clock)
    try:
        with TestClient(create_app(settings, services=services)) as client:
            yield Rig(services, client, clock, port)
    finally:
        services.db.dispose()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer(free_port()) as server:
        yield server


@pytest.fixture
def rig(tmp_path: Path, backend: str, smtp: SmtpServer) -> Iterator[Rig]:
    yield from make_rig(tmp_path, backend, smtp.controller.port)


def subscriber_with_topic(rig: Rig, filters: dict[str, str], email: str = "night.desk@example.org") -> str:
    services = rig.services
    sub = services.subscribers.create({"name": "Al-Waqt"})
    services.accounts.create_user("night", Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"])
    token = log_in(rig.client, "wire", "night")
    r = rig.client.post("/wire/topics", data={"csrf_token": token, "name": "Night watch", "alert": "on",
                                             "email": email, **filters}, follow_redirects=False)
    assert r.status_code == 303, r.text
    assert email in rig.client.get("/wire/topics").text
    return token


def processed(rig: Rig) -> bool:
    """The alerts have read the whole flow and nothing is due to send right now.

    The cursor is read before the outbox: it moves in the same transaction that queues
    the entries' rows, and a queued row only moves on (sent, or held for the digest).
    Counts read after the cursor has reached the flow's end hold every row; counts read
    before it may predate the last entry's rows and show nothing pending.
    """
    alerts = rig.services.alerts
    if alerts.cursor() < rig.services.signal.latest:
        return False
    return not alerts.counts().get(("immediate", "pending"))


def test_a_flash_alert_arrives_with_a_working_unsubscribe_link(rig: Rig, smtp: SmtpServer) -> None:
    subscriber_with_topic(rig, {"priority": "flash"})
    headline = "عاجل: زلزال بقوة 6 درجات يضرب شرق تركيا"
    rig.services.newsroom.create(story_fields(headline="Routine story", priority="routine"), publish=True)
    story = rig.services.newsroom.create(story_fields(headline=headline, language="ar", priority="flash"), publish=True)

    [mail] = wait_until(smtp.inbox.all, "the alert e-mail")
    assert headline in str(mail["Subject"]) and str(mail["To"]) == "night.desk@example.org"
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"http://testserver/wire/stories/{story.id}" in text
    assert "Markets were calm." not in text  # the headline and a link, never the story's text
    link = re.search(r"Unsubscribe from this topic: (\S+)", text)
    assert link and str(mail["List-Unsubscribe"]) == f"<{link.group(1)}>"

    stranger = TestClient(rig.client.app)  # no login: the signed link is enough (no second lifespan)
    path = link.group(1).removeprefix("http://testserver")
    page = stranger.get(path)
    assert page.status_code == 200 and 'id="unsubscribe"' in page.text
    assert "night.desk@example.org" in rig.client.get("/wire/topics").text  # a GET changes nothing
    done = stranger.post("/alerts/unsubscribe", data={"t": path.split("t=", 1)[1]})
    assert done.status_code == 200 and 'id="unsubscribed"' in done.text
    tampered = stranger.post("/alerts/unsubscribe", data={"t": path.split("t=", 1)[1][:-2] + "xx"})
    assert tampered.status_code == 422
    assert "night.desk@example.org" not in rig.client.get("/wire/topics").text

    rig.services.newsroom.create(story_fields(headline="Second flash", priority="flash"), publish=True)
    wait_until(lambda: processed(rig), "the alerts to read the second flash")
    assert len(smtp.inbox.all()) == 1  # unsubscribed: nothing more


def test_links_in_alerts_use_the_configured_public_address(tmp_path: Path, backend: str, smtp: SmtpServer) -> None:
    """Behind a proxy the server's own address is not the readers': NEWSFLOW_PUBLIC_URL is."""
    for rig in make_rig(tmp_path, backend, smtp.controller.port, public_url="https://news.example/"):
        subscriber_with_topic(rig, {"priority": "flash"})
        story = rig.services.newsroom.create(story_fields(headline="Dam breaks", priority="flash"), publish=True)
        [mail] = wait_until(smtp.inbox.all, "the alert e-mail")
        text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert f"https://news.example/wire/stories/{story.id}" in text
        assert "http://testserver" not in text and "testserver" not in str(mail["List-Unsubscribe"])
        link = re.search(r"Unsubscribe from this topic: (\S+)", text)
        assert link and link.group(1).startswith("https://news.example/alerts/unsubscribe?t=")
        page = TestClient(rig.client.app).get(link.group(1).removeprefix("https://news.example"))
        assert page.status_code == 200 and 'id="unsubscribe"' in page.text


def test_routine_stories_are_gathered_into_one_digest(rig: Rig, smtp: SmtpServer) -> None:
    subscriber_with_topic(rig, {"category": "economy"})
    for n in (1, 2):
        rig.services.newsroom.create(story_fields(headline=f"Markets story {n}"), publish=True)
    wait_until(lambda: rig.services.alerts.counts().get(("digest", "pending")) == 2, "two stories waiting for a digest")
    assert smtp.inbox.all() == []  # routine stories wait for the digest
    rig.clock.offset = timedelta(minutes=61)  # the digest is due; any commit wakes the worker
    rig.services.newsroom.create(story_fields(headline="Sports result", category="sports"), publish=True)
    [digest] = wait_until(smtp.inbox.all, "the digest")
    text = digest.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert str(digest["Subject"]) == "2 new stories for your topics"
    assert "Markets story 1" in text and "Markets story 2" in text and "Sports result" not in text


def test_a_topic_matching_everything_cannot_flood_a_mailbox(
    tmp_path: Path, backend: str, smtp: SmtpServer
) -> None:
    for rig in make_rig(tmp_path, backend, smtp.controller.port, alerts_per_hour=3):
        subscriber_with_topic(rig, {"type": "text"})
        for n in range(6):
            rig.services.newsroom.create(story_fields(headline=f"Flash {n}", priority="flash"), publish=True)
        wait_until(lambda rig=rig: processed(rig) and rig.services.alerts.counts().get(("immediate", "sent")) == 3,
                   "three alerts sent and the rest held")
        assert len(smtp.inbox.all()) == 3  # the per-user limit holds
        counts = rig.services.alerts.counts()
        assert counts[("digest", "pending")] == 3, counts  # the rest wait for a later digest
        assert rig.client.get("/healthz").json()["ok"]


def test_an_address_that_is_not_one_is_refused(rig: Rig) -> None:
    services = rig.services
    sub = services.subscribers.create({"name": "Gazette"})
    services.accounts.create_user("day", Role.SUBSCRIBER, password=PASSWORD, subscriber_id=sub["id"])
    token = log_in(rig.client, "wire", "day")
    for bad in ("not-an-address", "a@b", "x@example.org\r\nBcc: all@example.org", "<a@example.org>", "a" * 250 + "@e.org"):
        r = rig.client.post("/wire/topics", data={"csrf_token": token, "name": "Economy", "category": "economy",
                                                  "email": bad})
        assert r.status_code == 422 and 'role="alert"' in r.text, bad
    assert "Economy" not in rig.client.get("/wire/topics").text  # nothing saved


def test_alerts_wait_while_the_smtp_server_is_down(tmp_path: Path, backend: str) -> None:
    port = free_port()  # nothing listens here yet
    for rig in make_rig(tmp_path, backend, port):
        subscriber_with_topic(rig, {"priority": "urgent"})
        rig.services.newsroom.create(story_fields(headline="Urgent: dam breaks", priority="urgent"), publish=True)
        wait_until(lambda rig=rig: rig.services.alerts.counts().get(("immediate", "pending")) == 1
                   and rig.services.alerts.cursor() == rig.services.signal.latest, "the alert queued")
        wait_until(lambda rig=rig: _attempts(rig) >= 2, "a failed attempt and a retry")
        # the flow and the wire go on
        later = rig.services.newsroom.create(story_fields(headline="Life goes on"), publish=True)
        assert rig.client.get("/wire/").status_code == 200 and "Life goes on" in rig.client.get("/wire/").text
        assert later.status == "published"
        with SmtpServer(port) as smtp:  # the server comes back: the queued alert is delivered
            [mail] = wait_until(smtp.inbox.all, "the retried alert", timeout=60)
            assert "Urgent: dam breaks" in str(mail["Subject"])
        # the mail is received before the outbox row is marked sent: wait for the mark
        wait_until(lambda rig=rig: rig.services.alerts.counts() == {("immediate", "sent"): 1}, "the alert marked sent")


def _attempts(rig: Rig) -> int:
    import sqlalchemy as sa

    from newsflow.store.tables import alert_outbox

    with rig.services.db.read() as conn:
        return int(conn.execute(sa.select(sa.func.max(alert_outbox.c.attempts))).scalar() or 0)
