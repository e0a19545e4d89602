"""HTML to paragraphs."""

from __future__ import annotations

from newsflow.text.html import plain_paragraphs, plain_text


def test_blocks_and_breaks_become_paragraphs() -> None:
    html = "<h2>Title</h2><p>One <b>bold</b>\n line<br>second</p><ul><li>a</li><li>b</li></ul>"
    assert plain_paragraphs(html) == ["Title", "One bold line", "second", "a", "b"]


def test_scripts_dropped_and_text_joined() -> None:
    html = "<p>أذربيجان</p><script>alert(1)</script><p>باكو</p>"
    assert plain_text(html) == "أذربيجان\n\nباكو"


def test_empty() -> None:
    assert plain_paragraphs("  ") == []
