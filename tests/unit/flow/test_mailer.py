"""NEWSFLOW_SMTP_URL read into the SMTP client's settings."""

from __future__ import annotations

import pytest

from newsflow.errors import InvalidInput
from newsflow.flow.mailer import SmtpMailer


def test_plain_starttls_tls_and_auth_from_the_url() -> None:
    assert SmtpMailer.from_url("smtp://127.0.0.1:1025") == SmtpMailer("127.0.0.1", 1025)
    assert SmtpMailer.from_url("smtp://mail.example.org?starttls=1").starttls
    tls = SmtpMailer.from_url("smtps://alerts%40agency:p%40ss@mail.example.org")
    assert (tls.tls, tls.port, tls.username, tls.password) == (True, 465, "alerts@agency", "p@ss")
    auth = SmtpMailer.from_url("smtp+starttls://u:pw@mx:587")
    assert (auth.starttls, auth.port, auth.username, auth.password) == (True, 587, "u", "pw")


def test_other_schemes_are_refused() -> None:
    with pytest.raises(InvalidInput):
        SmtpMailer.from_url("http://mail.example.org")
