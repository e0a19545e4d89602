"""Sending e-mail through an SMTP server named by a URL (``NEWSFLOW_SMTP_URL``).

``smtp://host:port`` sends in the clear (a local relay); ``smtp://…?starttls=1`` or
``smtp+starttls://`` upgrades with STARTTLS first; ``smtps://`` is TLS from the start.
``user:password@`` in the URL logs in (after TLS, when TLS is asked for). Blocking
``smtplib``: callers run it in a worker thread, never on the event loop.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from newsflow.errors import InvalidInput


@dataclass(frozen=True)
class SmtpMailer:
    host: str
    port: int
    starttls: bool = False
    tls: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = 15.0

    @classmethod
    def from_url(cls, url: str) -> SmtpMailer:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps", "smtp+starttls"):
            raise InvalidInput("NEWSFLOW_SMTP_URL must be smtp://, smtp+starttls:// or smtps://", field="smtp_url")
        query = parse_qs(parts.query)
        starttls = parts.scheme == "smtp+starttls" or query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes")
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or (465 if parts.scheme == "smtps" else 25),
            starttls=starttls,
            tls=parts.scheme == "smtps",
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )

    def send(self, messages: list[EmailMessage]) -> None:
        """Send the messages over one connection; any SMTP or network error is raised."""
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if self.tls:
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with client:
            client.ehlo()
            if self.starttls:
                client.starttls(context=context)
                client.ehlo()
            if self.username:
                client.login(self.username, self.password or "")
            for message in messages:
                client.send_message(message)
