"""HTML to paragraphs."""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.text.html import (
    _BLOCKS,
    _SKIP,
    _collapsed,
    _paragraphs_only,
    plain_paragraphs,
    plain_text,
)


def test_blocks_and_breaks_become_paragraphs() -> None:
    html = "<h2>Title</h2><p>One <b>bold</b>\n line<br>second</p><ul><li>a</li><li>b</li></ul>"
    assert plain_paragraphs(html) == ["Title", "One bold line", "second", "a", "b"]


def test_scripts_dropped_and_text_joined() -> None:
    html = "<p>أذربيجان</p><script>alert(1)</script><p>باكو</p>"
    assert plain_text(html) == "أذربيجان\n\nباكو"


def test_empty() -> None:
    assert plain_paragraphs("  ") == []


# The plain definition: whitespace runs collapsed by the regular expression, every node's
# text and tail read where the walk meets them.
_SPACE = re.compile(r"\s+")


def _reference_walk(element: Any, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        if element.tail:
            out.append(element.tail)
        return
    if tag in _BLOCKS:
        out.append("\x00")
    if tag == "br":
        out.append("\x00")
    if element.text and tag:
        out.append(element.text)
    for child in element:
        _reference_walk(child, out)
    if tag in _BLOCKS:
        out.append("\x00")
    if element.tail:
        out.append(element.tail)


def _reference(html: str) -> list[str]:
    if not html.strip():
        return []
    out: list[str] = []
    _reference_walk(lxml.html.fragment_fromstring(html, create_parent="div"), out)
    paragraphs = (_SPACE.sub(" ", chunk).strip() for chunk in "".join(out).split("\x00"))
    return [p for p in paragraphs if p]


# every character str.isspace() calls whitespace, and some that look like it but are not
_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_SPACES = "\u200b\u200c\u200d\u2060\ufeff\u0640"
_PIECES = st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<br>", "<li>", "</li>", "<ul>", "</ul>", "<div>", "</div>",
     "<script>x()</script>", "<!-- c -->", "&amp;", "&nbsp;", "باكو", "Baku", "والمفاوضات", "1,5", "."]
)
_TEXTS = st.lists(
    st.one_of(_PIECES, st.sampled_from(list(_SPACES + _NOT_SPACES)), st.text(max_size=4)), max_size=30
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_same_paragraphs_as_the_plain_definition(html: str) -> None:
    try:
        expected = _reference(html)
    except Exception as exc:  # lxml refuses it: so must plain_paragraphs
        with pytest.raises(type(exc)):
            plain_paragraphs(html)
        return
    assert plain_paragraphs(html) == expected


# paragraphs and nothing else (how plain text is saved): read without a parse
_PARAGRAPH_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(["<p>", "</p>", "<p>", "</p>", "باكو", "Baku", "&amp;", "&", "<", ">", "<br>", "\x00", "\x01", "\r\n"]),
        st.sampled_from(list(_SPACES + _NOT_SPACES)),
        st.text(max_size=3),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_PARAGRAPH_TEXTS)
def test_paragraphs_only_read_as_the_parser_reads_them(html: str) -> None:
    try:
        expected = _reference(html)
    except Exception as exc:
        with pytest.raises(type(exc)):
            plain_paragraphs(html)
        return
    assert plain_paragraphs(html) == expected


def test_paragraphs_only_skip_the_parser() -> None:
    assert _paragraphs_only("<p>باكو\u200f</p>\n<p> Baku\x0b1 </p>") == ["باكو\u200f", "\n", " Baku\x0b1 ", ""]
    for other in ["<p>a &amp; b</p>", "<p>a<b>b</b></p>", "<p dir='rtl'>a</p>", "x<p>a</p>", "<p>a", "<p>\x00</p>"]:
        assert _paragraphs_only(other) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([*_SPACES, *_NOT_SPACES, " ", "  ", "باكو", "a"]), st.text(max_size=3)), max_size=12).map("".join))
def test_a_collapsed_chunk_is_its_own_collapse(chunk: str) -> None:
    if _collapsed(chunk):
        assert " ".join(chunk.split()) == chunk
    assert _collapsed(" ".join(chunk.split())) or not " ".join(chunk.split()).isprintable()
