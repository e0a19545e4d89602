"""Addresses a saved topic may send alerts to: one plain address, nothing that could
add a header or a second recipient."""

from __future__ import annotations

import pytest

from newsflow.errors import InvalidInput
from newsflow.services.alerts import clean_email


def test_good_addresses_and_none() -> None:
    assert clean_email(" night.desk@example.org ") == "night.desk@example.org"
    assert clean_email("a+alerts@mail.example.co.uk") == "a+alerts@mail.example.co.uk"
    assert clean_email("") is None and clean_email(None) is None


@pytest.mark.parametrize("bad", [
    "not-an-address", "a@b", "a@@example.org", "x@example.org\r\nBcc: all@example.org", "x@example.org\nTo: y@e.org",
    "<a@example.org>", "a@example.org, b@example.org", "a b@example.org", "a@-example.org", "a" * 250 + "@e.org",
])
def test_anything_else_is_refused(bad: str) -> None:
    with pytest.raises(InvalidInput):
        clean_email(bad)
