"""The webhook signature: HMAC-SHA256 over "<timestamp>." + body, checked for freshness."""

from __future__ import annotations

import hashlib
import hmac

from hypothesis import given
from hypothesis import strategies as st

from newsflow.flow.webhook_signature import signature, verify

SECRET = "whsec_unit-test-secret"


def test_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    expected = hmac.new(b"key", b"1700000000.{\"a\":1}", hashlib.sha256).hexdigest()
    assert signature("key", 1700000000, b'{"a":1}') == f"sha256={expected}"


@given(st.binary(max_size=2000), st.integers(min_value=0, max_value=2**40))
def test_what_is_signed_verifies_and_nothing_else_does(body: bytes, ts: int) -> None:
    header = signature(SECRET, ts, body)
    assert verify(SECRET, str(ts), body, header, now=ts)
    assert not verify(SECRET, str(ts), body + b"x", header, now=ts)
    assert not verify(SECRET + "x", str(ts), body, header, now=ts)
    assert not verify(SECRET, str(ts + 1), body, header, now=ts)  # the timestamp is signed too


def test_old_or_future_or_garbled_timestamps_are_refused() -> None:
    header = signature(SECRET, 1000, b"body")
    assert verify(SECRET, "1000", b"body", header, now=1000 + 300)
    assert not verify(SECRET, "1000", b"body", header, now=1000 + 301)
    assert not verify(SECRET, "1000", b"body", header, now=1000 - 301)
    assert not verify(SECRET, "ten", b"body", header, now=1000)
