from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsflow.formats import nitf
from strategies import LANGUAGES, body_html


def _xml(html: str) -> list[str]:
    return [etree.tostring(e, encoding="unicode").replace(f' xmlns="{nitf.NITF_NS}"', "")
            for e in nitf.from_html(html)]


def test_mapping_table() -> None:
    html = ('<p>A <b>bold</b> &amp; <i>it</i> <a href="https://x.org/?a=1&amp;b=2">link</a>'
            '<span>s</span><img src="x.jpg"><br>end</p><h3>Sub</h3><h2>Main</h2>'
            "<ul><li>one<ul><li>nested</li></ul></li></ul><ol><li>1</li></ol>"
            "<blockquote>loose <em>quote</em><p>para</p></blockquote>"
            "<div><p>in div</p>tail text</div><script>alert(1)</script>")
    assert _xml(html) == [
        '<p>A <em class="strong">bold</em> &amp; <em>it</em> '
        '<a href="https://x.org/?a=1&amp;b=2">link</a>s<br/>end</p>',
        '<hl2 class="h3">Sub</hl2>',
        "<hl2>Main</hl2>",
        "<ul><li>one<ul><li>nested</li></ul></li></ul>",
        "<ol><li>1</li></ol>",
        "<bq><block><p>loose <em>quote</em></p><p>para</p></block></bq>",
        "<p>in div</p>",
        "<p>tail text</p>",
    ]


def test_back_to_html() -> None:
    html = '<p>A <strong>b</strong> <a href="https://x.org/">l</a><br>e</p><h3>S</h3><blockquote><p>q</p></blockquote>'
    assert nitf.to_html(nitf.from_html(html)) == html


def test_unknown_nitf_is_reduced_to_text() -> None:
    table = etree.fromstring(f'<table xmlns="{nitf.NITF_NS}"><tr><td>a</td><td>b</td></tr></table>')
    assert nitf.to_html([table]) == "<p>a b</p>"


def test_empty_bodies() -> None:
    assert nitf.from_html("") == [] and nitf.from_html("  \n ") == []
    assert nitf.to_html([]) == ""


@given(st.sampled_from(LANGUAGES).flatmap(body_html))
def test_canonical_html_round_trips_exactly(html: str) -> None:
    assert nitf.to_html(nitf.from_html(html)) == html


@given(st.text(alphabet=st.sampled_from(list("<>/&;= \"'abpuliemstrongdvh23qbr\u0627\u200f")),
               max_size=80))
def test_any_html_reaches_a_fixed_point(html: str) -> None:
    once = nitf.to_html(nitf.from_html(html))
    assert nitf.to_html(nitf.from_html(once)) == once
