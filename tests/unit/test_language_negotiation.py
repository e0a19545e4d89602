"""One Accept-Language negotiation (Babel) for the portals and the public site."""

from __future__ import annotations

import pytest

from newsflow.web.portal import i18n as portal
from newsflow.web.public import i18n as public


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("fr, ar-SA;q=0.9, en;q=0.8", "ar"),  # the first supported by q-value, region ignored
        ("en;q=0.1, tr;q=0.5", "tr"),
        ("ar;q=0, en", "en"),  # q=0 means "not this"
        ("TR-tr", "tr"),
        ("en-GB;q=0.8,ar;q=0.8", "en"),  # equal q: the earlier tag
        ("de, *", "en"),
        ("ar;q=bogus, tr", "tr"),
    ],
)
def test_both_sites_negotiate_the_same_way(header: str | None, expected: str) -> None:
    assert portal.negotiate(header) == expected
    assert public.negotiate(header) == expected


def test_the_supported_set_and_default_are_the_callers() -> None:
    assert portal.negotiate("ar, tr", supported=("tr",), default="tr") == "tr"
    assert portal.negotiate("de", supported=("ar",), default="ar") == "ar"
