"""One-line text fields: the shortcut past nh3 gives what nh3 gives."""

from __future__ import annotations

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.core.editing import _unescape_basic, clean_text
from newsflow.errors import InvalidInput


def _through_nh3(value: str) -> str | None:
    return _unescape_basic(" ".join(nh3.clean(value, tags=set()).split())) or None


# Letters and marks of every script, digits, punctuation, symbols, spaces, controls and
# format characters (RLM, ZWJ), NBSP, tags and entities.
TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("<>&;\"'  \u00a0\u200f\u200d\t\n\r\x00")),
        st.sampled_from(["<b>", "</b>", "&amp;", "&lt;", "<script>x</script>", "&#65;", "&nbsp;"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(value=TEXT)
def test_same_as_nh3_for_any_text(value: str) -> None:
    try:
        got = clean_text(value, "headline")
    except InvalidInput:
        return  # refused before cleaning either way (broken Unicode)
    assert got == _through_nh3(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Rates   rise > 5%  ", "Rates rise > 5%"),
        ("ارتفاع الأسعار في القاهرة", "ارتفاع الأسعار في القاهرة"),
        ("<b>Bold</b> & <script>alert(1)</script>news", "Bold & news"),
    ],
)
def test_examples(value: str, expected: str) -> None:
    assert clean_text(value, "headline") == expected
